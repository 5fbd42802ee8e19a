from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenants.models import Opd


class AuditEvent(models.Model):
    """Who did what, when and from where: one row per change by an operator or Kominfo user.

    Written by audit.services from the OPD side (opd = that OPD) and from the console (opd = the
    OPD concerned, or empty for the portal's own data). Rows are never changed or deleted from
    the admin.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("buat")
        CHANGE = "change", _("ubah")
        DELETE = "delete", _("hapus")
        PUBLISH = "publish", _("terbitkan")
        UNPUBLISH = "unpublish", _("batal terbit")
        HOLD = "hold", _("ditahan penjaga konten")
        PERMISSION = "permission", _("ubah hak akses")
        PASSWORD = "password", _("ubah kata sandi")
        LOGIN = "login", _("masuk")
        LOGIN_FAILED = "login_failed", _("gagal masuk")
        LOGOUT = "logout", _("keluar")
        TWO_FACTOR = "two_factor", _("verifikasi dua langkah")

    # SET_NULL: the trail outlives an OPD that is deleted for good.
    opd = models.ForeignKey(
        Opd,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("OPD"),
    )
    at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    actor = models.CharField(_("pelaku"), max_length=150)
    actor_id = models.BigIntegerField(_("ID pelaku"), null=True, blank=True)
    action = models.CharField(_("tindakan"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("jenis objek"), max_length=100, blank=True)
    object_id = models.CharField(_("ID objek"), max_length=64, blank=True)
    object_repr = models.CharField(_("objek"), max_length=200, blank=True)
    changes = models.JSONField(_("perubahan"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)

    class Meta:
        # Moved from the tenants app; the table keeps its name (no data copied).
        db_table = "tenants_auditevent"
        verbose_name = _("log audit")
        verbose_name_plural = _("log audit")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["opd", "-at"], name="audit_event_opd_at")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_repr}"
