from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RedirectsConfig(AppConfig):
    name = "redirects"
    verbose_name = _("Pengalihan tautan")

    def ready(self):
        from redirects import receivers

        receivers.connect()
