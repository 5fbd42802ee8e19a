from datetime import datetime

from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import StoredUploadsAdminMixin, ValidatedAutocompleteAdminMixin
from core.preview import make_token
from news import workflow
from news.forms import ArticleAdminForm, CategoryAdminForm, TagAdminForm
from news.library_form import ArticleLibraryAdminMixin
from news.models import Article, Category, Tag
from news.quickpost import QuickPostAdminMixin
from publishing.admin import PublishingAdminMixin
from publishing.revisions import RevisionsAdminMixin
from publishing.services import publish_content


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
    list_display = ("name", "parent", "slug", "order")
    list_editable = ("order",)
    list_select_related = ("parent",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    form = TagAdminForm
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


class ReviewListFilter(admin.SimpleListFilter):
    title = _("tinjauan")
    parameter_name = "tinjauan"

    def lookups(self, request, model_admin):
        return [("menunggu", _("Menunggu tinjauan")), ("dikembalikan", _("Dikembalikan"))]

    def queryset(self, request, queryset):
        if self.value() == "menunggu":
            return queryset.awaiting_review()
        if self.value() == "dikembalikan":
            return queryset.sent_back()
        return queryset


@admin.register(Article)
class ArticleAdmin(
    ArticleLibraryAdminMixin,
    QuickPostAdminMixin,
    StoredUploadsAdminMixin,
    RevisionsAdminMixin,
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
    list_filter = ("status", ReviewListFilter, "category", "author", MonthListFilter, "is_pinned")
    list_select_related = ("category", "author")
    search_fields = ("title", "summary", "body_text")
    autocomplete_fields = ("tags",)
    date_hierarchy = "published_at"
    readonly_fields = ("author", "created_at", "updated_at", "preview_link", "status_label")
    # --- editorial layout, workflow, preview, revisions (issue #16) ---
    # The publish controls (status, schedule, preview) come first and the buttons sit at the
    # top as well as the bottom: the form is long (templates/admin/news/article/).
    save_on_top = True
    revision_fields = (
        "title",
        "category",
        "summary",
        "body",
        "cover_alt",
        "is_pinned",
        "byline",
        "status",
        "published_at",
        "unpublish_at",
        "review_note",
    )
    restored_fields = ("title", "category", "summary", "body", "cover_alt", "is_pinned")

    class Media:
        css = {"all": ("css/admin-editorial.css",)}
        js = ("js/admin-editorial.js",)

    def get_fieldsets(self, request, obj=None):
        publishing = ["status" if workflow.can_publish(request.user) else "status_label"]
        publishing += ["published_at", "unpublish_at"]
        if obj is not None and (obj.review_note or self._reviewing(request, obj)):
            publishing.append("review_note")
        if obj is not None:
            publishing.append("preview_link")
        fieldsets = [
            (_("Penerbitan"), {"fields": publishing, "classes": ("publish-controls",)}),
            (None, {"fields": ("title", "category", "summary", "body")}),
            # The media library's part (news.library_form).
            (_("Gambar sampul"), {"fields": ("cover_photo", "cover_upload", "cover_alt_text")}),
            (
                _("Lampiran PDF"),
                {"fields": ("attachments", "attachment_upload", "attachment_title")},
            ),
            (_("Tampilan dan tag"), {"fields": ("is_pinned", "tags", "byline")}),
            (
                _("Lanjutan"),
                {
                    "fields": ("slug",),
                    "classes": ("collapse",),
                    "description": _("Alamat artikel dibuat otomatis dari judul."),
                },
            ),
        ]
        if obj is not None:
            fieldsets.append((_("Riwayat"), {"fields": ("author", "created_at", "updated_at")}))
        return fieldsets

    def get_changeform_initial_data(self, request):
        # A new article is most often plain news: one choice fewer for the operator.
        initial = super().get_changeform_initial_data(request)
        if "category" not in initial:
            category = Category.objects.filter(slug="berita").first() or Category.objects.first()
            if category is not None:
                initial["category"] = category.pk
        return initial

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not self._reviewing(request, obj):
            readonly.append("review_note")
        return readonly

    def has_change_permission(self, request, obj=None):
        # Where articles are reviewed, what is out (or scheduled) changes only through a
        # reviewer; the author sees it read-only.
        if (
            obj is not None
            and obj.status == Article.Status.PUBLISHED
            and not workflow.can_publish(request.user)
        ):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if (
            obj is not None
            and obj.status == Article.Status.PUBLISHED
            and not workflow.can_publish(request.user)
        ):
            return False
        return super().has_delete_permission(request, obj)

    def _reviewing(self, request, obj) -> bool:
        return (
            obj is not None
            and obj.status == Article.Status.REVIEW
            and workflow.can_publish(request.user)
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.reviewing = self._reviewing(request, obj)
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, object_id) if object_id else None
        extra_context = {
            **(extra_context or {}),
            "workflow_buttons": self._workflow_buttons(request, obj),
            "article": obj,
        }
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _workflow_buttons(self, request, obj) -> list[tuple[str, str]]:
        """(name, label) of the buttons beside "Simpan" for this user and article."""
        if not request.user.has_perm("news.change_article"):
            return []
        status = obj.status if obj is not None else Article.Status.DRAFT
        if self._reviewing(request, obj):
            return [
                ("_setujui", _("Setujui dan terbitkan")),
                ("_kembalikan", _("Kembalikan ke penulis")),
            ]
        if workflow.can_publish(request.user):
            if status != Article.Status.PUBLISHED:
                return [("_terbitkan", _("Terbitkan"))]
            return []
        if status == Article.Status.DRAFT:
            return [("_ajukan", _("Ajukan untuk ditinjau"))]
        return []

    def save_model(self, request, obj, form, change):
        if not change or obj.author_id is None:
            obj.author = request.user
        obj._history_user = request.user
        user = request.user
        if "_ajukan" in request.POST:
            outcome = workflow.submit_for_review(article=obj, by=user)
            request._workflow_message = _(
                "“%(title)s” diajukan untuk ditinjau; peninjau sudah diberi tahu."
            ) % {"title": obj}
        elif "_setujui" in request.POST or "_terbitkan" in request.POST:
            outcome = workflow.approve(article=obj, by=user)
        elif "_kembalikan" in request.POST:
            outcome = workflow.send_back(article=obj, by=user, note=obj.review_note)
            request._workflow_message = _(
                "“%(title)s” dikembalikan ke penulis dengan catatan Anda."
            ) % {"title": obj}
        else:
            outcome = publish_content(obj)
        self.warn_if_held(request, obj, outcome)
        if obj.is_scheduled and not outcome.held:
            request._workflow_message = _(
                "“%(title)s” tersimpan. Terbit otomatis pada %(when)s."
            ) % {
                "title": obj,
                "when": wib(obj.published_at),
            }

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        replacement = getattr(request, "_workflow_message", None)
        if replacement and level == messages.SUCCESS:
            message = replacement
        super().message_user(request, message, level, *args, **kwargs)

    def view_on_site(self, obj):
        """ "Lihat di situs": the article itself once citizens see it, else its preview."""
        return obj.get_absolute_url() if obj.is_visible else preview_url(obj)

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, article):
        return self.held_label(article) or article.display_status()

    @admin.display(description=_("pratinjau"))
    def preview_link(self, article):
        if not article.pk:
            return "—"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', preview_url(article), _("Lihat")
        )

    # --- end of the editorial block ---

    def get_queryset(self, request):
        return super().get_queryset(request).defer("body", "body_text", "search_vector")


def preview_url(article) -> str:
    """The signed preview link of `article` on this OPD's host (core.preview)."""
    return reverse("news:preview", kwargs={"token": make_token(Article.guard_kind, article.pk)})


def wib(moment) -> str:
    """3 Desember 2026 pukul 08.00 WIB (TIME_ZONE is Asia/Jakarta)."""
    local = timezone.localtime(moment)
    return _("%(date)s pukul %(time)s WIB") % {
        "date": date_format(local, "j F Y"),
        "time": local.strftime("%H.%M"),
    }
