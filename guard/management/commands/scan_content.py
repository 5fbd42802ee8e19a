from django.core.management.base import BaseCommand, CommandError
from django.utils.text import Truncator

from guard import services as guard
from tenants.models import Opd


class Command(BaseCommand):
    help = (
        "Inspect the published content of every OPD (articles, pages, DIP entries) with the "
        "content guard, hold what looks injected (draft + notice to the OPD admins and "
        "Kominfo) and print a report."
    )

    def add_arguments(self, parser):
        parser.add_argument("--slug", action="append", default=[], help="only this OPD (repeat)")
        parser.add_argument(
            "--dry-run", action="store_true", help="report only; publish and hold nothing"
        )

    def handle(self, *args, slug, dry_run, **options):
        opds = Opd.objects.sites().order_by("slug")
        if slug:
            opds = opds.filter(slug__in=slug)
            missing = set(slug) - set(opds.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"Unknown OPD: {', '.join(sorted(missing))}")
        domains = guard.allowed_domains()
        results = []
        for opd in opds:
            results += guard.scan_opd(opd, domains=domains, dry_run=dry_run)
        row = "{:<20} {:<9} {:>7}  {:<40} {:<11} {}"
        self.stdout.write(row.format("OPD", "kind", "id", "title", "action", "findings"))
        for result in results:
            self.stdout.write(
                row.format(
                    result.opd.slug,
                    result.kind,
                    result.object_id,
                    Truncator(result.title).chars(40),
                    result.action,
                    ", ".join(finding.code for finding in result.findings),
                )
            )
        held = sum(result.action == "held" for result in results)
        self.stdout.write(
            f"{opds.count()} OPD scanned, {len(results)} suspicious item(s), {held} held"
            + (" (dry run)" if dry_run else "")
        )
