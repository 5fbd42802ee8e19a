"""Reminder e-mails to the admins of OPDs whose sites are barely active or inactive."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts import roles
from accounts.models import OperatorAccount
from console.activity import OpdActivity, opd_activity
from console.models import ActivityLevel, ActivityReminder, ActivitySettings
from core.mail import queue_mail
from tenants.models import Opd


@dataclass(frozen=True)
class PlannedReminder:
    activity: OpdActivity
    recipients: list[str]

    @property
    def opd(self):
        return self.activity.opd


def plan_reminders(*, now: datetime | None = None) -> list[PlannedReminder]:
    """Which OPDs should be reminded now: barely active or inactive, active site, with an admin
    e-mail, and not reminded within the configured interval."""
    now = now or timezone.now()
    interval = timedelta(days=ActivitySettings.current().reminder_interval_days)
    last_sent = dict(
        ActivityReminder.objects.values("opd_id")
        .annotate(last=Max("sent_at"))
        .values_list("opd_id", "last")
    )
    admins = _admin_emails()
    planned = []
    for activity in opd_activity(opds=None, now=now):
        opd = activity.opd
        if activity.status == ActivityLevel.ACTIVE or not opd.is_active or not admins.get(opd.pk):
            continue
        previous = last_sent.get(opd.pk)
        if previous is not None and now - previous < interval:
            continue
        planned.append(PlannedReminder(activity=activity, recipients=sorted(admins[opd.pk])))
    return planned


def plan_reminder_for(*, opd_id: int, now: datetime | None = None) -> PlannedReminder | None:
    """A reminder to this OPD's admins now, whatever its status and the interval (Kominfo asked
    for it); None when the site is deactivated or has no admin with an e-mail address."""
    rows = opd_activity(opds=Opd.objects.filter(pk=opd_id, is_active=True), now=now)
    recipients = _admin_emails(opd_id=opd_id).get(opd_id)
    if not rows or not recipients:
        return None
    return PlannedReminder(activity=rows[0], recipients=sorted(recipients))


def _admin_emails(*, opd_id: int | None = None) -> dict[int, list[str]]:
    accounts = OperatorAccount.objects.filter(is_active=True, roles__contains=roles.ADMIN_OPD)
    if opd_id is not None:
        accounts = accounts.filter(opd_id=opd_id)
    admins: dict[int, list[str]] = {}
    for account_opd_id, email in accounts.exclude(email="").values_list("opd_id", "email"):
        admins.setdefault(account_opd_id, []).append(email)
    return admins


@transaction.atomic
def send_reminder(
    reminder: PlannedReminder, *, now: datetime | None = None
) -> ActivityReminder | None:
    """Queue the e-mail to the OPD's admins and log the reminder, in one transaction; None when
    there is nobody to mail.

    A queued message that cannot be delivered is retried by the worker and, after its last
    attempt, shows in the console as a failed job (which can be retried there)."""
    activity, opd = reminder.activity, reminder.opd
    queued = queue_mail(
        template="console/email/reminder",
        context={"opd": opd, "activity": activity, "admin_url": opd.site_url("/admin/")},
        to=reminder.recipients,
    )
    if queued is None:
        return None
    return ActivityReminder.objects.create(
        opd=opd,
        sent_at=now or timezone.now(),
        status=activity.status,
        recipients=", ".join(reminder.recipients),
        missing="\n".join(str(label) for label in activity.missing_labels),
    )
