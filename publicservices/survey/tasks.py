"""When a semester starts, every OPD's console figures and "skm" checklist item start afresh
(they are otherwise recorded only when an answer arrives)."""

from django_tenants.utils import tenant_context

from console.checklist import record_content_checklist
from core.tasks import periodic, schema_task
from core.tenancy import current_opd
from publicservices.survey.summary import record_ikm
from tenants.models import Opd


@schema_task
def record_skm_summary() -> None:
    """Record the current semester's IKM and checklist of the OPD the job runs in."""
    # The whole OPD row as the connection's tenant: other apps' checklist facts read it.
    with tenant_context(current_opd()):
        record_ikm()
        record_content_checklist()


# 00:05 WIB on 1 July and 1 January (cron reads UTC: 17:05 on 30 June and 31 December; the
# extra run on 30 December changes nothing).
@periodic("5 17 30,31 6,12 *")
@schema_task
def record_all_skm_summaries() -> None:
    for schema_name in (
        Opd.objects.sites().filter(is_active=True).values_list("schema_name", flat=True)
    ):
        record_skm_summary.defer(schema=schema_name)
