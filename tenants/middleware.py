"""Which OPD a request is for: the Host header, and the endpoints infrastructure calls."""

import logging
import re

from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django_tenants.middleware.main import TenantMainMiddleware

from core import metrics
from core.middleware import DATABASE_DOWN_ERRORS, database_error_reason, database_unavailable
from tenants import media
from tenants.host_cache import tenant_for_host
from tenants.models import Domain

logger = logging.getLogger(__name__)

# A DNS name as a certificate can be issued for: labels of letters, digits and hyphens.
HOST_NAME = re.compile(
    r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
)


def normalised_host(hostname: str) -> str:
    """Host names are case-insensitive, and a trailing dot names the same host."""
    return hostname.lower().removesuffix(".")


class InfrastructureEndpointsMiddleware:
    """Answer the endpoints that infrastructure calls, on any host, before tenant resolution:

    - /healthz: 200 when the database answers, 503 when it does not;
    - /_tls/ask?domain=…: the reverse proxy asks before it obtains a certificate on demand;
      200 only for a domain that belongs to an active OPD (or the portal);
    - /_media/ask: the reverse proxy asks before it serves a file under /media/ (forward_auth,
      the file's URI in X-Forwarded-Uri, the visitor's Host kept): 200 only when that host may
      serve it (tenants.media), 404 otherwise. One cached host lookup, no session;
    - /metrics: Prometheus metrics, for the internal network or a token (core.metrics).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return self.health()
        if request.path == "/_tls/ask":
            return self.tls_ask(request.GET.get("domain", ""))
        if request.path == "/_media/ask":
            return self.media_ask(request)
        if request.path == "/metrics":
            return metrics.metrics(request)
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
        domain = normalised_host(domain.strip())
        connection.set_schema_to_public()
        known = HOST_NAME.fullmatch(domain) is not None and (
            Domain.objects.filter(domain=domain, tenant__is_active=True).exists()
        )
        return HttpResponse(status=200 if known else 404)

    @staticmethod
    def media_ask(request):
        connection.set_schema_to_public()
        try:
            path = media.path_from_uri(request.headers.get("X-Forwarded-Uri", ""))
            tenant = tenant_for_host(OpdTenantMiddleware.hostname_from_request(request))
        except (DisallowedHost, Domain.DoesNotExist, UnicodeDecodeError):
            return HttpResponse(status=404)
        allowed = path is not None and media.may_serve(tenant, path)
        return HttpResponse(status=200 if allowed else 404)


class OpdTenantMiddleware(TenantMainMiddleware):
    """Select the OPD's schema from the Host header, with friendly pages for every failure.

    Malformed hosts get 400, unknown hosts the 404 page (DEFAULT_NOT_FOUND_TENANT_VIEW), a
    deactivated OPD the 503 maintenance page, and a database outage the 503 outage page.
    """

    def get_tenant(self, domain_model, hostname):
        # Through the shared cache, invalidated by signals (tenants/host_cache.py).
        return tenant_for_host(normalised_host(hostname))

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
