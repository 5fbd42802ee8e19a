"""A changed banner shows on every page at once: the cached list and the cached pages go (in
the accelerator too)."""

from django.db.models.signals import post_delete, post_save

from banners.models import EmergencyBanner
from banners.services import BANNERS_KEY, banners_version, forget_banners, next_banner_change
from core import pagecache


def connect() -> None:
    pagecache.register_broadcast(BANNERS_KEY, banners_version, next_change=next_banner_change)
    for signal in (post_save, post_delete):
        signal.connect(forget_banners, sender=EmergencyBanner, dispatch_uid=f"banners-{signal}")
        signal.connect(
            pagecache.broadcast_changed,
            sender=EmergencyBanner,
            dispatch_uid=f"banners-accelerator-{signal}",
        )
