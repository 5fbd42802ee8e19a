from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("OPD dan domain")

    def ready(self):
        from tenants import receivers

        receivers.connect()
