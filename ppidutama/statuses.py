"""The names of the values the records carry, as the OPD's PPID register names them.

Shared code cannot import the ppid app (ARCHITECTURE.md §2), so the labels are repeated here;
tests/ppidutama/test_records.py checks that they match the register's choices."""

from django.utils.translation import gettext_lazy as _

REQUEST_STATUS_LABELS = {
    "diterima": _("Diterima"),
    "diproses": _("Diproses"),
    "diperpanjang": _("Diperpanjang"),
    "dikabulkan_seluruhnya": _("Dikabulkan seluruhnya"),
    "dikabulkan_sebagian": _("Dikabulkan sebagian"),
    "ditolak": _("Ditolak"),
    "tidak_dikuasai": _("Informasi tidak dikuasai"),
}

# UU 14/2008 Pasal 17 and Pasal 6 ayat (3); Perki 1/2021 for an incomplete request.
REFUSAL_GROUND_LABELS = {
    "pasal_17": _("Informasi yang dikecualikan (Pasal 17 UU 14/2008)"),
    "pasal_6": _("Informasi yang tidak dapat diberikan (Pasal 6 ayat (3))"),
    "tidak_lengkap": _("Permohonan tidak memenuhi syarat (Perki 1/2021)"),
}

OBJECTION_ANSWERED = "ditanggapi"
OBJECTION_UPHELD = "diterima"
OBJECTION_REJECTED = "ditolak"


def request_status_label(status: str) -> str:
    return str(REQUEST_STATUS_LABELS.get(status, status))
