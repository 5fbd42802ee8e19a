"""The scheduled backup, declared in code (no cron line)."""

from django.conf import settings
from django.core.management import call_command

from core.tasks import periodic, schema_task


@periodic("30 18 * * *")  # 01:30 WIB
@schema_task(queue="backup")
def back_up_all_opds() -> None:
    """Every night: one archive per OPD, keeping the newest BACKUP_KEEP. An OPD that could not
    be backed up fails the job (CommandError), which is retried and then shows in the console."""
    call_command("backup_all", keep=settings.BACKUP_KEEP)
