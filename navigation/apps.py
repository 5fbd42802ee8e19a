from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NavigationConfig(AppConfig):
    name = "navigation"
    verbose_name = _("Menu situs")

    def ready(self):
        from accounts import roles
        from core import registry
        from navigation import defaults, receivers, services
        from navigation.models import MenuItem

        registry.register(
            registry.ContentApp(
                label=self.label,
                # Whoever edits the pages places them in the menu.
                roles=(roles.OPERATOR_BERITA,),
                audited_models=(MenuItem,),
                seed_defaults=defaults.seed_defaults,
            )
        )
        registry.register_menu_placement(
            registry.MenuPlacement(
                choices=services.placement_choices,
                current=services.current_place,
                place=services.place,
            )
        )
        receivers.connect()
