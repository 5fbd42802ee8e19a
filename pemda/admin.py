"""The pemda's identity in the Kominfo console: one page, one row, links inline."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.sites import console_site
from pemda.forms import PemdaIdentityForm
from pemda.models import IDENTITY_PK, CommonLink, PemdaIdentity


class CommonLinkInline(admin.TabularInline):
    model = CommonLink
    extra = 1
    fields = ("order", "title", "url")


@admin.register(PemdaIdentity, site=console_site)
class PemdaIdentityAdmin(admin.ModelAdmin):
    form = PemdaIdentityForm
    inlines = (CommonLinkInline,)
    fieldsets = (
        (None, {"fields": ("name", "region_name", "coat_of_arms")}),
        (
            _("Kontak"),
            {"fields": ("address", "phone", "email", "portal_url", "map_url", "lapor_url")},
        ),
        (
            _("Media sosial"),
            {"fields": ("instagram_url", "facebook_url", "x_url", "youtube_url", "tiktok_url")},
        ),
        (
            _("Pernyataan di setiap situs"),
            {"fields": ("privacy_statement", "accessibility_statement")},
        ),
    )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not PemdaIdentity.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """There is one identity: its list is its form (or the form to create it)."""
        if PemdaIdentity.objects.filter(pk=IDENTITY_PK).exists():
            return redirect(reverse("console:pemda_pemdaidentity_change", args=[IDENTITY_PK]))
        return redirect(reverse("console:pemda_pemdaidentity_add"))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "show_save_and_add_another": False}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _back_to_the_form(self, response):
        # "Simpan" would go to the list, which is this form again: stay on it.
        if response.status_code == 302:
            return redirect(reverse("console:pemda_pemdaidentity_change", args=[IDENTITY_PK]))
        return response

    def response_add(self, request, obj, post_url_continue=None):
        return self._back_to_the_form(super().response_add(request, obj, post_url_continue))

    def response_change(self, request, obj):
        return self._back_to_the_form(super().response_change(request, obj))
