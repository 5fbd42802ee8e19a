"""The whole audit trail, read-only, in the Kominfo console."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent
from core.admin import ViewOnlyAdminMixin
from core.sites import console_site


@admin.register(AuditEvent, site=console_site)
class AuditEventAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    """Every OPD's audit log, read-only."""

    list_display = ("at", "opd", "actor", "action", "object_kind", "object_repr", "ip_address")
    fields = (
        "at",
        "opd",
        "actor",
        "action",
        "object_kind",
        "object_id",
        "object_repr",
        "change_list",
        "ip_address",
    )
    readonly_fields = fields
    list_filter = ("action", "opd", "at")
    list_select_related = ("opd",)
    search_fields = ("actor", "object_repr", "object_id", "ip_address")
    date_hierarchy = "at"

    @admin.display(description=_("jenis objek"), ordering="object_type")
    def object_kind(self, event):
        return event.object_type_label

    @admin.display(description=_("perubahan"))
    def change_list(self, event):
        return "; ".join(f"{field}: {change}" for field, change in event.change_rows()) or "–"


# Log-in lock-outs of Kominfo's own accounts (public schema); deleting an attempt unlocks it.
