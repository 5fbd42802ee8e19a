"""The service catalogue as a place the OPD's menu can point to (core.registry.MenuTarget)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.registry import MenuTarget


def menu_targets() -> list[MenuTarget]:
    return [
        MenuTarget(
            key="publicservices:list",
            label=_("Layanan"),
            url=reverse("publicservices:list"),
            group=_("Layanan"),
            default_parent="top",
            default_position=50,
        ),
        MenuTarget(
            key="publicservices:maklumat",
            label=_("Maklumat Pelayanan"),
            url=reverse("publicservices:maklumat"),
            group=_("Layanan"),
        ),
    ]
