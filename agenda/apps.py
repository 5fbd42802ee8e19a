from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = _("Agenda")

    def ready(self):
        from accounts import roles
        from agenda import demo, home, menu, portal, receivers
        from agenda.models import Event
        from core import registry
        from core.search import SearchSource

        registry.register(
            registry.ContentApp(
                label=self.label,
                roles=(roles.OPERATOR_BERITA,),
                publishables=(
                    registry.Publishable(
                        model=Event,
                        label=_("Agenda"),
                        index_entry=portal.event_entry,
                        index_entries=portal.index_entries,
                    ),
                ),
                seed_demo=demo.seed_demo_content,
                search=SearchSource(
                    kind=Event.guard_kind,
                    label=_("Agenda"),
                    published=Event.objects.published,
                    url_fields=("slug",),
                    date_field="starts_at",
                    summary_field="place",
                ),
                home_sections=home.SECTIONS,
                editor_permissions=("agenda.add_event", "agenda.change_event"),
                portal_sections=portal.SECTIONS,
                menu_targets=menu.menu_targets,
            )
        )
        receivers.connect()
