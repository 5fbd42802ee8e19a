"""Cache invalidation: any change to the OPD's news makes its cached pages stale. (The portal
index is written by publishing.services.)"""

from datetime import datetime

from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from core import pagecache
from news.models import Article, Category, Tag


def next_scheduled_publication() -> datetime | None:
    """When the next article appears on the site or leaves it ("berakhir tampil"): the cached
    pages listing articles expire then. One query for both."""
    now = timezone.now()
    moments = Article.objects.filter(status=Article.Status.PUBLISHED).aggregate(
        publication=Min("published_at", filter=Q(published_at__gt=now)),
        unpublication=Min("unpublish_at", filter=Q(unpublish_at__gt=now)),
    )
    return min((moment for moment in moments.values() if moment), default=None)


def content_changed(sender, **kwargs):
    pagecache.invalidate()


def connect() -> None:
    pagecache.register_schedule_provider(next_scheduled_publication)
    for model in (Article, Category, Tag):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{model}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-del-{model}")
    m2m_changed.connect(content_changed, sender=Article.tags.through, dispatch_uid="pagecache-tags")
