from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PemdaConfig(AppConfig):
    name = "pemda"
    verbose_name = _("Identitas pemda")

    def ready(self):
        from pemda import receivers

        receivers.connect()
