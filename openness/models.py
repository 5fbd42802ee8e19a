"""The PPID's answers, their evidence and the latest score of each OPD (public schema).

They are institutional facts (a decree exists, a desk is staffed), not personal data, so they
live in public tables keyed by OPD; every query filters by the current OPD. Evidence files sit
in the private storage under the OPD's own prefix (core.storage: `<schema>/`), with generated
names, and have no URL: only the OPD's permission-checked views read them.
"""

import uuid
from pathlib import PurePath

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import storage


def private_storage():
    return storage.storage("private")


def evidence_upload_to(instance, filename: str) -> str:
    return f"keterbukaan/bukti/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Answer(models.Model):
    class Value(models.TextChoices):
        YES = "ya", _("Ya, sudah")
        PARTIAL = "sebagian", _("Sebagian")
        NO = "tidak", _("Belum")

    opd = models.ForeignKey("tenants.Opd", on_delete=models.CASCADE, related_name="+")
    indicator = models.CharField(_("indikator"), max_length=40)
    value = models.CharField(_("jawaban"), max_length=10, choices=Value.choices)
    note = models.TextField(_("keterangan"), max_length=2000, blank=True)
    # The operator's user name in the OPD's own schema (a user of that schema, not a key).
    answered_by = models.CharField(_("dijawab oleh"), max_length=150, blank=True)
    answered_at = models.DateTimeField(_("dijawab"), auto_now=True)

    class Meta:
        verbose_name = _("jawaban skor keterbukaan")
        verbose_name_plural = _("jawaban skor keterbukaan")
        constraints = [
            models.UniqueConstraint(fields=["opd", "indicator"], name="openness_answer_unique")
        ]

    def __str__(self):
        return f"{self.opd_id} {self.indicator}: {self.value}"


class Evidence(models.Model):
    opd = models.ForeignKey("tenants.Opd", on_delete=models.CASCADE, related_name="+")
    indicator = models.CharField(_("indikator"), max_length=40)
    file = models.FileField(
        _("berkas bukti"), upload_to=evidence_upload_to, storage=private_storage
    )
    original_filename = models.CharField(_("nama berkas asli"), max_length=255)
    file_type = models.CharField(_("jenis berkas"), max_length=10)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    uploaded_by = models.CharField(_("diunggah oleh"), max_length=150, blank=True)
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        verbose_name = _("bukti skor keterbukaan")
        verbose_name_plural = _("bukti skor keterbukaan")
        ordering = ["indicator", "uploaded_at", "pk"]
        indexes = [models.Index(fields=["opd", "indicator"], name="openness_evidence_opd")]

    def __str__(self):
        return self.original_filename


class ScoreSnapshot(models.Model):
    """An OPD's latest score, which the console reads (never the OPD's schema)."""

    opd = models.OneToOneField(
        "tenants.Opd", on_delete=models.CASCADE, related_name="openness_snapshot"
    )
    score = models.DecimalField(_("skor"), max_digits=4, decimal_places=1)
    band = models.CharField(_("kategori"), max_length=30)
    # {group key: points earned}, for the console's columns.
    groups = models.JSONField(_("nilai per kelompok"), default=dict)
    answered = models.PositiveSmallIntegerField(_("indikator terjawab"), default=0)
    computed_at = models.DateTimeField(_("dihitung"))

    class Meta:
        verbose_name = _("skor keterbukaan terakhir")
        verbose_name_plural = _("skor keterbukaan terakhir")

    def __str__(self):
        return f"{self.opd_id}: {self.score}"
