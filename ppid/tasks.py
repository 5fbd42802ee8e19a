"""The PPID's scheduled work: one job per OPD, each in its own schema, so that one OPD's
failure is retried (and shown in the console) on its own."""

from core.tasks import periodic, schema_task
from core.tenancy import current_opd
from ppid import notifications
from tenants.models import Opd


@schema_task
def remind_ppid_deadlines() -> None:
    """Remind the PPID staff of the OPD whose schema the job runs in of the deadlines three
    working days away. A re-run reminds nobody twice (ppid.DeadlineReminder)."""
    notifications.send_deadline_reminders(opd=current_opd())


@periodic("0 1 * * *")  # 08:00 WIB, when the PPID desk opens
@schema_task
def remind_all_ppid_deadlines() -> None:
    """Every morning: queue the deadline reminders of every active OPD."""
    for schema_name in (
        Opd.objects.sites().filter(is_active=True).values_list("schema_name", flat=True)
    ):
        remind_ppid_deadlines.defer(schema=schema_name)
