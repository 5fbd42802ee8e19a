from django.core.management.base import BaseCommand

from console.reminders import plan_reminders, send_reminder


class Command(BaseCommand):
    help = (
        "E-mail the admins of barely active and inactive OPDs what is missing, at most once per "
        "configured interval per OPD. The worker runs this every day by itself "
        "(console.tasks); the command is for a run by hand. Every reminder is logged and its "
        "e-mail queued for the worker."
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
        for reminder in planned:
            send_reminder(reminder)
            self.stdout.write(f"queued {self._describe(reminder)}")
        self.stdout.write(f"{len(planned)} OPD reminded.")

    @staticmethod
    def _describe(reminder) -> str:
        return (
            f"{reminder.opd.slug}: {reminder.activity.status_label} -> "
            f"{', '.join(reminder.recipients)}"
        )
