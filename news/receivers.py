"""Cache invalidation: any change to the OPD's news makes its cached pages stale. (The portal
index is written by publishing.services.)"""

from datetime import datetime

from django.db.models.signals import m2m_changed, post_delete, post_save

from core import pagecache
from news.models import Article, Category, Tag


def next_scheduled_publication() -> datetime | None:
    return (
        Article.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


def next_scheduled_unpublication() -> datetime | None:
    """When the next article leaves the site: cached pages listing it expire then."""
    return (
        Article.objects.expiring()
        .order_by("unpublish_at")
        .values_list("unpublish_at", flat=True)
        .first()
    )


def content_changed(sender, **kwargs):
    pagecache.invalidate()


def connect() -> None:
    pagecache.register_schedule_provider(next_scheduled_publication)
    pagecache.register_schedule_provider(next_scheduled_unpublication)
    for model in (Article, Category, Tag):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{model}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-del-{model}")
    m2m_changed.connect(content_changed, sender=Article.tags.through, dispatch_uid="pagecache-tags")
