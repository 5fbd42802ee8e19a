from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("OPD dan domain")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from portal.middleware import bind_session_to_schema
        from tenants import signals

        post_migrate.connect(signals.sync_roles_after_migrate, sender=self)
        user_logged_in.connect(bind_session_to_schema, dispatch_uid="bind_session_to_schema")
