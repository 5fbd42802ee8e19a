"""The service sections of the OPD's home page (core.registry.HomeSection): the Maklumat
Pelayanan and quick links to the top services. One query each, only when shown."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.registry import HomeSection
from publicservices.models import Service, ServiceMaklumat

TOP_COUNT = 6


def maklumat(request) -> dict | None:
    current = ServiceMaklumat.current()
    return {"maklumat": current} if current and current.is_complete else None


def top_services(request) -> dict | None:
    services = list(Service.objects.published().only("name", "slug", "summary")[:TOP_COUNT])
    return {"services": services} if services else None


SECTIONS = (
    HomeSection(
        key="layanan",
        label=_("Layanan unggulan"),
        template="publicservices/home/_services.html",
        context=top_services,
        position=25,
        admin_url=reverse_lazy("admin:publicservices_service_add"),
        permission="publicservices.add_service",
        todo_label=_("Belum ada layanan yang diterbitkan"),
        compact=True,
    ),
    HomeSection(
        key="maklumat",
        label=_("Maklumat Pelayanan"),
        template="publicservices/home/_maklumat.html",
        context=maklumat,
        position=45,
        admin_url=reverse_lazy("admin:publicservices_servicemaklumat_changelist"),
        permission="publicservices.change_servicemaklumat",
        todo_label=_("Maklumat Pelayanan belum diunggah"),
        compact=True,
    ),
)
