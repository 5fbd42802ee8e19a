"""The pemda's own identity, set once by Kominfo: every OPD site and the portal show it."""

import uuid
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.richtext import RichTextField, sanitize_html

IDENTITY_PK = 1


def arms_upload_to(identity, filename: str) -> str:
    """A random name in the pemda's folder; the extension is the one the form checked."""
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"pemda/lambang-{uuid.uuid4().hex}.{extension}"


LAPOR_DOMAIN = "lapor.go.id"


def validate_lapor_url(value: str) -> None:
    """The pemda's SP4N-LAPOR! address: https on lapor.go.id or one of its subdomains (the
    national channel's own pages, e.g. an agency's page on www.lapor.go.id). Another complaints
    site of the pemda is not SP4N-LAPOR!: it goes among the common links."""
    parts = urlsplit(value)
    host = (parts.hostname or "").rstrip(".")
    on_lapor = host == LAPOR_DOMAIN or host.endswith(f".{LAPOR_DOMAIN}")
    try:
        port = parts.port
    except ValueError:
        port = -1
    if (
        parts.scheme.lower() != "https"
        or not on_lapor
        or port not in (None, 443)
        or parts.username is not None
    ):
        raise ValidationError(
            _(
                "Alamat SP4N-LAPOR! harus diawali https:// dan berada di lapor.go.id, "
                "mis. https://www.lapor.go.id/."
            ),
            code="lapor_url",
        )


class PemdaIdentity(models.Model):
    """One row (its primary key is fixed): there is one pemda per installation."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=IDENTITY_PK, editable=False)
    name = models.CharField(
        _("nama pemerintah daerah"), max_length=120, help_text=_("Mis. Pemerintah Kota Serang")
    )
    region_name = models.CharField(_("nama daerah"), max_length=80, help_text=_("Mis. Kota Serang"))
    coat_of_arms = models.FileField(
        _("lambang daerah"), upload_to=arms_upload_to, blank=True, max_length=200
    )
    address = models.TextField(_("alamat"), blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    portal_url = models.URLField(
        _("alamat portal resmi"), blank=True, help_text=_("Mis. https://serangkota.go.id")
    )
    map_url = models.URLField(_("tautan peta"), blank=True)
    lapor_url = models.URLField(
        _("alamat SP4N-LAPOR!"),
        blank=True,
        default="",
        validators=[validate_lapor_url],
        help_text=_(
            "Halaman pengaduan pemda di SP4N-LAPOR! (https di lapor.go.id), mis. "
            "https://www.lapor.go.id/. Tampil di halaman Kontak dan PPID setiap situs OPD; "
            "kosongkan bila belum ada."
        ),
    )
    instagram_url = models.URLField(_("Instagram"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    tiktok_url = models.URLField(_("TikTok"), blank=True)
    privacy_statement = RichTextField(_("kebijakan privasi"), blank=True)
    accessibility_statement = RichTextField(_("pernyataan aksesibilitas"), blank=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("identitas pemda")
        verbose_name_plural = _("identitas pemda")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(id=IDENTITY_PK), name="pemda_identity_is_a_singleton"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.privacy_statement = sanitize_html(self.privacy_statement)
        self.accessibility_statement = sanitize_html(self.accessibility_statement)
        super().save(*args, **kwargs)

    @property
    def social_links(self) -> list[tuple[str, str]]:
        links = (
            ("Instagram", self.instagram_url),
            ("Facebook", self.facebook_url),
            ("X", self.x_url),
            ("YouTube", self.youtube_url),
            ("TikTok", self.tiktok_url),
        )
        return [(label, url) for label, url in links if url]


class CommonLink(models.Model):
    """A link every site shows in its footer (LAPOR!, JDIH, PPID Pemda...), in order."""

    identity = models.ForeignKey(
        PemdaIdentity, on_delete=models.CASCADE, related_name="links", verbose_name=_("identitas")
    )
    title = models.CharField(_("judul"), max_length=80)
    url = models.URLField(_("alamat"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ("order", "id")
        verbose_name = _("tautan bersama")
        verbose_name_plural = _("tautan bersama")

    def __str__(self):
        return self.title
