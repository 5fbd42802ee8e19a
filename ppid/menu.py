"""The places of the PPID an OPD's menu can point to (core.registry.MenuTarget)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.registry import MenuTarget


def menu_targets() -> list[MenuTarget]:
    group = _("PPID")
    places = (
        # (key, label, URL name, default place in the menu under "Informasi Publik")
        ("ppid:home", _("PPID"), "ppid:dip", 0),
        ("ppid:dip", _("Daftar Informasi Publik"), "ppid:dip", 10),
        ("ppid:request", _("Permohonan Informasi"), "ppid:request_create", 20),
        ("ppid:track", _("Lacak Permohonan"), "ppid:request_track", 30),
        ("ppid:objection", _("Keberatan"), "ppid:objection_create", 40),
        ("ppid:statistics", _("Statistik dan Laporan"), "ppid:statistics", 50),
    )
    return [
        MenuTarget(
            key=key,
            label=label,
            url=reverse(url_name),
            group=group,
            default_parent="informasi-publik" if position else "",
            default_position=position,
        )
        for key, label, url_name, position in places
    ]


def menu_shortcuts() -> list[MenuTarget]:
    """PPID one tap away on a phone, whatever the menu holds: the law wants it easy to find."""
    return [MenuTarget(key="ppid:home", label=_("PPID"), url=reverse("ppid:dip"))]
