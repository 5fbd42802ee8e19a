from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.services import BackupError, backup_all


class Command(BaseCommand):
    help = (
        "Back up every OPD (one encrypted archive each) into the backups storage (BACKUP_DIR or "
        "the backup bucket) and keep the newest BACKUP_KEEP per OPD. Exits non-zero if any "
        "OPD failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, help="a local directory instead of the storage")
        parser.add_argument(
            "--keep", type=int, help="archives kept per OPD (default BACKUP_KEEP; 0: all)"
        )

    def handle(self, *args, dir, keep, **options):
        try:
            results = backup_all(keep=keep, directory=dir)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for result in results:
            if result.error:
                self.stderr.write(f"{result.slug}: {result.error}")
            else:
                removed = f" ({len(result.removed)} old removed)" if result.removed else ""
                self.stdout.write(f"{result.slug}: {result.archive}{removed}")
        failed = [result.slug for result in results if result.error]
        if failed:
            raise CommandError(f"Backup failed for: {', '.join(failed)}")
