import logging

from csp.middleware import CSPMiddleware
from django.contrib.auth import logout
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django_tenants.middleware.main import TenantMainMiddleware

from tenants.host_cache import tenant_for_host
from tenants.models import Domain

logger = logging.getLogger(__name__)

SESSION_SCHEMA_KEY = "_schema"
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


class InfrastructureEndpointsMiddleware:
    """Answer the endpoints that infrastructure calls, on any host, before tenant resolution:

    - /healthz: 200 when the database answers, 503 when it does not;
    - /_tls/ask?domain=…: the reverse proxy asks before it obtains a certificate on demand;
      200 only for a domain that belongs to an active OPD (or the portal).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return self.health()
        if request.path == "/_tls/ask":
            return self.tls_ask(request.GET.get("domain", ""))
        return self.get_response(request)

    @staticmethod
    def health():
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError as error:
            logger.warning("Health check failed: %s", error)
            body = {
                "status": "error",
                "database": "unavailable",
                "reason": database_error_reason(error),
            }
            return JsonResponse(body, status=503, headers={"Retry-After": "30"})
        return JsonResponse({"status": "ok", "database": "ok"})

    @staticmethod
    def tls_ask(domain):
        domain = domain.strip().lower()
        connection.set_schema_to_public()
        known = (
            bool(domain) and Domain.objects.filter(domain=domain, tenant__is_active=True).exists()
        )
        return HttpResponse(status=200 if known else 404)


class OpdTenantMiddleware(TenantMainMiddleware):
    """Select the OPD's schema from the Host header, with friendly pages for every failure.

    Malformed hosts get 400, unknown hosts the 404 page (DEFAULT_NOT_FOUND_TENANT_VIEW), a
    deactivated OPD the 503 maintenance page, and a database outage the 503 outage page.
    """

    def get_tenant(self, domain_model, hostname):
        # Through the shared cache, invalidated by signals (tenants/host_cache.py).
        return tenant_for_host(hostname)

    def process_request(self, request):
        try:
            self.hostname_from_request(request)
        except DisallowedHost:
            connection.set_schema_to_public()
            return render(request, "errors/400_host.html", status=400)
        try:
            response = super().process_request(request)
        except DATABASE_DOWN_ERRORS:
            logger.exception("Database unavailable while resolving the host")
            return database_unavailable(request)
        if response is not None:
            return response
        if not request.tenant.is_active:
            tenant = request.tenant
            connection.set_schema_to_public()
            return render(request, "errors/503_maintenance.html", {"opd": tenant}, status=503)
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN_ERRORS):
            logger.exception("Database unavailable")
            return database_unavailable(request)
        return None


class SessionSchemaBindingMiddleware:
    """Log out a session that was authenticated in another schema (defence in depth).

    Sessions live in each schema's own table, so a cookie from OPD A normally finds nothing on
    OPD B; this catches any path where a session would still cross over.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            bound_schema = request.session.get(SESSION_SCHEMA_KEY)
            if bound_schema != connection.schema_name:
                logout(request)
        return self.get_response(request)


def bind_session_to_schema(sender, request, user, **kwargs):
    """user_logged_in receiver: remember in which schema the session was authenticated."""
    request.session[SESSION_SCHEMA_KEY] = connection.schema_name


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
