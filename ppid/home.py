"""The PPID box of the OPD's home page (core.registry.HomeSection): every OPD has a PPID, so
the box always has its three doors (request, track, the Daftar Informasi Publik)."""

from django.utils.translation import gettext_lazy as _

from core.registry import HomeSection


def ppid_box(request) -> dict:
    return {"shown": True}


SECTIONS = (
    HomeSection(
        key="ppid",
        label=_("Kotak PPID (permohonan informasi)"),
        template="ppid/home/_box.html",
        context=ppid_box,
        compact=True,
        position=50,
    ),
)
