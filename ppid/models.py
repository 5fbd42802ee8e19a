import datetime

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.search import SEARCH_CONFIG
from ppid.storage import (
    document_upload_to,
    id_scan_upload_to,
    notice_upload_to,
    private_storage,
)
from ppidutama.submissions import (  # noqa: F401 (the constants are part of this module's API)
    DECISION_WORKING_DAYS,
    MAX_EXTENSION_WORKING_DAYS,
    OBJECTION_ANSWER_WORKING_DAYS,
    OBJECTION_FILING_WORKING_DAYS,
    ApplicantDetails,
    ObjectionGround,
    ObjectionOutcome,
    ObjectionStatus,
    RefusalGround,
    RequestDecision,
    TrackedSubmission,
    hash_tracking_code,
    new_tracking_code,
)
from workdays import counting as workdays

STALE_AFTER = datetime.timedelta(days=183)  # Informasi Berkala is renewed at least every 6 months


class RegistrationCounter(models.Model):
    """The last registration number given per kind and year; its row is locked while a number
    is taken, so numbers are gapless and unique even under concurrent submissions."""

    class Kind(models.TextChoices):
        REQUEST = "permohonan", _("Permohonan informasi")
        OBJECTION = "keberatan", _("Keberatan")

    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("tahun"))
    last_number = models.PositiveIntegerField(_("nomor terakhir"), default=0)

    class Meta:
        verbose_name = _("penghitung nomor registrasi")
        verbose_name_plural = _("penghitung nomor registrasi")
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="ppid_counter_kind_year_unique"),
        ]

    def __str__(self):
        return f"{self.kind} {self.year}: {self.last_number}"


class PublicInformationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def downloadable(self):
        return self.published().exclude(category=PublicInformation.Category.EXCLUDED)

    def stale(self, now: datetime.datetime | None = None):
        """Informasi Berkala not updated for more than six months."""
        now = now or timezone.now()
        return self.filter(
            category=PublicInformation.Category.PERIODIC, updated_at__lt=now - STALE_AFTER
        )

    def in_category_order(self):
        order = Case(
            *(
                When(category=value, then=Value(index))
                for index, value in enumerate(PublicInformation.Category.values)
            ),
            output_field=IntegerField(),
        )
        return self.alias(category_order=order).order_by("category_order", "-year", "number")


