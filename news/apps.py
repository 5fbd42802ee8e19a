from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Berita")

    def ready(self):
        from accounts import roles
        from core import registry
        from core.search import SearchSource
        from news import dashboard, defaults, demo, home, menu, portal, receivers
        from news.models import Article, Category

        registry.register(
            registry.ContentApp(
                label=self.label,
                roles=(roles.OPERATOR_BERITA,),
                # Reviewing and publishing (news.workflow): Admin OPD by default.
                admin_only_permissions=("publish_article",),
                publishables=(
                    registry.Publishable(
                        model=Article,
                        label=_("Berita"),
                        index_entry=portal.article_entry,
                        index_entries=portal.index_entries,
                        is_news=True,
                    ),
                ),
                audited_models=(Category,),
                seed_defaults=defaults.seed_defaults,
                seed_demo=demo.seed_demo_content,
                search=SearchSource(
                    kind=Article.guard_kind,
                    label=_("Berita"),
                    published=Article.objects.published,
                    url_fields=("slug",),
                    date_field="published_at",
                    summary_field="summary",
                ),
                home_sections=home.SECTIONS,
                editor_permissions=("news.add_article", "news.change_article"),
                dashboard_items=dashboard.dashboard_items,
                menu_targets=menu.menu_targets,
                menu_target_models=(Category,),
            )
        )
        receivers.connect()
