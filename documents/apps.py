from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Unduhan")

    def ready(self):
        from accounts import roles
        from core import registry
        from core.search import SearchSource
        from documents import defaults, demo, menu, receivers
        from documents.models import Document, DocumentCategory

        registry.register(
            registry.ContentApp(
                label=self.label,
                roles=(roles.OPERATOR_BERITA,),
                publishables=(registry.Publishable(model=Document, label=_("Unduhan")),),
                audited_models=(DocumentCategory,),
                seed_defaults=defaults.seed_defaults,
                seed_demo=demo.seed_demo_content,
                search=SearchSource(
                    kind=Document.guard_kind,
                    label=_("Unduhan"),
                    published=Document.objects.published,
                    date_field="published_at",
                ),
                editor_permissions=("documents.add_document", "documents.change_document"),
                menu_targets=menu.menu_targets,
            )
        )
        receivers.connect()
