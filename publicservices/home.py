"""The service section of the OPD's home page (core.registry.HomeSection): the Maklumat
Pelayanan, in one query. (Quick links to the top services are the homepage app's own "Tautan
cepat (layanan unggulan)".)"""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.registry import HomeSection
from publicservices.models import ServiceMaklumat


def maklumat(request) -> dict | None:
    current = ServiceMaklumat.current()
    return {"maklumat": current} if current and current.is_complete else None


SECTIONS = (
    HomeSection(
        key="maklumat",
        label=_("Maklumat Pelayanan"),
        template="publicservices/home/_maklumat.html",
        context=maklumat,
        position=60,
        admin_url=reverse_lazy("admin:publicservices_servicemaklumat_changelist"),
        permission="publicservices.change_servicemaklumat",
        todo_label=_("Maklumat Pelayanan belum diunggah"),
        compact=True,
    ),
)
