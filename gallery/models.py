"""The OPD's gallery: photo albums and YouTube videos (issue #18).

A photo is an uploaded image decoded, re-encoded and renamed (core.images, as the media library
does: JPEG, PNG or WebP only) with its renditions made at once; its alt text is required. A
video is only a YouTube id: the pages link to youtube.com and load nothing from it."""

import re
import uuid
from urllib.parse import parse_qs, urlsplit

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core import storage
from core.images import make_cover_renditions, picture
from core.search import SEARCH_CONFIG

PHOTO_FOLDER = "galeri"
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtu.be"}
YOUTUBE_URL_ERROR = _(
    "Alamat video YouTube tidak dikenali. Salin alamat dari YouTube, misalnya "
    "https://www.youtube.com/watch?v=abcdefghijk atau https://youtu.be/abcdefghijk."
)
ALT_TEXT_REQUIRED = _("Isi teks alternatif: jelaskan isi foto untuk pembaca tunanetra.")


def youtube_id(url: str) -> str:
    """The 11-character id of a YouTube video URL (watch?v=, youtu.be/, shorts/), or
    ValidationError with a message for the operator."""
    url = (url or "").strip()
    if "://" not in url:
        url = f"https://{url}"
    try:
        parts = urlsplit(url)
    except ValueError:
        raise ValidationError(YOUTUBE_URL_ERROR, code="youtube") from None
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or host not in YOUTUBE_HOSTS:
        raise ValidationError(YOUTUBE_URL_ERROR, code="youtube")
    path = parts.path.rstrip("/")
    candidate = ""
    if host.endswith("youtu.be"):
        candidate = path.lstrip("/")
    elif path == "/watch":
        candidate = (parse_qs(parts.query).get("v") or [""])[0]
    elif path.startswith("/shorts/"):
        candidate = path.removeprefix("/shorts/")
    if not YOUTUBE_ID.match(candidate):
        raise ValidationError(YOUTUBE_URL_ERROR, code="youtube")
    return candidate


def photo_upload_to(photo, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"{PHOTO_FOLDER}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class AlbumQuerySet(models.QuerySet):
    def published(self) -> "AlbumQuerySet":
        return self.filter(is_published=True, published_at__lte=timezone.now())


class Album(models.Model):
    guard_kind = "album"
    guard_publish_field = "is_published"

    title = models.CharField(_("judul"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("Bagian alamat halaman album, dibuat dari judul."),
    )
    description = models.TextField(
        _("keterangan"),
        blank=True,
        help_text=_("Beberapa kalimat tentang kegiatan dalam album ini (teks biasa)."),
    )
    # The description, for the site search (SearchSource reads `body_text`).
    body_text = models.TextField(editable=False, blank=True, default="")
    is_published = models.BooleanField(
        _("terbit"), default=True, help_text=_("Hapus centang untuk menyembunyikan album.")
    )
    published_at = models.DateTimeField(
        _("tanggal terbit"),
        default=timezone.now,
        help_text=_("Album tampil untuk warga mulai tanggal ini."),
    )
    cover = models.ForeignKey(
        "Photo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sampul"),
        help_text=_("Salah satu foto album ini. Kosongkan: foto pertama menjadi sampul."),
    )
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("body_text", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = AlbumQuerySet.as_manager()

    audit_fields = ("title", "slug", "description", "is_published", "published_at", "cover")

    class Meta:
        verbose_name = _("album foto")
        verbose_name_plural = _("album foto")
        ordering = ["-published_at", "-pk"]
        indexes = [GinIndex(fields=["search_vector"], name="gallery_album_search_gin")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_text = self.description
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("gallery:album", kwargs={"slug": self.slug})

    def clean(self):
        if self.cover_id and self.pk and self.cover.album_id != self.pk:
            raise ValidationError({"cover": _("Sampul harus salah satu foto album ini.")})

    def guard_html(self) -> str:
        return format_html("<h1>{}</h1><p>{}</p>", self.title, self.description)

    def guard_is_published(self) -> bool:
        return self.is_published

    def guard_set_published(self, published: bool) -> None:
        self.is_published = published


class Photo(models.Model):
    album = models.ForeignKey(
        Album, on_delete=models.CASCADE, related_name="photos", verbose_name=_("album")
    )
    image = models.ImageField(_("foto"), upload_to=photo_upload_to, max_length=200)
    renditions = models.JSONField(_("ukuran turunan"), default=dict, blank=True, editable=False)
    width = models.PositiveIntegerField(_("lebar"), default=0, editable=False)
    height = models.PositiveIntegerField(_("tinggi"), default=0, editable=False)
    alt_text = models.CharField(
        _("teks alternatif"),
        max_length=200,
        help_text=_(
            "Wajib. Jelaskan isi foto untuk pembaca yang tidak dapat melihatnya, misalnya "
            "“Petugas membagikan sembako kepada warga di balai desa”."
        ),
    )
    caption = models.CharField(
        _("keterangan foto"),
        max_length=300,
        blank=True,
        help_text=_("Tampil di bawah foto (boleh kosong)."),
    )
    position = models.PositiveSmallIntegerField(
        _("urutan"), default=0, help_text=_("Foto berurutan dari angka terkecil.")
    )
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    audit_fields = ("album", "image", "alt_text", "caption", "position")

    class Meta:
        verbose_name = _("foto")
        verbose_name_plural = _("foto")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.alt_text or str(_("Foto"))

    def save(self, *args, **kwargs):
        with storage.removed_on_error():
            if self.image and self.renditions.get("source") != self.image.name:
                if not self.image._committed:
                    self.image.save(self.image.name, self.image.file, save=False)
                meta = make_cover_renditions(self.image.name, storage=self.image.storage)
                self.renditions = meta
                self.width, self.height = meta["width"], meta["height"]
            super().save(*args, **kwargs)

    def clean(self):
        if not (self.alt_text or "").strip():
            raise ValidationError({"alt_text": ALT_TEXT_REQUIRED})

    def picture(self, base_url: str | None = None) -> dict | None:
        if base_url is None:
            base_url = self.image.storage.url("")
        return picture(self.renditions, base_url=base_url, alt=self.alt_text)


class VideoQuerySet(models.QuerySet):
    def published(self) -> "VideoQuerySet":
        return self.filter(is_published=True, published_at__lte=timezone.now())


class Video(models.Model):
    guard_kind = "video"
    guard_publish_field = "is_published"

    title = models.CharField(_("judul"), max_length=200)
    youtube_id = models.CharField(
        _("video YouTube"),
        max_length=11,
        help_text=_("Tempel alamat video dari YouTube (watch?v=…, youtu.be/… atau shorts/…)."),
    )
    description = models.TextField(_("keterangan"), blank=True)
    is_published = models.BooleanField(_("terbit"), default=True)
    published_at = models.DateTimeField(_("tanggal terbit"), default=timezone.now)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    objects = VideoQuerySet.as_manager()

    audit_fields = ("title", "youtube_id", "description", "is_published", "published_at")

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("video")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title

    def clean(self):
        # The admin form fills youtube_id from the URL it checks (and reports its errors).
        if self.youtube_id and not YOUTUBE_ID.match(self.youtube_id):
            raise ValidationError(YOUTUBE_URL_ERROR, code="youtube")

    @property
    def watch_url(self) -> str:
        return f"https://www.youtube.com/watch?v={self.youtube_id}"

    def guard_html(self) -> str:
        return format_html("<h1>{}</h1><p>{}</p>", self.title, self.description)

    def guard_is_published(self) -> bool:
        return self.is_published

    def guard_set_published(self, published: bool) -> None:
        self.is_published = published
