"""What the pemda sees of every OPD's PPID register: facts of each request and objection,
never the citizen's identity, contacts or the text of the request (ARCHITECTURE.md §3).

The OPD side (the ppid app) writes these rows whenever a request or objection is saved, so
PPID Utama's dashboard, the pemda-wide annual report and the portal's tracking never look into
OPD schemas on a request path."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tenants.models import Opd


class RequestRecord(models.Model):
    """One permohonan informasi registered by an OPD (statuses as the ppid app names them)."""

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="ppid_request_records")
    source_id = models.BigIntegerField(_("ID di situs OPD"))
    number = models.CharField(_("nomor pendaftaran"), max_length=60)
    year = models.PositiveSmallIntegerField(_("tahun"))
    status = models.CharField(_("status"), max_length=30)
    received_at = models.DateTimeField(_("diterima"))
    due_date = models.DateField(_("batas waktu"))
    extension_days = models.PositiveSmallIntegerField(_("perpanjangan (hari kerja)"), default=0)
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    refusal_ground = models.CharField(_("alasan penolakan"), max_length=20, blank=True)
    is_open = models.BooleanField(_("masih berjalan"), default=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("catatan permohonan OPD")
        verbose_name_plural = _("catatan permohonan OPD")
        default_permissions = ("view",)
        ordering = ["due_date", "received_at"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "source_id"], name="ppidutama_request_source"),
        ]
        indexes = [
            models.Index(fields=["number"], name="ppidutama_request_number"),
            models.Index(fields=["is_open", "due_date"], name="ppidutama_request_open_due"),
            models.Index(fields=["year", "opd"], name="ppidutama_request_year_opd"),
        ]

    def __str__(self):
        return self.number


class ObjectionRecord(models.Model):
    """One keberatan registered by an OPD."""

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="ppid_objection_records")
    source_id = models.BigIntegerField(_("ID di situs OPD"))
    request_source_id = models.BigIntegerField(_("ID permohonan di situs OPD"))
    number = models.CharField(_("nomor pendaftaran"), max_length=60)
    year = models.PositiveSmallIntegerField(_("tahun"))
    status = models.CharField(_("status"), max_length=20)
    outcome = models.CharField(_("putusan"), max_length=20, blank=True)
    filed_at = models.DateTimeField(_("diajukan"))
    due_date = models.DateField(_("batas waktu tanggapan"))
    answered_at = models.DateTimeField(_("ditanggapi"), null=True, blank=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("catatan keberatan OPD")
        verbose_name_plural = _("catatan keberatan OPD")
        default_permissions = ("view",)
        ordering = ["due_date", "filed_at"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "source_id"], name="ppidutama_objection_source"),
        ]
        indexes = [models.Index(fields=["year", "opd"], name="ppidutama_objection_year_opd")]

    def __str__(self):
        return self.number
