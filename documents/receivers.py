"""Cache invalidation: any change to the OPD's documents makes its cached pages stale."""

from django.db.models.signals import post_delete, post_save

from core import pagecache
from documents.models import Document, DocumentCategory


def content_changed(sender, **kwargs):
    pagecache.invalidate()


def connect() -> None:
    for model in (Document, DocumentCategory):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{model}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-del-{model}")
