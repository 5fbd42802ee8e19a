"""What an operator composes on the OPD's home page: the headline area, the quick links, the
Sambutan Kepala and the layout (which sections show, in which order). One `HomePage` row per
OPD schema holds everything but the quick links, so the home page reads it in one query."""

import re
import uuid

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.images import picture
from core.richtext import RichTextField, html_to_text, sanitize_html

# The headline section of the home page when the operator has chosen none (homepage.sections).
DEFAULT_HEADLINE = "sorotan"
NO_HEADLINE = ""
# The Sambutan shows in full on the home page up to this many words; longer ones are cut there
# and read in full on their own page.
WELCOME_SHORT_WORDS = 90
WELCOME_EXCERPT_WORDS = 40
WELCOME_PHOTO_RATIO = (3, 4)
WELCOME_PHOTO_WIDTHS = (240, 480)


def validate_link(value: str) -> None:
    """A path on the OPD's own site ("/layanan/...") or a web address (https://...)."""
    if value.startswith("/") and not value.startswith("//"):
        return
    try:
        URLValidator(schemes=("http", "https"))(value)
    except ValidationError:
        raise ValidationError(
            _("Isi alamat halaman situs ini (diawali /) atau alamat web (diawali https://)."),
            code="invalid_link",
        ) from None


