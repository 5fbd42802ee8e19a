from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Halaman")

    def ready(self):
        from accounts import roles
        from core import registry
        from core.search import SearchSource
        from pages import checklist, defaults, demo, menu, openness, receivers
        from pages.models import Official, OrgUnit, Page

        registry.register(
            registry.ContentApp(
                label=self.label,
                roles=(roles.OPERATOR_BERITA,),
                admin_only_permissions=("change_identity",),
                publishables=(registry.Publishable(model=Page, label=_("Halaman")),),
                audited_models=(Official, OrgUnit),
                seed_defaults=defaults.seed_defaults,
                seed_demo=demo.seed_demo_content,
                checklist_items=checklist.ITEMS,
                checklist=checklist.facts,
                checklist_models=(Page, Official),
                search=SearchSource(
                    kind=Page.guard_kind,
                    label=_("Halaman"),
                    published=Page.objects.published,
                    url_fields=("slug",),
                ),
                editor_permissions=("pages.add_page", "pages.change_page"),
                menu_targets=menu.menu_targets,
                openness_facts=openness.openness_facts,
                menu_target_models=(Page,),
            )
        )
        receivers.connect()
