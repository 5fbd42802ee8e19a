"""Per-OPD cache of anonymous pages, invalidated whenever the OPD's content changes.

Entries live in the shared cache under keys that name the schema (and the host), so one OPD's
page can never be served on another's site; the portal on the main domain (public schema) is
cached the same way, invalidated whenever the portal index or an OPD changes. Each OPD has a
small "state" entry holding a content version and the time until which it is valid; a cached
page records the version (and the broadcast state, i.e. the emergency banners) it was rendered
with and is served only while both are current, so `invalidate()` (called when content is
published, edited or removed) retires every cached page of the OPD at once. The state also
expires at the next scheduled publication reported by the registered providers, so a scheduled
article appears on time without a cron job.

A hit costs one cache round trip (state, page and broadcast state together). `PageCacheMiddleware`
serves hits to visitors without a session before sessions, CSRF, authentication and URL
resolution run; `@cache_anonymous_page` stores the pages of the views it decorates and serves
hits to everyone else who is anonymous. Cached pages carry an ETag; a browser revalidating with
If-None-Match gets a 304 without a body.

Usage: decorate a view with `@cache_anonymous_page`; register a provider with
`register_schedule_provider(callable)` (`public=True` for the portal's) returning the next
datetime at which content becomes visible by itself (or None); an app whose content shows on
every site at once (the emergency banners) registers the cache key it keeps it under with
`register_broadcast(key, version)` (and, when that content changes at a set time, a function
giving the next such time, which bounds how long the accelerator keeps a page), and connects
`broadcast_changed` to the signals that say it changed.

With an HTTP accelerator configured (core/accelerator.py), the pages this cache stores are also
marked public for it, for no longer than the page cache would keep them (and never past the next
scheduled change), and every invalidation bans the schema's pages there after commit.
"""

import hashlib
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers, quote_etag
from django_tenants.utils import get_public_schema_name

from core import accelerator

_MAX_PATH_LENGTH = 300
_KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Content-Disposition")
_schedule_providers: list[Callable[[], datetime | None]] = []
_public_schedule_providers: list[Callable[[], datetime | None]] = []
# (shared cache key, function of the value stored under it -> version string)
_broadcasts: list[tuple[str, Callable[[object], str]]] = []
# (shared cache key, function of the value stored under it -> next change or None)
_broadcast_schedules: list[tuple[str, Callable[[object], datetime | None]]] = []
# Never marked public for the accelerator, whatever a view says: the admin, search, the PPID
# forms and their tracking pages.
_NEVER_PUBLIC = ("/admin/", "/cari/", "/ppid/permohonan/", "/ppid/keberatan/")


def register_broadcast(
    key: str,
    version: Callable[[object], str],
    *,
    next_change: Callable[[object], datetime | None] | None = None,
) -> None:
    """Content shown on every site (kept under `key` in the shared cache): a cached page is
    served only while `version(stored value)` is what it was when the page was rendered;
    `next_change(stored value)`, if given, says when the content changes by itself."""
    if (key, version) not in _broadcasts:
        _broadcasts.append((key, version))
    if next_change is not None and (key, next_change) not in _broadcast_schedules:
        _broadcast_schedules.append((key, next_change))


def broadcast_changed(**kwargs) -> None:
    """A receiver for the signals that say broadcast content changed: the accelerator's pages
    of every site go after commit (the page cache notices by itself, through the version)."""
    accelerator.ban_everything()


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


def _state_key(schema_name: str) -> str:
    return f"pagecache:{schema_name}:state"


def _page_key(request) -> str:
    raw = "|".join((request.get_host(), request.get_full_path(), translation.get_language() or ""))
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"pagecache:{connection.schema_name}:page:{digest}"


def current_state(stored: dict | None) -> dict:
    """The OPD's content version and the moment until which it holds (None: until changed),
    given the state entry read from the cache (None if there was none)."""
    now = time.time()
    state = stored
    if state is None or (state["until"] is not None and state["until"] <= now):
        state = {"version": uuid.uuid4().hex, "until": _next_scheduled_change()}
        timeout = None if state["until"] is None else max(1, int(state["until"] - now) + 1)
        caches["shared"].set(_state_key(connection.schema_name), state, timeout)
    return state


def content_version() -> str:
    """The current OPD's (or the portal's) content version: it changes whenever the cached pages
    are retired, so a value computed from the content can be cached under it."""
    return current_state(caches["shared"].get(_state_key(connection.schema_name)))["version"]


def invalidate(schema_name: str | None = None) -> None:
    """Forget every cached page of the current OPD (or of `schema_name`, "public" for the
    portal), now and on commit."""
    key = _state_key(schema_name or connection.schema_name)
    caches["shared"].delete(key)
    # A request that read the old rows before the commit may have cached them under a fresh
    # version: forget once more when the new rows become visible.
    transaction.on_commit(lambda: caches["shared"].delete(key))
    accelerator.ban(schema_name or connection.schema_name)


