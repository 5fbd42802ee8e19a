"""Per-OPD cache of anonymous pages, invalidated whenever the OPD's content changes.

Cache keys are tenant-keyed already (KEY_FUNCTION = django_tenants.cache.make_key); the portal on
the main domain (public schema) is cached the same way, invalidated whenever the portal index or
an OPD changes. Each OPD has
a small "state" entry holding a content version and the time until which it is valid; cached
pages carry the version in their key, so `invalidate()` (called from signals when content is
published, edited or removed) makes every cached page of the OPD unreachable at once. The state
also expires at the next scheduled publication reported by the registered providers, so a
scheduled article appears on time without a cron job.

Cached pages carry an ETag; a browser revalidating with If-None-Match gets a 304 without a body.

Usage: decorate a view with `@cache_anonymous_page`; register a provider with
`register_schedule_provider(callable)` (`public=True` for the portal's) returning the next
datetime at which content becomes visible by itself (or None).
"""

import hashlib
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, quote_etag
from django_tenants.utils import get_public_schema_name, schema_context

STATE_KEY = "pagecache:state"
_MAX_PATH_LENGTH = 300
_KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Content-Disposition")
_schedule_providers: list[Callable[[], datetime | None]] = []
_public_schedule_providers: list[Callable[[], datetime | None]] = []


def register_schedule_provider(
    provider: Callable[[], datetime | None], *, public: bool = False
) -> None:
    providers = _public_schedule_providers if public else _schedule_providers
    if provider not in providers:
        providers.append(provider)


def page_timeout() -> int:
    return settings.PAGE_CACHE_SECONDS


def _next_scheduled_change() -> float | None:
    public = connection.schema_name == get_public_schema_name()
    providers = _public_schedule_providers if public else _schedule_providers
    moments = [moment for provider in providers if (moment := provider())]
    return min(moments).timestamp() if moments else None


def current_state() -> dict:
    """The OPD's content version and the moment until which it holds (None: until changed)."""
    state = cache.get(STATE_KEY)
    now = time.time()
    if state is None or (state["until"] is not None and state["until"] <= now):
        state = {"version": uuid.uuid4().hex, "until": _next_scheduled_change()}
        timeout = None if state["until"] is None else max(1, int(state["until"] - now) + 1)
        cache.set(STATE_KEY, state, timeout)
    return state


def invalidate(schema_name: str | None = None) -> None:
    """Forget every cached page of the current OPD (or of `schema_name`, "public" for the
    portal), now and on commit."""
    schema_name = schema_name or connection.schema_name

    def forget():
        with schema_context(schema_name):
            cache.delete(STATE_KEY)

    forget()
    # A request that read the old rows before the commit may have cached them under a fresh
    # version: forget once more when the new rows become visible.
    transaction.on_commit(forget)


def _page_key(request, version: str) -> str:
    from tenants.banners import banners_version

    # Emergency banners are broadcast to every OPD at once, so they are part of the key.
    raw = "|".join(
        (
            request.get_host(),
            request.get_full_path(),
            translation.get_language() or "",
            banners_version(),
        )
    )
    return f"pagecache:page:{version}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _is_cacheable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.has_header("Cache-Control")
        and not getattr(response, "_skip_page_cache", False)
    )


def cache_anonymous_page(view):
    """Serve anonymous GET/HEAD requests of `view` from the per-OPD page cache."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if (
            request.method not in ("GET", "HEAD")
            or page_timeout() <= 0
            or len(request.get_full_path()) > _MAX_PATH_LENGTH
            or request.user.is_authenticated
        ):
            return view(request, *args, **kwargs)
        state = current_state()
        key = _page_key(request, state["version"])
        cached = cache.get(key)
        if cached is not None:
            response = HttpResponse(cached["content"], status=cached["status"])
            for header, value in cached["headers"]:
                response[header] = value
            response["X-Page-Cache"] = "hit"
            if etag := cached.get("etag"):
                response["ETag"] = etag
                return get_conditional_response(request, etag=etag, response=response)
            return response
        response = view(request, *args, **kwargs)
        timeout = page_timeout()
        if state["until"] is not None:
            timeout = min(timeout, max(1, int(state["until"] - time.time())))

        def store(rendered):
            if _is_cacheable(request, rendered):
                headers = [(h, rendered[h]) for h in _KEPT_HEADERS if rendered.has_header(h)]
                etag = quote_etag(hashlib.md5(rendered.content, usedforsecurity=False).hexdigest())
                entry = {"content": rendered.content, "status": 200, "headers": headers,
                         "etag": etag}  # fmt: skip
                cache.set(key, entry, timeout)
                rendered["ETag"] = etag
            rendered["X-Page-Cache"] = "miss"

        if hasattr(response, "render") and not response.is_rendered:
            response.add_post_render_callback(store)
            return response
        store(response)
        if response.has_header("ETag"):
            return get_conditional_response(request, etag=response["ETag"], response=response)
        return response

    return wrapped
