from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("OPD dan domain")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

        from portal.middleware import bind_session_to_schema
        from tenants import banners, opd_summary, signals
        from tenants.models import EmergencyBanner

        User = get_user_model()
        post_migrate.connect(signals.sync_roles_after_migrate, sender=self)
        user_logged_in.connect(bind_session_to_schema, dispatch_uid="bind_session_to_schema")
        user_logged_in.connect(signals.operator_logged_in, dispatch_uid="operator_logged_in")
        post_save.connect(signals.operator_saved, sender=User, dispatch_uid="operator_saved")
        post_delete.connect(signals.operator_deleted, sender=User, dispatch_uid="operator_deleted")
        m2m_changed.connect(
            signals.operator_roles_changed,
            sender=User.groups.through,
            dispatch_uid="operator_roles_changed",
        )
        for signal in (post_save, post_delete):
            signal.connect(
                banners.forget_banners, sender=EmergencyBanner, dispatch_uid=f"banners-{signal}"
            )
            for model in ("pages.Page", "pages.Official", "ppid.PublicInformation"):
                signal.connect(
                    opd_summary.record_content_checklist,
                    sender=model,
                    dispatch_uid=f"checklist-{model}-{signal}",
                )
            signal.connect(
                opd_summary.record_ppid_summary,
                sender="ppid.InformationRequest",
                dispatch_uid=f"ppid-summary-{signal}",
            )