def welcome_photo_upload_to(home, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"beranda/sambutan/{uuid.uuid4().hex}.{extension}"


class HomePage(models.Model):
    """The home page settings of the OPD (one row, pk 1)."""

    SINGLETON_PK = 1

    headline = models.CharField(
        _("judul utama"), max_length=40, blank=True, default=DEFAULT_HEADLINE
    )
    banner_image = models.ForeignKey(
        "library.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gambar banner"),
    )
    banner_alt = models.CharField(
        _("teks alternatif banner"),
        max_length=200,
        blank=True,
        help_text=_("Jelaskan isi gambar untuk pembaca yang tidak dapat melihatnya."),
    )
    banner_title = models.CharField(
        _("judul banner"),
        max_length=120,
        blank=True,
        help_text=_("Teks singkat di bawah gambar, misalnya nama program. Boleh dikosongkan."),
    )
    banner_link = models.CharField(
        _("tautan banner"),
        max_length=300,
        blank=True,
        validators=[validate_link],
        help_text=_(
            "Halaman yang dibuka saat banner diketuk, misalnya /berita/... atau https://..."
        ),
    )
    welcome_name = models.CharField(_("nama kepala"), max_length=150, blank=True)
    welcome_position = models.CharField(
        _("jabatan"),
        max_length=150,
        blank=True,
        help_text=_("Misalnya: Kepala Dinas Kesehatan Kota Serang."),
    )
    welcome_text = RichTextField(_("isi sambutan"), blank=True)
    welcome_photo = models.ImageField(
        _("foto kepala"), upload_to=welcome_photo_upload_to, blank=True, max_length=200
    )
    welcome_photo_renditions = models.JSONField(default=dict, editable=False, blank=True)
    # The operator's order of the sections and which are hidden: [{"key": ..., "visible": ...}].
    # Sections registered later (issue #18's apps) and not listed here show at their default
    # position (homepage.layout).
    layout = models.JSONField(_("tata letak"), default=list, blank=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    audit_fields = (
        "headline",
        "banner_image",
        "banner_alt",
        "banner_title",
        "banner_link",
        "welcome_name",
        "welcome_position",
        "welcome_text",
        "welcome_photo",
        "layout",
    )

    class Meta:
        verbose_name = _("beranda")
        verbose_name_plural = _("beranda")

    def __str__(self):
        return str(_("Beranda"))

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_PK
        self.welcome_text = sanitize_html(self.welcome_text)
        super().save(*args, **kwargs)

    def clean(self):
        if self.banner_image_id and not self.banner_alt.strip():
            raise ValidationError(
                {"banner_alt": _("Teks alternatif wajib diisi untuk gambar banner.")}
            )

    @classmethod
    def current(cls) -> "HomePage":
        """The OPD's row, or the defaults (unsaved) before an operator saved anything."""
        found = cls.objects.select_related("banner_image").filter(pk=cls.SINGLETON_PK).first()
        return found or cls(pk=cls.SINGLETON_PK)

    @classmethod
    def for_editing(cls) -> "HomePage":
        home, _created = cls.objects.get_or_create(pk=cls.SINGLETON_PK)
        return home

    def banner_picture(self) -> dict | None:
        if not self.banner_image_id:
            return None
        image = self.banner_image
        return picture(image.renditions, base_url=image.file.storage.url(""), alt=self.banner_alt)

    def welcome_picture(self) -> dict | None:
        if not self.welcome_photo:
            return None
        return picture(
            self.welcome_photo_renditions,
            base_url=self.welcome_photo.storage.url(""),
            alt=self.welcome_name,
        )

    @property
    def has_welcome(self) -> bool:
        return bool(self.welcome_name.strip() and html_to_text(self.welcome_text).strip())

    @property
    def welcome_is_long(self) -> bool:
        return len(html_to_text(self.welcome_text).split()) > WELCOME_SHORT_WORDS

    def welcome_excerpt(self) -> str:
        """The start of a long Sambutan, cut after a whole paragraph where one ends soon
        enough (sanitised HTML: render it through the `sanitize` filter)."""
        kept, words = [], 0
        for paragraph in re.findall(r"<p\b.*?</p>", self.welcome_text, flags=re.S):
            kept.append(paragraph)
            words += len(html_to_text(paragraph).split())
            if words >= WELCOME_EXCERPT_WORDS:
                break
        if kept and words <= WELCOME_SHORT_WORDS:
            return "".join(kept)
        return Truncator(self.welcome_text).words(WELCOME_EXCERPT_WORDS, html=True)


class Headline(HomePage):
    class Meta:
        proxy = True
        verbose_name = _("judul utama beranda")
        verbose_name_plural = _("judul utama beranda")


class Welcome(HomePage):
    class Meta:
        proxy = True
        verbose_name = _("sambutan kepala")
        verbose_name_plural = _("sambutan kepala")


class HomeLayout(HomePage):
    class Meta:
        proxy = True
        verbose_name = _("tata letak beranda")
        verbose_name_plural = _("tata letak beranda")


class QuickLink(models.Model):
    """A tile on the home page linking to one of the OPD's top services (or anything else)."""

    class Icon(models.TextChoices):
        # Each is static/img/ikon/<value>.svg.
        LAYANAN = "layanan", _("Layanan")
        DOKUMEN = "dokumen", _("Dokumen")
        FORMULIR = "formulir", _("Formulir")
        IZIN = "izin", _("Perizinan")
        PENGADUAN = "pengaduan", _("Pengaduan")
        INFORMASI = "informasi", _("Informasi")
        KALENDER = "kalender", _("Jadwal")
        LOKASI = "lokasi", _("Lokasi")
        TELEPON = "telepon", _("Telepon")
        KESEHATAN = "kesehatan", _("Kesehatan")
        PENDIDIKAN = "pendidikan", _("Pendidikan")
        WARGA = "warga", _("Warga")

    title = models.CharField(_("judul"), max_length=80)
    description = models.CharField(_("keterangan singkat"), max_length=160, blank=True)
    url = models.CharField(
        _("tautan"),
        max_length=300,
        validators=[validate_link],
        help_text=_("Alamat halaman situs ini (diawali /) atau alamat web (diawali https://)."),
    )
    icon = models.CharField(_("ikon"), max_length=20, choices=Icon, default=Icon.LAYANAN)
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)

    audit_fields = ("title", "description", "url", "icon", "position")

    class Meta:
        verbose_name = _("tautan cepat")
        verbose_name_plural = _("tautan cepat (layanan unggulan)")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    @property
    def icon_path(self) -> str:
        return f"img/ikon/{self.icon}.svg"

    @property
    def is_external(self) -> bool:
        return not self.url.startswith("/")
