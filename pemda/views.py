"""The pemda's statements and coat of arms, on every OPD host and on the main domain."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django_tenants.utils import get_public_schema_name, schema_context

from core.pagecache import cache_anonymous_page
from pemda.services import CONTENT_TYPES, current_identity

ONE_YEAR = 365 * 24 * 3600
# The arms are shown through <img>, where a browser runs nothing; opened on their own they
# still may not run or fetch anything.
ARMS_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


def _statement(request, *, field: str, title):
    identity = current_identity()
    body = getattr(identity, field, "") if identity else ""
    if not body:
        raise Http404
    return render(request, "pemda/statement.html", {"title": title, "body": body})


@require_GET
@cache_anonymous_page
def privacy_statement(request):
    return _statement(request, field="privacy_statement", title=_("Kebijakan Privasi"))


@require_GET
@cache_anonymous_page
def accessibility_statement(request):
    return _statement(request, field="accessibility_statement", title=_("Pernyataan Aksesibilitas"))


@require_GET
def coat_of_arms(request):
    """The pemda's arms from the storage; versioned links (`?v=`) are cached for a year."""
    identity = current_identity()
    if identity is None or not identity.coat_of_arms:
        raise Http404
    extension = identity.coat_of_arms.name.rsplit(".", 1)[-1]
    try:
        # Media storage is per schema: the arms live in the public schema's folder, whichever
        # host shows them.
        with schema_context(get_public_schema_name()), identity.coat_of_arms.open("rb") as stored:
            data = stored.read()
    except OSError:
        raise Http404 from None
    content_type = CONTENT_TYPES.get(extension, "application/octet-stream")
    response = HttpResponse(data, content_type=content_type)
    response["Content-Security-Policy"] = ARMS_CSP
    response["X-Content-Type-Options"] = "nosniff"
    if request.GET.get("v"):
        response["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    else:
        response["Cache-Control"] = "public, max-age=300"
    return response
