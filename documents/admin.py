from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field

from core.admin import StoredUploadsAdminMixin
from documents.forms import DocumentAdminForm, DocumentCategoryAdminForm
from documents.models import Document, DocumentCategory
from library.forms import EditorWithLibrary
from publishing.admin import PublishingAdminMixin


@admin.register(DocumentCategory)
class DocumentCategoryAdmin(admin.ModelAdmin):
    form = DocumentCategoryAdminForm
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)


@admin.register(Document)
class DocumentAdmin(StoredUploadsAdminMixin, PublishingAdminMixin, admin.ModelAdmin):
    form = DocumentAdminForm
    list_display = (
        "title",
        "category",
        "type_column",
        "size_column",
        "is_published",
        "published_at",
    )
    list_filter = ("category", "is_published", "file_type")
    list_select_related = ("category",)
    search_fields = ("title", "body_text")
    date_hierarchy = "published_at"
    readonly_fields = ("original_filename", "file_type", "file_size", "updated_at")
    formfield_overrides = {CKEditor5Field: {"widget": EditorWithLibrary(config_name="default")}}
    fieldsets = (
        (None, {"fields": ("title", "category", "description")}),
        (
            _("Berkas"),
            {
                "fields": ("file", "original_filename", "file_type", "file_size"),
                "description": _(
                    "Unggah berkas yang akan diunduh warga. Nama berkas di server dibuat "
                    "otomatis; warga menerima berkas dengan nama dari judul dokumen."
                ),
            },
        ),
        (_("Penerbitan"), {"fields": ("is_published", "published_at", "updated_at")}),
    )

    @admin.display(description=_("jenis"), ordering="file_type")
    def type_column(self, document):
        return document.type_label

    @admin.display(description=_("ukuran"), ordering="file_size")
    def size_column(self, document):
        return document.size_display
