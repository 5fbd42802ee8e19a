from datetime import datetime, time, timedelta

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.richtext import RichTextField, html_to_text, sanitize_html
from core.search import SEARCH_CONFIG
from core.slugs import unique_slug

# Paths under /agenda/ that an event slug would shadow.
RESERVED_SLUGS = frozenset({"lalu", "feed"})
# An all-day event runs from the start of its first day to the end of its last (local time).
DAY_END = time(23, 59, 59)


def validate_event_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("Slug “%(value)s” dipakai sistem; pilih slug lain."),
            code="reserved",
            params={"value": value},
        )


# Its own code: the model field would replace an "invalid" message with its generic one.
validate_https = URLValidator(
    schemes=["https"],
    message=_("Tautan peta harus alamat https:// yang lengkap."),
    code="https_only",
)


def _local_bound(moment: datetime, bound: time) -> datetime:
    day = timezone.localtime(moment).date()
    return timezone.make_aware(datetime.combine(day, bound))


class EventQuerySet(models.QuerySet):
    def published(self) -> "EventQuerySet":
        return self.filter(is_published=True)

    def upcoming(self) -> "EventQuerySet":
        """Published events not yet over (running now or to come), soonest first."""
        return self.published().filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")

    def past(self) -> "EventQuerySet":
        """Published events that have ended, newest first."""
        return self.published().filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-pk")

    def for_listing(self) -> "EventQuerySet":
        return self.select_related("image").defer("description", "body_text")


class Event(models.Model):
    """An event of the OPD's agenda (a simulation, a ceremony, a public meeting)."""

    guard_kind = "event"
    guard_publish_field = "is_published"

    title = models.CharField(_("judul"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        validators=[validate_event_slug],
        help_text=_("Bagian alamat agenda; dibuat otomatis dari judul bila dikosongkan."),
    )
    all_day = models.BooleanField(
        _("sepanjang hari"),
        default=False,
        help_text=_(
            "Centang bila agenda berlangsung seharian (atau beberapa hari): jam diabaikan, "
            "yang dipakai hanya tanggal mulai dan tanggal selesai."
        ),
    )
    starts_at = models.DateTimeField(_("mulai"), db_index=True)
    ends_at = models.DateTimeField(
        _("selesai"),
        db_index=True,
        help_text=_("Tidak boleh sebelum waktu mulai. Agenda yang sudah selesai pindah ke arsip."),
    )
    place = models.CharField(
        _("tempat"),
        max_length=200,
        help_text=_("Mis. Aula Kantor BPBD, Jl. Ahmad Yani 1, Kota Serang."),
    )
    map_url = models.URLField(
        _("tautan peta"),
        max_length=500,
        blank=True,
        validators=[validate_https],
        help_text=_("Opsional: tautan https:// ke lokasi di peta (mis. Google Maps)."),
    )
    organiser = models.CharField(
        _("penyelenggara"),
        max_length=200,
        blank=True,
        help_text=_("Kosongkan bila penyelenggaranya OPD ini sendiri."),
    )
    description = RichTextField(_("keterangan"), blank=True)
    body_text = models.TextField(editable=False, blank=True, default="")
    image = models.ForeignKey(
        "library.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gambar"),
        help_text=_("Opsional: gambar dari pustaka media (poster atau foto kegiatan)."),
    )
    is_published = models.BooleanField(
        _("terbit"), default=True, help_text=_("Hilangkan centang untuk menyimpan sebagai draf.")
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("place", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body_text", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = EventQuerySet.as_manager()

    # The fields the audit log records (an allow-list, audit.services.audited_fields).
    audit_fields = (
        "title",
        "slug",
        "all_day",
        "starts_at",
        "ends_at",
        "place",
        "map_url",
        "organiser",
        "description",
        "image",
        "is_published",
    )

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agenda")
        ordering = ["-starts_at", "-pk"]
        indexes = [GinIndex(fields=["search_vector"], name="agenda_event_search_gin")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="agenda_event_ends_after_start",
                violation_error_message=_("Waktu selesai tidak boleh sebelum waktu mulai."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.normalise_times()
        self.description = sanitize_html(self.description)
        self.body_text = html_to_text(self.description)
        if not self.slug:
            self.slug = unique_slug(
                Event, self.title, reserved=RESERVED_SLUGS, fallback="agenda", exclude_pk=self.pk
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("agenda:detail", kwargs={"slug": self.slug})

    def normalise_times(self) -> None:
        """An all-day event spans whole local days: from 00.00 of its first day to 23.59.59
        of its last (so that it drops off the upcoming list once its last day is over)."""
        if self.all_day and self.starts_at and self.ends_at:
            self.starts_at = _local_bound(self.starts_at, time.min)
            self.ends_at = _local_bound(self.ends_at, DAY_END)

    def clean(self):
        super().clean()
        self.normalise_times()
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError(
                {"ends_at": _("Waktu selesai tidak boleh sebelum waktu mulai.")}, code="order"
            )

    def guard_html(self) -> str:
        return format_html("<h1>{}</h1><p>{}</p>", self.title, self.place) + self.description

    def guard_is_published(self) -> bool:
        return self.is_published

    def guard_set_published(self, published: bool) -> None:
        self.is_published = published

    @property
    def local_start(self) -> datetime:
        return timezone.localtime(self.starts_at)

    @property
    def local_end(self) -> datetime:
        return timezone.localtime(self.ends_at)

    @property
    def is_multi_day(self) -> bool:
        return self.local_start.date() != self.local_end.date()

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def end_date_exclusive(self):
        """The day after the last day (iCalendar's DTEND of an all-day event)."""
        return self.local_end.date() + timedelta(days=1)

    def picture(self) -> dict | None:
        return self.image.picture() if self.image_id else None
