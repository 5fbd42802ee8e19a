"""The PPID's own words in the Pasal 56 annual report (Perki 1/2021), which the records cannot
give: policy, implementation, disputes before the Komisi Informasi and the courts, obstacles,
recommendations. One row per report: the pemda's (no OPD) or one OPD's, per year."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenants.models import Opd

NARRATIVE_MAX_LENGTH = 10000


class AnnualReportNarrative(models.Model):
    # None: the whole pemda's report.
    opd = models.ForeignKey(
        Opd,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("OPD"),
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    policy = models.TextField(
        _("gambaran umum kebijakan"), max_length=NARRATIVE_MAX_LENGTH, blank=True
    )
    implementation = models.TextField(
        _("gambaran umum pelaksanaan"), max_length=NARRATIVE_MAX_LENGTH, blank=True
    )
    disputes = models.TextField(
        _("sengketa informasi"), max_length=NARRATIVE_MAX_LENGTH, blank=True
    )
    obstacles = models.TextField(
        _("kendala eksternal dan internal"), max_length=NARRATIVE_MAX_LENGTH, blank=True
    )
    recommendations = models.TextField(
        _("rekomendasi dan rencana tindak lanjut"), max_length=NARRATIVE_MAX_LENGTH, blank=True
    )
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diperbarui oleh"),
    )

    TEXT_FIELDS = ("policy", "implementation", "disputes", "obstacles", "recommendations")

    class Meta:
        verbose_name = _("uraian laporan layanan informasi")
        verbose_name_plural = _("uraian laporan layanan informasi")
        default_permissions = ("view", "change")
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "year"], nulls_distinct=False, name="ppidutama_narrative_opd_year"
            ),
        ]

    def __str__(self):
        return f"{self.opd or '-'} {self.year}"

    def texts(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.TEXT_FIELDS}
