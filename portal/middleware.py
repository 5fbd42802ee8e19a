import logging

from django.contrib.auth import logout
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django_tenants.middleware.main import TenantMainMiddleware

logger = logging.getLogger(__name__)

SESSION_SCHEMA_KEY = "_schema"
DATABASE_DOWN_ERRORS = (OperationalError, InterfaceError)


def database_unavailable(request):
    return render(request, "errors/503_database.html", status=503)


class HealthCheckMiddleware:
    """Answer /healthz on every host before anything else needs the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != "/healthz":
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError as error:
            logger.warning("Health check failed: %s", error)
            return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
        return JsonResponse({"status": "ok", "database": "ok"})


class OpdTenantMiddleware(TenantMainMiddleware):
    """Select the OPD's schema from the Host header, with friendly pages for every failure.

    Malformed hosts get 400, unknown hosts the 404 page (DEFAULT_NOT_FOUND_TENANT_VIEW), a
    deactivated OPD the 503 maintenance page, and a database outage the 503 outage page.
    """

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
