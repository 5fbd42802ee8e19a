from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BannersConfig(AppConfig):
    name = "banners"
    verbose_name = _("Siaran darurat")

    def ready(self):
        from banners import receivers

        receivers.connect()
