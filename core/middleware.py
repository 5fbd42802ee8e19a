"""Middleware every site needs: database outages, the CSP, NUL bytes in parameters."""

import logging

from csp.middleware import CSPMiddleware
from django.db import InterfaceError, OperationalError
from django.http import QueryDict
from django.shortcuts import render

logger = logging.getLogger(__name__)

DATABASE_DOWN_ERRORS = (OperationalError, InterfaceError)


def database_unavailable(request):
    response = render(request, "errors/503_database.html", status=503)
    response["Retry-After"] = "30"
    return response


def is_database_down(error: BaseException | None) -> bool:
    """True for the errors of an unreachable database (also when wrapped in another error)."""
    while error is not None:
        if isinstance(error, DATABASE_DOWN_ERRORS):
            return True
        error = error.__cause__ or error.__context__
    return False


def database_error_reason(error: BaseException) -> str:
    """A short, public-safe reason for /healthz (no host names or addresses)."""
    message = str(error).lower()
    reasons = (
        ("connection refused", "connection refused"),
        ("timeout", "timeout"),
        ("timed out", "timeout"),
        ("password authentication failed", "authentication failed"),
        ("does not exist", "database does not exist"),
        ("too many clients", "too many connections"),
        ("remaining connection slots", "too many connections"),
        ("starting up", "server starting up"),
        ("shutting down", "server shutting down"),
        ("terminating connection", "connection terminated"),
        ("server closed the connection", "connection lost"),
        ("connection is closed", "connection lost"),
        ("no such file or directory", "connection refused"),
    )
    for needle, reason in reasons:
        if needle in message:
            return reason
    return type(error).__name__


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the one relaxation the back office needs.

    Under /admin/ (the OPD admin and the Kominfo console) the Django admin and the CKEditor 5
    editor set inline styles and data: images from their scripts, so those pages also allow
    style-src 'unsafe-inline' and img-src data:. Scripts stay 'self' only, everywhere.
    """

    ADMIN_PREFIX = "/admin/"
    ADMIN_UPDATE = {"style-src": ["'unsafe-inline'"], "img-src": ["data:"]}

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(self.ADMIN_PREFIX):
            parts.update = {**self.ADMIN_UPDATE, **(parts.update or {})}
        return parts


class StripNulBytesMiddleware:
    """Remove NUL characters from query and form parameters: no form or filter needs them, and
    PostgreSQL refuses them in text (a DataError, i.e. a 500, in whichever view passes one on).
    Uploaded files are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = self._stripped(request.GET)
        if request.method == "POST":
            request.POST = self._stripped(request.POST)
        return self.get_response(request)

    @staticmethod
    def _stripped(query: QueryDict) -> QueryDict:
        if not any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in query.lists()
        ):
            return query
        clean = QueryDict(mutable=True)
        for key, values in query.lists():
            clean.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
        clean._mutable = False
        return clean
