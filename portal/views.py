import sys

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.static import serve
from django_tenants.utils import get_public_schema_name

from portal.middleware import database_unavailable, is_database_down
from tenants.theme import theme_for


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
@cache_control(max_age=86400, public=True)
def theme_css(request):
    """The OPD's colours as CSS custom properties, so templates need no inline styles."""
    css = theme_for(request.tenant).as_css()
    return HttpResponse(css, content_type="text/css; charset=utf-8")


@require_GET
def serve_media(request, path):
    """Development media server. An OPD host only reaches its own schema's folder; the main
    domain, which shows every OPD's logo, reaches all of them."""
    schema_folder = path.split("/", 1)[0]
    current_schema = connection.schema_name
    if current_schema != get_public_schema_name() and schema_folder != current_schema:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response
