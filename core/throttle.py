"""Per-client attempt counters in the (schema-keyed) cache, for the forms an attacker can repeat:
PPID submissions, tracking-code checks, log-ins.

A caller counts an attempt *before* doing the work it limits and refuses once the new count is
over the limit. The count is one atomic increment (Redis INCR in production, LocMemCache's locked
incr in development), so clients posting at the same moment cannot all read "below the limit"
and all be let through. An attempt that should not cost the client anything (a form the citizen
must correct, a right tracking code) is given back afterwards.

Counters start with the first attempt and expire `window` seconds later (a fixed window). The
cache key function adds the schema, so each OPD counts its own clients. While Redis is down
nothing is counted: the forms stay open rather than refusing everyone.
"""

from contextlib import suppress

from django.core.cache import cache

from core.client_ip import client_ip

WINDOW_SECONDS = 3600


def _key(request, scope: str) -> str:
    # The client as the trusted reverse proxy saw it, never a header it could forge.
    return f"throttle:{scope}:{client_ip(request) or ''}"


def hit(request, scope: str, *, window: int = WINDOW_SECONDS) -> int:
    """Count one more attempt of this client in `scope`; return the count including it."""
    return _count(_key(request, scope), window)


def hit_subject(subject: str, scope: str, *, window: int = WINDOW_SECONDS) -> int:
    """Count one more attempt about `subject` (an account, from any client) in `scope`.

    `subject` goes into a cache key: pass a digest, never an address or a name."""
    return _count(f"throttle:{scope}:subject:{subject}", window)


def _count(key: str, window: int) -> int:
    for _attempt in range(2):
        cache.add(key, 0, window)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add() and incr(), or the cache is down
            continue
    return 0


def give_back(request, scope: str) -> None:
    """Take back one attempt counted by hit() that turned out not to count."""
    with suppress(ValueError):  # the window ended meanwhile
        cache.decr(_key(request, scope))
