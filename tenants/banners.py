"""The emergency banners every page shows, read through the shared cache (no query per request)."""

from django.core.cache import caches
from django.utils import timezone

from tenants.models import EmergencyBanner

BANNERS_KEY = "emergency-banners"
BANNERS_TIMEOUT = 3600


def current_banners() -> list[dict]:
    """Banners to show now, from the cache; a change to any banner clears it."""
    shared = caches["shared"]
    banners = shared.get(BANNERS_KEY)
    if banners is None:
        now = timezone.now()
        banners = list(
            EmergencyBanner.objects.filter(expires_at__gt=now)
            .order_by("-level", "-starts_at")
            .values("id", "level", "text", "link", "starts_at", "expires_at", "issued_by__name")
        )
        shared.set(BANNERS_KEY, banners, BANNERS_TIMEOUT)
    now = timezone.now()
    return [banner for banner in banners if banner["starts_at"] <= now < banner["expires_at"]]


def banners_version() -> str:
    """Changes whenever the set of banners shown changes: part of cached pages' keys."""
    return ",".join(str(banner["id"]) for banner in current_banners())


def forget_banners(**kwargs) -> None:
    caches["shared"].delete(BANNERS_KEY)
