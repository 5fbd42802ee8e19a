"""The places of the agenda an OPD's menu can point to (core.registry.MenuTarget)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.registry import MenuTarget


def menu_targets() -> list[MenuTarget]:
    return [
        MenuTarget(
            key="agenda:list",
            label=_("Agenda"),
            url=reverse("agenda:list"),
            group=_("Agenda"),
            default_parent="publikasi",
            default_position=30,
        )
    ]
