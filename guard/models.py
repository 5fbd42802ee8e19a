import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import registry
from tenants.models import Opd


def normalise_link_domain(value: str) -> str:
    """`https://WWW.Example.go.id/x` → `www.example.go.id`; a leading `*.` is dropped (an entry
    always covers its subdomains)."""
    value = value.strip().lower()
    value = re.sub(r"^[a-z][a-z0-9+.-]*://", "", value).split("/", 1)[0].split(":", 1)[0]
    value = value.removeprefix("*.").strip(".")
    try:
        return value.encode("idna").decode("ascii")
    except UnicodeError:
        return value


def validate_link_domain(value: str) -> None:
    if not re.fullmatch(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9-]{2,63}", value):
        raise ValidationError(_("Tulis nama domain saja, mis. kemendagri.go.id."), code="domain")


class AllowedLinkDomain(models.Model):
    """A domain OPD content may link to (with all its subdomains), managed by Kominfo.

    The content guard holds content that links anywhere else. The portal's own domain and every
    OPD domain are always allowed.
    """

    domain = models.CharField(
        _("domain"), max_length=253, unique=True, validators=[validate_link_domain]
    )
    note = models.CharField(_("keterangan"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("ditambahkan"), auto_now_add=True)

    class Meta:
        # Moved from the tenants app; the table keeps its name (no data copied).
        db_table = "tenants_allowedlinkdomain"
        verbose_name = _("domain tautan yang diizinkan")
        verbose_name_plural = _("domain tautan yang diizinkan")
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def clean(self):
        self.domain = normalise_link_domain(self.domain)


class ContentHold(models.Model):
    """Content the guard kept from being published (kept as a draft) until Kominfo reviews it."""

    class Status(models.TextChoices):
        HELD = "ditahan", _("Ditahan")
        RELEASED = "dilepas", _("Dilepas Kominfo (terbit)")
        REJECTED = "ditolak", _("Ditolak Kominfo (tetap draf)")
        CLEARED = "dibersihkan", _("Diperbaiki OPD")

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="content_holds")
    kind = models.CharField(_("jenis"), max_length=20, choices=registry.kind_choices)
    object_id = models.BigIntegerField(_("ID di situs OPD"))
    title = models.CharField(_("judul"), max_length=300)
    findings = models.JSONField(_("temuan"), default=list)
    # What Kominfo reviewed: a release approves exactly this content, not later edits.
    content_hash = models.CharField(max_length=64, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.HELD
    )
    held_at = models.DateTimeField(_("ditahan"), default=timezone.now, db_index=True)
    resolved_at = models.DateTimeField(_("diselesaikan"), null=True, blank=True)
    resolved_by = models.CharField(_("diselesaikan oleh"), max_length=150, blank=True)

    class Meta:
        # Moved from the tenants app; the table keeps its name (no data copied).
        db_table = "tenants_contenthold"
        verbose_name = _("konten ditahan")
        verbose_name_plural = _("konten ditahan")
        ordering = ["-held_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "kind", "object_id"],
                condition=models.Q(status="ditahan"),
                name="content_hold_one_open_per_object",
            ),
        ]

    def __str__(self):
        return f"{self.opd.short_name}: {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.HELD
