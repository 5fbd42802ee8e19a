"""Requests filed at the pemda's front door (`/ppid/` on the main domain) by a citizen who does
not know which OPD holds the information: PPID Utama receives them, answers them itself or
forwards them (disposisi) to one OPD's PPID Pelaksana.

The applicant's personal data is kept here only while PPID Utama handles the request
(`HeldApplicant`); forwarding moves it into the handling OPD's schema and deletes it here, in
the same transaction. What stays is the envelope: the number, the tracking code's hash, the
legal clock and the hops, which the citizen's tracking shows."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppidutama.submissions import (
    ApplicantDetails,
    RefusalGround,
    RequestDecision,
    TrackedSubmission,
)
from tenants.models import Opd
from workdays import counting as workdays


class RegistrationCounter(models.Model):
    """The pemda's last registration number per kind and year; its row is locked while a number
    is taken, so numbers are gapless and unique under concurrent submissions."""

    kind = models.CharField(_("jenis"), max_length=20)
    year = models.PositiveSmallIntegerField(_("tahun"))
    last_number = models.PositiveIntegerField(_("nomor terakhir"), default=0)

    class Meta:
        verbose_name = _("penghitung nomor registrasi pemda")
        verbose_name_plural = _("penghitung nomor registrasi pemda")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="ppidutama_counter_kind_year"),
        ]

    def __str__(self):
        return f"{self.kind} {self.year}: {self.last_number}"


class PemdaRequest(TrackedSubmission):
    """A permohonan registered by PPID Utama; the clock runs from `received_at` whoever
    handles it (UU 14/2008 Pasal 22 ayat (7): 10 working days, +7 once by the OPD)."""

    class Stage(models.TextChoices):
        WITH_UTAMA = "ppid_utama", _("Ditangani PPID Utama")
        FORWARDED = "diteruskan", _("Diteruskan ke PPID Pelaksana")
        DECIDED = "diputuskan", _("Diputuskan PPID Utama")

    stage = models.CharField(
        _("tahap"), max_length=20, choices=Stage.choices, default=Stage.WITH_UTAMA
    )
    received_at = models.DateTimeField(_("diterima"), default=timezone.now)
    due_date = models.DateField(_("batas waktu"))
    opd = models.ForeignKey(
        Opd,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("PPID Pelaksana yang menangani"),
    )
    opd_request_id = models.BigIntegerField(_("ID permohonan di OPD"), null=True, blank=True)
    decision = models.CharField(
        _("putusan"), max_length=30, choices=RequestDecision.choices, blank=True
    )
    refusal_ground = models.CharField(
        _("alasan penolakan"), max_length=20, choices=RefusalGround.choices, blank=True
    )
    notice = models.TextField(_("pemberitahuan tertulis"), max_length=10000, blank=True)
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)

    audit_fields = ("number", "year", "stage", "received_at", "due_date", "opd", "decision")

    class Meta:
        verbose_name = _("permohonan ke PPID Utama")
        verbose_name_plural = _("permohonan ke PPID Utama")
        ordering = ["due_date", "received_at"]
        permissions = [("forward_pemdarequest", _("Meneruskan dan memutus permohonan"))]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "sequence"], name="ppidutama_request_year_sequence"
            ),
            models.CheckConstraint(
                condition=~Q(stage="diteruskan")
                | Q(opd__isnull=False, opd_request_id__isnull=False),
                name="ppidutama_forwarded_has_opd",
            ),
            models.CheckConstraint(
                condition=~Q(stage="diputuskan") | (~Q(decision="") & Q(decided_at__isnull=False)),
                name="ppidutama_decided_has_decision",
            ),
        ]

    # What PPID Utama's dashboard reads of every open request (as of a RequestRecord).
    extension_days = 0

    @property
    def status(self) -> str:
        return self.decision or RequestDecision.RECEIVED

    @property
    def is_with_utama(self) -> bool:
        return self.stage == self.Stage.WITH_UTAMA

    def received_on(self):
        return timezone.localdate(self.received_at)

    def days_left(self, today=None) -> int:
        return workdays.working_days_between(today or timezone.localdate(), self.due_date)


class HeldApplicant(ApplicantDetails):
    """The applicant's details while PPID Utama handles the request; deleted on forwarding."""

    request = models.OneToOneField(
        PemdaRequest, on_delete=models.CASCADE, primary_key=True, related_name="applicant"
    )

    class Meta:
        verbose_name = _("data pemohon")
        verbose_name_plural = _("data pemohon")
        default_permissions = ()

    def __str__(self):
        return str(self.request)


class Hop(models.Model):
    """One step of a pemda request's way: received, forwarded, returned, handed on, decided.

    The citizen's tracking shows the step and the OPD; the note is internal (between PPID
    staff) and never shown to the citizen."""

    class Kind(models.TextChoices):
        RECEIVED = "diterima", _("Diterima PPID Utama")
        FORWARDED = "diteruskan", _("Diteruskan ke PPID Pelaksana")
        RETURNED = "dikembalikan", _("Dikembalikan ke PPID Utama")
        HANDED_ON = "dialihkan", _("Dialihkan ke PPID Pelaksana lain")
        DECIDED = "diputuskan", _("Diputuskan PPID Utama")

    request = models.ForeignKey(PemdaRequest, on_delete=models.CASCADE, related_name="hops")
    at = models.DateTimeField(_("waktu"), default=timezone.now)
    kind = models.CharField(_("langkah"), max_length=20, choices=Kind.choices)
    from_opd = models.ForeignKey(
        Opd, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_opd = models.ForeignKey(
        Opd, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    by_name = models.CharField(_("oleh"), max_length=150, blank=True)
    internal_note = models.TextField(_("catatan internal"), max_length=4000, blank=True)

    class Meta:
        verbose_name = _("langkah disposisi")
        verbose_name_plural = _("langkah disposisi")
        ordering = ["at", "pk"]
        default_permissions = ()

    def __str__(self):
        return f"{self.request} {self.kind}"

    def public_label(self) -> str:
        """What the citizen reads: the step and the PPID concerned, never the note."""
        if self.kind in (self.Kind.FORWARDED, self.Kind.HANDED_ON) and self.to_opd:
            return _("Diteruskan ke PPID Pelaksana %(opd)s") % {"opd": self.to_opd.name}
        if self.kind == self.Kind.RETURNED and self.from_opd:
            return _("Dikembalikan oleh %(opd)s ke PPID Utama") % {"opd": self.from_opd.name}
        return self.get_kind_display()
