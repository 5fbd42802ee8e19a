from django.contrib.sitemaps import Sitemap

from documents.models import Document


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Document.objects.published().only("pk", "updated_at").order_by("-published_at")

    def lastmod(self, document):
        return document.updated_at
