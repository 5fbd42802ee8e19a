from django.core.management.base import BaseCommand
from django.db import connection
from django.utils.module_loading import import_string
from django_tenants.utils import tenant_context

from tenants.models import Opd, PublishedItem
from tenants.portal_index import replace_opd_index

# For each kind of indexed item, a function returning the OPD's IndexEntry list; it runs inside
# the OPD's schema.
INDEX_PROVIDERS = {"article": "news.portal.index_entries"}
# Functions that record, inside an OPD's schema, what the console shows about it (checklist,
# PPID figures).
SUMMARY_RECORDERS = (
    "tenants.opd_summary.record_content_checklist",
    "tenants.opd_summary.record_ppid_summary",
)


class Command(BaseCommand):
    help = (
        "Rebuild the portal's public index of published content, and the per-OPD figures the "
        "console shows, from every OPD's own data (e.g. after a restore or an upgrade)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="only these OPDs (default: all)")

    def handle(self, *args, **options):
        opds = Opd.objects.exclude(kind=Opd.Kind.PORTAL)
        if options["slugs"]:
            opds = opds.filter(slug__in=options["slugs"])
        for opd in opds:
            with tenant_context(opd):
                counts = {
                    kind: replace_opd_index(opd, kind, import_string(path)())
                    for kind, path in INDEX_PROVIDERS.items()
                }
                for recorder in SUMMARY_RECORDERS:
                    import_string(recorder)()
            summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
            self.stdout.write(f"{opd.slug}: {summary}")
        # Fresh statistics now rather than whenever autovacuum comes by: with none, the planner
        # sorts the whole index for the portal's latest news instead of reading its index.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(PublishedItem._meta.db_table)}")
