"""The gallery's place in the OPD's menu (core.registry.MenuTarget)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.registry import MenuTarget


def menu_targets() -> list[MenuTarget]:
    return [
        MenuTarget(
            key="gallery:index",
            label=_("Galeri"),
            url=reverse("gallery:index"),
            group=_("Galeri"),
            default_parent="publikasi",
            default_position=40,
        )
    ]
