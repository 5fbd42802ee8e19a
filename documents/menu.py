"""The document library as a place an OPD's menu can point to (core.registry.MenuTarget)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.registry import MenuTarget

# Under "Informasi Publik", after the PPID's entries (positions 10 to 50).
DEFAULT_POSITION = 60


def menu_targets() -> list[MenuTarget]:
    return [
        MenuTarget(
            key="documents:list",
            label=_("Unduhan"),
            url=reverse("documents:list"),
            group=_("Unduhan"),
            default_parent="informasi-publik",
            default_position=DEFAULT_POSITION,
        )
    ]
