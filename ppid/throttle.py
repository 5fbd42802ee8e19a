"""A per-client-IP limit for the public PPID forms, kept in the (tenant-keyed) cache."""

from django.core.cache import cache

from core.client_ip import client_ip

WINDOW_SECONDS = 3600


def _key(request, scope: str) -> str:
    # The client as the trusted reverse proxy saw it (never a forwarded header from the Internet,
    # see core.client_ip); the cache key function adds the OPD's schema.
    return f"ppid:throttle:{scope}:{client_ip(request) or ''}"


def is_limited(request, scope: str, limit: int) -> bool:
    return (cache.get(_key(request, scope)) or 0) >= limit


def record_hit(request, scope: str) -> None:
    key = _key(request, scope)
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, WINDOW_SECONDS)
