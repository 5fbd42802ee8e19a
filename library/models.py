"""The OPD's media library: images and PDF documents uploaded once and reused (article covers,
pictures in the editor, quick posts, attachments). Its tables live in each OPD's schema and its
files under the OPD's media prefix (core.storage), so nothing of one OPD is listed, chosen or
served in another."""

import uuid

from django.conf import settings
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.images import picture

# Under MEDIA_ROOT/<schema>/ (tenants.media lets the portal show the images of active OPDs).
IMAGE_FOLDER = "pustaka/gambar"
DOCUMENT_FOLDER = "pustaka/dokumen"


def image_upload_to(image, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"{IMAGE_FOLDER}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


def document_upload_to(document, filename: str) -> str:
    return f"{DOCUMENT_FOLDER}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


class ImageQuerySet(models.QuerySet):
    def search(self, text: str) -> "ImageQuerySet":
        text = text.strip()
        return self.filter(alt_text__icontains=text) if text else self


class Image(models.Model):
    file = models.ImageField(_("berkas"), upload_to=image_upload_to, max_length=200)
    alt_text = models.CharField(
        _("teks alternatif"),
        max_length=200,
        blank=True,
        help_text=_(
            "Jelaskan isi gambar untuk pembaca yang tidak dapat melihatnya. Dipakai lagi setiap "
            "kali gambar ini dipilih."
        ),
    )
    width = models.PositiveIntegerField(_("lebar"), default=0, editable=False)
    height = models.PositiveIntegerField(_("tinggi"), default=0, editable=False)
    renditions = models.JSONField(_("ukuran turunan"), default=dict, editable=False, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True, db_index=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        verbose_name = _("gambar")
        verbose_name_plural = _("gambar")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.alt_text or _("Gambar tanpa teks alternatif (%(date)s)") % {
            "date": timezone.localtime(self.uploaded_at).strftime("%d-%m-%Y %H:%M")
            if self.uploaded_at
            else "—"
        }

    def get_absolute_url(self):
        return self.file.url

    def picture(self, alt: str | None = None) -> dict | None:
        """A responsive <picture> of this image (core.images.picture)."""
        return picture(
            self.renditions,
            base_url=self.file.storage.url(""),
            alt=self.alt_text if alt is None else alt,
        )

    def thumbnail_url(self) -> str:
        shown = self.picture()
        return shown["thumb_url"] if shown else self.file.url

    def change_url(self) -> str:
        return reverse("admin:library_image_change", args=[self.pk])


class Document(models.Model):
    title = models.CharField(_("judul"), max_length=200)
    file = models.FileField(_("berkas PDF"), upload_to=document_upload_to, max_length=200)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"), default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("dokumen PDF")
        verbose_name_plural = _("dokumen PDF")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.file.url

    @property
    def kind(self) -> str:
        return "PDF"

    def size_display(self) -> str:
        return filesizeformat(self.size)
