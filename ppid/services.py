"""PPID writes with consequences: registering requests and objections, moving them along the
legal clock, and telling the requester by e-mail (queued in the same transaction, sent by the
task worker once it commits)."""

import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.links import portal_url
from core.mail import queue_mail
from core.tenancy import current_opd
from ppid import notifications
from ppid.models import (
    DECISION_WORKING_DAYS,
    MAX_EXTENSION_WORKING_DAYS,
    OBJECTION_ANSWER_WORKING_DAYS,
    InformationRequest,
    Objection,
    RegistrationCounter,
    RequestEvent,
    hash_tracking_code,
    new_tracking_code,
)
from ppidutama import disposition
from tenants.models import Opd
from workdays import counting as workdays

MAX_MAIL_ATTACHMENT_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Submission:
    """A newly registered request or objection and the tracking code shown once to its owner."""

    record: InformationRequest | Objection
    tracking_code: str


class DuplicateSubmission(Exception):  # noqa: N818 (it is not an error: the form was sent twice)
    """The same form was submitted again; `record` is what the first submit registered."""

    def __init__(self, record):
        super().__init__(record.number)
        self.record = record


def registration_prefix(opd: Opd) -> str:
    """`BPBD` for an OPD whose short name is "BPBD"; the slug when the short name has no letters."""
    prefix = re.sub(r"[^A-Z0-9]+", "-", opd.short_name.upper()).strip("-")
    return prefix or opd.slug.upper()


def submit_request(
    *,
    opd: Opd,
    submission_token: str,
    applicant_name: str,
    identity_type: str,
    identity_number: str,
    address: str,
    phone: str,
    email: str,
    occupation: str,
    information_requested: str,
    purpose: str,
    obtain_method: str,
    delivery_method: str,
    id_scan: UploadedFile | None = None,
) -> Submission:
    """Register a permohonan informasi: number, tracking code, 10-working-day deadline, receipt
    e-mail. Raises DuplicateSubmission when the same form was already submitted."""
    _raise_if_submitted(InformationRequest, submission_token)
    code = new_tracking_code()
    received_at = timezone.now()
    information_request = InformationRequest(
        submission_token=submission_token,
        tracking_code_hash=hash_tracking_code(code),
        applicant_name=applicant_name,
        identity_type=identity_type,
        identity_number=identity_number,
        address=address,
        phone=phone,
        email=email,
        occupation=occupation,
        information_requested=information_requested,
        purpose=purpose,
        obtain_method=obtain_method,
        delivery_method=delivery_method,
        received_at=received_at,
        due_date=workdays.add_working_days(timezone.localdate(received_at), DECISION_WORKING_DAYS),
    )
    if id_scan is not None:
        information_request.id_scan = id_scan
    try:
        with transaction.atomic():
            _register(information_request, opd=opd, kind=RegistrationCounter.Kind.REQUEST)
            _record_event(
                information_request,
                by=None,
                from_status="",
                to_status=InformationRequest.Status.RECEIVED,
                note=_("Permohonan diterima melalui situs."),
            )
            _send_request_receipt(opd, information_request, code)
            notifications.notify_new_request(opd, information_request)
    except Exception as error:
        _delete_stored_file(information_request.id_scan)
        if isinstance(error, IntegrityError):
            _raise_if_submitted(InformationRequest, submission_token)
        raise
    return Submission(record=information_request, tracking_code=code)


def receive_forwarded(
    *,
    opd: Opd,
    pemda_number: str,
    tracking_code_hash: str,
    received_at,
    due_date,
    note: str,
    by_name: str,
    **applicant,
) -> InformationRequest:
    """Register a request PPID Utama forwarded (ppidutama.disposition): the OPD's own number,
    the pemda's clock (counted from when the badan publik received it) and tracking code."""
    request = InformationRequest(
        submission_token=f"pemda-{pemda_number}-{secrets.token_hex(8)}",
        tracking_code_hash=tracking_code_hash,
        pemda_number=pemda_number,
        received_at=received_at,
        due_date=due_date,
        **applicant,
    )
    with transaction.atomic():
        _register(request, opd=opd, kind=RegistrationCounter.Kind.REQUEST)
        event = RequestEvent(
            request=request,
            by_name=by_name or _("PPID Utama"),
            from_status="",
            to_status=InformationRequest.Status.RECEIVED,
            note=_("Diteruskan oleh PPID Utama (%(number)s). %(note)s")
            % {"number": pemda_number, "note": note},
        )
        event.full_clean(exclude=["request"])
        event.save()
        notifications.notify_new_request(opd, request)
    return request


