from datetime import timedelta

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from agenda import ics
from agenda.models import Event
from core.pagecache import cache_anonymous_page

PAGE_SIZE = 12
# The feed holds what is to come and what happened lately (a calendar app keeps the rest).
FEED_PAST_DAYS = 90
FEED_MAX_EVENTS = 500


def _page(request, events):
    return Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))


@require_GET
@cache_anonymous_page
def upcoming(request):
    page_obj = _page(request, Event.objects.upcoming().for_listing())
    context = {"events": page_obj.object_list, "page_obj": page_obj, "past": False}
    return render(request, "agenda/event_list.html", context)


@require_GET
@cache_anonymous_page
def past(request):
    page_obj = _page(request, Event.objects.past().for_listing())
    context = {"events": page_obj.object_list, "page_obj": page_obj, "past": True}
    return render(request, "agenda/event_list.html", context)


@require_GET
@cache_anonymous_page
def detail(request, slug):
    event = get_object_or_404(Event.objects.published().select_related("image"), slug=slug)
    return render(request, "agenda/event_detail.html", {"event": event})


@require_GET
@cache_anonymous_page
def event_ics(request, slug):
    event = get_object_or_404(Event.objects.published(), slug=slug)
    body = ics.calendar(
        [event], request.tenant, request.build_absolute_uri, name=request.tenant.name
    )
    return ics.response(body, f"{event.slug}.ics")


@require_GET
@cache_anonymous_page
def feed_ics(request):
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    events = (
        Event.objects.published()
        .filter(ends_at__gte=since)
        .defer("description", "search_vector")
        .order_by("starts_at", "pk")[:FEED_MAX_EVENTS]
    )
    name = _("Agenda %(opd)s") % {"opd": request.tenant.name}
    body = ics.calendar(events, request.tenant, request.build_absolute_uri, name=name)
    return ics.response(body, "agenda.ics")
