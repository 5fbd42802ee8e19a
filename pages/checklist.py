"""What the console's checklist counts of the OPD's pages and officials."""

from django.db import connection
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.registry import ChecklistItem
from pages.models import Official, Page

# Checklist item -> slug of the page that must have content.
PAGE_ITEMS = {
    "profil": "profil",
    "visi_misi": "visi-dan-misi",
    "tupoksi": "tugas-pokok-dan-fungsi",
    "struktur": "struktur-organisasi",
    "kontak": "kontak",
}


def _page(key):
    """The OPD admin's page list showing the one page of this item."""
    return format_lazy("{}?slug={}", reverse_lazy("admin:pages_page_changelist"), PAGE_ITEMS[key])


_EDIT_PAGE = "pages.change_page"
ITEMS = (
    ChecklistItem(
        "profil", _("Halaman Profil terisi"), 10, admin_url=_page("profil"), permission=_EDIT_PAGE
    ),
    ChecklistItem(
        "visi_misi",
        _("Halaman Visi dan Misi terisi"),
        20,
        admin_url=_page("visi_misi"),
        permission=_EDIT_PAGE,
    ),
    ChecklistItem(
        "tupoksi",
        _("Halaman Tugas Pokok dan Fungsi terisi"),
        30,
        admin_url=_page("tupoksi"),
        permission=_EDIT_PAGE,
    ),
    ChecklistItem(
        "struktur",
        _("Struktur organisasi dengan daftar pejabat"),
        40,
        admin_url=reverse_lazy("admin:pages_official_changelist"),
        permission="pages.add_official",
    ),
    ChecklistItem(
        "kontak", _("Halaman Kontak terisi"), 50, admin_url=_page("kontak"), permission=_EDIT_PAGE
    ),
)


def facts() -> dict[str, bool]:
    filled = set(Page.objects.published().exclude(body_text="").values_list("slug", flat=True))
    found = {key: slug in filled for key, slug in PAGE_ITEMS.items()}
    found["struktur"] = found["struktur"] and Official.objects.exists()
    opd = connection.tenant
    found["kontak"] = found["kontak"] or bool(opd.address and opd.phone)
    return found
