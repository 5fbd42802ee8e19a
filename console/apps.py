from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsoleConfig(AppConfig):
    name = "console"
    verbose_name = _("Konsol Kominfo")

    def ready(self):
        from console import receivers

        receivers.connect()
