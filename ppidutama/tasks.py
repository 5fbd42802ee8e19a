"""PPID Utama's scheduled work (public schema)."""

from core.tasks import periodic, schema_task
from ppidutama import objections


@periodic("0 1 * * *")  # 08:00 WIB, when the offices open
@schema_task
def remind_atasan_ppid_deadlines() -> None:
    """Every morning: remind the Atasan PPID of the objections whose answer is due within three
    working days; a re-run reminds nobody twice (PemdaObjection.reminded_at)."""
    objections.send_deadline_reminders()
