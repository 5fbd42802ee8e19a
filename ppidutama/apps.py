from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PpidUtamaConfig(AppConfig):
    name = "ppidutama"
    verbose_name = _("PPID Utama")

    def ready(self):
        from ppidutama import roles

        post_migrate.connect(roles.sync_roles, sender=self, dispatch_uid="ppidutama_roles")
