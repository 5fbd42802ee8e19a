from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PpidConfig(AppConfig):
    name = "ppid"
    verbose_name = _("PPID")

    def ready(self):
        from accounts import roles
        from core import registry
        from core.search import SearchSource
        from ppid import dashboard, demo, desk, home, menu, openness, portal, receivers, summary
        from ppid.models import InformationRequest, Objection, PublicInformation

        registry.register(
            registry.ContentApp(
                label=self.label,
                roles=(roles.PETUGAS_PPID,),
                publishables=(
                    registry.Publishable(
                        model=PublicInformation,
                        label=_("Informasi publik (DIP)"),
                        index_entry=portal.information_entry,
                        index_entries=portal.index_entries,
                        public_indexes=(portal.PEMDA_DIP,),
                    ),
                ),
                audited_models=(InformationRequest, Objection),
                seed_demo=demo.seed_demo_content,
                checklist_items=summary.CHECKLIST_ITEMS,
                checklist=summary.checklist_facts,
                checklist_models=(PublicInformation,),
                record_summary=summary.record_summary,
                openness_facts=openness.openness_facts,
                dashboard_items=dashboard.dashboard_items,
                menu_targets=menu.menu_targets,
                menu_shortcuts=menu.menu_shortcuts,
                home_sections=home.SECTIONS,
                search=SearchSource(
                    kind=PublicInformation.guard_kind,
                    label=_("Informasi publik"),
                    published=PublicInformation.objects.published,
                    body_field="summary",
                ),
            )
        )
        registry.register_request_desk(
            registry.RequestDesk(
                submit=desk.submit, receive=desk.receive, find=desk.find, facts=desk.facts
            )
        )
        receivers.connect()
