"""The Skor Keterbukaan's scheduled work: one job per OPD, each in its own schema, so that one
OPD's failure is retried (and shown in the console) on its own."""

from django_tenants.utils import tenant_context

from core.tasks import periodic, schema_task
from core.tenancy import current_opd
from openness.services import record_current_score
from tenants.models import Opd


@schema_task
def record_openness_score() -> None:
    """Compute and store the score of the OPD whose schema the job runs in."""
    opd = current_opd()
    # The whole OPD row as the connection's tenant: the pages' facts read its contacts.
    with tenant_context(opd):
        record_current_score(opd)


@periodic("30 19 * * *")  # 02:30 WIB
@schema_task
def record_all_openness_scores() -> None:
    """Every night: every active OPD's score anew (its DIP ages, requests fall due), so that
    the console's list is never more than a day old."""
    for schema_name in (
        Opd.objects.sites().filter(is_active=True).values_list("schema_name", flat=True)
    ):
        record_openness_score.defer(schema=schema_name)
