import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import storage
from core.images import make_cover_renditions, picture
from core.richtext import RichTextField, html_to_text, sanitize_html
from core.search import SEARCH_CONFIG
from core.slugs import unique_slug
from core.trees import ShallowTree

ANNOUNCEMENT_CATEGORY = "pengumuman"
# A category, its parent and its grandparent at most: the category page gathers its articles
# from its subcategories in one query of that depth (CategoryQuerySet.within).
MAX_CATEGORY_DEPTH = 3
# Paths under /berita/ that an article slug would shadow.
RESERVED_SLUGS = frozenset({"feed", "kategori", "pratinjau"})


def validate_article_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("Slug “%(value)s” dipakai sistem; pilih slug lain."),
            code="reserved",
            params={"value": value},
        )


def cover_upload_to(article, filename: str) -> str:
    extension = PurePath(filename).suffix.lower() or ".jpg"
    return f"berita/sampul/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class CategoryQuerySet(models.QuerySet):
    def within(self, category: "Category") -> "CategoryQuerySet":
        """The category and every category under it (MAX_CATEGORY_DEPTH levels at most)."""
        return self.filter(
            models.Q(pk=category.pk)
            | models.Q(parent=category.pk)
            | models.Q(parent__parent=category.pk)
        )


class Category(ShallowTree, models.Model):
    name = models.CharField(_("nama"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("kategori induk"),
        help_text=_(
            "Pilih kategori induk bila kategori ini bagian dari kategori lain; berita kategori "
            "ini tampil juga di halaman induknya. Kosongkan untuk kategori utama. Paling dalam "
            "tiga tingkat."
        ),
    )
    description = models.TextField(_("keterangan"), blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = CategoryQuerySet.as_manager()

    # The fields the audit log records (an allow-list, audit.services.audited_fields).
    audit_fields = (
        "name",
        "slug",
        "parent",
        "description",
        "order",
    )

    class Meta:
        verbose_name = _("kategori")
        verbose_name_plural = _("kategori")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    max_depth = MAX_CATEGORY_DEPTH
    parent_cycle_message = _(
        "Kategori induk tidak boleh kategori ini sendiri atau salah satu kategori di bawahnya."
    )
    parent_depth_message = _(
        "Susunan kategori paling dalam %(depth)s tingkat; pilih kategori induk yang lebih tinggi."
    )

    def get_absolute_url(self):
        return reverse("news:category", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        self.clean_parent()


class Tag(models.Model):
    name = models.CharField(_("nama"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tag")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        """What citizens may read now: published, not scheduled for later, not expired."""
        now = timezone.now()
        return self.filter(
            models.Q(unpublish_at__isnull=True) | models.Q(unpublish_at__gt=now),
            status=Article.Status.PUBLISHED,
            published_at__lte=now,
        )

    def scheduled(self) -> "ArticleQuerySet":
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    # --- editorial workflow and scheduled unpublishing (issue #16) ---
    def expired(self) -> "ArticleQuerySet":
        """Published articles whose "berakhir tampil" has passed: hidden from citizens."""
        return self.filter(status=Article.Status.PUBLISHED, unpublish_at__lte=timezone.now())

    def expiring(self) -> "ArticleQuerySet":
        """Published articles that will leave the site at a time still to come."""
        return self.filter(status=Article.Status.PUBLISHED, unpublish_at__gt=timezone.now())

    def awaiting_review(self) -> "ArticleQuerySet":
        return self.filter(status=Article.Status.REVIEW)

    def sent_back(self) -> "ArticleQuerySet":
        """Drafts a reviewer returned to their author with a note."""
        return self.filter(status=Article.Status.DRAFT).exclude(review_note="")

    def for_listing(self) -> "ArticleQuerySet":
        return self.select_related("category", "cover_photo").defer(
            "body", "body_text", "search_vector"
        )


class Article(models.Model):
    guard_kind = "article"
    guard_publish_field = "status"

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        REVIEW = "review", _("Menunggu tinjauan")
        PUBLISHED = "published", _("Terbit")

    title = models.CharField(_("judul"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        validators=[validate_article_slug],
        help_text=_("Bagian alamat artikel; dibuat otomatis dari judul bila dikosongkan."),
    )
    summary = models.TextField(
        _("ringkasan"),
        max_length=400,
        blank=True,
        help_text=_("Satu-dua kalimat untuk daftar berita, hasil pencarian dan pratinjau tautan."),
    )
    body = RichTextField(_("isi"), blank=True)
    body_text = models.TextField(editable=False, blank=True, default="")
    cover = models.ImageField(_("gambar sampul"), upload_to=cover_upload_to, blank=True)
    cover_alt = models.CharField(
        _("teks alternatif sampul"),
        max_length=200,
        blank=True,
        help_text=_("Jelaskan isi gambar untuk pembaca yang tidak dapat melihatnya."),
    )
    cover_meta = models.JSONField(default=dict, editable=False, blank=True)
    # Media library (library app): the cover chosen from it or uploaded into it, which wins
    # over the older `cover` upload above (kept so that covers from before the library still
    # show), and the PDFs listed under the article.
    cover_photo = models.ForeignKey(
        "library.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gambar sampul"),
    )
    attachments = models.ManyToManyField(
        "library.Document", blank=True, related_name="+", verbose_name=_("lampiran PDF")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("kategori")
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name=_("tag"))
    is_pinned = models.BooleanField(
        _("disematkan"), default=False, help_text=_("Tampil menonjol di beranda.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("waktu terbit"),
        default=timezone.now,
        db_index=True,
        help_text=_("Waktu di masa depan menjadwalkan artikel: ia tampil sendiri pada waktu itu."),
    )
    # --- editorial workflow and scheduled unpublishing (issue #16) ---
    unpublish_at = models.DateTimeField(
        _("berakhir tampil"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Kosongkan bila artikel tampil terus. Pada waktu ini artikel hilang dari situs, "
            "umpan RSS, pencarian dan portal (mis. pengumuman yang sudah lewat)."
        ),
    )
    review_note = models.TextField(
        _("catatan peninjau"),
        blank=True,
        help_text=_("Alasan peninjau mengembalikan artikel ke penulisnya."),
    )
    # --- end of the editorial block ---
    byline = models.CharField(
        _("nama penulis"),
        max_length=100,
        blank=True,
        help_text=_(
            "Tampil di bawah judul, misalnya “Tim Humas”. Kosongkan bila tidak perlu. "
            "Artikel dari situs WordPress lama membawa nama penulisnya di sini."
        ),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="articles",
        verbose_name=_("penulis"),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body_text", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ArticleQuerySet.as_manager()
    # Revisions (README, Dependencies): each save writes one row in the OPD's schema.
    history = HistoricalRecords(
        verbose_name=_("revisi artikel"),
        verbose_name_plural=_("revisi artikel"),
        excluded_fields=("body_text", "search_vector", "created_at", "updated_at"),
        user_db_constraint=False,
    )

    # The fields the audit log records (an allow-list, audit.services.audited_fields).
    audit_fields = (
        "title",
        "slug",
        "summary",
        "body",
        "cover",
        "cover_alt",
        "cover_photo",
        "category",
        "is_pinned",
        "status",
        "published_at",
        "unpublish_at",
        "review_note",
        "byline",
        "author",
    )

    class Meta:
        verbose_name = _("artikel")
        verbose_name_plural = _("artikel")
        ordering = ["-published_at", "-pk"]
        indexes = [
            GinIndex(fields=["search_vector"], name="news_article_search_gin"),
            models.Index(fields=["status", "-published_at"], name="news_article_status_pub"),
        ]
        permissions = [("publish_article", _("Dapat meninjau dan menerbitkan artikel"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unpublish_at__isnull=True)
                | models.Q(unpublish_at__gt=models.F("published_at")),
                name="news_article_unpublish_after_publish",
                violation_error_message=_("Waktu berakhir tampil harus sesudah waktu terbit."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        self.body_text = html_to_text(self.body)
        if not self.slug:
            self.slug = unique_slug(
                Article, self.title, reserved=RESERVED_SLUGS, exclude_pk=self.pk
            )
        with storage.removed_on_error():
            self.prepare_files()
            super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    def prepare_files(self):
        """Store a fresh cover upload (as FileField.pre_save would) and make its renditions, so
        that they, and with them everything post_save receivers see, are complete when the row
        is written (core.admin.StoredUploadsFormMixin calls it while validating)."""
        if self.cover and self.cover_meta.get("source") != self.cover.name:
            if not self.cover._committed:
                self.cover.save(self.cover.name, self.cover.file, save=False)
            self.cover_meta = make_cover_renditions(self.cover.name, storage=self.cover.storage)
        elif not self.cover:
            self.cover_meta = {}

    def guard_html(self) -> str:
        template = "<h1>{}</h1><p>{}</p><p>{}</p>"
        cover = self.cover_image()
        alt = cover["alt"] if cover else self.cover_alt
        return format_html(template, self.title, self.summary, alt) + self.body

    def guard_is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def guard_set_published(self, published: bool) -> None:
        self.status = self.Status.PUBLISHED if published else self.Status.DRAFT

    @property
    def is_visible(self) -> bool:
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at <= now
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.published_at > timezone.now()

    @property
    def is_expired(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.unpublish_at is not None
            and self.unpublish_at <= timezone.now()
        )

    def display_status(self) -> str:
        """The status as an operator reads it: "Terjadwal" and "Berakhir tampil" included."""
        if self.is_scheduled:
            return _("Terjadwal")
        if self.is_expired:
            return _("Berakhir tampil")
        if self.status == self.Status.DRAFT and self.review_note:
            return _("Dikembalikan")
        return self.get_status_display()

    @property
    def is_announcement(self) -> bool:
        return self.category.slug == ANNOUNCEMENT_CATEGORY

    def cover_image(self) -> dict | None:
        """Everything a template needs for a responsive <picture> of the cover, or None: the
        library image when one is chosen, else the cover uploaded before the library."""
        if self.cover_photo_id:
            return self.cover_photo.picture()
        if not self.cover:
            return None
        return picture(self.cover_meta, base_url=self.cover.storage.url(""), alt=self.cover_alt)
