"""The console's activity settings and the reminders sent."""

from django.contrib import admin
from django.shortcuts import redirect

from console.models import ActivityReminder, ActivitySettings
from core.sites import console_site


@admin.register(ActivitySettings, site=console_site)
class ActivitySettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not ActivitySettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        return redirect("console:console_activitysettings_change", ActivitySettings.current().pk)


@admin.register(ActivityReminder, site=console_site)
class ActivityReminderAdmin(admin.ModelAdmin):
    list_display = ("opd", "sent_at", "status", "recipients")
    list_filter = ("status", "opd__kind")
    list_select_related = ("opd",)
    search_fields = ("opd__name", "recipients")
    date_hierarchy = "sent_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
