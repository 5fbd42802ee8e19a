from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field

from core.admin import ValidatedAutocompleteAdminMixin
from library.forms import EditorWithLibrary
from publicservices.forms import MaklumatAdminForm, ServiceAdminForm
from publicservices.models import Service, ServiceMaklumat, ServiceStep
from publishing.admin import PublishingAdminMixin

EDITOR = {CKEditor5Field: {"widget": EditorWithLibrary(config_name="default")}}


class UploaderAdminMixin:
    """The form knows who uploads into the media library."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"library_user": request.user})


class ServiceStepInline(admin.TabularInline):
    model = ServiceStep
    extra = 1
    fields = ("position", "title", "description")
    verbose_name = _("langkah prosedur")
    verbose_name_plural = _("Sistem, mekanisme dan prosedur (urut dari langkah pertama)")


@admin.register(Service)
class ServiceAdmin(
    UploaderAdminMixin, PublishingAdminMixin, ValidatedAutocompleteAdminMixin, admin.ModelAdmin
):
    form = ServiceAdminForm
    inlines = (ServiceStepInline,)
    list_display = ("name", "position", "is_published", "updated_at")
    list_editable = ("position", "is_published")
    search_fields = ("name", "summary")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("forms",)
    formfield_overrides = EDITOR
    save_on_top = True
    fieldsets = (
        (_("Penerbitan"), {"fields": ("is_published", "position")}),
        (None, {"fields": ("name", "slug", "summary")}),
        (
            _("Standar pelayanan"),
            {
                "fields": ("requirements", "duration", "cost", "product", "complaints"),
                "description": _(
                    "Komponen standar pelayanan yang wajib diumumkan kepada masyarakat "
                    "(PermenPAN-RB 15/2014). Langkah prosedur diisi di bagian bawah."
                ),
            },
        ),
        (_("Waktu dan tempat"), {"fields": ("opening_hours", "location", "map_url")}),
        (
            _("Formulir dan pengajuan daring"),
            {"fields": ("forms", "form_upload", "form_title", "apply_url")},
        ),
    )


@admin.register(ServiceMaklumat)
class ServiceMaklumatAdmin(UploaderAdminMixin, ValidatedAutocompleteAdminMixin, admin.ModelAdmin):
    form = MaklumatAdminForm
    autocomplete_fields = ("scan_image", "scan_document")
    formfield_overrides = EDITOR
    fieldsets = (
        (None, {"fields": ("text", "signed_by")}),
        (
            _("Pindaian bertanda tangan"),
            {
                "fields": ("scan_upload", "scan_image", "scan_document"),
                "description": _(
                    "Unggah foto atau PDF maklumat yang sudah ditandatangani, atau pilih dari "
                    "pustaka media."
                ),
            },
        ),
    )

    def add_view(self, request, form_url="", extra_context=None):
        """One Maklumat per OPD (a unique column says so too): once written, "Tambah" opens it.
        Checked here rather than in has_add_permission(), which every admin page's app list
        asks (a query on every page)."""
        maklumat = ServiceMaklumat.objects.only("pk").first()
        if maklumat is not None:
            return redirect(
                reverse("admin:publicservices_servicemaklumat_change", args=[maklumat.pk])
            )
        return super().add_view(request, form_url, extra_context)

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """One Maklumat per OPD: the list opens it (or the form to write it)."""
        maklumat = ServiceMaklumat.objects.only("pk").first()
        if maklumat is None:
            return redirect(reverse("admin:publicservices_servicemaklumat_add"))
        return redirect(reverse("admin:publicservices_servicemaklumat_change", args=[maklumat.pk]))


from publicservices.survey import admin as survey_admin  # noqa: E402, F401  SKM: its admin
