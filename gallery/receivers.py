"""Cache invalidation: any change to the gallery makes the OPD's cached pages stale."""

from django.db.models.signals import post_delete, post_save

from core import pagecache
from gallery.models import Album, Photo, Video


def content_changed(sender, **kwargs):
    pagecache.invalidate()


def connect() -> None:
    for model in (Album, Photo, Video):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{model}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-del-{model}")
