from django.core.management.base import BaseCommand

from console.reminders import plan_reminders, send_reminder


class Command(BaseCommand):
    help = (
        "E-mail the admins of barely active and inactive OPDs what is missing, at most once per "
        "configured interval per OPD (meant for a daily cron job). Every reminder sent is logged; "
        "one that could not be sent is tried again on the next run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="list who would be mailed, send nothing"
        )

    def handle(self, *args, **options):
        planned = plan_reminders()
        if options["dry_run"]:
            for reminder in planned:
                self.stdout.write(f"would mail {self._describe(reminder)}")
            self.stdout.write(f"{len(planned)} OPD would be reminded.")
            return
        failed = 0
        for reminder in planned:
            if send_reminder(reminder) is None:
                failed += 1
                self.stderr.write(f"could not mail {self._describe(reminder)} (retried next run)")
            else:
                self.stdout.write(f"mailed {self._describe(reminder)}")
        self.stdout.write(f"{len(planned) - failed} OPD reminded, {failed} failed.")
        if failed:
            self.stderr.write(
                f"{failed} reminder(s) could not be sent; see the core.mail log for the error."
            )

    @staticmethod
    def _describe(reminder) -> str:
        return (
            f"{reminder.opd.slug}: {reminder.activity.status_label} -> "
            f"{', '.join(reminder.recipients)}"
        )
