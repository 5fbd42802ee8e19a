from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicServicesConfig(AppConfig):
    name = "publicservices"
    label = "publicservices"
    verbose_name = _("Layanan")

    def ready(self):
        # SKM (helper skm): the survey's share of the app's registration. When the services'
        # own ContentApp lands, merge these into it (checklist facts and record_summary chained).
        from core import registry
        from publicservices.models import SurveyResponse
        from publicservices.survey import receivers as survey_receivers
        from publicservices.survey import summary as survey_summary
        from publicservices.survey.demo import seed_demo_responses

        registry.register(
            registry.ContentApp(
                label=self.label,
                checklist_items=(*survey_summary.CHECKLIST_ITEMS,),
                checklist=survey_summary.checklist_facts,
                checklist_models=(SurveyResponse,),
                record_summary=survey_summary.record_ikm,
                # After the demo services exist (the services' seed_demo runs first).
                seed_demo=seed_demo_responses,
            )
        )
        survey_receivers.connect()
