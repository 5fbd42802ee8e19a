from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field

from core import registry
from core.preview import make_token
from library.forms import EditorWithLibrary
from pages.forms import IdentityForm, OfficialAdminForm, PageAdminForm
from pages.models import Official, OrgUnit, Page
from publishing.admin import PublishingAdminMixin
from publishing.revisions import RevisionsAdminMixin

IDENTITY_PERMISSION = "pages.change_identity"


@admin.register(Page)
class PageAdmin(RevisionsAdminMixin, PublishingAdminMixin, admin.ModelAdmin):
    form = PageAdminForm
    list_display = (
        "title",
        "parent",
        "status_label",
        "is_published",
        "updated_at",
        "preview_link",
    )
    list_editable = ("is_published",)
    list_select_related = ("parent",)
    search_fields = ("title", "body_text")
    prepopulated_fields = {"slug": ("title",)}
    # The media library's panel under the editor (insert an image uploaded before).
    formfield_overrides = {CKEditor5Field: {"widget": EditorWithLibrary(config_name="default")}}
    # --- editorial layout, preview, revisions (issue #16) ---
    # Pages are published directly by whoever may change them (no review step): they change
    # rarely, and the roles that edit them are the OPD's own admins and news operators.
    save_on_top = True
    readonly_fields = ("preview_link",)
    revision_fields = ("title", "body", "menu_order", "show_in_menu", "is_published")
    restored_fields = ("title", "body")

    class Media:
        css = {"all": ("css/admin-editorial.css",)}
        js = ("js/admin-editorial.js",)

    def get_fieldsets(self, request, obj=None):
        # Where a page shows in the menu: "Letak di menu" (core.registry.menu_placement); a new
        # page is not appended to the menu by itself any more.
        publishing = ["is_published"]
        if registry.menu_placement() is not None:
            publishing.append("menu_place")
        if obj is not None:
            publishing.append("preview_link")
        return [
            (_("Penerbitan"), {"fields": publishing, "classes": ("publish-controls",)}),
            (None, {"fields": ("title", "body")}),
            (_("Susunan"), {"fields": ("parent",)}),
            (
                _("Lanjutan"),
                {
                    "fields": ("slug",),
                    "classes": ("collapse",),
                    "description": _("Alamat halaman, dibuat dari judul saat halaman dibuat."),
                },
            ),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.base_fields["title"].widget.attrs["class"] = "vTextField article-title"
        return form

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        super().save_model(request, obj, form, change)
        form.place_in_menu()

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published else page_preview_url(obj)

    @admin.display(description=_("status"), ordering="is_published")
    def status_label(self, page):
        return self.held_label(page) or (_("Terbit") if page.is_published else _("Draf"))

    @admin.display(description=_("pratinjau"))
    def preview_link(self, page):
        if not page.pk:
            return "—"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', page_preview_url(page), _("Lihat")
        )

    # --- end of the editorial block ---

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
            messages.success(request, _("Identitas situs tersimpan."))
            return redirect("admin:pages_identity")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Identitas situs"),
            "form": form,
            "opts": self.opts,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/pages/identity.html", context)


def page_preview_url(page) -> str:
    """The signed preview link of `page` on this OPD's host (core.preview)."""
    return reverse("pages:preview", kwargs={"token": make_token(Page.guard_kind, page.pk)})


class OfficialInline(admin.TabularInline):
    model = Official
    form = OfficialAdminForm
    fields = ("name", "position", "photo", "order")
    extra = 1
    verbose_name = _("pejabat di unit ini")
    verbose_name_plural = _("pejabat di unit ini (yang pertama dalam urutan adalah kepala unit)")


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    """Units of the Struktur Organisasi page, each with its officials, in the order shown."""

    list_display = ("name", "order", "official_count")
    list_editable = ("order",)
    search_fields = ("name",)
    inlines = (OfficialInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(official_total=Count("officials"))

    @admin.display(description=_("jumlah pejabat"), ordering="official_total")
    def official_count(self, unit):
        return unit.official_total


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    form = OfficialAdminForm
    list_display = ("name", "position", "unit", "order")
    list_editable = ("order",)
    list_filter = ("unit",)
    list_select_related = ("unit",)
    search_fields = ("name", "position")
