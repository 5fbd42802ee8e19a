import re
import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin
from django_tenants.postgresql_backend.base import _check_schema_name

from core import storage
from core.links import absolute_url

SLUG_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
SLUG_MIN_LENGTH = 2
SLUG_MAX_LENGTH = 40
HEX_COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Gunakan warna heksadesimal, mis. #0b5394."))


def validate_opd_slug(value: str) -> None:
    """Refuse anything that cannot safely become both a subdomain and a PostgreSQL schema name."""
    if not SLUG_MIN_LENGTH <= len(value) <= SLUG_MAX_LENGTH:
        raise ValidationError(
            _("Subdomain harus %(min)d–%(max)d karakter."),
            code="length",
            params={"min": SLUG_MIN_LENGTH, "max": SLUG_MAX_LENGTH},
        )
    if not SLUG_PATTERN.match(value):
        raise ValidationError(
            _(
                "Subdomain hanya boleh berisi huruf kecil, angka dan tanda hubung, diawali huruf "
                "dan tidak diakhiri tanda hubung."
            ),
            code="invalid",
        )
    if value.startswith("pg-") or value in settings.RESERVED_SLUGS:
        raise ValidationError(
            _("Subdomain “%(value)s” dicadangkan sistem dan tidak dapat dipakai."),
            code="reserved",
            params={"value": value},
        )


def schema_name_for_slug(slug: str) -> str:
    return slug.replace("-", "_")


# Identity files must resolve to the same URL whichever schema is active when they are rendered
# (the portal on the main domain shows OPD logos), so they bypass the tenant-aware default storage
# and carry the schema folder in their own name.
def identity_storage():
    """STORAGES["identity"]: the public media root without a schema prefix."""
    return storage.storage("identity")


def identity_upload_to(opd: "Opd", filename: str) -> str:
    extension = PurePath(filename).suffix.lower()
    return f"{opd.schema_name}/identitas/{uuid.uuid4().hex}{extension}"


class OpdQuerySet(models.QuerySet):
    def sites(self) -> "OpdQuerySet":
        """Every OPD, without the portal's own row (the public schema)."""
        return self.exclude(kind=Opd.Kind.PORTAL)


