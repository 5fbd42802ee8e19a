from django.core.management.base import BaseCommand, CommandError

from backups.services import restore_drill
from tenants.models import Opd


class Command(BaseCommand):
    help = (
        "Restore drill: restore the newest archive of an OPD (or of every OPD) into a scratch "
        "OPD, compare every table's row count and every file's hash with the archive, delete the "
        "scratch OPD and record the result (shown in the Kominfo console). Exits non-zero if a "
        "drill failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?")
        parser.add_argument("--all", action="store_true", help="every OPD")

    def handle(self, *args, slug, all, **options):
        if bool(slug) == bool(all):
            raise CommandError("Give one OPD slug, or --all.")
        opds = Opd.objects.sites().order_by("slug")
        if slug:
            opds = opds.filter(slug=slug)
            if not opds:
                raise CommandError(f"Unknown OPD: {slug}")
        failed = []
        for opd in opds:
            drill = restore_drill(opd)
            state = "ok" if drill.ok else "FAILED"
            took = f"{drill.duration_seconds:.1f} s"
            self.stdout.write(f"{opd.slug}: {state} in {took} ({drill.archive or '-'})")
            if not drill.ok:
                failed.append(opd.slug)
                self.stderr.write(drill.details)
        if failed:
            raise CommandError(f"Restore drill failed for: {', '.join(failed)}")
