from django.core.management.base import BaseCommand
from django.db import connection
from django_tenants.utils import tenant_context

from console.checklist import record_summaries
from core import registry
from mainsite.index import replace_opd_index
from mainsite.models import PublishedItem
from tenants.models import Opd


class Command(BaseCommand):
    help = (
        "Rebuild the portal's public index of published content, and the per-OPD figures the "
        "console shows, from every OPD's own data (e.g. after a restore or an upgrade)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="only these OPDs (default: all)")

    def handle(self, *args, **options):
        opds = Opd.objects.sites()
        if options["slugs"]:
            opds = opds.filter(slug__in=options["slugs"])
        for opd in opds:
            with tenant_context(opd):
                counts = {
                    publishable.kind: replace_opd_index(
                        opd, publishable.kind, publishable.index_entries()
                    )
                    for publishable in registry.publishables()
                    if publishable.index_entries is not None
                }
                record_summaries()
            summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
            self.stdout.write(f"{opd.slug}: {summary}")
        # Fresh statistics now rather than whenever autovacuum comes by: with none, the planner
        # sorts the whole index for the portal's latest news instead of reading its index.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(PublishedItem._meta.db_table)}")
