from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicServicesConfig(AppConfig):
    name = "publicservices"
    label = "publicservices"
    verbose_name = _("Layanan")

    def ready(self):
        from accounts import roles
        from core import registry
        from core.search import SearchSource
        from publicservices import checklist, demo, home, menu, openness, portal, receivers
        from publicservices.models import Service, ServiceMaklumat, ServiceStep, SurveyResponse
        from publicservices.survey import demo as survey_demo  # SKM
        from publicservices.survey import menu as survey_menu  # SKM
        from publicservices.survey import receivers as survey_receivers  # SKM
        from publicservices.survey import summary as survey_summary  # SKM

        registry.register(
            registry.ContentApp(
                label=self.label,
                roles=(roles.OPERATOR_BERITA,),
                publishables=(
                    registry.Publishable(
                        model=Service,
                        label=_("Layanan"),
                        index_entry=portal.service_entry,
                        index_entries=portal.index_entries,
                    ),
                ),
                audited_models=(ServiceStep, ServiceMaklumat),
                seed_demo=survey_demo.after(demo.seed_demo_content),
                checklist_items=(*checklist.ITEMS, *survey_summary.CHECKLIST_ITEMS),
                checklist=survey_summary.with_survey_facts(checklist.facts),
                checklist_models=(Service, ServiceMaklumat, SurveyResponse),
                record_summary=survey_summary.record_ikm,
                openness_facts=openness.openness_facts,
                search=SearchSource(
                    kind=Service.guard_kind,
                    label=_("Layanan"),
                    published=Service.objects.published,
                    url_fields=("slug",),
                    summary_field="summary",
                    title_field="name",
                ),
                home_sections=home.SECTIONS,
                editor_permissions=("publicservices.add_service", "publicservices.change_service"),
                portal_sections=portal.SECTIONS,
                menu_targets=survey_menu.with_survey_target(menu.menu_targets),
            )
        )
        receivers.connect()
        survey_receivers.connect()
