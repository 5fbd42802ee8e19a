"""The names of the values the records carry, as the OPD's PPID register names them: the
register's statuses, refusal grounds and objection values are defined once, in
ppidutama.submissions."""

from ppidutama.submissions import (
    ObjectionOutcome,
    ObjectionStatus,
    RefusalGround,
    RequestDecision,
)

REQUEST_STATUS_LABELS = dict(RequestDecision.choices)
# UU 14/2008 Pasal 17 and Pasal 6 ayat (3); Perki 1/2021 for an incomplete request.
REFUSAL_GROUND_LABELS = dict(RefusalGround.choices)

OBJECTION_ANSWERED = ObjectionStatus.ANSWERED
OBJECTION_UPHELD = ObjectionOutcome.UPHELD
OBJECTION_REJECTED = ObjectionOutcome.REJECTED


def request_status_label(status: str) -> str:
    return str(REQUEST_STATUS_LABELS.get(status, status))
