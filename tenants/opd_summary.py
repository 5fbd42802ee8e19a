"""What the console shows about an OPD's own content, recorded from inside the OPD's schema.

Pages, officials, DIP entries and information requests live in the OPD schema; the console must
not read them on a request. Whenever they change, these functions store a small summary on the
OPD's public row (Opd.content_checklist, Opd.ppid_open_due_dates).
"""

from django.db import connection

from tenants.models import Opd

# Checklist item -> slug of the page that must have content.
PAGE_ITEMS = {
    "profil": "profil",
    "visi_misi": "visi-dan-misi",
    "tupoksi": "tugas-pokok-dan-fungsi",
    "struktur": "struktur-organisasi",
    "kontak": "kontak",
    "maklumat": "maklumat-pelayanan",
}


def content_checklist() -> dict[str, bool]:
    """The stored checklist items of the current OPD (recent news is derived elsewhere)."""
    from pages.models import Official, Page
    from ppid.models import PublicInformation

    filled = set(Page.objects.published().exclude(body_text="").values_list("slug", flat=True))
    facts = {key: slug in filled for key, slug in PAGE_ITEMS.items()}
    facts["struktur"] = facts["struktur"] and Official.objects.exists()
    opd = connection.tenant
    facts["kontak"] = facts["kontak"] or bool(opd.address and opd.phone)
    categories = set(PublicInformation.objects.values_list("category", flat=True).distinct())
    facts["dip"] = categories >= set(PublicInformation.Category.values)
    return facts


def record_content_checklist(**kwargs) -> None:
    """Signal receiver and rebuild step: store the current OPD's checklist on its public row."""
    opd = connection.tenant
    if isinstance(opd, Opd) and not opd.is_public:
        Opd.objects.filter(pk=opd.pk).update(content_checklist=content_checklist())


def record_ppid_summary(**kwargs) -> None:
    """Signal receiver and rebuild step: store the due dates of the OPD's open PPID requests."""
    from ppid.models import InformationRequest

    opd = connection.tenant
    if isinstance(opd, Opd) and not opd.is_public:
        due_dates = list(
            InformationRequest.objects.open()
            .order_by("due_date")
            .values_list("due_date", flat=True)
        )
        Opd.objects.filter(pk=opd.pk).update(ppid_open_due_dates=due_dates)
