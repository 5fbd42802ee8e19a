# TEMPORARY STUB (helper skm): replaced by the services helper's publicservices/apps.py on merge.
# The SKM lines to carry over into the real registration are marked "SKM".
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicservicesConfig(AppConfig):
    name = "publicservices"
    verbose_name = _("Layanan publik")

    def ready(self):
        from core import registry
        from publicservices.models import SurveyResponse
        from publicservices.survey import receivers as survey_receivers  # SKM
        from publicservices.survey import summary as survey_summary  # SKM
        from publicservices.survey.demo import seed_demo_responses  # SKM

        registry.register(
            registry.ContentApp(
                label=self.label,
                checklist_items=(*survey_summary.CHECKLIST_ITEMS,),  # SKM
                checklist=survey_summary.checklist_facts,  # SKM: merge with the services' facts
                checklist_models=(SurveyResponse,),  # SKM
                record_summary=survey_summary.record_ikm,  # SKM
                seed_demo=seed_demo_responses,  # SKM: call after the demo services are made
            )
        )
        survey_receivers.connect()  # SKM
