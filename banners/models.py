from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenants.models import Opd


class EmergencyBannerQuerySet(models.QuerySet):
    def current(self):
        now = timezone.now()
        return self.filter(starts_at__lte=now, expires_at__gt=now)


class EmergencyBanner(models.Model):
    """Informasi serta merta shown at once on the portal and on every OPD site until it expires."""

    class Level(models.TextChoices):
        INFO = "info", _("Informasi")
        WARNING = "warning", _("Waspada")
        DANGER = "danger", _("Bahaya")

    level = models.CharField(
        _("tingkat"), max_length=10, choices=Level.choices, default=Level.WARNING
    )
    text = models.CharField(_("teks"), max_length=280)
    link = models.URLField(_("tautan"), blank=True)
    everywhere = models.BooleanField(
        _("tampil di semua situs"),
        default=True,
        help_text=_(
            "Centang untuk menyiarkan ke portal dan situs semua OPD; kosongkan untuk menampilkan "
            "siaran hanya di situs OPD penerbit."
        ),
    )
    starts_at = models.DateTimeField(_("mulai"), default=timezone.now)
    expires_at = models.DateTimeField(_("berakhir"))
    issued_by = models.ForeignKey(
        Opd,
        on_delete=models.PROTECT,
        related_name="banners",
        verbose_name=_("diterbitkan oleh"),
    )
    created_by = models.CharField(_("dibuat oleh"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    objects = EmergencyBannerQuerySet.as_manager()

    # The fields the audit log records (an allow-list, audit.services.audited_fields).
    audit_fields = (
        "level",
        "text",
        "link",
        "everywhere",
        "starts_at",
        "expires_at",
        "issued_by",
        "created_by",
    )

    class Meta:
        # Moved from the tenants app; the table keeps its name (no data copied).
        db_table = "tenants_emergencybanner"
        verbose_name = _("siaran darurat")
        verbose_name_plural = _("siaran darurat")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("starts_at")),
                name="banner_expires_after_start",
                violation_error_message=_("Waktu berakhir harus setelah waktu mulai."),
            ),
        ]

    def __str__(self):
        return self.text
