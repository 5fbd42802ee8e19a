"""The scheduled backup, declared in code (no cron line)."""

from django.conf import settings
from django.core.management import call_command

from backups import services
from core.tasks import periodic, schema_task


@periodic("30 18 * * *")  # 01:30 WIB
@schema_task(queue="backup")
def back_up_all_opds() -> None:
    """Every night: one archive per OPD, keeping the newest BACKUP_KEEP. An OPD that could not
    be backed up fails the job (CommandError), which is retried and then shows in the console."""
    call_command("backup_all", keep=settings.BACKUP_KEEP)


@periodic("0 21 * * *")  # 04:00 WIB, after the backups and the content scan
@schema_task(queue="backup")
def drill_the_least_recently_drilled_opd() -> None:
    """Every night one OPD's newest archive is restored into a scratch OPD and checked: the one
    never drilled, or drilled longest ago. Over a month of nights every OPD of a city is drilled;
    the console shows each OPD's last drill. A failed drill is recorded there, not raised."""
    opd = services.least_recently_drilled()
    if opd is not None:
        services.restore_drill(opd)
