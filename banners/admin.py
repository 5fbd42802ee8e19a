"""Emergency banners in the Kominfo console."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tenants.utils import get_public_schema_name

from banners.forms import BannerForm
from banners.models import EmergencyBanner
from core.sites import console_site
from tenants.models import Opd


@admin.register(EmergencyBanner, site=console_site)
class EmergencyBannerAdmin(admin.ModelAdmin):
    form = BannerForm
    list_display = (
        "text",
        "level",
        "issued_by",
        "everywhere",
        "starts_at",
        "expires_at",
        "is_current",
    )
    list_filter = ("level",)
    list_select_related = ("issued_by",)
    fields = ("level", "text", "link", "starts_at", "expires_at")

    @admin.display(boolean=True, description=_("Tayang"))
    def is_current(self, banner):
        return banner.starts_at <= timezone.now() < banner.expires_at

    def save_model(self, request, obj, form, change):
        if not change:
            obj.issued_by = Opd.objects.get(schema_name=get_public_schema_name())
            obj.created_by = request.user.get_username()
        super().save_model(request, obj, form, change)
