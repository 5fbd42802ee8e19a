"""Any request of the pemda by its registration number and tracking code: filed with an OPD
(at its site or at the portal) or with PPID Utama, wherever it is handled now.

A wrong code and an unknown number give the same answer (None): tracking says nothing about a
request to someone without its code."""

import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from core import registry
from ppidutama.models import PemdaRequest, RequestRecord
from ppidutama.submissions import OBJECTION_FILING_WORKING_DAYS, RequestDecision
from tenants.models import Opd
from workdays import counting as workdays

OPEN_STATUSES = (RequestDecision.RECEIVED, RequestDecision.PROCESSING, RequestDecision.EXTENDED)


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    label: str


@dataclass(frozen=True)
class RequestFacts:
    """What a citizen may see of a request: no internal note, nothing of other requests."""

    number: str
    status: str
    status_label: str
    received_at: datetime.datetime
    due_date: datetime.date
    extension_days: int = 0
    decided_at: datetime.datetime | None = None
    notice: str = ""
    refusal_ground_label: str = ""
    timeline: tuple[TimelineEntry, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True)
class FoundRequest:
    number: str
    opd: Opd | None
    facts: RequestFacts
    pemda_request: PemdaRequest | None = None
    timeline: tuple[TimelineEntry, ...] = field(default=())

    def __getattr__(self, name):
        return getattr(self.facts, name)

    @property
    def received_on(self) -> datetime.date:
        return timezone.localdate(self.facts.received_at)

    @property
    def decided_on(self) -> datetime.date | None:
        decided_at = self.facts.decided_at
        return None if decided_at is None else timezone.localdate(decided_at)

    def objection_window_start(self, today: datetime.date | None = None) -> datetime.date | None:
        """When the objection clock started: the decision, or the missed deadline."""
        if self.decided_on is not None:
            return self.decided_on
        if self.facts.is_open and (today or timezone.localdate()) > self.facts.due_date:
            return self.facts.due_date
        return None

    def objection_deadline(self, today: datetime.date | None = None) -> datetime.date | None:
        """UU 14/2008 Pasal 36 ayat (1): 30 working days from the decision or missed deadline."""
        start = self.objection_window_start(today)
        if start is None:
            return None
        return workdays.add_working_days(start, OBJECTION_FILING_WORKING_DAYS)


def find_request(number: str, code: str, *, opd: Opd | None = None) -> FoundRequest | None:
    """`opd`: the OPD known to hold the request (the portal's receipt), else found by number."""
    number = number.strip().upper()
    if opd is not None:
        return _find_in(opd, number, code)
    pemda_request = PemdaRequest.objects.select_related("opd").filter(number=number).first()
    if pemda_request is not None:
        if not pemda_request.check_tracking_code(code):
            return None
        return pemda_request_status(pemda_request)
    record = (
        RequestRecord.objects.select_related("opd")
        .filter(number=number, opd__is_active=True)
        .order_by("pk")
        .first()
    )
    if record is None:
        return None
    return _find_in(record.opd, number, code)


def _find_in(opd: Opd, number: str, code: str) -> FoundRequest | None:
    with schema_context(opd.schema_name):
        facts = registry.request_desk().find(number, code)
    if facts is None:
        return None
    return FoundRequest(number=number, opd=opd, facts=facts, timeline=facts.timeline)


def pemda_request_status(pemda_request: PemdaRequest) -> FoundRequest:
    """A pemda request's facts: its own while PPID Utama has it, the OPD's once forwarded, and
    every hop before them."""
    hops = tuple(
        TimelineEntry(at=hop.at, label=hop.public_label())
        for hop in pemda_request.hops.select_related("from_opd", "to_opd")
    )
    if pemda_request.stage == PemdaRequest.Stage.FORWARDED:
        opd = pemda_request.opd
        if connection.schema_name == opd.schema_name:
            facts = registry.request_desk().facts(pemda_request.opd_request_id)
        else:
            with schema_context(opd.schema_name):
                facts = registry.request_desk().facts(pemda_request.opd_request_id)
        timeline = tuple(sorted(hops + facts.timeline, key=lambda entry: entry.at))
        return FoundRequest(
            number=pemda_request.number,
            opd=opd,
            facts=facts,
            pemda_request=pemda_request,
            timeline=timeline,
        )
    status = pemda_request.decision or RequestDecision.RECEIVED
    facts = RequestFacts(
        number=pemda_request.number,
        status=status,
        status_label=str(RequestDecision(status).label),
        received_at=pemda_request.received_at,
        due_date=pemda_request.due_date,
        decided_at=pemda_request.decided_at,
        notice=pemda_request.notice,
        refusal_ground_label=pemda_request.get_refusal_ground_display(),
    )
    return FoundRequest(
        number=pemda_request.number,
        opd=None,
        facts=facts,
        pemda_request=pemda_request,
        timeline=hops,
    )
