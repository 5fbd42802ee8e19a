from datetime import datetime

from django.contrib import admin
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import StoredUploadsAdminMixin, ValidatedAutocompleteAdminMixin
from news.forms import ArticleAdminForm, CategoryAdminForm, TagAdminForm
from news.library_form import ArticleLibraryAdminMixin
from news.models import Article, Category, Tag
from news.quickpost import QuickPostAdminMixin
from publishing.admin import PublishingAdminMixin


class MonthListFilter(admin.SimpleListFilter):
    title = _("bulan terbit")
    parameter_name = "bulan"

    def lookups(self, request, model_admin):
        months = Article.objects.dates("published_at", "month", order="DESC")[:24]
        return [(f"{m:%Y-%m}", date_format(m, "F Y")) for m in months]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            month = datetime.strptime(self.value(), "%Y-%m")
        except ValueError:  # typed into the address bar: no month matches
            return queryset.none()
        return queryset.filter(published_at__year=month.year, published_at__month=month.month)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    form = CategoryAdminForm
    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    form = TagAdminForm
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Article)
class ArticleAdmin(
    ArticleLibraryAdminMixin,
    QuickPostAdminMixin,
    StoredUploadsAdminMixin,
    PublishingAdminMixin,
    ValidatedAutocompleteAdminMixin,
    admin.ModelAdmin,
):
    form = ArticleAdminForm
    list_display = (
        "title",
        "category",
        "status_label",
        "published_at",
        "is_pinned",
        "author",
        "preview_link",
    )
    list_filter = ("status", "category", "author", MonthListFilter, "is_pinned")
    list_select_related = ("category", "author")
    search_fields = ("title", "summary", "body_text")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("tags",)
    date_hierarchy = "published_at"
    readonly_fields = ("author", "created_at", "updated_at", "preview_link")
    fieldsets = (
        (None, {"fields": ("title", "slug", "category", "summary", "body")}),
        # The media library's part (news.library_form).
        (_("Gambar sampul"), {"fields": ("cover_photo", "cover_upload", "cover_alt_text")}),
        (_("Lampiran PDF"), {"fields": ("attachments", "attachment_upload", "attachment_title")}),
        (
            _("Penerbitan"),
            {"fields": ("status", "published_at", "is_pinned", "tags", "preview_link")},
        ),
        (_("Riwayat"), {"fields": ("author", "created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).defer("body", "body_text", "search_vector")

    def save_model(self, request, obj, form, change):
        if not change or obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, article):
        if article.status == Article.Status.PUBLISHED and not article.is_visible:
            return _("Terjadwal")
        return article.get_status_display()

    @admin.display(description=_("pratinjau"))
    def preview_link(self, article):
        if not article.pk:
            return "—"
        url = reverse("news:preview", kwargs={"pk": article.pk})
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("Lihat"))
