"""The largest request body each route accepts, refused with 413 before it is read.

Django reads and spools a whole upload before any form sees its size, so an anonymous 60 MB
post to a public form cost a worker the time and the disk to take it in. Each route gets a
ceiling instead (REQUEST_BODY_LIMITS, else REQUEST_BODY_MAX_BYTES): a body whose
Content-Length is over it is never read, and a chunked body (no Content-Length, which Django
would otherwise not read at all) is read only up to it. The reverse proxy has the same
ceilings (deploy/Caddyfile); this is the app's own line.

The refused body is dropped and the request goes on with an empty one until the view would
run, where the Indonesian 413 page takes its place: the page gets every header the other
middleware add, and nothing down the chain (the NUL stripping, CSRF) ever reads the body. A
route can name a throttle scope (core/throttle.py) that a refused body is charged to, so
oversized posts to a public form count toward its hourly limit.
"""

import io
from tempfile import SpooledTemporaryFile

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.shortcuts import render

from core import throttle

CHUNK_BYTES = 64 * 1024
MEGABYTE = 1024 * 1024


def route_limit(path: str) -> tuple[int, str | None]:
    """(largest body in bytes, throttle scope charged when one is refused) for `path`."""
    for prefix, limit, scope in settings.REQUEST_BODY_LIMITS:
        if path.startswith(prefix):
            return limit, scope
    return settings.REQUEST_BODY_MAX_BYTES, None


def _declared_length(request) -> int | None:
    try:
        return int(request.META.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None


def _is_chunked(request) -> bool:
    # Only a server that ends wsgi.input at the end of the body (gunicorn does) can be read
    # without a length; elsewhere a read would wait for the client forever.
    return "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower() and bool(
        request.META.get("wsgi.input_terminated")
    )


def _read_chunked(request, limit: int) -> bool:
    """Read a chunked body up to `limit` bytes into the request; False once it is larger."""
    # Stays open as the request's body (closed when the request is collected).
    body = SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115
    size = 0
    while chunk := request.META["wsgi.input"].read(CHUNK_BYTES):
        size += len(chunk)
        if size > limit:
            body.close()
            return False
        body.write(chunk)
    body.seek(0)
    request._stream = LimitedStream(body, size)
    request.META["CONTENT_LENGTH"] = str(size)
    return True


def _drop_body(request) -> None:
    request._stream = LimitedStream(io.BytesIO(), 0)
    request.META["CONTENT_LENGTH"] = "0"


class RequestBodyLimitMiddleware:
    """Goes right after the tenant middleware (the throttle counts per OPD) and before every
    middleware that reads the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit, scope = route_limit(request.path_info)
        declared = _declared_length(request)
        if declared is not None:
            too_large = declared > limit
        else:
            too_large = _is_chunked(request) and not _read_chunked(request, limit)
        if too_large:
            _drop_body(request)
            request.body_limit_refused = limit
            if scope:
                throttle.hit(request, scope)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        limit = getattr(request, "body_limit_refused", None)
        if limit is None:
            return None
        context = {"max_mb": max(1, limit // MEGABYTE)}
        return render(request, "errors/413.html", context, status=413)
