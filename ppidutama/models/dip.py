"""The pemda's Daftar Informasi Publik: every OPD's published DIP entries in the public schema.

Each OPD keeps its DIP in its own schema (ppid.PublicInformation). The main domain must never look
into OPD schemas on a request (ARCHITECTURE.md §3), so the OPD side copies the public columns of
each published entry here whenever it is published, changed, unpublished or deleted
(publishing.services through core.registry.PublicIndex), and `rebuild_portal_index` writes
them anew from the OPD's own data.
"""

from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from tenants.models import Opd


class DipEntryQuerySet(models.QuerySet):
    def visible(self) -> "DipEntryQuerySet":
        """Entries citizens may see on the portal: those of active OPDs (a deactivated OPD's
        site shows a maintenance page; its DIP leaves the portal with it)."""
        return self.filter(opd__is_active=True)

    def in_category_order(self) -> "DipEntryQuerySet":
        """By category in the law's order, then newest year first, then OPD and number."""
        order = Case(
            *(
                When(category=value, then=Value(index))
                for index, value in enumerate(DipEntry.Category.values)
            ),
            output_field=IntegerField(),
        )
        return self.alias(category_order=order).order_by(
            "category_order", "-year", "opd__name", "number", "pk"
        )


class DipEntry(models.Model):
    """One published entry of an OPD's DIP, as its own DIP page shows it: the columns the DIP
    holds at the least under Perki 1/2021 (number, summary, the holder, the person responsible,
    time and place of making, the form available, the retention period).

    Excluded information (UU 14/2008 Pasal 17) is listed with its legal basis and the
    consequence test, never with a document: `document_url` is empty for it.
    """

    class Category(models.TextChoices):
        # The same codes as ppid.PublicInformation.Category (a test holds them together):
        # UU 14/2008 Pasal 9 (berkala), 10 (serta merta), 11 (setiap saat), 17 (dikecualikan).
        PERIODIC = "berkala", _("Informasi Berkala")
        IMMEDIATE = "serta_merta", _("Informasi Serta Merta")
        ON_REQUEST = "setiap_saat", _("Informasi Tersedia Setiap Saat")
        EXCLUDED = "dikecualikan", _("Informasi Dikecualikan")

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="dip_entries")
    source_id = models.BigIntegerField(_("ID di situs OPD"))
    number = models.CharField(_("nomor"), max_length=40)
    title = models.CharField(_("judul"), max_length=300)
    summary = models.TextField(_("ringkasan isi informasi"))
    holder = models.CharField(_("pejabat/unit yang menguasai informasi"), max_length=200)
    responsible_person = models.CharField(_("penanggung jawab pembuatan informasi"), max_length=200)
    produced_when = models.CharField(_("waktu pembuatan"), max_length=100)
    produced_where = models.CharField(_("tempat pembuatan"), max_length=200)
    # The label the OPD's DIP shows ("Softcopy dan hardcopy"), not its code.
    available_format = models.CharField(_("bentuk informasi yang tersedia"), max_length=100)
    retention_period = models.CharField(_("jangka waktu penyimpanan"), max_length=100)
    year = models.PositiveSmallIntegerField(_("tahun"))
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices)
    exclusion_legal_basis = models.CharField(
        _("dasar hukum pengecualian"), max_length=300, blank=True
    )
    exclusion_consequence = models.TextField(_("konsekuensi bila informasi dibuka"), blank=True)
    exclusion_tested_on = models.DateField(_("tanggal uji konsekuensi"), null=True, blank=True)
    # The entry on the OPD's own DIP page, and its document (the OPD's download address, which
    # serves published, non-excluded entries only), both on the OPD's host.
    url = models.URLField(_("alamat di DIP OPD"), max_length=500)
    document_url = models.URLField(_("alamat dokumen"), max_length=500, blank=True)
    has_file = models.BooleanField(_("berkas terunggah"), default=False)
    file_type = models.CharField(_("jenis berkas"), max_length=10, blank=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    objects = DipEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("entri DIP pemda")
        verbose_name_plural = _("DIP pemda")
        default_permissions = ("view",)
        ordering = ["category", "-year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "source_id"], name="ppidutama_dip_source"),
            models.CheckConstraint(
                condition=~models.Q(category="dikecualikan") | models.Q(document_url=""),
                name="ppidutama_dip_excluded_without_document",
            ),
        ]
        indexes = [
            models.Index(fields=["category", "year"], name="ppidutama_dip_category_year"),
            models.Index(fields=["opd", "category"], name="ppidutama_dip_opd_category"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def is_excluded(self) -> bool:
        return self.category == self.Category.EXCLUDED
