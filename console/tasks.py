"""The console's scheduled work."""

from console.reminders import plan_reminder_for, plan_reminders, send_reminder
from core.tasks import periodic, schema_task


@periodic("0 0 * * *")  # 07:00 WIB
@schema_task
def send_activity_reminders() -> None:
    """Every morning: remind the admins of barely active and inactive OPDs what is missing
    (at most once per configured interval per OPD: a re-run finds them reminded already)."""
    for reminder in plan_reminders():
        send_reminder(reminder)


@schema_task
def send_activity_reminder(*, opd_id: int) -> None:
    """One OPD's reminder, now: the console's "Kirim pengingat sekarang" and its bulk action."""
    reminder = plan_reminder_for(opd_id=opd_id)
    if reminder is not None:
        send_reminder(reminder)
