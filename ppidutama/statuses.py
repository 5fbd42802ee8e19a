"""The names of the values the records carry, as the OPD's PPID register names them: the
register's statuses and refusal grounds are defined once, in ppidutama.submissions; the
objection values are repeated (tests/ppidutama/test_records.py checks they match)."""

from ppidutama.submissions import RefusalGround, RequestDecision

REQUEST_STATUS_LABELS = dict(RequestDecision.choices)
# UU 14/2008 Pasal 17 and Pasal 6 ayat (3); Perki 1/2021 for an incomplete request.
REFUSAL_GROUND_LABELS = dict(RefusalGround.choices)

OBJECTION_ANSWERED = "ditanggapi"
OBJECTION_UPHELD = "diterima"
OBJECTION_REJECTED = "ditolak"


def request_status_label(status: str) -> str:
    return str(REQUEST_STATUS_LABELS.get(status, status))
