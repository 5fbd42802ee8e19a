"""E-mails to the OPD's PPID staff: a new request or objection has arrived, or one is three
working days from its legal deadline. Queued with core.mail in the caller's transaction (the
task worker delivers, retries and logs them); the bodies name the registration number and the
dates, never the citizen, and link to the record's page in the OPD admin."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from core.mail import queue_mail
from ppid.models import DeadlineReminder, InformationRequest, Objection
from tenants.models import Opd
from workdays import counting as workdays

# Staff are reminded this many working days before a deadline (and on each day after, until
# the deadline, if the job could not run that day).
REMINDER_WORKING_DAYS = 3
HANDLE_REQUESTS = ("ppid", "change_informationrequest")


def staff_recipients() -> list[str]:
    """The e-mail of every active user of the current OPD who handles PPID requests: holders of
    the Petugas PPID role or of the permission to handle requests (given to them or to another
    group). The Admin OPD, who holds every permission, is written to only when nobody else is."""
    app_label, codename = HANDLE_REQUESTS
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    handlers = Q(groups__name=roles.PETUGAS_PPID)
    if permission is not None:
        groups = Group.objects.filter(permissions=permission).exclude(name=roles.ADMIN_OPD)
        handlers |= Q(user_permissions=permission) | Q(groups__in=groups)
    active = get_user_model().objects.filter(is_active=True).exclude(email="")
    emails = _emails(active.filter(handlers))
    return emails or _emails(active.filter(Q(groups__name=roles.ADMIN_OPD) | Q(is_superuser=True)))


def _emails(users) -> list[str]:
    return sorted(set(users.values_list("email", flat=True)))


def admin_url(name: str, pk: int, opd: Opd) -> str:
    """The record's page in the OPD admin, on the OPD's own host (with the portal's port)."""
    return opd.site_url(reverse(name, args=[pk], urlconf=settings.ROOT_URLCONF))


def notify_new_request(opd: Opd, request: InformationRequest) -> None:
    _notify(
        opd,
        "ppid/email/staff_new_request",
        request=request,
        url=admin_url("admin:ppid_informationrequest_change", request.pk, opd),
    )


def notify_new_objection(opd: Opd, objection: Objection) -> None:
    _notify(
        opd,
        "ppid/email/staff_new_objection",
        objection=objection,
        url=admin_url("admin:ppid_objection_change", objection.pk, opd),
    )


def _notify(opd: Opd, template: str, **context) -> None:
    queue_mail(
        template=template,
        context={"opd": opd, "ppid_url": opd.site_url("/ppid/"), **context},
        to=staff_recipients(),
    )


def reminder_limit(today: datetime.date) -> datetime.date:
    """The last due date a reminder is sent for today."""
    return workdays.add_working_days(today, REMINDER_WORKING_DAYS)


@transaction.atomic
def send_deadline_reminders(*, opd: Opd, today: datetime.date | None = None) -> int:
    """Remind the staff of every open request and objection of the current OPD whose deadline
    is at most three working days away and that they were not yet reminded of for that
    deadline. Runs on working days only. Returns the number of reminders queued."""
    today = today or timezone.localdate()
    if not workdays.is_working_day(today):
        return 0
    recipients = staff_recipients()
    if not recipients:
        return 0
    due = {"due_date__gte": today, "due_date__lte": reminder_limit(today)}
    kinds = [
        (
            "request",
            InformationRequest.objects.open().filter(**due),
            "ppid/email/staff_request_deadline",
            "admin:ppid_informationrequest_change",
        ),
        (
            "objection",
            Objection.objects.filter(status=Objection.Status.RECEIVED, **due),
            "ppid/email/staff_objection_deadline",
            "admin:ppid_objection_change",
        ),
    ]
    sent = 0
    for kind, records, template, url_name in kinds:
        # Locked, so that two runs of the job at once cannot both find a record unreminded.
        records = records.select_for_update(of=("self",)).order_by("due_date", "pk")
        reminded = set(
            DeadlineReminder.objects.filter(
                **{f"{kind}__isnull": False}, due_date__gte=today
            ).values_list(f"{kind}_id", "due_date")
        )
        for record in records:
            if (record.pk, record.due_date) in reminded:
                continue
            DeadlineReminder.objects.create(**{kind: record}, due_date=record.due_date)
            queue_mail(
                template=template,
                context={
                    "opd": opd,
                    "ppid_url": opd.site_url("/ppid/"),
                    kind: record,
                    "days_left": record.days_left(today),
                    "url": admin_url(url_name, record.pk, opd),
                },
                to=recipients,
            )
            sent += 1
    return sent
