"""What the portal's public index (mainsite.PublishedItem) holds of the OPD's articles."""

from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils.text import Truncator

from mainsite.index import IndexEntry
from news.models import Article

SUMMARY_WORDS = 40


def article_entry(article) -> IndexEntry | None:
    """The index entry of a published (possibly scheduled) article; None once it expired."""
    if article.is_expired:
        return None
    path = reverse("news:detail", kwargs={"slug": article.slug}, urlconf=settings.ROOT_URLCONF)
    cover = article.cover_image()
    image_url = cover["thumb_url"] if cover else ""
    return IndexEntry(
        kind=Article.guard_kind,
        source_id=article.pk,
        title=article.title,
        summary=article.summary or Truncator(article.body_text).words(SUMMARY_WORDS),
        url=connection.tenant.site_url(path),
        image_url=image_url,
        category=article.category.name,
        category_slug=article.category.slug,
        published_at=article.published_at,
    )


def index_entries() -> list[IndexEntry]:
    """Every published or scheduled article of the current OPD (used to rebuild the index)."""
    articles = (
        Article.objects.filter(status=Article.Status.PUBLISHED)
        .exclude(pk__in=Article.objects.expired().values("pk"))
        .select_related("category", "cover_photo")
    )
    return [article_entry(article) for article in articles]
