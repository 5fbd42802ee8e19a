"""The portal index's background work."""

from django.db import connection
from django_tenants.utils import tenant_context

from console.checklist import record_summaries
from core import registry
from core.tasks import schema_task
from core.tenancy import current_opd
from mainsite.index import replace_opd_index
from mainsite.models import PublishedItem
from tenants.models import Opd


def rebuild_index_of(opd: Opd) -> dict[str, int]:
    """Rebuild one OPD's rows of the portal index, of the other public indexes of its content
    (core.registry.PublicIndex) and its console figures from its own data; the number of rows
    per kind."""
    with tenant_context(opd):
        counts = {
            publishable.kind: replace_opd_index(opd, publishable.kind, publishable.index_entries())
            for publishable in registry.publishables()
            if publishable.index_entries is not None
        }
        for publishable in registry.publishables():
            for public_index in publishable.public_indexes:
                counts[public_index.key] = public_index.rebuild()
        record_summaries()
    return counts


def analyze_index() -> None:
    # Fresh statistics now rather than whenever autovacuum comes by: with none, the planner
    # sorts the whole index for the portal's latest news instead of reading its index.
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(PublishedItem._meta.db_table)}")


@schema_task(queue="index")
def rebuild_opd_index() -> None:
    """Rebuild the portal index of the OPD whose schema the job runs in."""
    rebuild_index_of(current_opd())
    analyze_index()
