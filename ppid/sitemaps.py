from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from ppid.models import PublicInformation


class PpidSitemap(Sitemap):
    """The OPD's public PPID pages (the DIP entries are anchors on the DIP page)."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return ["ppid:dip", "ppid:request_create", "ppid:objection_create", "ppid:statistics"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        if item != "ppid:dip":
            return None
        return PublicInformation.objects.published().aggregate(latest=Max("updated_at"))["latest"]
