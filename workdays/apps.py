from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "workdays"
    verbose_name = _("Hari kerja")

    def ready(self):
        from workdays import receivers

        receivers.connect()
