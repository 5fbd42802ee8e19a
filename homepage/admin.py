"""The home page in the OPD admin: four entries an operator finds under "Beranda situs" (the
headline, the quick links, the Sambutan Kepala, the layout). The first three edit the one
HomePage row through proxy models; every screen is guarded by `homepage.change_homepage`."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field

from homepage.forms import HeadlineForm, LayoutForm, WelcomeForm
from homepage.models import Headline, HomeLayout, QuickLink, Welcome
from homepage.sections import CHANGE_HOME
from homepage.services import refresh_welcome_renditions
from library.forms import EditorWithLibrary


class SingletonAdmin(admin.ModelAdmin):
    """The one HomePage row, edited through a proxy: its list opens the form."""

    save_message = _("Tersimpan.")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(CHANGE_HOME)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(CHANGE_HOME)

    def has_module_permission(self, request):
        return request.user.has_perm(CHANGE_HOME)

    def get_object(self, request, object_id, from_field=None):
        """The one row, whatever id the address names (created on first use)."""
        return self.model.for_editing()

    def changelist_view(self, request, extra_context=None):
        if not self.has_change_permission(request):
            raise PermissionDenied
        home = self.model.for_editing()
        opts = self.model._meta
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", home.pk)

    def response_change(self, request, obj):
        messages.success(request, self.save_message)
        opts = self.model._meta
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", obj.pk)

    def render_change_form(self, request, context, *args, **kwargs):
        context.update(show_save_and_continue=False, show_save_and_add_another=False,
                       show_delete_link=False)  # fmt: skip
        return super().render_change_form(request, context, *args, **kwargs)


@admin.register(Headline)
class HeadlineAdmin(SingletonAdmin):
    form = HeadlineForm
    save_message = _("Judul utama beranda tersimpan.")

    def get_fieldsets(self, request, obj=None):
        description = format_html(
            '{} <a href="{}">{}</a>',
            _(
                'Bagian paling atas beranda: berita yang disematkan (centang "disematkan" '
                "pada berita) atau satu gambar banner dengan tautan. Bagian lain dan urutannya "
                "diatur di"
            ),
            reverse("admin:homepage_homelayout_change", args=[HomeLayout.SINGLETON_PK]),
            _("Tata letak beranda"),
        )
        return (
            (None, {"fields": ("headline",), "description": description}),
            (
                _("Gambar banner"),
                {"fields": ("banner_image", "banner_alt", "banner_title", "banner_link")},
            ),  # fmt: skip
        )

    class Media:
        css = {"all": ("css/library.css",)}
        js = ("js/library.js",)


@admin.register(Welcome)
class WelcomeAdmin(SingletonAdmin):
    form = WelcomeForm
    save_message = _("Sambutan kepala tersimpan.")
    formfield_overrides = {CKEditor5Field: {"widget": EditorWithLibrary(config_name="default")}}
    fieldsets = (
        (
            None,
            {
                "fields": ("welcome_photo", "welcome_name", "welcome_position", "welcome_text"),
                "description": _(
                    "Foto, nama, jabatan dan sambutan kepala OPD di beranda. Foto dipotong tegak "
                    "3:4; sambutan yang panjang dipotong di beranda dan dibaca utuh di halaman "
                    "Sambutan."
                ),
            },
        ),
    )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "welcome_photo" in form.changed_data:
            refresh_welcome_renditions(obj)


@admin.register(HomeLayout)
class HomeLayoutAdmin(SingletonAdmin):
    """ "Tata letak beranda": each section with a check box and its place, moved up or down by
    buttons (a plain form: it works without JavaScript)."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_change_permission(request):
            raise PermissionDenied
        home = HomeLayout.for_editing()
        form = LayoutForm(request.POST or None, home=home, request=request)
        if request.method == "POST" and form.is_valid():
            move = request.POST.get("pindah", "")
            form.save(move=move)
            if not move:
                messages.success(request, _("Tata letak beranda tersimpan."))
            return redirect("admin:homepage_homelayout_change", home.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Tata letak beranda"),
            "form": form,
            "opts": self.opts,
            "home_url": "/",
        }
        return TemplateResponse(request, "admin/homepage/layout.html", context)


@admin.register(QuickLink)
class QuickLinkAdmin(admin.ModelAdmin):
    list_display = ("title", "url", "icon", "position")
    list_editable = ("position",)
    search_fields = ("title", "description", "url")
    fields = ("title", "description", "url", "icon", "position")
