"""Cache invalidation and the console's summary for the OPD's PPID."""

from django.db.models.signals import post_delete, post_save

from core import pagecache
from ppid.models import InformationRequest, PublicInformation
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
