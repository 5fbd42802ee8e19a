import sys

from django.db import connection
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET
from django_tenants.utils import get_public_schema_name

from core import registry
from core import search as site_search_engine
from core.middleware import database_unavailable, is_database_down


def server_error(request):
    """handler500: an unreachable database gets the friendly 503 page, anything else the 500 page.

    Errors raised in middleware after the tenant middleware (sessions, authentication) never
    reach its process_exception: Django turns them into a 500 response right there, through
    this handler, while the error is still being handled (so sys.exc_info() names it).
    """
    if is_database_down(sys.exc_info()[1]):
        return database_unavailable(request)
    return HttpResponseServerError(loader.get_template("500.html").render())


def unknown_host(request):
    """Shown for a host that belongs to no OPD (DEFAULT_NOT_FOUND_TENANT_VIEW)."""
    return render(request, "errors/404_host.html", status=404)


@require_GET
def site_search(request):
    """/cari/ on an OPD site: every registered content type, ranked together, counted per type
    (`?jenis=<kind>` shows one type)."""
    text, truncated = site_search_engine.clean_query(request.GET.get("q", ""))
    context = {"query": text, "truncated": truncated, "results": None}
    if text and site_search_engine.is_searchable(text):
        context["results"] = site_search_engine.search(
            text, request.GET.get("page"), kind=request.GET.get("jenis") or None
        )
    elif text:
        context["unsearchable"] = True
    response = render(request, "core/search.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


def may_upload_editor_images(user) -> bool:
    """Whoever may write content with images (the registry's editor permissions) may upload."""
    return (
        connection.schema_name != get_public_schema_name()
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and any(
            user.has_perm(permission)
            for app in registry.content_apps()
            for permission in app.editor_permissions
        )
    )
