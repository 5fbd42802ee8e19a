from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MainsiteConfig(AppConfig):
    name = "mainsite"
    verbose_name = _("Portal pemda")

    def ready(self):
        from mainsite import receivers

        receivers.connect()
