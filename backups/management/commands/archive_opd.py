from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.services import BackupError, archive_opd
from tenants.models import Opd


class Command(BaseCommand):
    help = "Archive an OPD: deactivate its site (maintenance page, data kept) and back it up."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--dir", type=Path, help="a local directory instead of the storage")

    def handle(self, *args, slug, dir, **options):
        opd = Opd.objects.sites().filter(slug=slug).first()
        if opd is None:
            raise CommandError(f"Unknown OPD: {slug}")
        try:
            archive = archive_opd(opd, directory=dir)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{slug} deactivated; archive: {archive}")
