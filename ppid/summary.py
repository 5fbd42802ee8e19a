"""What the console shows of the OPD's PPID: its checklist item and its open deadlines."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.registry import ChecklistItem
from core.tenancy import current_opd
from ppid.models import InformationRequest, PublicInformation
from ppid.records import rebuild_records
from tenants.models import Opd

CHECKLIST_ITEMS = (
    ChecklistItem(
        "dip",
        _("Daftar Informasi Publik terisi untuk setiap kategori"),
        position=70,
        admin_url=reverse_lazy("admin:ppid_publicinformation_changelist"),
        permission="ppid.add_publicinformation",
    ),
)


def checklist_facts() -> dict[str, bool]:
    categories = set(PublicInformation.objects.values_list("category", flat=True).distinct())
    return {"dip": categories >= set(PublicInformation.Category.values)}


def record_open_due_dates(**kwargs) -> None:
    """Signal receiver and rebuild step: store the due dates of the OPD's open PPID requests on
    its public row, where the console reads them."""
    opd = current_opd()
    if opd is not None:
        due_dates = list(
            InformationRequest.objects.open()
            .order_by("due_date")
            .values_list("due_date", flat=True)
        )
        Opd.objects.filter(pk=opd.pk).update(ppid_open_due_dates=due_dates)


def record_summary() -> None:
    """Everything of the OPD's PPID the public schema holds, recorded anew (core.registry's
    `record_summary`): the console's open due dates and the pemda's request records."""
    record_open_due_dates()
    rebuild_records()
