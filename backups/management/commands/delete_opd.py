from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.services import BackupError, delete_opd
from tenants.models import Opd


class Command(BaseCommand):
    help = (
        "Delete an OPD for good (schema, files, public rows). Needs --confirm <slug>; writes a "
        "final backup first unless --no-backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--confirm", required=True, help="the OPD's slug again")
        parser.add_argument("--no-backup", action="store_true", help="skip the final backup")
        parser.add_argument("--dir", type=Path, help="backup directory (default: BACKUP_DIR)")

    def handle(self, *args, slug, confirm, no_backup, dir, **options):
        opd = Opd.objects.sites().filter(slug=slug).first()
        if opd is None:
            raise CommandError(f"Unknown OPD: {slug}")
        try:
            archive = delete_opd(opd, confirm=confirm, directory=dir, backup=not no_backup)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{slug} deleted" + (f"; final backup: {archive}" if archive else ""))
