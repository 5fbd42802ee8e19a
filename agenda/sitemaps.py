from django.contrib.sitemaps import Sitemap

from agenda.models import Event


class EventSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Event.objects.published().only("slug", "updated_at").order_by("-starts_at")

    def lastmod(self, event):
        return event.updated_at
