"""The service catalogue: each service's Standar Pelayanan (the public components of
PermenPAN-RB 15/2014) and the OPD's Maklumat Pelayanan."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.richtext import RichTextField, html_to_text, sanitize_html
from core.search import SEARCH_CONFIG

# Paths under /layanan/ that a service slug would shadow.
RESERVED_SLUGS = frozenset({"maklumat"})


def validate_service_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("Slug “%(value)s” dipakai sistem; pilih slug lain."),
            code="reserved",
            params={"value": value},
        )


https_only = URLValidator(
    schemes=["https"], message=_("Masukkan alamat lengkap yang diawali https://.")
)


class ServiceQuerySet(models.QuerySet):
    def published(self) -> "ServiceQuerySet":
        return self.filter(is_published=True)

    def for_listing(self) -> "ServiceQuerySet":
        return self.only("pk", "name", "slug", "summary", "position", "is_published")


class Service(models.Model):
    """One service the OPD gives citizens, with its Standar Pelayanan."""

    guard_kind = "service"
    guard_publish_field = "is_published"

    name = models.CharField(_("nama layanan"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        validators=[validate_service_slug],
        help_text=_("Bagian alamat halaman layanan, misalnya “ktp-el”."),
    )
    summary = models.TextField(
        _("ringkasan"),
        max_length=400,
        blank=True,
        help_text=_("Satu-dua kalimat: untuk apa layanan ini dan siapa yang dapat mengajukannya."),
    )
    requirements = RichTextField(
        _("persyaratan"),
        blank=True,
        help_text=_("Dokumen dan syarat yang harus dibawa atau dipenuhi pemohon."),
    )
    duration = models.CharField(
        _("jangka waktu penyelesaian"),
        max_length=200,
        blank=True,
        help_text=_("Misalnya “1 hari kerja” atau “paling lama 14 hari kerja”."),
    )
    cost = models.CharField(
        _("biaya/tarif"),
        max_length=300,
        blank=True,
        help_text=_("Tulis “Gratis” bila tanpa biaya; bila berbayar, sebut dasar hukumnya."),
    )
    product = models.CharField(
        _("produk layanan"),
        max_length=300,
        blank=True,
        help_text=_("Apa yang diterima pemohon, misalnya “KTP elektronik”."),
    )
    complaints = RichTextField(
        _("penanganan pengaduan, saran dan masukan"),
        blank=True,
        help_text=_("Ke mana dan bagaimana warga menyampaikan pengaduan, saran atau masukan."),
    )
    opening_hours = models.CharField(
        _("jam pelayanan"),
        max_length=300,
        blank=True,
        help_text=_("Misalnya “Senin–Kamis 08.00–15.00, Jumat 08.00–11.00”."),
    )
    location = models.CharField(
        _("lokasi pelayanan"),
        max_length=300,
        blank=True,
        help_text=_("Alamat atau ruang tempat layanan diberikan."),
    )
    map_url = models.URLField(
        _("tautan peta"),
        max_length=500,
        blank=True,
        validators=[https_only],
        help_text=_("Opsional: tautan lokasi di peta daring (diawali https://)."),
    )
    apply_url = models.URLField(
        _("tautan ajukan online"),
        max_length=500,
        blank=True,
        validators=[https_only],
        help_text=_("Opsional: alamat aplikasi tempat warga mengajukan layanan secara daring."),
    )
    forms = models.ManyToManyField(
        "library.Document",
        blank=True,
        related_name="+",
        verbose_name=_("formulir unduhan"),
        help_text=_("Formulir yang perlu diunduh dan diisi pemohon (PDF dari pustaka media)."),
    )
    position = models.PositiveSmallIntegerField(
        _("urutan"), default=0, help_text=_("Angka kecil tampil lebih dulu.")
    )
    is_published = models.BooleanField(_("terbit"), default=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    body_text = models.TextField(editable=False, blank=True, default="")
    search_vector = models.GeneratedField(
        expression=SearchVector("name", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body_text", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ServiceQuerySet.as_manager()

    # The fields the audit log records (an allow-list, audit.services.audited_fields).
    audit_fields = (
        "name",
        "slug",
        "summary",
        "requirements",
        "duration",
        "cost",
        "product",
        "complaints",
        "opening_hours",
        "location",
        "map_url",
        "apply_url",
        "position",
        "is_published",
    )

    class Meta:
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")
        ordering = ["position", "name"]
        indexes = [GinIndex(fields=["search_vector"], name="publicservices_search_gin")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.requirements = sanitize_html(self.requirements)
        self.complaints = sanitize_html(self.complaints)
        self.body_text = " ".join(
            part
            for part in (
                html_to_text(self.requirements),
                self.product,
                self.duration,
                self.cost,
            )
            if part
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("publicservices:detail", kwargs={"slug": self.slug})

    def guard_html(self) -> str:
        template = "<h1>{}</h1><p>{}</p><p>{}</p><p>{}</p><p>{}</p>"
        return (
            format_html(template, self.name, self.summary, self.duration, self.cost, self.product)
            + self.requirements
            + self.complaints
        )

    def guard_is_published(self) -> bool:
        return self.is_published

    def guard_set_published(self, published: bool) -> None:
        self.is_published = published

    @property
    def has_standard(self) -> bool:
        """The standard's core components are filled (requirements, time, cost, product)."""
        return bool(
            html_to_text(self.requirements).strip()
            and self.duration.strip()
            and self.cost.strip()
            and self.product.strip()
        )


