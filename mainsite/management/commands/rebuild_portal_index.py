from django.core.management.base import BaseCommand

from mainsite.tasks import analyze_index, rebuild_index_of, rebuild_opd_index
from tenants.models import Opd


class Command(BaseCommand):
    help = (
        "Rebuild the portal's public index of published content, and the per-OPD figures the "
        "console shows, from every OPD's own data (e.g. after a restore or an upgrade). With "
        "--background, queue one job per OPD for the task worker instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="only these OPDs (default: all)")
        parser.add_argument(
            "--background", action="store_true", help="queue the rebuilds for the worker"
        )

    def handle(self, *args, **options):
        opds = Opd.objects.sites()
        if options["slugs"]:
            opds = opds.filter(slug__in=options["slugs"])
        for opd in opds:
            if options["background"]:
                rebuild_opd_index.defer(schema=opd.schema_name)
                self.stdout.write(f"{opd.slug}: queued")
                continue
            counts = rebuild_index_of(opd)
            summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
            self.stdout.write(f"{opd.slug}: {summary}")
        if not options["background"]:
            analyze_index()
