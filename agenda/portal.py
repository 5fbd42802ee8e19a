"""The agenda on the main domain: what the portal's index (mainsite.PublishedItem) holds of the
OPD's events, and the upcoming events across OPDs read back from it (public schema only, a
fixed number of queries whatever the number of OPDs)."""

from datetime import time

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from agenda.models import DAY_END, Event
from core.pagecache import cache_anonymous_page
from core.registry import PortalSection
from mainsite.index import IndexEntry
from mainsite.models import PublishedItem

SUMMARY_WORDS = 30
SECTION_COUNT = 3
PAGE_SIZE = 20


def event_entry(event) -> IndexEntry:
    path = reverse("agenda:detail", kwargs={"slug": event.slug}, urlconf=settings.ROOT_URLCONF)
    picture = event.picture()
    return IndexEntry(
        kind=Event.guard_kind,
        source_id=event.pk,
        title=event.title,
        summary=Truncator(event.body_text).words(SUMMARY_WORDS),
        url=connection.tenant.site_url(path),
        image_url=picture["thumb_url"] if picture else "",
        # The place, shown beside the time on the portal's agenda.
        category=event.place[:100],
        published_at=event.created_at or timezone.now(),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
    )


def index_entries() -> list[IndexEntry]:
    """Every published event of the current OPD (used to rebuild the index)."""
    return [event_entry(event) for event in Event.objects.published().select_related("image")]


def upcoming_items():
    """Published events of active OPDs that are not over yet, soonest first."""
    items = (
        PublishedItem.objects.visible()
        .filter(kind=Event.guard_kind, ends_at__gte=timezone.now())
        .select_related("opd")
        .only(*PublishedItem.LISTING_FIELDS, "starts_at", "ends_at", "opd__short_name", "opd__slug")
        .order_by("starts_at", "pk")
    )
    return items


def _with_all_day(items) -> list:
    """Mark the items of all-day events (they start at 00.00 and end at 23.59.59 local)."""
    items = list(items)
    for item in items:
        start, end = timezone.localtime(item.starts_at), timezone.localtime(item.ends_at)
        item.all_day = start.time() == time.min and end.time() == DAY_END
        item.multi_day = start.date() != end.date()
    return items


def section_items() -> list:
    return _with_all_day(upcoming_items()[:SECTION_COUNT])


@require_GET
@cache_anonymous_page
def portal_agenda(request):
    page_obj = Paginator(upcoming_items(), PAGE_SIZE).get_page(request.GET.get("page"))
    items = _with_all_day(page_obj.object_list)
    return render(request, "agenda/portal_list.html", {"items": items, "page_obj": page_obj})


SECTIONS = (
    PortalSection(
        key="agenda",
        title=_("Agenda seluruh OPD"),
        template="agenda/portal/_section.html",
        items=section_items,
        position=20,
        more_url=reverse_lazy("portal_agenda"),
    ),
)
