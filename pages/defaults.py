"""Default content of the pages app for a newly provisioned OPD."""

from pages.models import Page

DEFAULT_PAGES = (
    ("profil", "Profil"),
    ("visi-dan-misi", "Visi dan Misi"),
    ("tugas-pokok-dan-fungsi", "Tugas Pokok dan Fungsi"),
    ("struktur-organisasi", "Struktur Organisasi"),
    ("kontak", "Kontak"),
)


def seed_defaults() -> None:
    """Create the default (empty) pages in the current OPD schema (idempotent)."""
    for order, (slug, title) in enumerate(DEFAULT_PAGES, start=1):
        Page.objects.get_or_create(slug=slug, defaults={"title": title, "menu_order": order * 10})
