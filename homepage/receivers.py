"""Cache invalidation: whatever a home page section shows changed."""

from django.db.models.signals import post_delete, post_save

from core import pagecache
from homepage.models import Headline, HomeLayout, HomePage, QuickLink, Welcome
from library.models import Image


def content_changed(sender, **kwargs):
    pagecache.invalidate()


def banner_image_changed(sender, instance, **kwargs):
    """A library image's alt text or renditions change: the banner may show it."""
    if HomePage.objects.filter(banner_image=instance).exists():
        pagecache.invalidate()


def connect() -> None:
    # Proxy saves send their own class as the sender.
    for model in (HomePage, Headline, Welcome, HomeLayout, QuickLink):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"home-save-{model}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"home-del-{model}")
    post_save.connect(banner_image_changed, sender=Image, dispatch_uid="home-banner-image")
    # Deleting the banner's image empties the banner with a bulk update (no signal of its own).
    post_delete.connect(content_changed, sender=Image, dispatch_uid="home-banner-image-del")