class ServiceStep(models.Model):
    """One step of a service's sistem, mekanisme dan prosedur, in order."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="steps", verbose_name=_("layanan")
    )
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    title = models.CharField(
        _("langkah"), max_length=200, help_text=_("Misalnya “Pemohon mengambil nomor antrean”.")
    )
    description = models.TextField(_("keterangan"), blank=True)

    audit_fields = ("service", "position", "title", "description")

    class Meta:
        verbose_name = _("langkah prosedur")
        verbose_name_plural = _("langkah prosedur")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class ServiceMaklumat(models.Model):
    """The OPD's Maklumat Pelayanan: one per OPD, its text and the signed scan."""

    text = RichTextField(
        _("isi maklumat"),
        blank=True,
        help_text=_("Teks maklumat pelayanan sebagaimana ditandatangani kepala OPD."),
    )
    scan_image = models.ForeignKey(
        "library.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pindaian bertanda tangan (gambar)"),
        help_text=_("Foto atau pindaian maklumat yang sudah ditandatangani."),
    )
    scan_document = models.ForeignKey(
        "library.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pindaian bertanda tangan (PDF)"),
        help_text=_("Atau PDF maklumat yang sudah ditandatangani."),
    )
    signed_by = models.CharField(
        _("ditandatangani oleh"),
        max_length=200,
        blank=True,
        help_text=_("Nama dan jabatan penanda tangan, misalnya “Kepala Dinas”."),
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    # Always 1: a second row cannot be written.
    singleton = models.PositiveSmallIntegerField(default=1, editable=False, unique=True)

    audit_fields = ("text", "scan_image", "scan_document", "signed_by")

    class Meta:
        verbose_name = _("maklumat pelayanan")
        verbose_name_plural = _("maklumat pelayanan")

    def __str__(self):
        return str(_("Maklumat Pelayanan"))

    def save(self, *args, **kwargs):
        self.singleton = 1
        self.text = sanitize_html(self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("publicservices:maklumat")

    @classmethod
    def current(cls) -> "ServiceMaklumat | None":
        return cls.objects.select_related("scan_image", "scan_document").first()

    @property
    def has_scan(self) -> bool:
        return bool(self.scan_image_id or self.scan_document_id)

    @property
    def is_complete(self) -> bool:
        return bool(html_to_text(self.text).strip() and self.has_scan)
