from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext as _

from core.richtext import feed_text
from news.models import Article

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    def get_object(self, request, *args, **kwargs):
        return request.tenant

    def title(self, opd):
        return _("Berita %(opd)s") % {"opd": opd.name}

    def description(self, opd):
        return _("Berita dan pengumuman terbaru dari %(opd)s") % {"opd": opd.name}

    def link(self, opd):
        return reverse("news:list")

    def items(self, opd):
        return Article.objects.published().for_listing()[:FEED_SIZE]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return feed_text(article.summary)

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.updated_at

    def item_categories(self, article):
        return [article.category.name]