# What of the applicant an OPD keeps after returning or passing on a forwarded request:
# nothing that names or reaches them (the details went on with the request).
SCRUBBED_ON_HAND_OVER = (
    "applicant_name",
    "identity_number",
    "address",
    "phone",
    "email",
    "occupation",
    "information_requested",
    "purpose",
)


@transaction.atomic
def hand_over(
    *, request: InformationRequest, by: AbstractBaseUser, reason: str, to_opd: Opd | None = None
) -> InformationRequest:
    """Return a request PPID Utama forwarded (`to_opd` None) or pass it on to another OPD,
    with a reason; the applicant's details leave this OPD's schema in the same transaction."""
    request = _lock(request)
    if not request.pemda_number:
        raise ValidationError(
            _("Hanya permohonan yang diteruskan PPID Utama yang dapat dikembalikan atau dialihkan.")
        )
    if not request.is_open:
        raise ValidationError(_("Permohonan yang sudah diputuskan tidak dapat dialihkan."))
    if not reason.strip():
        raise ValidationError(_("Tuliskan alasannya."))
    disposition.take_back(
        pemda_number=request.pemda_number,
        from_opd=current_opd(),
        details=request.applicant_details(),
        reason=reason,
        by_name=by.get_full_name() or by.get_username(),
        to_opd=to_opd,
    )
    _change_status(request, by=by, to_status=InformationRequest.Status.HANDED_OVER, note=reason)
    request.save()
    InformationRequest.objects.filter(pk=request.pk).update(
        **dict.fromkeys(SCRUBBED_ON_HAND_OVER, "")
    )
    _delete_stored_file(request.id_scan)
    return request


@transaction.atomic
def start_processing(
    *, request: InformationRequest, by: AbstractBaseUser, note: str = ""
) -> InformationRequest:
    """Mark a newly received request as being processed."""
    request = _lock(request)
    if request.status != InformationRequest.Status.RECEIVED:
        raise ValidationError(_("Hanya permohonan berstatus Diterima yang dapat diproses."))
    _change_status(request, by=by, to_status=InformationRequest.Status.PROCESSING, note=note)
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def extend_request(
    *, opd: Opd, request: InformationRequest, by: AbstractBaseUser, days: int, reason: str
) -> InformationRequest:
    """Extend the deadline once, by at most 7 working days, with a written reason, before the
    deadline passes (UU 14/2008 Pasal 22 ayat (8))."""
    request = _lock(request)
    reason = reason.strip()
    if not request.is_open:
        raise ValidationError(_("Permohonan ini sudah diputuskan."))
    if request.extension_days:
        raise ValidationError(_("Batas waktu hanya dapat diperpanjang satu kali."))
    if not 1 <= days <= MAX_EXTENSION_WORKING_DAYS:
        raise ValidationError(
            _("Perpanjangan paling lama %(max)d hari kerja.") % {"max": MAX_EXTENSION_WORKING_DAYS}
        )
    if not reason:
        raise ValidationError(_("Alasan perpanjangan wajib diisi."))
    if timezone.localdate() > request.due_date:
        raise ValidationError(
            _("Batas waktu sudah terlewati; perpanjangan harus diberitahukan sebelum tenggat.")
        )
    request.extension_days = days
    request.extension_reason = reason
    request.due_date = workdays.add_working_days(request.due_date, days)
    _change_status(request, by=by, to_status=InformationRequest.Status.EXTENDED, note=reason)
    request.full_clean()
    request.save()
    _send_extension_notice(opd, request)
    return request


