from django.contrib import admin

from backups.models import RestoreDrill
from core.sites import console_site


@admin.register(RestoreDrill, site=console_site)
class RestoreDrillAdmin(admin.ModelAdmin):
    """Results of restore drills (manage.py restore_drill): read only, written by the drill."""

    list_display = ("slug", "started_at", "ok", "duration_seconds", "archive")
    list_filter = ("ok",)
    search_fields = ("slug",)
    date_hierarchy = "started_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
