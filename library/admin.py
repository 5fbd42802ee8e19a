from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import filetypes
from library import views
from library.forms import ImageUploadForm, store_images
from library.models import Document, Image
from library.services import (
    ALT_TEXT_REQUIRED,
    add_document,
    library_max_bytes,
    max_document_mb,
    update_alt_text,
)


class MissingAltTextFilter(admin.SimpleListFilter):
    title = gettext_lazy("teks alternatif")
    parameter_name = "teks_alt"

    def lookups(self, request, model_admin):
        return [("kosong", gettext_lazy("Belum diisi"))]

    def queryset(self, request, queryset):
        return queryset.filter(alt_text="") if self.value() == "kosong" else queryset


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    """A grid of thumbnails (templates/admin/library/image/change_list.html), searched by alt
    text; "Tambah" opens the upload page for several images at once."""

    change_list_template = "admin/library/image/change_list.html"
    list_display = ("alt_text", "uploaded_at", "uploaded_by")
    list_filter = (MissingAltTextFilter, "uploaded_at")
    list_select_related = ("uploaded_by",)
    search_fields = ("alt_text",)
    list_per_page = 48
    fields = ("preview", "alt_text", "address", "size_label", "uploaded_by", "uploaded_at")
    readonly_fields = ("preview", "address", "size_label", "uploaded_by", "uploaded_at")
    actions = None

    class Media:
        css = {"all": ("css/library.css",)}
        js = ("js/library.js",)

    def get_urls(self):
        own = [
            path(
                "sisipkan/",
                self.admin_site.admin_view(views.editor_picker),
                name="library_image_picker",
            ),
        ]
        return own + super().get_urls()

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImageUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            images, errors = store_images(
                form.cleaned_data["files"],
                request.POST.getlist("file_alt"),
                default_alt=form.cleaned_data["alt_text"],
                by=request.user,
                max_bytes=library_max_bytes(),
            )
            if images:
                messages.success(
                    request, _("%(count)d gambar tersimpan di pustaka.") % {"count": len(images)}
                )
            for error in errors:
                messages.error(request, error)
            if not errors:
                return redirect("admin:library_image_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Unggah gambar ke pustaka"),
            "form": form,
            "media": self.media + form.media,
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, "admin/library/image/upload.html", context)

    def save_model(self, request, obj, form, change):
        stored = Image.objects.get(pk=obj.pk)
        update_alt_text(image=stored, alt_text=form.cleaned_data["alt_text"])

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.base_fields["alt_text"].required = True
        form.base_fields["alt_text"].error_messages["required"] = ALT_TEXT_REQUIRED
        return form

    @admin.display(description=gettext_lazy("gambar"))
    def preview(self, image):
        shown = image.picture()
        if not shown:
            return "—"
        return format_html(
            '<img class="library-preview" src="{}" alt="{}" width="{}" height="{}">',
            shown["src"],
            image.alt_text,
            image.width,
            image.height,
        )

    @admin.display(description=gettext_lazy("alamat gambar"))
    def address(self, image):
        shown = image.picture()
        return shown["src"] if shown else image.file.url

    @admin.display(description=gettext_lazy("ukuran"))
    def size_label(self, image):
        return f"{image.width} × {image.height} px"


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "size_label", "uploaded_at", "uploaded_by")
    list_select_related = ("uploaded_by",)
    search_fields = ("title",)
    readonly_fields = ("size_label", "uploaded_by", "uploaded_at")

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("title", "file")
        return ("title", "file", "size_label", "uploaded_by", "uploaded_at")

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "file") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            obj.full_clean()
            obj.save(update_fields=["title"])
            return
        saved = add_document(upload=form.cleaned_data["file"], title=obj.title, by=request.user)
        obj.pk, obj.file, obj.size = saved.pk, saved.file, saved.size
        obj._state.adding = False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            return type(form.__name__, (_CheckedPdfForm, form), {})
        return form

    @admin.display(description=gettext_lazy("ukuran"))
    def size_label(self, document):
        return document.size_display()


class _CheckedPdfForm:
    """The PDF is checked while the form validates, so a bad file is a form error."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None:
            filetypes.validate_upload(
                upload, allowed={".pdf": {filetypes.PDF}}, max_mb=max_document_mb()
            )
        return upload
