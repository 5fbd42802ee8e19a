"""The content guard's scheduled scan: one job per OPD, each in its own schema, so that one
OPD's failure is retried (and shown in the console) on its own."""

from core.tasks import periodic, schema_task
from core.tenancy import current_opd
from guard import services as guard
from tenants.models import Opd


@schema_task(queue="scan")
def scan_opd_content() -> None:
    """Inspect the published content of the OPD whose schema the job runs in; hold what looks
    injected. A re-run holds nothing twice (an unchanged hold sends no new notice)."""
    guard.scan_opd(current_opd())


@periodic("0 20 * * *")  # 03:00 WIB
@schema_task(queue="scan")
def scan_all_content() -> None:
    """Every night: queue a scan of every OPD's site."""
    for schema_name in Opd.objects.sites().values_list("schema_name", flat=True):
        scan_opd_content.defer(schema=schema_name)
