"""The OPD's published pages as places its menu can point to (core.registry.MenuTarget)."""

from django.utils.translation import gettext as _

from core.registry import MenuTarget
from pages.models import Page

# Where the default menu puts the default pages (pages.defaults): (group, position).
DEFAULT_PLACES = {
    "profil": ("profil", 10),
    "visi-dan-misi": ("profil", 20),
    "tugas-pokok-dan-fungsi": ("profil", 30),
    "struktur-organisasi": ("profil", 40),
    "kontak": ("top", 90),
}


def menu_target_key(page_pk: int) -> str:
    return f"pages:{page_pk}"


def menu_targets() -> list[MenuTarget]:
    targets = []
    for page in Page.objects.published().only("pk", "title", "slug"):
        parent, position = DEFAULT_PLACES.get(page.slug, ("", 0))
        targets.append(
            MenuTarget(
                key=menu_target_key(page.pk),
                label=page.title,
                url=page.get_absolute_url(),
                group=_("Halaman"),
                default_parent=parent,
                default_position=position,
            )
        )
    return targets
