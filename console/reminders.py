"""Reminder e-mails to the admins of OPDs whose sites are barely active or inactive."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max
from django.utils import timezone

from accounts import roles
from accounts.models import OperatorAccount
from console.activity import OpdActivity, opd_activity
from console.models import ActivityLevel, ActivityReminder, ActivitySettings
from core.mail import send_templated_mail


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
    admins: dict[int, list[str]] = {}
    for opd_id, email in (
        OperatorAccount.objects.filter(is_active=True, roles__contains=roles.ADMIN_OPD)
        .exclude(email="")
        .values_list("opd_id", "email")
    ):
        admins.setdefault(opd_id, []).append(email)

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


def send_reminder(
    reminder: PlannedReminder, *, now: datetime | None = None
) -> ActivityReminder | None:
    """E-mail the OPD's admins and log the reminder; None when the mail could not be sent.

    A reminder that did not go out is not logged: the log reads as "sent", and the OPD is
    planned again on the next run instead of waiting a whole interval."""
    activity, opd = reminder.activity, reminder.opd
    sent = send_templated_mail(
        template="console/email/reminder",
        context={"opd": opd, "activity": activity, "admin_url": opd.site_url("/admin/")},
        to=reminder.recipients,
    )
    if not sent:
        return None
    return ActivityReminder.objects.create(
        opd=opd,
        sent_at=now or timezone.now(),
        status=activity.status,
        recipients=", ".join(reminder.recipients),
        missing="\n".join(str(label) for label in activity.missing_labels),
    )
