"""Local holidays in the Kominfo console."""

from django.contrib import admin

from core.sites import console_site
from workdays.models import LocalHoliday


@admin.register(LocalHoliday, site=console_site)
class LocalHolidayAdmin(admin.ModelAdmin):
    list_display = ("date", "name")
    date_hierarchy = "date"
    search_fields = ("name",)
