from django.core.management.base import BaseCommand

from console.reminders import plan_reminders, send_reminder


class Command(BaseCommand):
    help = (
        "E-mail the admins of barely active and inactive OPDs what is missing, at most once per "
        "configured interval per OPD (meant for a daily cron job). Every reminder is logged."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="list who would be mailed, send nothing"
        )

    def handle(self, *args, **options):
        planned = plan_reminders()
        for reminder in planned:
            line = (
                f"{reminder.opd.slug}: {reminder.activity.status_label} -> "
                f"{', '.join(reminder.recipients)}"
            )
            if options["dry_run"]:
                self.stdout.write(f"would mail {line}")
            else:
                send_reminder(reminder)
                self.stdout.write(f"mailed {line}")
        verb = "would be reminded" if options["dry_run"] else "reminded"
        self.stdout.write(f"{len(planned)} OPD {verb}.")
