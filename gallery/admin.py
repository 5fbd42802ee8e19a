from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import storage
from gallery.forms import AlbumAdminForm, PhotoInlineForm, VideoAdminForm
from gallery.models import Album, Photo, Video
from publishing.admin import PublishingAdminMixin


class PhotoInline(admin.TabularInline):
    model = Photo
    form = PhotoInlineForm
    extra = 0
    fields = ("thumbnail", "image", "alt_text", "caption", "position")
    readonly_fields = ("thumbnail",)
    verbose_name = gettext_lazy("foto")
    verbose_name_plural = gettext_lazy("Foto dalam album")

    @admin.display(description=gettext_lazy("pratinjau"))
    def thumbnail(self, photo):
        from django.utils.html import format_html

        shown = photo.picture() if photo.pk else None
        if not shown:
            return "—"
        return format_html('<img src="{}" alt="" width="96">', shown["thumb_url"])


@admin.register(Album)
class AlbumAdmin(PublishingAdminMixin, admin.ModelAdmin):
    form = AlbumAdminForm
    inlines = (PhotoInline,)
    list_display = ("title", "is_published", "published_at", "photo_count")
    list_editable = ("is_published",)
    search_fields = ("title", "description")
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = (
        (None, {"fields": ("title", "description", "is_published", "published_at")}),
        (
            gettext_lazy("Tambah foto"),
            {
                "fields": ("new_photos", "new_photos_alt_text"),
                "description": gettext_lazy(
                    "Pilih banyak foto sekaligus dan tulis satu teks alternatif untuk semuanya. "
                    "Foto yang tidak dapat dipakai ditolak dan tidak ada yang tersimpan."
                ),
            },
        ),
        (gettext_lazy("Sampul dan alamat"), {"fields": ("cover", "slug")}),
    )

    @admin.display(description=gettext_lazy("jumlah foto"))
    def photo_count(self, album):
        return album.photo_total

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(photo_total=Count("photos"))

    def save_related(self, request, form, formsets, change):
        with storage.removed_on_error():
            super().save_related(request, form, formsets, change)
            added = form.save_new_photos(form.instance)
        if added:
            messages.info(request, _("%(count)d foto ditambahkan ke album.") % {"count": added})

    def view_on_site(self, album):
        return album.get_absolute_url()


@admin.register(Video)
class VideoAdmin(PublishingAdminMixin, admin.ModelAdmin):
    form = VideoAdminForm
    list_display = ("title", "is_published", "published_at")
    list_editable = ("is_published",)
    search_fields = ("title", "description")
