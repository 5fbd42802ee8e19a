"""Objections to the pemda's Atasan PPID: filing one at the portal within the legal window and
answering it in writing (UU 14/2008 Pasal 35–37). Both are in the audit log, without the
objector's reason or the response."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import changes_between, record, snapshot
from core.links import portal_url
from core.mail import queue_mail
from ppidutama.disposition import next_sequence, registration_number
from ppidutama.lookup import FoundRequest
from ppidutama.models import PemdaObjection
from ppidutama.models.objections import NUMBER_KIND
from ppidutama.roles import ATASAN_PPID
from ppidutama.submissions import (
    OBJECTION_ANSWER_WORKING_DAYS,
    hash_tracking_code,
    new_tracking_code,
)
from workdays import counting as workdays

# The Atasan PPID is reminded this many working days before an answer is due.
REMINDER_WORKING_DAYS = 3


@dataclass(frozen=True)
class Submission:
    """A newly filed objection and the tracking code shown once to the objector."""

    objection: PemdaObjection
    tracking_code: str


class DuplicateSubmission(Exception):  # noqa: N818 (not an error: the form was sent twice)
    """The same form was submitted again; `objection` is what the first submit filed."""

    def __init__(self, objection: PemdaObjection):
        super().__init__(objection.number)
        self.objection = objection


def check_objection_window(found: FoundRequest, today: datetime.date) -> datetime.date:
    """The last day to file an objection against `found`, or a ValidationError when the window
    has not opened (no decision yet and the deadline has not passed) or has closed: 30 working
    days after the decision or the missed deadline (UU 14/2008 Pasal 36 ayat (1))."""
    start = found.objection_window_start(today)
    if start is None:
        raise ValidationError(
            _(
                "Keberatan atas permohonan %(number)s belum dapat diajukan: permohonan masih "
                "diproses dan batas waktunya (%(due)s) belum lewat. Keberatan dapat diajukan "
                "setelah ada keputusan atau setelah batas waktu lewat."
            )
            % {"number": found.number, "due": _date(found.due_date)},
            code="not_yet",
        )
    deadline = found.objection_deadline(today)
    if today > deadline:
        raise ValidationError(
            _(
                "Batas waktu pengajuan keberatan atas permohonan %(number)s (30 hari kerja sejak "
                "%(start)s) telah lewat pada %(deadline)s."
            )
            % {"number": found.number, "start": _date(start), "deadline": _date(deadline)},
            code="closed",
        )
    return deadline


def file_objection(
    *, found: FoundRequest, ground: str, reason: str, submission_token: str
) -> Submission:
    """Register a keberatan to the Atasan PPID against a request of the pemda, within 30 working
    days of its decision or missed deadline; the answer is due 30 working days after filing.
    Raises DuplicateSubmission when the same form was already submitted."""
    _raise_if_submitted(submission_token)
    filed_at = timezone.now()
    today = timezone.localdate(filed_at)
    filing_deadline = check_objection_window(found, today)
    code = new_tracking_code()
    objection = PemdaObjection(
        submission_token=submission_token,
        tracking_code_hash=hash_tracking_code(code),
        request_number=found.number,
        opd=found.opd,
        request_status=found.status,
        request_status_label=str(found.status_label)[:100],
        request_received_on=found.received_on,
        request_due_date=found.due_date,
        request_decided_on=found.decided_on,
        filing_deadline=filing_deadline,
        ground=ground,
        reason=reason.strip(),
        filed_at=filed_at,
        due_date=workdays.add_working_days(today, OBJECTION_ANSWER_WORKING_DAYS),
    )
    try:
        with transaction.atomic():
            _register(objection)
            record(AuditEvent.Action.CREATE, instance=objection, changes=_changes(None, objection))
            _notify_atasan(objection)
    except IntegrityError:
        _raise_if_submitted(submission_token)
        raise
    return Submission(objection=objection, tracking_code=code)


@transaction.atomic
def answer_objection(
    *, objection: PemdaObjection, by: AbstractBaseUser, outcome: str, response: str
) -> PemdaObjection:
    """Record the Atasan PPID's written answer (UU 14/2008 Pasal 36 ayat (2)); from then on the
    objector may take the dispute to the Komisi Informasi within 14 working days (Pasal 37
    ayat (2)), as the decision letter says."""
    objection = PemdaObjection.objects.select_for_update().get(pk=objection.pk)
    before = snapshot(objection)
    response = response.strip()
    if not objection.is_open:
        raise ValidationError(_("Keberatan ini sudah ditanggapi."))
    errors = {}
    if outcome not in PemdaObjection.Outcome.values:
        errors["outcome"] = _("Pilih putusan yang sah.")
    if not response:
        errors["response"] = _("Tanggapan tertulis wajib diisi.")
    if errors:
        raise ValidationError(errors)
    objection.outcome = outcome
    objection.response = response
    objection.status = PemdaObjection.Status.ANSWERED
    objection.answered_at = timezone.now()
    objection.answered_by = by
    objection.full_clean()
    objection.save()
    record(AuditEvent.Action.CHANGE, instance=objection, changes=_changes(before, objection))
    return objection


@transaction.atomic
def send_deadline_reminders(*, today: datetime.date | None = None) -> int:
    """Remind the Atasan PPID of every open objection whose answer is due within three working
    days (UU 14/2008 Pasal 36 ayat (2)), once per objection; on working days only. Returns the
    number of reminders queued."""
    today = today or timezone.localdate()
    if not workdays.is_working_day(today):
        return 0
    recipients = atasan_recipients()
    if not recipients:
        return 0
    due_soon = (
        PemdaObjection.objects.open()
        .filter(
            reminded_at__isnull=True,
            due_date__gte=today,
            due_date__lte=workdays.add_working_days(today, REMINDER_WORKING_DAYS),
        )
        # Locked, so that two runs of the job at once cannot both find one unreminded.
        .select_for_update()
        .order_by("due_date", "pk")
    )
    sent = 0
    for objection in due_soon:
        objection.reminded_at = timezone.now()
        objection.save(update_fields=["reminded_at"])
        queue_mail(
            template="ppidutama/email/objection_deadline",
            context={
                "objection": objection,
                "days_left": objection.days_left(today),
                "url": _console_url(objection),
            },
            to=recipients,
        )
        sent += 1
    return sent


def _raise_if_submitted(submission_token: str) -> None:
    existing = PemdaObjection.objects.filter(submission_token=submission_token).first()
    if existing is not None:
        raise DuplicateSubmission(existing)


def _register(objection: PemdaObjection) -> None:
    """Give `objection` the next number of its year, then validate and save it.

    The counter row stays locked until the surrounding transaction ends, so two filings never
    get the same number, and a failed one gives its number back (no gaps)."""
    year = timezone.localdate(objection.filed_at).year
    sequence = next_sequence(NUMBER_KIND, year)
    # Re-checked under the lock: a concurrent double submit, or a concurrent objection against
    # the same request, has committed by now.
    _raise_if_submitted(objection.submission_token)
    pending = PemdaObjection.objects.open().filter(request_number=objection.request_number)
    if (first := pending.first()) is not None:
        raise ValidationError(
            _("Keberatan %(number)s atas permohonan ini masih diproses.")
            % {"number": first.number},
            code="pending",
        )
    objection.year = year
    objection.sequence = sequence
    objection.number = registration_number(NUMBER_KIND, year, sequence)
    objection.full_clean()
    objection.save()


def atasan_recipients() -> list[str]:
    """The e-mail of every active console user who answers objections: the Atasan PPID role, or
    the permission given otherwise; superusers only when nobody else has it."""
    answer = Permission.objects.filter(
        content_type__app_label="ppidutama", codename="change_pemdaobjection"
    ).first()
    answerers = Q(groups__name=ATASAN_PPID)
    if answer is not None:
        answerers |= Q(user_permissions=answer) | Q(groups__permissions=answer)
    active = get_user_model().objects.filter(is_active=True).exclude(email="")
    emails = sorted(set(active.filter(answerers).values_list("email", flat=True)))
    return emails or sorted(set(active.filter(is_superuser=True).values_list("email", flat=True)))


def _notify_atasan(objection: PemdaObjection) -> None:
    """Tell the Atasan PPID a new objection's 30 working days have started; queued in the
    filing's transaction, with the numbers and dates only, never the reason."""
    queue_mail(
        template="ppidutama/email/objection_new",
        context={"objection": objection, "url": _console_url(objection)},
        to=atasan_recipients(),
    )


def _console_url(objection: PemdaObjection) -> str:
    path = reverse(
        "console:atasan_objection", args=[objection.pk], urlconf=settings.PUBLIC_SCHEMA_URLCONF
    )
    return portal_url(path)


def _changes(before: dict | None, objection: PemdaObjection) -> dict:
    return changes_between(before, snapshot(objection))


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "j F Y")
