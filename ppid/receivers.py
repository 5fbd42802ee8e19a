"""Cache invalidation, the console's summary and the pemda's records of the OPD's PPID."""

from django.db.models.signals import post_delete, post_save

from core import pagecache
from ppid import records
from ppid.models import InformationRequest, Objection, PublicInformation
from ppid.summary import record_open_due_dates


def dip_changed(sender, **kwargs):
    """The cached Daftar Informasi Publik (page and CSV) is stale."""
    pagecache.invalidate()


def connect() -> None:
    for signal in (post_save, post_delete):
        uid = signal is post_save
        signal.connect(dip_changed, sender=PublicInformation, dispatch_uid=f"ppid-dip-{uid}")
        signal.connect(
            record_open_due_dates, sender=InformationRequest, dispatch_uid=f"ppid-summary-{uid}"
        )
    post_save.connect(records.request_saved, sender=InformationRequest, dispatch_uid="ppid-rec-req")
    post_delete.connect(
        records.request_deleted, sender=InformationRequest, dispatch_uid="ppid-rec-req-del"
    )
    post_save.connect(records.objection_saved, sender=Objection, dispatch_uid="ppid-rec-obj")
    post_delete.connect(
        records.objection_deleted, sender=Objection, dispatch_uid="ppid-rec-obj-del"
    )
