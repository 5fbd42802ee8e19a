import uuid

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import storage
from core.images import make_portrait_rendition
from core.richtext import RichTextField, html_to_text, sanitize_html
from core.search import SEARCH_CONFIG
from core.trees import ShallowTree

PROFILE_SLUG = "profil"
STRUCTURE_SLUG = "struktur-organisasi"
# A page, its parent and its grandparent at most: deeper trees make menus and breadcrumbs hard to
# read, and the citizen page reads its ancestors in the same query (select_related).
MAX_PAGE_DEPTH = 3


class PageQuerySet(models.QuerySet):
    def published(self) -> "PageQuerySet":
        return self.filter(is_published=True)

    def in_menu(self) -> "PageQuerySet":
        return self.published().filter(show_in_menu=True)


class Page(ShallowTree, models.Model):
    """One of the OPD's own pages (profil, visi dan misi, ...), written in the editor."""

    guard_kind = "page"
    guard_publish_field = "is_published"

    title = models.CharField(_("judul"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("halaman induk"),
        help_text=_(
            "Pilih halaman induk bila halaman ini bagian dari halaman lain (misalnya “Visi dan "
            "Misi” di bawah “Profil”). Kosongkan untuk halaman utama. Paling dalam tiga tingkat."
        ),
    )
    body = RichTextField(_("isi"), blank=True)
    body_text = models.TextField(editable=False, blank=True, default="")
    menu_order = models.PositiveSmallIntegerField(_("urutan menu"), default=0)
    show_in_menu = models.BooleanField(_("tampil di menu"), default=True)
    is_published = models.BooleanField(_("terbit"), default=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("body_text", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = PageQuerySet.as_manager()
    # Revisions (README, Dependencies): each save writes one row in the OPD's schema.
    history = HistoricalRecords(
        verbose_name=_("revisi halaman"),
        verbose_name_plural=_("revisi halaman"),
        excluded_fields=("body_text", "search_vector", "updated_at"),
        user_db_constraint=False,
    )

    # The fields the audit log records (an allow-list, audit.services.audited_fields).
    audit_fields = (
        "title",
        "slug",
        "parent",
        "body",
        "menu_order",
        "show_in_menu",
        "is_published",
    )

    class Meta:
        verbose_name = _("halaman")
        verbose_name_plural = _("halaman")
        ordering = ["menu_order", "title"]
        indexes = [GinIndex(fields=["search_vector"], name="pages_page_search_gin")]
        permissions = [("change_identity", _("Dapat mengubah identitas OPD"))]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        self.body_text = html_to_text(self.body)
        super().save(*args, **kwargs)

    max_depth = MAX_PAGE_DEPTH
    parent_cycle_message = _(
        "Halaman induk tidak boleh halaman ini sendiri atau salah satu halaman di bawahnya."
    )
    parent_depth_message = _(
        "Susunan halaman paling dalam %(depth)s tingkat; pilih halaman induk yang lebih tinggi."
    )

    def get_absolute_url(self):
        return reverse("pages:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        self.clean_parent()

    def breadcrumb(self) -> list["Page"]:
        """The published ancestors to show above the page, the highest first."""
        return [page for page in reversed(self.ancestors()) if page.is_published]

    def guard_html(self) -> str:
        return format_html("<h1>{}</h1>", self.title) + self.body

    def guard_is_published(self) -> bool:
        return self.is_published

    def guard_set_published(self, published: bool) -> None:
        self.is_published = published

    @property
    def is_profile(self) -> bool:
        return self.slug == PROFILE_SLUG


def official_photo_upload_to(official, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"pejabat/{uuid.uuid4().hex}.{extension}"


class OrgUnit(models.Model):
    """A unit of the OPD's organisation (Sekretariat, Bidang …, UPT …), in the order the
    Struktur Organisasi page shows them."""

    name = models.CharField(_("nama unit"), max_length=150)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    audit_fields = ("name", "order")

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class OfficialQuerySet(models.QuerySet):
    def in_chart_order(self) -> "OfficialQuerySet":
        """The head of office (no unit) first, then each unit in order, its members in order."""
        return self.select_related("unit").order_by(
            models.F("unit__order").asc(nulls_first=True), "unit__name", "unit_id", "order", "name"
        )

    def heads_of_office(self) -> "OfficialQuerySet":
        return self.filter(unit__isnull=True).order_by("order", "name")


class Official(models.Model):
    """An official of the OPD, on the Struktur Organisasi page by unit; those without a unit
    lead the office (the Kepala) and are shown on the profile page too."""

    name = models.CharField(_("nama"), max_length=150)
    position = models.CharField(_("jabatan"), max_length=150)
    unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="officials",
        verbose_name=_("unit kerja"),
        help_text=_(
            "Kosongkan untuk pimpinan OPD (kepala). Pejabat pertama dalam urutan sebuah unit "
            "tampil sebagai kepala unit itu."
        ),
    )
    photo = models.ImageField(_("foto"), upload_to=official_photo_upload_to, blank=True)
    # The portrait cropped to a fixed ratio (core.images.make_portrait_rendition).
    photo_meta = models.JSONField(default=dict, blank=True, editable=False)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = OfficialQuerySet.as_manager()

    # The fields the audit log records (an allow-list, audit.services.audited_fields).
    audit_fields = (
        "name",
        "position",
        "unit",
        "photo",
        "order",
    )

    class Meta:
        verbose_name = _("pejabat")
        verbose_name_plural = _("pejabat")
        ordering = ["order", "name"]

    def __str__(self):
        return f"{self.name} ({self.position})"

    def save(self, *args, **kwargs):
        with storage.removed_on_error():
            self.prepare_files()
            super().save(*args, **kwargs)

    def prepare_files(self):
        """Store a fresh photo upload and crop its portrait, before the row is written."""
        if self.photo and self.photo_meta.get("source") != self.photo.name:
            if not self.photo._committed:
                self.photo.save(self.photo.name, self.photo.file, save=False)
            self.photo_meta = make_portrait_rendition(self.photo.name, storage=self.photo.storage)
        elif not self.photo:
            self.photo_meta = {}

    def portrait(self) -> dict | None:
        """The cropped portrait's URLs and size for the template, or None without a photo."""
        meta = self.photo_meta
        if not self.photo:
            return None
        storage_ = self.photo.storage
        if not meta.get("jpg"):
            # A photo stored before portraits were cropped: the page crops it with CSS.
            return {"jpg": self.photo.url, "webp": "", "width": 160, "height": 200}
        return {
            "jpg": storage_.url(meta["jpg"]),
            "webp": storage_.url(meta["webp"]),
            "width": meta["width"],
            "height": meta["height"],
        }
