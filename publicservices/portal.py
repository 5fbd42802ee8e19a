"""The services on the main domain: their portal index entries (mainsite.PublishedItem, written
from the OPD's schema), the portal home's section and the /layanan/ page across OPDs, which read
the public-schema index only."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from core.registry import PortalSection
from mainsite.index import IndexEntry
from mainsite.models import PublishedItem
from publicservices.models import Service

KIND = Service.guard_kind
PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200
SECTION_COUNT = 4


def service_entry(service) -> IndexEntry:
    path = reverse(
        "publicservices:detail", kwargs={"slug": service.slug}, urlconf=settings.ROOT_URLCONF
    )
    return IndexEntry(
        kind=KIND,
        source_id=service.pk,
        title=service.name,
        summary=service.summary,
        url=connection.tenant.site_url(path),
        category=str(_("Layanan")),
        published_at=service.updated_at or timezone.now(),
    )


def index_entries() -> list[IndexEntry]:
    return [service_entry(service) for service in Service.objects.published()]


def portal_services():
    return (
        PublishedItem.objects.visible()
        .filter(kind=KIND)
        .select_related("opd")
        .only(*PublishedItem.LISTING_FIELDS, "opd__short_name", "opd__name", "opd__slug")
    )


def section_items() -> list:
    return list(portal_services().order_by("-published_at")[:SECTION_COUNT])


SECTIONS = (
    PortalSection(
        key="layanan",
        title=_("Layanan publik OPD"),
        template="publicservices/portal/_section.html",
        items=section_items,
        position=30,
        more_url=reverse_lazy("portal_services", urlconf="portal.urls_public"),
    ),
)


@require_GET
def portal_service_list(request):
    """Every OPD's services, searchable (?q=, PostgreSQL full text on the portal index)."""
    raw_query = request.GET.get("q", "")
    query = " ".join(raw_query.split())[:MAX_QUERY_LENGTH]
    services = portal_services()
    services = services.search(query) if query else services.order_by("opd__name", "title")
    page = Paginator(services, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"query": query, "page_obj": page}
    return render(request, "publicservices/portal/service_list.html", context)
