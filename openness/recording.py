"""Every active OPD's Skor Keterbukaan, recomputed inside its own schema (a task or a
command, never a request: it loops over schemas)."""

from django_tenants.utils import tenant_context

from openness.services import record_current_score
from tenants.models import Opd


def record_all_scores() -> int:
    count = 0
    for opd in Opd.objects.sites().filter(is_active=True).order_by("pk"):
        with tenant_context(opd):
            record_current_score(opd)
        count += 1
    return count
