"""Cache invalidation: any change to the gallery makes the OPD's cached pages stale."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from core import pagecache
from gallery.models import Album, Photo, Video


def content_changed(sender, **kwargs):
    pagecache.invalidate()


def photo_files(photo: Photo) -> list[str]:
    """The stored files of a photo: its upload and every rendition."""
    names = [photo.image.name] if photo.image else []
    for rendition in (photo.renditions or {}).get("renditions", []):
        names += [rendition.get("webp"), rendition.get("jpg")]
    names.append((photo.renditions or {}).get("share"))
    return [name for name in names if name]


def remove_photo_files(sender, instance, **kwargs):
    """A deleted photo (or album) leaves no file behind, once the deletion is committed."""
    storage, names = instance.image.storage, photo_files(instance)

    def remove():
        for name in names:
            storage.delete(name)

    transaction.on_commit(remove)


def connect() -> None:
    post_delete.connect(remove_photo_files, sender=Photo, dispatch_uid="gallery-photo-files")
    for model in (Album, Photo, Video):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{model}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-del-{model}")
