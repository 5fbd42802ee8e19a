from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RestoreDrillQuerySet(models.QuerySet):
    def latest_per_opd(self) -> dict:
        """{opd id: its newest drill}, in one query."""
        drills = self.filter(opd__isnull=False).order_by("opd_id", "-started_at").distinct("opd_id")
        return {drill.opd_id: drill for drill in drills}


class RestoreDrill(models.Model):
    """One restore drill (backups.services.restore_drill): the newest archive of an OPD restored
    into a scratch OPD, compared with what the archive recorded, and removed again."""

    opd = models.ForeignKey(
        "tenants.Opd",
        on_delete=models.SET_NULL,
        null=True,
        related_name="restore_drills",
        verbose_name=_("OPD"),
    )
    slug = models.CharField(_("subdomain OPD"), max_length=40)
    archive = models.CharField(_("arsip"), max_length=300, blank=True)
    started_at = models.DateTimeField(_("waktu uji"), default=timezone.now)
    duration_seconds = models.FloatField(_("durasi (detik)"), default=0)
    ok = models.BooleanField(_("berhasil"), default=False)
    details = models.TextField(_("rincian"), blank=True)

    objects = RestoreDrillQuerySet.as_manager()

    class Meta:
        verbose_name = _("uji pemulihan cadangan")
        verbose_name_plural = _("uji pemulihan cadangan")
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["opd", "-started_at"], name="backups_drill_opd_started")]

    def __str__(self):
        return f"{self.slug} {self.started_at:%Y-%m-%d %H:%M}"
