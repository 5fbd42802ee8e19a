"""What the console's checklist counts of the OPD's services and Maklumat Pelayanan."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.registry import ChecklistItem
from publicservices.models import Service, ServiceMaklumat

ITEMS = (
    ChecklistItem(
        "maklumat",
        _("Maklumat pelayanan dengan pindaian bertanda tangan"),
        80,
        service_units_only=True,
        admin_url=reverse_lazy("admin:publicservices_servicemaklumat_changelist"),
        permission="publicservices.change_servicemaklumat",
    ),
    ChecklistItem(
        "layanan",
        _("Daftar layanan dengan standar pelayanan"),
        85,
        service_units_only=True,
        admin_url=reverse_lazy("admin:publicservices_service_changelist"),
        permission="publicservices.add_service",
    ),
)


def facts() -> dict[str, bool]:
    maklumat = ServiceMaklumat.objects.first()
    services = Service.objects.published().only("requirements", "duration", "cost", "product")
    return {
        "maklumat": bool(maklumat and maklumat.is_complete),
        "layanan": any(service.has_standard for service in services),
    }
