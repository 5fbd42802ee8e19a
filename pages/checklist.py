"""What the console's checklist counts of the OPD's pages and officials."""

from django.db import connection
from django.utils.translation import gettext_lazy as _

from core.registry import ChecklistItem
from pages.models import Official, Page

ITEMS = (
    ChecklistItem("profil", _("Halaman Profil terisi"), position=10),
    ChecklistItem("visi_misi", _("Halaman Visi dan Misi terisi"), position=20),
    ChecklistItem("tupoksi", _("Halaman Tugas Pokok dan Fungsi terisi"), position=30),
    ChecklistItem("struktur", _("Struktur organisasi dengan daftar pejabat"), position=40),
    ChecklistItem("kontak", _("Halaman Kontak terisi"), position=50),
    ChecklistItem("maklumat", _("Maklumat pelayanan"), position=80, service_units_only=True),
)
# Checklist item -> slug of the page that must have content.
PAGE_ITEMS = {
    "profil": "profil",
    "visi_misi": "visi-dan-misi",
    "tupoksi": "tugas-pokok-dan-fungsi",
    "struktur": "struktur-organisasi",
    "kontak": "kontak",
    "maklumat": "maklumat-pelayanan",
}


def facts() -> dict[str, bool]:
    filled = set(Page.objects.published().exclude(body_text="").values_list("slug", flat=True))
    found = {key: slug in filled for key, slug in PAGE_ITEMS.items()}
    found["struktur"] = found["struktur"] and Official.objects.exists()
    opd = connection.tenant
    found["kontak"] = found["kontak"] or bool(opd.address and opd.phone)
    return found
