"""The services' measured facts of the Skor Keterbukaan (openness app): the Maklumat Pelayanan
and the Standar Pelayanan (UU 25/2009 Pasal 15 and 22; PermenPANRB 15/2014) and the Survei
Kepuasan Masyarakat (PermenPANRB 14/2017), read in the OPD's schema."""

from decimal import Decimal

from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from core.registry import OpennessFact
from publicservices.models import Service, ServiceMaklumat
from publicservices.survey import services as survey


def openness_facts() -> dict[str, OpennessFact]:
    maklumat = ServiceMaklumat.objects.first()
    services = list(Service.objects.published().only("requirements", "duration", "cost", "product"))
    with_standard = sum(1 for service in services if service.has_standard)
    if not services:
        standard_detail = _("Belum ada layanan yang diterbitkan")
    else:
        standard_detail = _("%(done)d dari %(total)d layanan memuat standar pelayanan") % {
            "done": with_standard,
            "total": len(services),
        }
    semester = survey.current_semester()
    result = survey.opd_result(semester)
    if result.ikm is None:
        skm = OpennessFact(
            0,
            _("Belum ada jawaban SKM pada semester ini"),
            reverse_lazy("admin:publicservices_surveyresponse_changelist"),
            "publicservices.view_surveyresponse",
        )
    else:
        skm = OpennessFact(
            float(result.ikm / Decimal(100)),
            _("IKM semester ini %(ikm)s dari %(respondents)d responden")
            % {
                "ikm": result.ikm,
                "respondents": result.respondents,
            },
            reverse_lazy("admin:publicservices_surveyresponse_changelist"),
            "publicservices.view_surveyresponse",
        )
    return {
        "maklumat": OpennessFact(
            1 if maklumat and maklumat.is_complete else 0,
            _("Maklumat pelayanan dengan pindaian bertanda tangan diterbitkan")
            if maklumat and maklumat.is_complete
            else _("Maklumat pelayanan belum lengkap (teks dan pindaian bertanda tangan)"),
            reverse_lazy("admin:publicservices_servicemaklumat_changelist"),
            "publicservices.change_servicemaklumat",
        ),
        "standar_pelayanan": OpennessFact(
            with_standard / len(services) if services else 0,
            standard_detail,
            reverse_lazy("admin:publicservices_service_changelist"),
            "publicservices.change_service",
        ),
        "skm": skm,
    }
