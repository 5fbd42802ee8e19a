from django.contrib.admin.apps import AdminConfig


class OpdAdminConfig(AdminConfig):
    """Makes the OPD admin site Django's default admin site, so tenant apps simply use
    `@admin.register`. The Kominfo console is a separate site (console.admin.console_site)."""

    default_site = "portal.admin_sites.OpdAdminSite"
