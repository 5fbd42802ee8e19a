"""The FAQ page as a place of the OPD's menu (core.registry.MenuTarget)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.registry import MenuTarget


def menu_targets() -> list[MenuTarget]:
    return [
        MenuTarget(
            key="faq:list",
            label=_("FAQ"),
            url=reverse("faq:list"),
            group=_("FAQ"),
            default_parent="informasi-publik",
            default_position=90,
        )
    ]
