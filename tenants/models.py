import re
import uuid
from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin

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
identity_storage = FileSystemStorage()


def identity_upload_to(opd: "Opd", filename: str) -> str:
    extension = PurePath(filename).suffix.lower()
    return f"{opd.schema_name}/identitas/{uuid.uuid4().hex}{extension}"


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
    # Written by the OPD side so that the console never reads OPD schemas on a request.
    last_operator_login = models.DateTimeField(_("operator masuk terakhir"), null=True, blank=True)
    content_checklist = models.JSONField(_("kelengkapan konten"), default=dict, blank=True)
    ppid_open_due_dates = ArrayField(
        models.DateField(),
        verbose_name=_("tenggat permohonan PPID terbuka"),
        default=list,
        blank=True,
    )

    auto_create_schema = False
    auto_drop_schema = False

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


class Domain(DomainMixin):
    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domain")

    def __str__(self):
        return self.domain


def opd_site_url(slug: str, primary_domain: str | None, path: str = "/") -> str:
    """Absolute URL on an OPD's primary domain (or its default subdomain when it has none)."""
    host = primary_domain or f"{slug}.{settings.PORTAL_DOMAIN}"
    port = f":{settings.PORTAL_PORT}" if settings.PORTAL_PORT else ""
    return f"{settings.PORTAL_SCHEME}://{host}{port}{path}"


def with_primary_domain(opds: models.QuerySet) -> models.QuerySet:
    """`opds` annotated with `primary_host`, which `Opd.primary_domain()` uses: one join in the
    same query (an OPD has at most one primary domain: DomainMixin.save() keeps it so), where
    prefetching "domains" builds a queryset per OPD (10 ms at 300 OPDs)."""
    primary = models.FilteredRelation("domains", condition=models.Q(domains__is_primary=True))
    return opds.annotate(
        primary_domain_row=primary, primary_host=models.F("primary_domain_row__domain")
    )


class LocalHoliday(models.Model):
    """A non-working day missing from the national calendar (a regional holiday, a late cuti
    bersama), added by Kominfo. Every OPD's PPID clock (ppid.workdays) skips it."""

    date = models.DateField(_("tanggal"), unique=True)
    name = models.CharField(_("keterangan"), max_length=200)

    class Meta:
        verbose_name = _("hari libur daerah")
        verbose_name_plural = _("hari libur daerah")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.name}"


class PublishedItemQuerySet(models.QuerySet):
    def visible(self):
        """Items citizens may see on the portal: published (time reached) by an active OPD."""
        return self.filter(published_at__lte=timezone.now(), opd__is_active=True)

    def search(self, query: str):
        search_query = SearchQuery(query, config="indonesian", search_type="websearch")
        return (
            self.filter(search_vector=search_query)
            .annotate(rank=SearchRank(models.F("search_vector"), search_query))
            .order_by("-rank", "-published_at")
        )


class PublishedItem(models.Model):
    """The portal's index of what every OPD has published (public schema).

    The OPD side writes it whenever content is published, changed, unpublished or deleted, so the
    main domain never has to look into OPD schemas. Items with a future `published_at` are
    scheduled: they appear on the portal by themselves when that time is reached.
    """

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Berita")
        PAGE = "page", _("Halaman")
        DOCUMENT = "document", _("Dokumen PPID")

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="published_items")
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    source_id = models.BigIntegerField(_("ID di situs OPD"))
    title = models.CharField(_("judul"), max_length=300)
    summary = models.TextField(_("ringkasan"), blank=True)
    url = models.URLField(_("alamat"), max_length=500)
    image_url = models.CharField(_("alamat gambar"), max_length=500, blank=True)
    category = models.CharField(_("kategori"), max_length=100, blank=True)
    category_slug = models.SlugField(_("slug kategori"), max_length=100, blank=True)
    published_at = models.DateTimeField(_("waktu terbit"), db_index=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PublishedItemQuerySet.as_manager()

    # What a news card on the portal shows (everything but the search vector).
    LISTING_FIELDS = (
        "kind",
        "title",
        "summary",
        "url",
        "image_url",
        "category",
        "category_slug",
        "published_at",
        "updated_at",
        "opd",
    )

    class Meta:
        verbose_name = _("item portal")
        verbose_name_plural = _("indeks portal")
        ordering = ["-published_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "kind", "source_id"], name="published_item_unique_source"
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="published_item_search"),
            models.Index(fields=["opd", "kind", "-published_at"], name="published_item_opd_kind"),
            models.Index(fields=["kind", "-published_at"], name="published_item_kind"),
        ]

    def __str__(self):
        return self.title


class ActivitySettings(models.Model):
    """Thresholds Kominfo can change (one row)."""

    active_days = models.PositiveIntegerField(_("aktif jika terbit dalam (hari)"), default=30)
    barely_active_days = models.PositiveIntegerField(
        _("kurang aktif jika terbit dalam (hari)"), default=90
    )
    reminder_interval_days = models.PositiveIntegerField(
        _("jarak minimal antar pengingat (hari)"), default=14
    )

    class Meta:
        verbose_name = _("pengaturan keaktifan")
        verbose_name_plural = _("pengaturan keaktifan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(active_days__lt=models.F("barely_active_days")),
                name="activity_thresholds_ordered",
                violation_error_message=_("Batas aktif harus lebih kecil dari batas kurang aktif."),
            ),
        ]

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "ActivitySettings":
        settings_row, _created = cls.objects.get_or_create(pk=1)
        return settings_row