class Opd(TenantMixin):
    """An OPD (or the public portal itself) with its own PostgreSQL schema and subdomain."""

    class Kind(models.TextChoices):
        DINAS = "dinas", _("Dinas")
        BADAN = "badan", _("Badan")
        KECAMATAN = "kecamatan", _("Kecamatan")
        KELURAHAN = "kelurahan", _("Kelurahan")
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        INSPEKTORAT = "inspektorat", _("Inspektorat")
        LAINNYA = "lainnya", _("Lainnya")
        PORTAL = "portal", _("Portal Kominfo")

    # TenantMixin's field, redeclared only for its Indonesian label.
    schema_name = models.CharField(
        _("nama skema basis data"),
        max_length=63,
        unique=True,
        db_index=True,
        validators=[_check_schema_name],
    )
    name = models.CharField(_("nama resmi"), max_length=200)
    short_name = models.CharField(_("nama singkat"), max_length=60)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices, default=Kind.DINAS)
    slug = models.CharField(
        _("subdomain"), max_length=SLUG_MAX_LENGTH, unique=True, validators=[validate_opd_slug]
    )
    is_active = models.BooleanField(
        _("aktif"),
        default=True,
        help_text=_(
            "Situs OPD yang dinonaktifkan menampilkan halaman pemeliharaan; data tetap ada."
        ),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    logo = models.ImageField(
        _("logo"), upload_to=identity_upload_to, storage=identity_storage, blank=True
    )
    header_image = models.ImageField(
        _("gambar header"), upload_to=identity_upload_to, storage=identity_storage, blank=True
    )
    primary_color = models.CharField(
        _("warna utama"), max_length=7, default="#0b5394", validators=[HEX_COLOUR]
    )
    address = models.TextField(_("alamat"), blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.CharField(_("jam layanan"), max_length=200, blank=True)
    map_url = models.URLField(_("tautan peta"), blank=True)
    instagram_url = models.URLField("Instagram", blank=True)
    facebook_url = models.URLField("Facebook", blank=True)
    x_url = models.URLField("X", blank=True)
    youtube_url = models.URLField("YouTube", blank=True)
    tiktok_url = models.URLField("TikTok", blank=True)

    can_broadcast = models.BooleanField(
        _("boleh menyiarkan informasi serta merta"),
        default=False,
        help_text=_("Admin OPD ini (mis. BPBD) dapat memasang siaran darurat di seluruh portal."),
    )
    require_2fa_for_operators = models.BooleanField(
        _("wajibkan verifikasi dua langkah untuk operator"),
        default=False,
        help_text=_(
            "Operator OPD ini harus memasang aplikasi autentikator (TOTP) sebelum dapat "
            "membuka admin."
        ),
    )
    require_article_review = models.BooleanField(
        _("berita ditinjau sebelum terbit"),
        default=True,
        help_text=_(
            "Operator Berita mengajukan artikel untuk ditinjau; Admin OPD (atau yang diberi hak "
            "meninjau) menerbitkannya atau mengembalikannya dengan catatan. Matikan bila "
            "operator boleh langsung menerbitkan."
        ),
    )
    # Written by the OPD side so that the console never reads OPD schemas on a request.
    last_operator_login = models.DateTimeField(_("operator masuk terakhir"), null=True, blank=True)
    content_checklist = models.JSONField(_("kelengkapan konten"), default=dict, blank=True)
    ppid_open_due_dates = ArrayField(
        models.DateField(),
        verbose_name=_("tenggat permohonan PPID terbuka"),
        default=list,
        blank=True,
    )
    # The current semester's Survei Kepuasan Masyarakat, recorded by the OPD side (publicservices).
    skm_semester = models.CharField(_("semester SKM"), max_length=7, blank=True)
    skm_ikm = models.DecimalField(
        _("IKM semester ini"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    skm_quality = models.CharField(_("mutu pelayanan (SKM)"), max_length=1, blank=True)
    skm_respondents = models.PositiveIntegerField(_("responden SKM semester ini"), default=0)

    objects = OpdQuerySet.as_manager()

    auto_create_schema = False
    auto_drop_schema = False

    # The fields the audit log records (an allow-list, audit.services.audited_fields).
    audit_fields = (
        "schema_name",
        "name",
        "short_name",
        "kind",
        "slug",
        "is_active",
        "logo",
        "header_image",
        "primary_color",
        "address",
        "phone",
        "email",
        "opening_hours",
        "map_url",
        "instagram_url",
        "facebook_url",
        "x_url",
        "youtube_url",
        "tiktok_url",
        "can_broadcast",
        "require_2fa_for_operators",
        "require_article_review",
    )

    class Meta:
        verbose_name = _("OPD")
        verbose_name_plural = _("OPD")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("slug"), name="opd_slug_unique_ci"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_public(self) -> bool:
        return self.schema_name == "public"

    def primary_domain(self) -> str | None:
        if hasattr(self, "primary_host"):  # annotated by with_primary_domain()
            return self.primary_host
        # Iterating all() lets callers prefetch "domains" for short lists of OPDs.
        return next((d.domain for d in self.domains.all() if d.is_primary), None)

    def site_url(self, path: str = "/") -> str:
        """Absolute URL on the OPD's primary domain, for e-mails and the console."""
        return opd_site_url(self.slug, self.primary_domain(), path)

    def social_links(self) -> list[tuple[str, str]]:
        candidates = [
            ("Instagram", self.instagram_url),
            ("Facebook", self.facebook_url),
            ("X", self.x_url),
            ("YouTube", self.youtube_url),
            ("TikTok", self.tiktok_url),
        ]
        return [(label, url) for label, url in candidates if url]


def site_kind_choices() -> list[tuple[str, str]]:
    """The kinds an OPD may be: every kind but the portal's own."""
    return [(value, label) for value, label in Opd.Kind.choices if value != Opd.Kind.PORTAL]


class Domain(DomainMixin):
    # DomainMixin's fields, redeclared only for their Indonesian labels.
    domain = models.CharField(_("domain"), max_length=253, unique=True, db_index=True)
    tenant = models.ForeignKey(
        settings.TENANT_MODEL,
        db_index=True,
        related_name="domains",
        on_delete=models.CASCADE,
        verbose_name=_("OPD"),
    )
    is_primary = models.BooleanField(_("domain utama"), default=True, db_index=True)
    # The fields the audit log records (an allow-list, audit.services.audited_fields).
    audit_fields = (
        "domain",
        "tenant",
        "is_primary",
    )

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domain")

    def __str__(self):
        return self.domain


def opd_site_url(slug: str, primary_domain: str | None, path: str = "/") -> str:
    """Absolute URL on an OPD's primary domain (or its default subdomain when it has none)."""
    return absolute_url(primary_domain or f"{slug}.{settings.PORTAL_DOMAIN}", path)


def with_primary_domain(opds: models.QuerySet) -> models.QuerySet:
    """`opds` annotated with `primary_host`, which `Opd.primary_domain()` uses: one join in the
    same query (an OPD has at most one primary domain: DomainMixin.save() keeps it so), where
    prefetching "domains" builds a queryset per OPD (10 ms at 300 OPDs)."""
    primary = models.FilteredRelation("domains", condition=models.Q(domains__is_primary=True))
    return opds.annotate(
        primary_domain_row=primary, primary_host=models.F("primary_domain_row__domain")
    )
