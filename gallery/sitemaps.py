from django.contrib.sitemaps import Sitemap

from gallery.models import Album


class AlbumSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Album.objects.published().only("slug", "updated_at").order_by("-published_at")

    def lastmod(self, album):
        return album.updated_at
