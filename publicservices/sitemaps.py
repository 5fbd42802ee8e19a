from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from publicservices.models import Service


class ServiceSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return ["publicservices:list", *Service.objects.published().only("slug", "updated_at")]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def lastmod(self, item):
        return None if isinstance(item, str) else item.updated_at
