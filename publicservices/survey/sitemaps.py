from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class SurveySitemap(Sitemap):
    """The SKM results page (the questionnaires themselves are not for search engines)."""

    changefreq = "weekly"

    def items(self):
        return ["skm:results"]

    def location(self, item):
        return reverse(item)
