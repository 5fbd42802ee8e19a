from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenants.models import Opd


class OperatorAccount(models.Model):
    """Public mirror of every OPD's operator accounts, so the console can list them all at once.

    Written from the OPD side whenever an account, its roles or its last log-in change.
    """

    opd = models.ForeignKey(
        Opd, on_delete=models.CASCADE, related_name="operator_accounts", verbose_name=_("OPD")
    )
    user_id = models.BigIntegerField(_("nomor akun di OPD"))
    username = models.CharField(_("akun"), max_length=150)
    full_name = models.CharField(_("nama"), max_length=300, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    roles = models.CharField(_("peran"), max_length=300, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    last_login = models.DateTimeField(_("masuk terakhir"), null=True, blank=True)
    date_joined = models.DateTimeField(_("dibuat"), null=True, blank=True)

    class Meta:
        # Moved from the tenants app; the table keeps its name (no data copied).
        db_table = "tenants_operatoraccount"
        verbose_name = _("akun operator")
        verbose_name_plural = _("akun operator semua OPD")
        ordering = ["opd__name", "username"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "user_id"], name="operator_account_unique"),
        ]

    def __str__(self):
        return f"{self.username} ({self.opd.short_name})"

    @staticmethod
    def dormant_q() -> models.Q:
        """Accounts with no log-in for OPERATOR_INACTIVE_DAYS; never logged in counts from
        creation, and an account of unknown age that never logged in counts as dormant."""
        cutoff = timezone.now() - timedelta(days=settings.OPERATOR_INACTIVE_DAYS)
        never = models.Q(last_login__isnull=True)
        return (
            models.Q(last_login__lt=cutoff)
            | (never & models.Q(date_joined__lt=cutoff))
            | (never & models.Q(date_joined__isnull=True))
        )

    @property
    def is_dormant(self) -> bool:
        cutoff = timezone.now() - timedelta(days=settings.OPERATOR_INACTIVE_DAYS)
        since = self.last_login or self.date_joined
        return since is None or since < cutoff