@transaction.atomic
def respond_to_request(
    *,
    opd: Opd,
    request: InformationRequest,
    by: AbstractBaseUser,
    decision: str,
    notice: str,
    refusal_ground: str = "",
    refusal_basis: str = "",
    attachment: UploadedFile | None = None,
) -> InformationRequest:
    """Record the PPID's written decision (pemberitahuan tertulis), which closes the request,
    starts the objection clock and is e-mailed to the requester."""
    request = _lock(request)
    notice = notice.strip()
    errors = {}
    if not request.is_open:
        raise ValidationError(_("Permohonan ini sudah diputuskan."))
    if decision not in InformationRequest.DECISION_STATUSES:
        errors["decision"] = _("Pilih keputusan yang sah.")
    if not notice:
        errors["notice"] = _("Pemberitahuan tertulis wajib diisi.")
    if decision == InformationRequest.Status.REFUSED:
        if refusal_ground not in InformationRequest.RefusalGround.values:
            errors["refusal_ground"] = _("Penolakan wajib menyebut alasannya.")
        if not refusal_basis.strip():
            errors["refusal_basis"] = _("Penolakan wajib menyebut dasar hukum dan uji konsekuensi.")
    else:
        refusal_ground, refusal_basis = "", ""
    if errors:
        raise ValidationError(errors)
    request.notice = notice
    request.refusal_ground = refusal_ground
    request.refusal_basis = refusal_basis.strip()
    request.decided_at = timezone.now()
    if attachment is not None:
        request.notice_attachment = attachment
    _change_status(request, by=by, to_status=decision, note=notice)
    request.full_clean()
    try:
        request.save()
    except Exception:
        _delete_stored_file(request.notice_attachment)
        raise
    _send_decision(opd, request)
    return request


def file_objection(
    *,
    opd: Opd,
    request: InformationRequest,
    ground: str,
    reason: str,
    submission_token: str,
) -> Submission:
    """Register a keberatan within 30 working days of the decision (or of the missed deadline);
    the atasan PPID must answer within 30 working days."""
    _raise_if_submitted(Objection, submission_token)
    code = new_tracking_code()
    try:
        with transaction.atomic():
            request = _lock(request)
            _check_objection_window(request)
            filed_at = timezone.now()
            objection = Objection(
                request=request,
                submission_token=submission_token,
                tracking_code_hash=hash_tracking_code(code),
                ground=ground,
                reason=reason.strip(),
                filed_at=filed_at,
                due_date=workdays.add_working_days(
                    timezone.localdate(filed_at), OBJECTION_ANSWER_WORKING_DAYS
                ),
            )
            _register(objection, opd=opd, kind=RegistrationCounter.Kind.OBJECTION)
            _send_objection_receipt(opd, objection, code)
            notifications.notify_new_objection(opd, objection)
    except IntegrityError:
        _raise_if_submitted(Objection, submission_token)
        raise
    return Submission(record=objection, tracking_code=code)


@transaction.atomic
def answer_objection(
    *, opd: Opd, objection: Objection, by: AbstractBaseUser, outcome: str, response: str
) -> Objection:
    """Record the atasan PPID's written answer to an objection and e-mail it."""
    objection = Objection.objects.select_for_update().select_related("request").get(pk=objection.pk)
    response = response.strip()
    if not objection.is_open:
        raise ValidationError(_("Keberatan ini sudah ditanggapi."))
    errors = {}
    if outcome not in Objection.Outcome.values:
        errors["outcome"] = _("Pilih putusan yang sah.")
    if not response:
        errors["response"] = _("Tanggapan tertulis wajib diisi.")
    if errors:
        raise ValidationError(errors)
    objection.outcome = outcome
    objection.response = response
    objection.status = Objection.Status.ANSWERED
    objection.answered_at = timezone.now()
    objection.answered_by = by
    objection.full_clean()
    objection.save()
    _send_objection_answer(opd, objection)
    return objection


def _raise_if_submitted(model, submission_token: str) -> None:
    existing = model.objects.filter(submission_token=submission_token).first()
    if existing is not None:
        raise DuplicateSubmission(existing)


def _register(record, *, opd: Opd, kind: str) -> None:
    """Give `record` the next number of its kind and year, then validate and save it.

    The counter row stays locked until the surrounding transaction ends, so two submissions
    never get the same number, and a failed one gives its number back (no gaps)."""
    moment = record.received_at if isinstance(record, InformationRequest) else record.filed_at
    year = timezone.localdate(moment).year
    RegistrationCounter.objects.bulk_create(
        [RegistrationCounter(kind=kind, year=year)], ignore_conflicts=True
    )
    counter = RegistrationCounter.objects.select_for_update().get(kind=kind, year=year)
    # Re-check under the lock: a concurrent double submit has committed by now.
    _raise_if_submitted(type(record), record.submission_token)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    infix = "PPID" if kind == RegistrationCounter.Kind.REQUEST else "PPID/KEB"
    record.year = year
    record.sequence = counter.last_number
    record.number = f"{registration_prefix(opd)}/{infix}/{year}/{counter.last_number:04d}"
    record.full_clean()
    record.save()


