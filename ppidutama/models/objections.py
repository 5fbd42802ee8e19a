"""Objections to the pemda's Atasan PPID (UU 14/2008 Pasal 35–37), filed at the portal.

This is the pemda's own register of the objections it must answer, so the objector's reason and
the Atasan PPID's response are kept here, in the public schema, by design (issue #20); the
request's applicant identity never is: an objection names the request by its number and copies
only the facts of the procedure known when it was filed.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppidutama.submissions import (
    DISPUTE_FILING_WORKING_DAYS,
    ObjectionGround,
    ObjectionOutcome,
    ObjectionStatus,
    TrackedSubmission,
)
from tenants.models import Opd
from workdays import counting as workdays

NUMBER_KIND = "keberatan"  # its own numbers in the pemda's RegistrationCounter


class PemdaObjectionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=PemdaObjection.Status.RECEIVED)

    def with_urgency(self):
        """Open objections first, the earliest (overdue) deadline first; answered ones after."""
        return self.alias(
            closed=Case(
                When(status=PemdaObjection.Status.RECEIVED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        ).order_by("closed", "due_date", "filed_at")


class PemdaObjection(TrackedSubmission):
    """A keberatan to the pemda's Atasan PPID (UU 14/2008 Pasal 35), answered in writing within
    30 working days (Pasal 36 ayat (2))."""

    Ground = ObjectionGround
    Status = ObjectionStatus
    Outcome = ObjectionOutcome

    # The request objected to, and its facts when the objection was filed.
    request_number = models.CharField(_("nomor permohonan"), max_length=60, db_index=True)
    opd = models.ForeignKey(
        Opd,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pemda_objections",
        verbose_name=_("OPD"),
        help_text=_("Kosong bila permohonan masih dipegang PPID Utama."),
    )
    request_status = models.CharField(_("status permohonan"), max_length=30)
    request_status_label = models.CharField(_("status permohonan (tertulis)"), max_length=100)
    request_received_on = models.DateField(_("permohonan diterima"))
    request_due_date = models.DateField(_("batas waktu permohonan"))
    request_decided_on = models.DateField(_("permohonan diputuskan"), null=True, blank=True)
    filing_deadline = models.DateField(_("batas waktu pengajuan keberatan"))

    ground = models.CharField(_("alasan keberatan"), max_length=1, choices=Ground.choices)
    reason = models.TextField(_("uraian keberatan"), max_length=4000)
    filed_at = models.DateTimeField(_("diajukan"), default=timezone.now)
    due_date = models.DateField(_("batas waktu tanggapan"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    outcome = models.CharField(_("putusan"), max_length=20, choices=Outcome.choices, blank=True)
    response = models.TextField(_("tanggapan atasan PPID"), max_length=10000, blank=True)
    answered_at = models.DateTimeField(_("ditanggapi"), null=True, blank=True)
    # When the Atasan PPID was reminded that the answer is due (once; the due date never moves).
    reminded_at = models.DateTimeField(_("diingatkan"), null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditanggapi oleh"),
    )

    objects = PemdaObjectionQuerySet.as_manager()

    # What the audit log may record: never the objector's reason, the response, the tracking
    # code's hash or the token.
    audit_fields = (
        "number",
        "year",
        "request_number",
        "opd",
        "ground",
        "filed_at",
        "due_date",
        "status",
        "outcome",
        "answered_at",
        "answered_by",
    )

    class Meta:
        verbose_name = _("keberatan kepada atasan PPID")
        verbose_name_plural = _("keberatan kepada atasan PPID")
        ordering = ["-filed_at"]
        # Nobody adds or deletes one by hand: citizens file them, the Atasan PPID answers
        # (change), PPID Utama follows them (view).
        default_permissions = ("view", "change")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "sequence"], name="ppidutama_objection_year_sequence"
            ),
            models.CheckConstraint(
                condition=Q(status="diterima", outcome="", answered_at__isnull=True)
                | (
                    Q(status="ditanggapi", answered_at__isnull=False)
                    & ~Q(outcome="")
                    & ~Q(response="")
                ),
                name="ppidutama_objection_answer_complete",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"], name="ppidutama_objection_open_due"),
        ]

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.RECEIVED

    @property
    def is_upheld(self) -> bool:
        return self.outcome == self.Outcome.UPHELD

    def days_left(self, today: datetime.date | None = None) -> int | None:
        """Working days until the answer is due (0 on the day itself, negative once overdue)."""
        if not self.is_open:
            return None
        return workdays.working_days_between(today or timezone.localdate(), self.due_date)

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.is_open and (today or timezone.localdate()) > self.due_date

    def answered_on(self) -> datetime.date | None:
        return timezone.localdate(self.answered_at) if self.answered_at else None

    def dispute_deadline(self) -> datetime.date | None:
        """The last day to ask the Komisi Informasi to settle the dispute: 14 working days after
        the answer is received (UU 14/2008 Pasal 37 ayat (2)). The answer reaches the objector
        on the day it is given (it is shown on tracking at once), so that day starts the count."""
        answered_on = self.answered_on()
        if answered_on is None:
            return None
        return workdays.add_working_days(answered_on, DISPUTE_FILING_WORKING_DAYS)
