"""The pages' measured facts of the Skor Keterbukaan (openness app): the profile of the OPD and
of its officials, which UU 14/2008 Pasal 9 and Perki 1/2021 Pasal 11 ayat (1) huruf a list
among the Informasi Berkala, read in the OPD's schema."""

from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from core.registry import OpennessFact
from pages import checklist
from pages.models import Official


def openness_facts() -> dict[str, OpennessFact]:
    pages = checklist.facts()
    filled = sum(1 for found in pages.values() if found)
    heads = Official.objects.heads_of_office().count()
    officials = Official.objects.count()
    if heads and officials > heads:
        official_share, official_detail = (
            1,
            _("%(count)d pejabat, termasuk pimpinan OPD") % {"count": officials},
        )
    elif officials:
        official_share = 0.5
        official_detail = _(
            "%(count)d pejabat tercatat; lengkapi pimpinan OPD dan pejabat per unit"
        ) % {"count": officials}
    else:
        official_share, official_detail = 0, _("Belum ada profil pejabat")
    return {
        "profil_pejabat": OpennessFact(
            official_share,
            official_detail,
            reverse_lazy("admin:pages_official_changelist"),
            "pages.add_official",
        ),
        "profil_situs": OpennessFact(
            filled / len(pages),
            _(
                "%(filled)d dari %(total)d halaman profil wajib terisi (profil, visi misi, "
                "tupoksi, struktur, kontak)"
            )
            % {"filled": filled, "total": len(pages)},  # fmt: skip
            reverse_lazy("admin:pages_page_changelist"),
            "pages.change_page",
        ),
    }