@dataclass(frozen=True)
class Lookup:
    """What one round trip to the cache says about the requested page."""

    key: str
    state: dict
    broadcast: str
    entry: dict | None
    # When the broadcast content next changes by itself (a timestamp), or None.
    broadcast_until: float | None = None

    def shared_seconds(self) -> int:
        """How long a shared cache (the accelerator) may keep the page: no longer than this
        cache, and never past the next scheduled change."""
        now = time.time()
        seconds = page_timeout()
        for until in (self.state["until"], self.broadcast_until):
            if until is not None:
                seconds = min(seconds, int(until - now))
        return seconds

    @property
    def hit(self) -> bool:
        # Broadcast content (emergency banners) reaches every OPD at once, so a page is only as
        # current as the broadcast it shows.
        return (
            self.entry is not None
            and self.entry["version"] == self.state["version"]
            and self.entry["broadcast"] == self.broadcast
        )

    def response(self, request) -> HttpResponse:
        entry = self.entry
        response = HttpResponse(entry["content"], status=entry["status"])
        for header, value in entry["headers"]:
            response[header] = value
        response["Content-Length"] = str(len(entry["content"]))
        response["X-Page-Cache"] = "hit"
        response["ETag"] = entry["etag"]
        _mark_public(request, response, self)
        return get_conditional_response(request, etag=entry["etag"], response=response)


def look_up(request) -> Lookup:
    key = _page_key(request)
    state_key = _state_key(connection.schema_name)
    found = caches["shared"].get_many([state_key, key, *(name for name, _v in _broadcasts)])
    broadcast = "|".join(version(found.get(name)) for name, version in _broadcasts)
    # Only a shared cache needs to know (the versions above retire this cache's pages).
    changes = [
        moment.timestamp()
        for name, next_change in (_broadcast_schedules if accelerator.enabled() else ())
        if (moment := next_change(found.get(name)))
    ]
    return Lookup(
        key=key,
        state=current_state(found.get(state_key)),
        broadcast=broadcast,
        entry=found.get(key),
        broadcast_until=min(changes, default=None),
    )


def _mark_public(request, response, lookup: Lookup) -> None:
    """Let the accelerator keep a page this cache keeps, when the request brings no session
    (nor messages) and the path is not one that must never be shared."""
    if accelerator.enabled() and not (
        any(
            name in request.COOKIES
            for name in (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
        )
        or request.path_info.startswith(_NEVER_PUBLIC)
    ):
        accelerator.public_headers(
            response, schema_name=connection.schema_name, seconds=lookup.shared_seconds()
        )


def _may_be_cached(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and page_timeout() > 0
        and len(request.get_full_path()) <= _MAX_PATH_LENGTH
    )


def _is_cacheable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.has_header("Cache-Control")
        and not getattr(response, "_skip_page_cache", False)
    )


def _serves_cached_view(request) -> bool:
    """Whether the request's URL is answered by a view decorated with `@cache_anonymous_page`
    (directly, or through `method_decorator` on a class-based view's dispatch)."""
    try:
        view = resolve(request.path_info, getattr(request, "urlconf", None)).func
    except Resolver404:
        return False
    view_class = getattr(view, "view_class", None)
    return getattr(view_class.dispatch if view_class else view, "page_cached", False)


class PageCacheMiddleware:
    """Serve cached pages to visitors who bring no session (so are anonymous) before the
    session, CSRF, authentication and message middleware and URL resolution run. Pages are
    only ever stored by `@cache_anonymous_page`; the lookup of a miss is handed on to it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            _may_be_cached(request)
            and not any(
                name in request.COOKIES
                for name in (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
            )
            and _serves_cached_view(request)
        ):
            lookup = look_up(request)
            if lookup.hit:
                response = lookup.response(request)
                # What SessionMiddleware would add: the page differs for logged-in users.
                patch_vary_headers(response, ("Cookie",))
                return response
            request.page_cache_lookup = lookup
        return self.get_response(request)


def cache_anonymous_page(view):
    """Serve anonymous GET/HEAD requests of `view` from the per-OPD page cache."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _may_be_cached(request) or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        lookup = getattr(request, "page_cache_lookup", None) or look_up(request)
        if lookup.hit:
            return lookup.response(request)
        response = view(request, *args, **kwargs)
        timeout = page_timeout()
        if lookup.state["until"] is not None:
            timeout = min(timeout, max(1, int(lookup.state["until"] - time.time())))

        def store(rendered):
            if _is_cacheable(request, rendered):
                headers = [(h, rendered[h]) for h in _KEPT_HEADERS if rendered.has_header(h)]
                etag = quote_etag(hashlib.md5(rendered.content, usedforsecurity=False).hexdigest())
                entry = {"content": rendered.content, "status": 200, "headers": headers,
                         "etag": etag, "version": lookup.state["version"],
                         "broadcast": lookup.broadcast}  # fmt: skip
                caches["shared"].set(lookup.key, entry, timeout)
                rendered["ETag"] = etag
                _mark_public(request, rendered, lookup)
            rendered["X-Page-Cache"] = "miss"

        if hasattr(response, "render") and not response.is_rendered:
            response.add_post_render_callback(store)
            return response
        store(response)
        if response.has_header("ETag"):
            return get_conditional_response(request, etag=response["ETag"], response=response)
        return response

    wrapped.page_cached = True
    return wrapped
