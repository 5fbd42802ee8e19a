from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import registry
from tenants.models import Opd


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

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="published_items")
    kind = models.CharField(_("jenis"), max_length=20, choices=registry.kind_choices)
    source_id = models.BigIntegerField(_("ID di situs OPD"))
    title = models.CharField(_("judul"), max_length=300)
    summary = models.TextField(_("ringkasan"), blank=True)
    url = models.URLField(_("alamat"), max_length=500)
    image_url = models.CharField(_("alamat gambar"), max_length=500, blank=True)
    category = models.CharField(_("kategori"), max_length=100, blank=True)
    category_slug = models.SlugField(_("slug kategori"), max_length=100, blank=True)
    published_at = models.DateTimeField(_("waktu terbit"), db_index=True)
    # When an event takes place (agenda): the portal's agenda lists those not yet over.
    starts_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    ends_at = models.DateTimeField(_("selesai"), null=True, blank=True)
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
        # Moved from the tenants app; the table keeps its name (no data copied).
        db_table = "tenants_publisheditem"
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
