from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomepageConfig(AppConfig):
    name = "homepage"
    verbose_name = _("Beranda situs")

    def ready(self):
        from core import registry
        from homepage import checklist, dashboard, demo, receivers, sections
        from homepage.models import Headline, HomeLayout, HomePage, QuickLink, Welcome

        registry.register(
            registry.ContentApp(
                label=self.label,
                audited_models=(HomePage, Headline, Welcome, HomeLayout, QuickLink),
                seed_demo=demo.seed_demo_content,
                home_sections=sections.SECTIONS,
                editor_permissions=("homepage.change_homepage",),
                dashboard_items=dashboard.dashboard_items,
                checklist_items=checklist.ITEMS,
                checklist=checklist.facts,
                # Saving the Sambutan saves the one HomePage row through its proxies.
                checklist_models=(HomePage, Headline, Welcome, HomeLayout),
            )
        )
        receivers.connect()
