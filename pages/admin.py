from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field

from library.forms import EditorWithLibrary
from pages.forms import IdentityForm, OfficialAdminForm
from pages.models import Official, Page
from publishing.admin import PublishingAdminMixin

IDENTITY_PERMISSION = "pages.change_identity"


@admin.register(Page)
class PageAdmin(PublishingAdminMixin, admin.ModelAdmin):
    list_display = ("title", "slug", "menu_order", "show_in_menu", "is_published", "updated_at")
    list_editable = ("menu_order", "show_in_menu", "is_published")
    search_fields = ("title", "body_text")
    prepopulated_fields = {"slug": ("title",)}
    fields = ("title", "slug", "body", "menu_order", "show_in_menu", "is_published")
    # The media library's panel under the editor (insert an image uploaded before).
    formfield_overrides = {CKEditor5Field: {"widget": EditorWithLibrary(config_name="default")}}

    def get_urls(self):
        return [
            path(
                "identitas/",
                self.admin_site.admin_view(self.identity_view),
                name="pages_identity",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_change_identity": request.user.has_perm(IDENTITY_PERMISSION),
        }
        return super().changelist_view(request, extra_context)

    def identity_view(self, request):
        """The OPD's logo, colour, contact and social links: always the current OPD's row."""
        if not request.user.has_perm(IDENTITY_PERMISSION):
            raise PermissionDenied
        opd = request.tenant
        form = IdentityForm(request.POST or None, request.FILES or None, instance=opd)
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, _("Identitas OPD tersimpan."))
            return redirect("admin:pages_identity")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Identitas OPD"),
            "form": form,
            "opts": self.opts,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/pages/identity.html", context)


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    form = OfficialAdminForm
    list_display = ("name", "position", "order")
    list_editable = ("order",)
    search_fields = ("name", "position")
