"""The OPD's PPID desk as PPID Utama reaches it (core.registry.RequestDesk): requests filed for
this OPD at the portal or forwarded by PPID Utama, and their public facts for the portal's
tracking. Called in this OPD's schema."""

from django.utils.translation import gettext as _

from ppid import services
from ppid.models import InformationRequest
from ppidutama.lookup import RequestFacts, TimelineEntry


def submit(opd, *, submission_token: str, **applicant) -> tuple[str, str | None]:
    try:
        submission = services.submit_request(
            opd=opd, submission_token=submission_token, **applicant
        )
    except services.DuplicateSubmission as duplicate:
        return duplicate.record.number, None
    return submission.record.number, submission.tracking_code


def receive(opd, **forwarded) -> int:
    return services.receive_forwarded(opd=opd, **forwarded).pk


def find(number: str, code: str) -> RequestFacts | None:
    request = _requests().filter(number=number).first()
    if request is None or not request.check_tracking_code(code):
        return None
    return request_facts(request)


def facts(request_id: int) -> RequestFacts:
    return request_facts(_requests().get(pk=request_id))


def request_facts(request: InformationRequest) -> RequestFacts:
    return RequestFacts(
        number=request.number,
        status=request.status,
        status_label=request.get_status_display(),
        received_at=request.received_at,
        due_date=request.due_date,
        extension_days=request.extension_days,
        decided_at=request.decided_at,
        notice=request.notice,
        refusal_ground_label=request.get_refusal_ground_display(),
        # The steps of this OPD's PPID; their notes are internal.
        timeline=tuple(
            TimelineEntry(at=event.at, label=_event_label(request, event))
            for event in request.events.all()
        ),
    )


def _event_label(request: InformationRequest, event) -> str:
    if request.pemda_number and event.to_status == InformationRequest.Status.RECEIVED:
        return _("Diterima PPID Pelaksana")
    return event.get_to_status_display()


def _requests():
    return InformationRequest.objects.prefetch_related("events")
