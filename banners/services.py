"""The emergency banners every page shows, read through the shared cache (no query per request)."""

from django.core.cache import caches
from django.utils import timezone

from banners.models import EmergencyBanner

BANNERS_KEY = "emergency-banners"
BANNERS_TIMEOUT = 3600


def current_banners(stored: list[dict] | None = None) -> list[dict]:
    """Banners to show now, from the cache (or `stored`, read from it already); a change to any
    banner clears it."""
    shared = caches["shared"]
    banners = stored if stored is not None else shared.get(BANNERS_KEY)
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


def banners_version(stored: list[dict] | None = None) -> str:
    """Changes whenever the set of banners shown changes: cached pages record it."""
    return ",".join(str(banner["id"]) for banner in current_banners(stored))


def forget_banners(**kwargs) -> None:
    caches["shared"].delete(BANNERS_KEY)
