from django.db import models
from django.utils.translation import gettext_lazy as _


class LocalHoliday(models.Model):
    """A non-working day missing from the national calendar (a regional holiday, a late cuti
    bersama), added by Kominfo. Every OPD's PPID clock (workdays.counting) skips it."""

    date = models.DateField(_("tanggal"), unique=True)
    name = models.CharField(_("keterangan"), max_length=200)

    class Meta:
        # Moved from the tenants app; the table keeps its name (no data copied).
        db_table = "tenants_localholiday"
        verbose_name = _("hari libur daerah")
        verbose_name_plural = _("hari libur daerah")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.name}"
