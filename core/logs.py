"""Structured logs: every record as one JSON line (LOG_FORMAT=json), and one line per request.

`RequestLogMiddleware` (first in MIDDLEWARE, so its duration covers every other middleware) logs
each request to the "core.logs.requests" logger at INFO: OPD schema and slug, host, method, path,
status, duration and a request id (the proxy's X-Request-ID when it sends a well-formed one,
else a new one; returned in the response's X-Request-ID). The path never carries the query
string (search terms, tracking codes), and a route with a secret in the path (a set-password
link's uidb64/token) is logged as its pattern. Form bodies are never read here.
"""

import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

request_logger = logging.getLogger("core.logs.requests")

# URL keyword arguments that are secrets: the route's pattern is logged instead of the path.
SECRET_URL_KWARGS = frozenset({"token", "uidb64"})
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
# Attributes every LogRecord has; anything else was passed with `extra=` and becomes a field.
_RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, the record's
    `extra` fields, and the traceback as one string."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _RECORD_ATTRIBUTES and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def logged_path(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is not None and SECRET_URL_KWARGS & set(match.kwargs):
        return "/" + match.route
    return request.path


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        if request_logger.isEnabledFor(logging.INFO):
            self.log(request, response, (time.perf_counter() - started) * 1000)
        return response

    @staticmethod
    def log(request, response, duration_ms: float) -> None:
        tenant = getattr(request, "tenant", None)
        fields = {
            "opd_schema": getattr(tenant, "schema_name", None),
            "opd_slug": getattr(tenant, "slug", None) or None,
            "host": request.META.get("HTTP_HOST", "")[:255],
            "method": request.method,
            "path": logged_path(request),
            "status": response.status_code,
            "duration_ms": round(duration_ms, 1),
            "request_id": request.request_id,
        }
        request_logger.info(
            "%s %s %s %.1f ms", fields["method"], fields["path"], fields["status"], duration_ms,
            extra=fields,
        )  # fmt: skip
