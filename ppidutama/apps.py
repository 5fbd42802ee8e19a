from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PpidUtamaConfig(AppConfig):
    name = "ppidutama"
    verbose_name = _("PPID Utama")