class PublicInformation(models.Model):
    """An entry of the Daftar Informasi Publik (DIP), with its optional document or link."""

    guard_kind = "document"
    guard_publish_field = "is_published"

    class Category(models.TextChoices):
        PERIODIC = "berkala", _("Informasi Berkala")
        IMMEDIATE = "serta_merta", _("Informasi Serta Merta")
        ON_REQUEST = "setiap_saat", _("Informasi Tersedia Setiap Saat")
        EXCLUDED = "dikecualikan", _("Informasi Dikecualikan")

    class Format(models.TextChoices):
        SOFTCOPY = "softcopy", _("Softcopy")
        HARDCOPY = "hardcopy", _("Hardcopy")
        BOTH = "keduanya", _("Softcopy dan hardcopy")

    number = models.CharField(_("nomor"), max_length=40)
    title = models.CharField(_("judul"), max_length=300)
    summary = models.TextField(_("ringkasan isi informasi"), max_length=4000)
    holder = models.CharField(_("pejabat/unit yang menguasai informasi"), max_length=200)
    responsible_person = models.CharField(_("penanggung jawab pembuatan informasi"), max_length=200)
    produced_when = models.CharField(_("waktu pembuatan"), max_length=100)
    produced_where = models.CharField(_("tempat pembuatan"), max_length=200)
    available_format = models.CharField(
        _("bentuk informasi yang tersedia"),
        max_length=10,
        choices=Format.choices,
        default=Format.SOFTCOPY,
    )
    retention_period = models.CharField(_("jangka waktu penyimpanan"), max_length=100)
    year = models.PositiveSmallIntegerField(_("tahun"))
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices)
    file = models.FileField(_("berkas"), upload_to=document_upload_to, blank=True)
    original_filename = models.CharField(
        _("nama berkas asli"), max_length=255, blank=True, editable=False
    )
    file_type = models.CharField(_("jenis berkas"), max_length=10, blank=True, editable=False)
    link = models.URLField(_("tautan"), blank=True)
    exclusion_legal_basis = models.CharField(
        _("dasar hukum pengecualian"), max_length=300, blank=True
    )
    exclusion_consequence = models.TextField(
        _("konsekuensi bila informasi dibuka"), max_length=4000, blank=True
    )
    exclusion_tested_on = models.DateField(_("tanggal uji konsekuensi"), null=True, blank=True)
    is_published = models.BooleanField(_("tampilkan di DIP"), default=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)
    # The site search (core.search): kept up to date by PostgreSQL itself, as news and pages do.
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("holder", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = PublicInformationQuerySet.as_manager()

    # The fields the audit log records (an allow-list, audit.services.audited_fields).
    audit_fields = (
        "number",
        "title",
        "summary",
        "holder",
        "responsible_person",
        "produced_when",
        "produced_where",
        "available_format",
        "retention_period",
        "year",
        "category",
        "file",
        "original_filename",
        "file_type",
        "link",
        "exclusion_legal_basis",
        "exclusion_consequence",
        "exclusion_tested_on",
        "is_published",
    )

    class Meta:
        verbose_name = _("informasi publik (DIP)")
        verbose_name_plural = _("Daftar Informasi Publik")
        ordering = ["category", "-year", "number"]
        indexes = [GinIndex(fields=["search_vector"], name="ppid_dip_search_gin")]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="ppid_dip_year_number_unique"),
            models.CheckConstraint(
                condition=~Q(category="dikecualikan")
                | (
                    ~Q(exclusion_legal_basis="")
                    & ~Q(exclusion_consequence="")
                    & Q(exclusion_tested_on__isnull=False)
                    & Q(file="")
                    & Q(link="")
                ),
                name="ppid_dip_excluded_has_consequence_test",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("ppid:dip") + f"#informasi-{self.pk}"

    def guard_html(self) -> str:
        return format_html(
            '<h1>{}</h1><p>{}</p><p>{} {}</p><p><a href="{}">{}</a></p>',
            self.title,
            self.summary,
            self.holder,
            self.responsible_person,
            self.link,
            self.link,
        )

    def guard_is_published(self) -> bool:
        return self.is_published

    def guard_set_published(self, published: bool) -> None:
        self.is_published = published

    def clean(self):
        if self.category != self.Category.EXCLUDED:
            return
        errors = {}
        required = {
            "exclusion_legal_basis": _("Wajib diisi untuk informasi yang dikecualikan."),
            "exclusion_consequence": _("Wajib diisi untuk informasi yang dikecualikan."),
            "exclusion_tested_on": _("Wajib diisi untuk informasi yang dikecualikan."),
        }
        for field, message in required.items():
            if not getattr(self, field):
                errors[field] = message
        if self.file:
            errors["file"] = _("Informasi yang dikecualikan tidak boleh memiliki berkas publik.")
        if self.link:
            errors["link"] = _("Informasi yang dikecualikan tidak boleh memiliki tautan publik.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_excluded(self) -> bool:
        return self.category == self.Category.EXCLUDED

    def is_stale(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.category == self.Category.PERIODIC and self.updated_at < now - STALE_AFTER

    def download_url(self) -> str:
        return reverse("ppid:document", args=[self.pk])


class InformationRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=InformationRequest.OPEN_STATUSES)

    def with_urgency(self):
        """Open requests first, the earliest (overdue) deadline first; closed ones after."""
        return self.alias(
            closed=Case(
                When(status__in=InformationRequest.OPEN_STATUSES, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        ).order_by("closed", "due_date", "received_at")


class InformationRequest(TrackedSubmission, ApplicantDetails):
    """A permohonan informasi publik and its legal clock (10 working days, +7 once)."""

    Status = RequestDecision
    RefusalGround = RefusalGround

    OPEN_STATUSES = (Status.RECEIVED, Status.PROCESSING, Status.EXTENDED)
    DECISION_STATUSES = (
        Status.GRANTED,
        Status.PARTIALLY_GRANTED,
        Status.REFUSED,
        Status.NOT_HELD,
    )

    id_scan = models.FileField(
        _("pindaian identitas"), upload_to=id_scan_upload_to, storage=private_storage, blank=True
    )
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.RECEIVED
    )
    received_at = models.DateTimeField(_("diterima"), default=timezone.now)
    due_date = models.DateField(_("batas waktu"))
    extension_days = models.PositiveSmallIntegerField(_("perpanjangan (hari kerja)"), default=0)
    extension_reason = models.TextField(_("alasan perpanjangan"), max_length=2000, blank=True)
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    notice = models.TextField(_("pemberitahuan tertulis"), max_length=10000, blank=True)
    notice_attachment = models.FileField(
        _("lampiran pemberitahuan"),
        upload_to=notice_upload_to,
        storage=private_storage,
        blank=True,
    )
    refusal_ground = models.CharField(
        _("alasan penolakan"), max_length=20, choices=RefusalGround.choices, blank=True
    )
    refusal_basis = models.TextField(
        _("dasar hukum dan uji konsekuensi penolakan"), max_length=4000, blank=True
    )
    # Set when PPID Utama forwarded the request (ppidutama): the pemda's registration number,
    # which the citizen tracks on the portal.
    pemda_number = models.CharField(
        _("nomor pendaftaran PPID Utama"), max_length=60, blank=True, editable=False
    )

    objects = InformationRequestQuerySet.as_manager()

    # What the audit log may record (audit.services): facts of the procedure, never the
    # applicant's identity, contacts, the request's text, the tracking code's hash or the token.
    audit_fields = (
        "number",
        "year",
        "obtain_method",
        "delivery_method",
        "status",
        "received_at",
        "due_date",
        "extension_days",
        "decided_at",
        "refusal_ground",
        "pemda_number",
    )

    class Meta:
        verbose_name = _("permohonan informasi")
        verbose_name_plural = _("permohonan informasi")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "sequence"], name="ppid_request_year_sequence_unique"
            ),
            models.CheckConstraint(
                condition=Q(extension_days__lte=MAX_EXTENSION_WORKING_DAYS),
                name="ppid_request_extension_at_most_7",
            ),
            models.CheckConstraint(
                condition=~Q(status="ditolak") | ~Q(refusal_ground=""),
                name="ppid_request_refusal_has_ground",
            ),
        ]

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def received_on(self) -> datetime.date:
        return timezone.localdate(self.received_at)

    def days_left(self, today: datetime.date | None = None) -> int | None:
        """Working days until the deadline (0 on the day itself, negative once overdue)."""
        if not self.is_open:
            return None
        return workdays.working_days_between(today or timezone.localdate(), self.due_date)

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.is_open and (today or timezone.localdate()) > self.due_date

    def objection_window_start(self, today: datetime.date | None = None) -> datetime.date | None:
        """When the objection clock started: the decision, or the missed deadline."""
        if self.decided_at is not None:
            return timezone.localdate(self.decided_at)
        if self.is_overdue(today):
            return self.due_date
        return None

    def objection_deadline(self, today: datetime.date | None = None) -> datetime.date | None:
        start = self.objection_window_start(today)
        if start is None:
            return None
        return workdays.add_working_days(start, OBJECTION_FILING_WORKING_DAYS)


