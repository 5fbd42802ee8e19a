"""A changed banner shows on every page at once: the cached list and the cached pages go."""

from django.db.models.signals import post_delete, post_save

from banners.models import EmergencyBanner
from banners.services import BANNERS_KEY, banners_version, forget_banners
from core import pagecache


def connect() -> None:
    pagecache.register_broadcast(BANNERS_KEY, banners_version)
    for signal in (post_save, post_delete):
        signal.connect(forget_banners, sender=EmergencyBanner, dispatch_uid=f"banners-{signal}")
