from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = _("FAQ")

    def ready(self):
        from accounts import roles
        from core import registry
        from core.search import SearchSource
        from faq import demo, menu, receivers
        from faq.models import FaqGroup, FaqItem

        registry.register(
            registry.ContentApp(
                label=self.label,
                roles=(roles.OPERATOR_BERITA,),
                publishables=(registry.Publishable(model=FaqItem, label=_("FAQ")),),
                audited_models=(FaqGroup,),
                seed_demo=demo.seed_demo_content,
                search=SearchSource(
                    kind=FaqItem.guard_kind,
                    label=_("FAQ"),
                    published=FaqItem.objects.published,
                    title_field="question",
                    body_field="answer_text",
                ),
                editor_permissions=("faq.add_faqitem", "faq.change_faqitem"),
                menu_targets=menu.menu_targets,
            )
        )
        receivers.connect()
