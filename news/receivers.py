"""Cache invalidation and the portal index: any change to the OPD's news makes its cached pages
stale and is written to the portal's public index."""

from datetime import datetime

from django.db.models.signals import m2m_changed, post_delete, post_save

from core import pagecache
from news import portal


def next_scheduled_publication() -> datetime | None:
    from news.models import Article

    return (
        Article.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


def content_changed(sender, **kwargs):
    pagecache.invalidate()


def connect() -> None:
    from news.models import Article, Category, Tag

    pagecache.register_schedule_provider(next_scheduled_publication)
    for model in (Article, Category, Tag):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{model}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-del-{model}")
    m2m_changed.connect(content_changed, sender=Article.tags.through, dispatch_uid="pagecache-tags")
    post_save.connect(portal.article_saved, sender=Article, dispatch_uid="portal-index-save")
    post_delete.connect(portal.article_deleted, sender=Article, dispatch_uid="portal-index-del")