class RequestEvent(models.Model):
    """The audit trail of a request: every status change, who made it, when and why."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("waktu"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    by_name = models.CharField(_("oleh"), max_length=150)
    from_status = models.CharField(
        _("dari"), max_length=30, choices=InformationRequest.Status.choices, blank=True
    )
    to_status = models.CharField(
        _("menjadi"), max_length=30, choices=InformationRequest.Status.choices
    )
    note = models.TextField(_("catatan"), max_length=10000, blank=True)

    class Meta:
        verbose_name = _("riwayat status")
        verbose_name_plural = _("riwayat status")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.request} {self.from_status} → {self.to_status}"


class Objection(TrackedSubmission):
    """A keberatan against a request (UU 14/2008 Pasal 35), answered by the atasan PPID."""

    Ground = ObjectionGround
    Status = ObjectionStatus
    Outcome = ObjectionOutcome

    request = models.ForeignKey(
        InformationRequest,
        on_delete=models.PROTECT,
        related_name="objections",
        verbose_name=_("permohonan"),
    )
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
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditanggapi oleh"),
    )

    # What the audit log may record: never the objector's reason (free text about a citizen),
    # the response, the tracking code's hash or the token.
    audit_fields = (
        "number",
        "year",
        "request",
        "ground",
        "filed_at",
        "due_date",
        "status",
        "outcome",
        "answered_at",
        "answered_by",
    )

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        ordering = ["-filed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "sequence"], name="ppid_objection_year_sequence_unique"
            ),
            models.CheckConstraint(
                condition=Q(status="diterima") | ~Q(outcome=""),
                name="ppid_objection_answer_has_outcome",
            ),
        ]

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.RECEIVED

    def days_left(self, today: datetime.date | None = None) -> int | None:
        if not self.is_open:
            return None
        return workdays.working_days_between(today or timezone.localdate(), self.due_date)


class DeadlineReminder(models.Model):
    """A deadline reminder the PPID staff were sent: one per request or objection and due
    date, so a re-run of the daily job sends nobody the same reminder twice, and an extended
    deadline gets its own reminder."""

    request = models.ForeignKey(
        InformationRequest,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("permohonan"),
    )
    objection = models.ForeignKey(
        Objection,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("keberatan"),
    )
    due_date = models.DateField(_("batas waktu"))
    sent_at = models.DateTimeField(_("dikirim"), default=timezone.now)

    class Meta:
        verbose_name = _("pengingat batas waktu")
        verbose_name_plural = _("pengingat batas waktu")
        # Written by the reminder job only, never by an operator: no permissions, so the roles
        # (synchronised after every migration) stay as they are.
        default_permissions = ()
        constraints = [
            models.CheckConstraint(
                condition=Q(request__isnull=False, objection__isnull=True)
                | Q(request__isnull=True, objection__isnull=False),
                name="ppid_reminder_request_xor_objection",
            ),
            models.UniqueConstraint(
                fields=["request", "due_date"], name="ppid_reminder_request_due_unique"
            ),
            models.UniqueConstraint(
                fields=["objection", "due_date"], name="ppid_reminder_objection_due_unique"
            ),
        ]

    def __str__(self):
        return f"{self.request or self.objection} {self.due_date}"
