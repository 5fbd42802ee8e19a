from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from faq.models import FaqItem


class FaqSitemap(Sitemap):
    """/faq/ once it has a published question (one query: its latest change)."""

    changefreq = "monthly"

    def items(self):
        latest = FaqItem.objects.published().aggregate(latest=Max("updated_at"))["latest"]
        return [latest] if latest else []

    def location(self, latest):
        return reverse("faq:list")

    def lastmod(self, latest):
        return latest
