"""What the WordPress importer remembers in the OPD's schema: which WordPress item became which
object (so that importing again updates instead of duplicating) and each run with its report."""

from uuid import uuid4

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import storage


def private_storage():
    """STORAGES["private"] (a callable keeps migrations free of the backend)."""
    return storage.storage("private")


def upload_path(run: "ImportRun", filename: str) -> str:
    """wordpress/<random>/<name>: the operator's file name kept, never guessable."""
    return f"wordpress/{uuid4().hex}/{filename[-100:]}"


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
    """One import of a WordPress export into this OPD: from the admin or the console it goes
    uploaded → checked (the dry run's report) → queued → running → done (or failed, or
    cancelled before it started); `manage.py import_wordpress` records its runs as done."""

    class Status(models.TextChoices):
        CHECKING = "checking", _("Sedang diperiksa")
        CHECKED = "checked", _("Siap diimpor")
        QUEUED = "queued", _("Menunggu giliran")
        RUNNING = "running", _("Sedang diimpor")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")
        CANCELLED = "cancelled", _("Dibatalkan")

    # Still moving: the page refreshes itself, and no second import of the OPD may start.
    IN_PROGRESS = (Status.CHECKING, Status.QUEUED, Status.RUNNING)
    FINISHED = (Status.DONE, Status.FAILED, Status.CANCELLED)

    started_at = models.DateTimeField(_("dimulai"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    dry_run = models.BooleanField(_("uji coba"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    total = models.PositiveIntegerField(_("jumlah butir"), default=0)
    processed = models.PositiveIntegerField(_("butir diproses"), default=0)
    report = models.JSONField(_("laporan"), default=dict, blank=True)
    error = models.TextField(_("kesalahan"), blank=True)
    # What was uploaded (private storage of the OPD, removed once the run is finished).
    export_name = models.CharField(_("berkas ekspor"), max_length=255, blank=True)
    export_file = models.FileField(
        _("berkas ekspor"), storage=private_storage, upload_to=upload_path, blank=True
    )
    uploads_file = models.FileField(
        _("arsip unggahan"), storage=private_storage, upload_to=upload_path, blank=True
    )
    fetch_from = models.URLField(_("ambil lampiran dari situs lama"), blank=True)
    time_zone = models.CharField(_("zona waktu situs lama"), max_length=40, default="Asia/Jakarta")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dimulai oleh"),
    )
    # A Kominfo user who started it from the console (no account in this schema).
    started_by_name = models.CharField(_("dimulai oleh (konsol)"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("impor WordPress")
        verbose_name_plural = _("impor WordPress")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.get_status_display()}"

    @property
    def in_progress(self) -> bool:
        return self.status in self.IN_PROGRESS

    @property
    def percent(self) -> int:
        return round(100 * self.processed / self.total) if self.total else 0
