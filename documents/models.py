"""The OPD's document library ("Unduhan"): forms, regulations, reports and other files citizens
download, beyond the Daftar Informasi Publik. Files live in the OPD's media folder (as the PPID's
public documents), under generated names; their type is judged by their bytes
(core.filetypes) when uploaded and stored with their size."""

import uuid

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.filetypes import CONTENT_TYPES, PDF, TYPE_EXTENSIONS, TYPE_LABELS
from core.richtext import RichTextField, html_to_text, sanitize_html
from core.search import SEARCH_CONFIG

# Under MEDIA_ROOT/<schema>/ (or the bucket's <schema>/ prefix), like ppid/dokumen/.
FOLDER = "unduhan"


def document_upload_to(document, filename: str) -> str:
    extension = TYPE_EXTENSIONS.get(document.file_type, "")
    return f"{FOLDER}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class DocumentCategory(models.Model):
    name = models.CharField(_("nama"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Dipakai di alamat halaman, mis. /unduhan/?kategori=formulir."),
    )
    position = models.PositiveSmallIntegerField(
        _("urutan"), default=0, help_text=_("Kategori dengan angka kecil tampil lebih dulu.")
    )

    audit_fields = ("name", "slug", "position")

    class Meta:
        verbose_name = _("kategori unduhan")
        verbose_name_plural = _("kategori unduhan")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('documents:list')}?kategori={self.slug}"


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Document(models.Model):
    guard_kind = "download"
    guard_publish_field = "is_published"

    title = models.CharField(_("judul"), max_length=200)
    description = RichTextField(
        _("keterangan"),
        blank=True,
        help_text=_("Jelaskan singkat isi dokumen dan untuk siapa dokumen ini (boleh kosong)."),
    )
    body_text = models.TextField(editable=False, blank=True, default="")
    category = models.ForeignKey(
        DocumentCategory,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("kategori"),
    )
    file = models.FileField(
        _("berkas"),
        upload_to=document_upload_to,
        max_length=200,
        help_text=_(
            "PDF, DOCX, XLSX, PPTX, ODT, ODS, ZIP, JPG atau PNG. Berkas dengan makro, skrip atau "
            "isi yang tidak sesuai ekstensinya ditolak."
        ),
    )
    original_filename = models.CharField(
        _("nama berkas asli"), max_length=255, blank=True, editable=False
    )
    file_type = models.CharField(_("jenis berkas"), max_length=10, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("ukuran (bita)"), default=0, editable=False)
    is_published = models.BooleanField(
        _("terbit"), default=True, help_text=_("Hilangkan centang untuk menyembunyikan dokumen.")
    )
    published_at = models.DateTimeField(
        _("tanggal terbit"),
        default=timezone.now,
        help_text=_("Tanggal dokumen yang ditampilkan untuk warga; daftar diurutkan menurutnya."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("body_text", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = DocumentQuerySet.as_manager()

    # The fields the audit log records (audit.services.audited_fields).
    audit_fields = (
        "title",
        "description",
        "category",
        "file",
        "original_filename",
        "file_type",
        "file_size",
        "is_published",
        "published_at",
    )

    class Meta:
        verbose_name = _("dokumen unduhan")
        verbose_name_plural = _("dokumen unduhan")
        ordering = ["-published_at", "-pk"]
        indexes = [GinIndex(fields=["search_vector"], name="documents_document_search_gin")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.description = sanitize_html(self.description)
        self.body_text = html_to_text(self.description)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:detail", args=[self.pk])

    def download_url(self):
        return reverse("documents:file", args=[self.pk])

    # The content guard's protocol (core.registry.Publishable).
    def guard_html(self) -> str:
        return format_html("<h1>{}</h1>", self.title) + self.description

    def guard_is_published(self) -> bool:
        return self.is_published

    def guard_set_published(self, published: bool) -> None:
        self.is_published = published

    @property
    def type_label(self) -> str:
        return TYPE_LABELS.get(self.file_type, self.file_type.upper())

    @property
    def size_display(self) -> str:
        return filesizeformat(self.file_size)

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES.get(self.file_type, "application/octet-stream")

    @property
    def is_pdf(self) -> bool:
        return self.file_type == PDF

    def download_filename(self) -> str:
        """A safe name for the saved file: the title as a slug, with the type's extension."""
        base = slugify(self.title)[:80].strip("-") or "dokumen"
        return f"{base}{TYPE_EXTENSIONS.get(self.file_type, '')}"
