"""What the console shows of the OPD's SKM: its checklist item and the current semester's IKM.

The services app's ContentApp registration (publicservices/apps.py) merges these into its own:
its checklist items, its checklist function (with_survey_facts), `record_summary=record_ikm`,
SurveyResponse among its checklist models.
"""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.registry import ChecklistItem
from core.tenancy import current_opd
from publicservices.models.survey import SurveyResponse
from publicservices.survey import services
from tenants.models import Opd

CHECKLIST_ITEMS = (
    ChecklistItem(
        "skm",
        _("Survei Kepuasan Masyarakat berjalan (ada jawaban pada semester ini)"),
        position=85,
        service_units_only=True,
        admin_url=reverse_lazy("admin:publicservices_surveyresponse_changelist"),
        permission="publicservices.view_surveyresponse",
    ),
)


def checklist_facts() -> dict[str, bool]:
    semester = services.current_semester()
    return {"skm": SurveyResponse.objects.in_semester(semester).exists()}


def with_survey_facts(facts):
    """The services' checklist function, with the SKM's fact added."""

    def combined() -> dict[str, bool]:
        return {**facts(), **checklist_facts()}

    return combined


def record_ikm(**kwargs) -> None:
    """Signal receiver and rebuild step: store the current semester's IKM, mutu and number of
    respondents of the OPD on its public row, where the console reads them."""
    opd = current_opd()
    if opd is None:
        return
    semester = services.current_semester()
    result = services.opd_result(semester)
    Opd.objects.filter(pk=opd.pk).update(
        skm_semester=semester.key,
        skm_ikm=result.ikm,
        skm_quality=result.mutu,
        skm_respondents=result.respondents,
    )
