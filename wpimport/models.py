"""What the WordPress importer remembers in the OPD's schema: which WordPress item became which
object (so that importing again updates instead of duplicating) and each run with its report."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedItem(models.Model):
    class Kind(models.TextChoices):
        POST = "post", _("pos")
        PAGE = "page", _("halaman")
        ATTACHMENT = "attachment", _("lampiran")
        CATEGORY = "category", _("kategori")
        TAG = "tag", _("tag")

    # Terms have no numeric id in every export: their slug (nicename) is their key.
    wp_kind = models.CharField(_("jenis WordPress"), max_length=12, choices=Kind.choices)
    wp_key = models.CharField(_("kunci WordPress"), max_length=200)
    guid = models.CharField(_("GUID"), max_length=500, blank=True)
    # "news.article", "pages.page", "library.image", "documents.document", "news.category"...
    target = models.CharField(_("objek"), max_length=40)
    target_pk = models.PositiveBigIntegerField(_("id objek"))
    imported_at = models.DateTimeField(_("diimpor"), auto_now=True)

    class Meta:
        verbose_name = _("butir impor WordPress")
        verbose_name_plural = _("butir impor WordPress")
        constraints = [
            models.UniqueConstraint(fields=["wp_kind", "wp_key"], name="wpimport_one_per_wp_item")
        ]

    def __str__(self):
        return f"{self.wp_kind} {self.wp_key} → {self.target} {self.target_pk}"


class ImportRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("Berjalan")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    started_at = models.DateTimeField(_("dimulai"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    dry_run = models.BooleanField(_("uji coba"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    total = models.PositiveIntegerField(_("jumlah butir"), default=0)
    processed = models.PositiveIntegerField(_("butir diproses"), default=0)
    report = models.JSONField(_("laporan"), default=dict, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dimulai oleh"),
    )

    class Meta:
        verbose_name = _("impor WordPress")
        verbose_name_plural = _("impor WordPress")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.get_status_display()}"
