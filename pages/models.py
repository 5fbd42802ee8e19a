import uuid

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.richtext import RichTextField, html_to_text, sanitize_html
from core.search import SEARCH_CONFIG

PROFILE_SLUG = "profil"


class PageQuerySet(models.QuerySet):
    def published(self) -> "PageQuerySet":
        return self.filter(is_published=True)

    def in_menu(self) -> "PageQuerySet":
        return self.published().filter(show_in_menu=True)


class Page(models.Model):
    """One of the OPD's own pages (profil, visi dan misi, ...), written in the editor."""

    guard_kind = "page"
    guard_publish_field = "is_published"

    title = models.CharField(_("judul"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
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

    def get_absolute_url(self):
        return reverse("pages:detail", kwargs={"slug": self.slug})

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


class Official(models.Model):
    """An official of the OPD, listed on the profile page."""

    name = models.CharField(_("nama"), max_length=150)
    position = models.CharField(_("jabatan"), max_length=150)
    photo = models.ImageField(_("foto"), upload_to=official_photo_upload_to, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    # The fields the audit log records (an allow-list, audit.services.audited_fields).
    audit_fields = (
        "name",
        "position",
        "photo",
        "order",
    )

    class Meta:
        verbose_name = _("pejabat")
        verbose_name_plural = _("pejabat")
        ordering = ["order", "name"]

    def __str__(self):
        return f"{self.name} ({self.position})"
