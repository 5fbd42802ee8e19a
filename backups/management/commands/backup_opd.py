from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.services import BackupError, backup_opd
from tenants.models import Opd


class Command(BaseCommand):
    help = (
        "Write one encrypted archive with an OPD's schema dump, media and private files to the "
        "backups storage; prints its name there."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--dir", type=Path, help="a local directory instead of the storage")

    def handle(self, *args, slug, dir, **options):
        opd = Opd.objects.sites().filter(slug=slug).first()
        if opd is None:
            raise CommandError(f"Unknown OPD: {slug}")
        try:
            archive = backup_opd(opd, directory=dir)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(archive))
