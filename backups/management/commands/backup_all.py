from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backups.services import BackupError, backup_opd, prune_backups
from tenants.models import Opd


class Command(BaseCommand):
    help = (
        "Back up every OPD (one archive each) into BACKUP_DIR, for cron; optionally keep only "
        "the newest N archives per OPD. Exits non-zero if any OPD failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, help="target directory (default: BACKUP_DIR)")
        parser.add_argument("--keep", type=int, default=0, help="archives kept per OPD (0: all)")

    def handle(self, *args, dir, keep, **options):
        directory = Path(dir or settings.BACKUP_DIR)
        failed = []
        for opd in Opd.objects.sites().order_by("slug"):
            try:
                archive = backup_opd(opd, directory=directory)
            except BackupError as error:
                failed.append(opd.slug)
                self.stderr.write(f"{opd.slug}: {error}")
                continue
            removed = prune_backups(directory, opd.slug, keep=keep)
            self.stdout.write(
                f"{opd.slug}: {archive}" + (f" ({len(removed)} old removed)" if removed else "")
            )
        if failed:
            raise CommandError(f"Backup failed for: {', '.join(failed)}")
