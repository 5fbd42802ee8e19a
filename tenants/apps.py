from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("OPD dan domain")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import (
            m2m_changed,
            post_delete,
            post_migrate,
            post_save,
            pre_save,
        )

        from portal import pagecache
        from portal.middleware import bind_session_to_schema
        from tenants import audit, banners, host_cache, opd_summary, portal_index, signals
        from tenants.models import Domain, EmergencyBanner, Opd

        User = get_user_model()
        audit.connect()
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
        pagecache.register_schedule_provider(portal_index.next_scheduled_item, public=True)
        pre_save.connect(host_cache.remember_old_domain, sender=Domain, dispatch_uid="host-old")
        for signal in (post_save, post_delete):
            signal.connect(host_cache.domain_changed, sender=Domain, dispatch_uid=f"host-{signal}")
            signal.connect(host_cache.opd_changed, sender=Opd, dispatch_uid=f"host-opd-{signal}")
            signal.connect(portal_index.opd_changed, sender=Opd, dispatch_uid=f"portal-{signal}")
            signal.connect(
                portal_index.opd_changed, sender=Domain, dispatch_uid=f"portal-domain-{signal}"
            )
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
