from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.services import BackupError, restore_opd


class Command(BaseCommand):
    help = (
        "Restore an OPD archive: into its own OPD (re-created if it was deleted; replacing an "
        "existing OPD's content needs --force) or, with --as, into another (new) OPD."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive", help="a name in the backups storage (as backup_opd prints it) or a file"
        )
        parser.add_argument("--as", dest="slug", help="restore as this OPD slug")
        parser.add_argument(
            "--force", action="store_true", help="replace the content of an existing OPD"
        )

    def handle(self, *args, archive, slug, force, **options):
        if Path(archive).is_file():
            archive = Path(archive)
        try:
            opd = restore_opd(archive, slug=slug, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored into {opd.slug} ({opd.site_url()})")
