"""PPID Utama's work on a request: register it at the front door, forward it to one OPD's PPID
Pelaksana (disposisi), take it back when that OPD returns it or passes it on, or decide it.

Every move of a request is one database transaction across the schemas concerned (they are in
one PostgreSQL database): the applicant's details are created where the request goes and
deleted where it was, so they are never in two places, and a failure leaves them where they
were."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from audit import services as audit
from audit.models import AuditEvent
from core import registry
from core.links import portal_url
from core.mail import queue_mail
from pemda.models import PemdaIdentity
from ppidutama.models import HeldApplicant, Hop, PemdaRequest, RegistrationCounter
from ppidutama.submissions import (
    DECISION_WORKING_DAYS,
    RefusalGround,
    RequestDecision,
    hash_tracking_code,
    new_tracking_code,
)
from tenants.models import Opd
from workdays import counting as workdays

Action = AuditEvent.Action
REQUEST_KIND = "permohonan"
DECISIONS = (
    RequestDecision.GRANTED,
    RequestDecision.PARTIALLY_GRANTED,
    RequestDecision.REFUSED,
    RequestDecision.NOT_HELD,
)


@dataclass(frozen=True)
class Receipt:
    """A registered request and its tracking code, shown once (None after a double submit)."""

    number: str
    tracking_code: str | None
    opd: Opd | None = None


def registration_number(kind: str, year: int, sequence: int) -> str:
    infix = "PPID" if kind == REQUEST_KIND else "PPID/KEB"
    return f"PEMDA/{infix}/{year}/{sequence:04d}"


def next_sequence(kind: str, year: int) -> int:
    """The next gapless number of `kind` in `year`; the counter row stays locked until the
    caller's transaction ends, and a failed registration gives its number back."""
    RegistrationCounter.objects.bulk_create(
        [RegistrationCounter(kind=kind, year=year)], ignore_conflicts=True
    )
    counter = RegistrationCounter.objects.select_for_update().get(kind=kind, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def submit_to_opd(*, opd: Opd, submission_token: str, **applicant) -> Receipt:
    """A request the citizen addressed to one OPD at the portal: registered by that OPD, in
    its schema, exactly as if filed on its site."""
    if not opd.is_active:
        raise ValidationError(_("OPD ini sedang tidak aktif. Pilih OPD lain atau PPID Utama."))
    with schema_context(opd.schema_name):
        number, code = registry.request_desk().submit(
            opd, submission_token=submission_token, **applicant
        )
    return Receipt(number=number, tracking_code=code, opd=opd)


def submit_to_utama(*, submission_token: str, **applicant) -> Receipt:
    """A request whose OPD the citizen does not know: PPID Utama registers and holds it."""
    existing = PemdaRequest.objects.filter(submission_token=submission_token).first()
    if existing is not None:
        return Receipt(number=existing.number, tracking_code=None)
    code = new_tracking_code()
    received_at = timezone.now()
    received_on = timezone.localdate(received_at)
    request = PemdaRequest(
        submission_token=submission_token,
        tracking_code_hash=hash_tracking_code(code),
        received_at=received_at,
        due_date=workdays.add_working_days(received_on, DECISION_WORKING_DAYS),
        year=received_on.year,
    )
    try:
        with transaction.atomic():
            request.sequence = next_sequence(REQUEST_KIND, request.year)
            request.number = registration_number(REQUEST_KIND, request.year, request.sequence)
            request.full_clean()
            request.save()
            applicant_row = HeldApplicant(request=request, **applicant)
            applicant_row.full_clean()
            applicant_row.save()
            _record_hop(request=request, kind=Hop.Kind.RECEIVED, at=received_at)
            _send_receipt(request, applicant_row, code)
    except IntegrityError:
        existing = PemdaRequest.objects.filter(submission_token=submission_token).first()
        if existing is None:
            raise
        return Receipt(number=existing.number, tracking_code=None)
    return Receipt(number=request.number, tracking_code=code)


@transaction.atomic
def forward(*, request: PemdaRequest, to_opd: Opd, note: str, by) -> PemdaRequest:
    """Disposisi: hand a request PPID Utama holds to one OPD's PPID Pelaksana, with the
    applicant's details and the pemda's clock; the details leave the public schema."""
    request = _lock(request)
    if not request.is_with_utama:
        raise ValidationError(_("Permohonan ini sudah tidak ditangani PPID Utama."))
    applicant = HeldApplicant.objects.get(request=request)
    # The hop comes before the OPD's registration in the citizen's timeline.
    moment = timezone.now()
    _deliver(
        request,
        to_opd=to_opd,
        details=applicant.applicant_details(),
        note=note,
        by_name=_staff_name(by),
    )
    applicant.delete()
    _record_hop(
        request=request,
        at=moment,
        kind=Hop.Kind.FORWARDED,
        to_opd=to_opd,
        by=by,
        by_name=_staff_name(by),
        internal_note=note,
    )
    return request


@transaction.atomic
def take_back(
    *,
    pemda_number: str,
    from_opd: Opd,
    details: dict,
    reason: str,
    by_name: str,
    to_opd: Opd | None = None,
) -> PemdaRequest:
    """The OPD that holds a forwarded request returns it to PPID Utama (`to_opd` None) or
    passes it on to another OPD; called by that OPD's PPID in its own schema."""
    request = PemdaRequest.objects.select_for_update().get(number=pemda_number)
    if request.stage != PemdaRequest.Stage.FORWARDED or request.opd_id != from_opd.pk:
        raise ValidationError(_("Permohonan ini tidak sedang ditangani OPD ini."))
    moment = timezone.now()
    if to_opd is not None:
        if to_opd.pk == from_opd.pk:
            raise ValidationError(_("Pilih OPD lain untuk mengalihkan permohonan."))
        _deliver(request, to_opd=to_opd, details=details, note=reason, by_name=by_name)
        kind = Hop.Kind.HANDED_ON
    else:
        applicant = HeldApplicant(request=request, **details)
        applicant.full_clean(exclude=["request"])
        applicant.save()
        request.stage = PemdaRequest.Stage.WITH_UTAMA
        request.opd = None
        request.opd_request_id = None
        request.save(update_fields=["stage", "opd", "opd_request_id"])
        kind = Hop.Kind.RETURNED
    _record_hop(
        request=request,
        at=moment,
        kind=kind,
        from_opd=from_opd,
        to_opd=to_opd,
        by_name=by_name,
        internal_note=reason,
    )
    return request


@transaction.atomic
def decide(
    *, request: PemdaRequest, decision: str, notice: str, refusal_ground: str = "", by
) -> PemdaRequest:
    """PPID Utama answers the request itself with a written notice (Pasal 22 ayat (7))."""
    request = _lock(request)
    if not request.is_with_utama:
        raise ValidationError(_("Permohonan ini sudah tidak ditangani PPID Utama."))
    if decision not in DECISIONS:
        raise ValidationError(_("Pilih putusan yang sah."))
    if not notice.strip():
        raise ValidationError(_("Pemberitahuan tertulis wajib diisi."))
    if decision == RequestDecision.REFUSED and refusal_ground not in RefusalGround.values:
        raise ValidationError(_("Permohonan yang ditolak wajib disertai alasan penolakan."))
    request.stage = PemdaRequest.Stage.DECIDED
    request.decision = decision
    request.notice = notice
    request.refusal_ground = refusal_ground if decision == RequestDecision.REFUSED else ""
    request.decided_at = timezone.now()
    request.full_clean()
    request.save()
    _record_hop(request=request, kind=Hop.Kind.DECIDED, by=by, by_name=_staff_name(by))
    applicant = HeldApplicant.objects.filter(request=request).first()
    if applicant is not None:
        _send(
            "decision",
            to=applicant.email,
            context={"request": request, "applicant": applicant, "track_url": track_url()},
        )
    return request


def forward_targets():
    """The OPDs a request may go to: active ones, by name."""
    return Opd.objects.filter(is_active=True).order_by("name")


def track_url() -> str:
    return portal_url(reverse("ppidutama:track", urlconf=settings.PUBLIC_SCHEMA_URLCONF))


def _deliver(request: PemdaRequest, *, to_opd: Opd, details: dict, note: str, by_name: str):
    if not Opd.objects.filter(pk=to_opd.pk, is_active=True).exists():
        raise ValidationError(
            _("OPD tujuan sedang tidak aktif; permohonan tidak dapat diteruskan.")
        )
    with schema_context(to_opd.schema_name):
        request_id = registry.request_desk().receive(
            to_opd,
            pemda_number=request.number,
            tracking_code_hash=request.tracking_code_hash,
            received_at=request.received_at,
            due_date=request.due_date,
            note=note,
            by_name=by_name,
            **details,
        )
    request.stage = PemdaRequest.Stage.FORWARDED
    request.opd = to_opd
    request.opd_request_id = request_id
    request.save(update_fields=["stage", "opd", "opd_request_id"])


def _record_hop(*, request: PemdaRequest, kind: str, **fields) -> Hop:
    """A step of the request's way, in its timeline and in the audit log (facts only: the
    step and the OPDs, never the note or the applicant)."""
    hop = Hop.objects.create(request=request, kind=kind, **fields)
    changes = {"langkah": kind}
    for name in ("from_opd", "to_opd"):
        if fields.get(name) is not None:
            changes[name] = fields[name].slug
    audit.record(Action.CHANGE, instance=request, changes=changes)
    return hop


def _lock(request: PemdaRequest) -> PemdaRequest:
    return PemdaRequest.objects.select_for_update().get(pk=request.pk)


def _staff_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _send(template: str, *, to: str, context: dict) -> None:
    queue_mail(
        template=f"ppidutama/email/{template}",
        context={"pemda": PemdaIdentity.objects.filter().first(), **context},
        to=[to],
    )


def _send_receipt(request: PemdaRequest, applicant: HeldApplicant, code: str) -> None:
    _send(
        "receipt",
        to=applicant.email,
        context={
            "request": request,
            "applicant": applicant,
            "code": code,
            "track_url": track_url(),
        },
    )