class ActivityReminder(models.Model):
    """One reminder e-mail sent to an OPD's admins about its inactivity."""

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="reminders")
    sent_at = models.DateTimeField(_("dikirim"), default=timezone.now, db_index=True)
    status = models.CharField(_("status keaktifan"), max_length=20)
    recipients = models.TextField(_("penerima"))
    missing = models.TextField(_("yang belum lengkap"), blank=True)

    class Meta:
        verbose_name = _("pengingat keaktifan")
        verbose_name_plural = _("pengingat keaktifan")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.opd} · {self.sent_at:%Y-%m-%d}"


class EmergencyBannerQuerySet(models.QuerySet):
    def current(self):
        now = timezone.now()
        return self.filter(starts_at__lte=now, expires_at__gt=now)


class EmergencyBanner(models.Model):
    """Informasi serta merta shown at once on the portal and on every OPD site until it expires."""

    class Level(models.TextChoices):
        INFO = "info", _("Informasi")
        WARNING = "warning", _("Waspada")
        DANGER = "danger", _("Bahaya")

    level = models.CharField(
        _("tingkat"), max_length=10, choices=Level.choices, default=Level.WARNING
    )
    text = models.CharField(_("teks"), max_length=280)
    link = models.URLField(_("tautan"), blank=True)
    starts_at = models.DateTimeField(_("mulai"), default=timezone.now)
    expires_at = models.DateTimeField(_("berakhir"))
    issued_by = models.ForeignKey(
        Opd,
        on_delete=models.PROTECT,
        related_name="banners",
        verbose_name=_("diterbitkan oleh"),
    )
    created_by = models.CharField(_("dibuat oleh"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    objects = EmergencyBannerQuerySet.as_manager()

    class Meta:
        verbose_name = _("siaran darurat")
        verbose_name_plural = _("siaran darurat")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("starts_at")),
                name="banner_expires_after_start",
                violation_error_message=_("Waktu berakhir harus setelah waktu mulai."),
            ),
        ]

    def __str__(self):
        return self.text


class OperatorAccount(models.Model):
    """Public mirror of every OPD's operator accounts, so the console can list them all at once.

    Written from the OPD side whenever an account, its roles or its last log-in change.
    """

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="operator_accounts")
    user_id = models.BigIntegerField()
    username = models.CharField(_("akun"), max_length=150)
    full_name = models.CharField(_("nama"), max_length=300, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    roles = models.CharField(_("peran"), max_length=300, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    last_login = models.DateTimeField(_("masuk terakhir"), null=True, blank=True)
    date_joined = models.DateTimeField(_("dibuat"), null=True, blank=True)

    class Meta:
        verbose_name = _("akun operator")
        verbose_name_plural = _("akun operator semua OPD")
        ordering = ["opd__name", "username"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "user_id"], name="operator_account_unique"),
        ]

    def __str__(self):
        return f"{self.username} ({self.opd.short_name})"

    @staticmethod
    def dormant_q() -> models.Q:
        """Accounts with no log-in for OPERATOR_INACTIVE_DAYS; never logged in counts from
        creation, and an account of unknown age that never logged in counts as dormant."""
        cutoff = timezone.now() - timedelta(days=settings.OPERATOR_INACTIVE_DAYS)
        never = models.Q(last_login__isnull=True)
        return (
            models.Q(last_login__lt=cutoff)
            | (never & models.Q(date_joined__lt=cutoff))
            | (never & models.Q(date_joined__isnull=True))
        )

    @property
    def is_dormant(self) -> bool:
        cutoff = timezone.now() - timedelta(days=settings.OPERATOR_INACTIVE_DAYS)
        since = self.last_login or self.date_joined
        return since is None or since < cutoff


class AuditEvent(models.Model):
    """Who did what, when and from where: one row per change by an operator or Kominfo user.

    Written by tenants.audit from the OPD side (opd = that OPD) and from the console (opd = the
    OPD concerned, or empty for the portal's own data). Rows are never changed or deleted from
    the admin.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("buat")
        CHANGE = "change", _("ubah")
        DELETE = "delete", _("hapus")
        PUBLISH = "publish", _("terbitkan")
        UNPUBLISH = "unpublish", _("batal terbit")
        PERMISSION = "permission", _("ubah hak akses")
        PASSWORD = "password", _("ubah kata sandi")
        LOGIN = "login", _("masuk")
        LOGIN_FAILED = "login_failed", _("gagal masuk")
        LOGOUT = "logout", _("keluar")
        TWO_FACTOR = "two_factor", _("verifikasi dua langkah")

    # SET_NULL: the trail outlives an OPD that is deleted for good.
    opd = models.ForeignKey(
        Opd,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("OPD"),
    )
    at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    actor = models.CharField(_("pelaku"), max_length=150)
    actor_id = models.BigIntegerField(_("ID pelaku"), null=True, blank=True)
    action = models.CharField(_("tindakan"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("jenis objek"), max_length=100, blank=True)
    object_id = models.CharField(_("ID objek"), max_length=64, blank=True)
    object_repr = models.CharField(_("objek"), max_length=200, blank=True)
    changes = models.JSONField(_("perubahan"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("log audit")
        verbose_name_plural = _("log audit")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["opd", "-at"], name="audit_event_opd_at")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_repr}"


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
        verbose_name = _("domain tautan yang diizinkan")
        verbose_name_plural = _("domain tautan yang diizinkan")
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def clean(self):
        self.domain = normalise_link_domain(self.domain)


class ContentHold(models.Model):
    """Content the guard kept from being published (kept as a draft) until Kominfo reviews it."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Berita")
        PAGE = "page", _("Halaman")
        DOCUMENT = "document", _("Informasi publik (DIP)")

    class Status(models.TextChoices):
        HELD = "ditahan", _("Ditahan")
        RELEASED = "dilepas", _("Dilepas Kominfo (terbit)")
        REJECTED = "ditolak", _("Ditolak Kominfo (tetap draf)")
        CLEARED = "dibersihkan", _("Diperbaiki OPD")

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="content_holds")
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
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
