from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from procrastinate.contrib.django.models import ProcrastinateJob

from tenants.models import Opd


class ActivityLevel(models.TextChoices):
    """How recently an OPD published: what the console, its reminders and the demo speak of."""

    ACTIVE = "aktif", _("Aktif")
    BARELY_ACTIVE = "kurang_aktif", _("Kurang aktif")
    INACTIVE = "tidak_aktif", _("Tidak aktif")


class ActivitySettings(models.Model):
    """Thresholds Kominfo can change (one row)."""

    active_days = models.PositiveIntegerField(_("aktif jika terbit dalam (hari)"), default=30)
    barely_active_days = models.PositiveIntegerField(
        _("kurang aktif jika terbit dalam (hari)"), default=90
    )
    active_min_score = models.PositiveSmallIntegerField(
        _("aktif jika kelengkapan minimal (%)"),
        # Half the mandatory content: the demo's one active OPD (Kec. Kasemen, 2024) has it.
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Situs yang rajin terbit tetapi kelengkapannya di bawah angka ini berstatus "
            "Kurang aktif."
        ),
    )
    reminder_interval_days = models.PositiveIntegerField(
        _("jarak minimal antar pengingat (hari)"), default=14
    )

    class Meta:
        # Moved from the tenants app; the table keeps its name (no data copied).
        db_table = "tenants_activitysettings"
        verbose_name = _("pengaturan keaktifan")
        verbose_name_plural = _("pengaturan keaktifan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(active_days__lt=models.F("barely_active_days")),
                name="activity_thresholds_ordered",
                violation_error_message=_("Batas aktif harus lebih kecil dari batas kurang aktif."),
            ),
        ]

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "ActivitySettings":
        settings_row, _created = cls.objects.get_or_create(pk=1)
        return settings_row


class ActivityReminder(models.Model):
    """One reminder e-mail sent to an OPD's admins about its inactivity."""

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="reminders")
    sent_at = models.DateTimeField(_("dikirim"), default=timezone.now, db_index=True)
    status = models.CharField(_("status keaktifan"), max_length=20, choices=ActivityLevel.choices)
    recipients = models.TextField(_("penerima"))
    missing = models.TextField(_("yang belum lengkap"), blank=True)

    class Meta:
        # Moved from the tenants app; the table keeps its name (no data copied).
        db_table = "tenants_activityreminder"
        verbose_name = _("pengingat keaktifan")
        verbose_name_plural = _("pengingat keaktifan")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.opd} · {self.sent_at:%Y-%m-%d}"


class BackgroundJob(ProcrastinateJob):
    """The task queue's jobs (procrastinate's table, public schema), as the console lists them."""

    class Meta:
        proxy = True
        verbose_name = _("tugas latar")
        verbose_name_plural = _("tugas latar")