def _lock(request: InformationRequest) -> InformationRequest:
    return InformationRequest.objects.select_for_update().get(pk=request.pk)


def _check_objection_window(request: InformationRequest) -> None:
    today = timezone.localdate()
    start = request.objection_window_start(today)
    if start is None:
        raise ValidationError(
            _(
                "Permohonan %(number)s masih diproses dan batas waktunya (%(due)s) belum lewat; "
                "keberatan dapat diajukan setelah ada keputusan atau setelah batas waktu lewat."
            )
            % {"number": request.number, "due": _date(request.due_date)}
        )
    deadline = request.objection_deadline(today)
    if today > deadline:
        raise ValidationError(
            _(
                "Batas waktu pengajuan keberatan atas permohonan %(number)s (30 hari kerja sejak "
                "%(start)s) telah lewat pada %(deadline)s."
            )
            % {"number": request.number, "start": _date(start), "deadline": _date(deadline)}
        )
    pending = request.objections.filter(status=Objection.Status.RECEIVED).first()
    if pending is not None:
        raise ValidationError(
            _("Keberatan %(number)s atas permohonan ini masih diproses.")
            % {"number": pending.number}
        )


def _change_status(request: InformationRequest, *, by, to_status: str, note: str) -> None:
    from_status = request.status
    request.status = to_status
    _record_event(request, by=by, from_status=from_status, to_status=to_status, note=note)


def _record_event(request, *, by, from_status: str, to_status: str, note: str) -> None:
    by_name = (by.get_full_name() or by.get_username()) if by is not None else _("Pemohon")
    event = RequestEvent(
        request=request,
        by=by,
        by_name=by_name,
        from_status=from_status,
        to_status=to_status,
        note=note,
    )
    event.full_clean(exclude=["request"])
    event.save()


def _delete_stored_file(field_file) -> None:
    if field_file and getattr(field_file, "_committed", False) and field_file.name:
        field_file.storage.delete(field_file.name)


def _date(value) -> str:
    return formats.date_format(value, "j F Y")


def _url(opd: Opd, name: str) -> str:
    return opd.site_url(reverse(name, urlconf=settings.ROOT_URLCONF))


def _send(
    opd: Opd, template: str, *, to: str, context: dict, attachment: FieldFile | None = None
) -> None:
    attachments = []
    if attachment and attachment.size <= MAX_MAIL_ATTACHMENT_BYTES:
        with attachment.open("rb") as file:
            attachments.append((attachment.name.rsplit("/", 1)[-1], file.read(), None))
    # Queued in the caller's transaction; the worker retries a mail outage, which never undoes
    # the request (the requester can track it meanwhile).
    queue_mail(
        template=f"ppid/email/{template}",
        context={"opd": opd, "ppid_url": opd.site_url("/ppid/"), **context},
        to=[to],
        attachments=attachments,
    )


def _send_request_receipt(opd: Opd, request: InformationRequest, code: str) -> None:
    _send(
        opd,
        "request_receipt",
        to=request.email,
        context={"request": request, "code": code, "track_url": _url(opd, "ppid:request_track")},
    )


def _send_extension_notice(opd: Opd, request: InformationRequest) -> None:
    _send(opd, "extension_notice", to=request.email, context={"request": request})


def _send_decision(opd: Opd, request: InformationRequest) -> None:
    # A request PPID Utama forwarded is the pemda's: the citizen knows its pemda number, and
    # objects to the pemda's Atasan PPID at the portal.
    objection_url = (
        portal_url(reverse("ppidutama:objection_create", urlconf=settings.PUBLIC_SCHEMA_URLCONF))
        if request.pemda_number
        else _url(opd, "ppid:objection_create")
    )
    _send(
        opd,
        "decision",
        to=request.email,
        context={"request": request, "objection_url": objection_url},
        attachment=request.notice_attachment or None,
    )


def _send_objection_receipt(opd: Opd, objection: Objection, code: str) -> None:
    _send(
        opd,
        "objection_receipt",
        to=objection.request.email,
        context={
            "objection": objection,
            "code": code,
            "track_url": _url(opd, "ppid:objection_track"),
        },
    )


def _send_objection_answer(opd: Opd, objection: Objection) -> None:
    _send(opd, "objection_answer", to=objection.request.email, context={"objection": objection})
