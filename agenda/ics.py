"""The agenda as iCalendar (RFC 5545), written with the icalendar library: one event
(/agenda/<slug>/kalender.ics) and the OPD's feed (/agenda/feed.ics)."""

from collections.abc import Iterable
from datetime import UTC

import icalendar
from django.http import HttpResponse
from django.utils import timezone

PRODID = "-//Portal OPD Terpadu//Agenda//ID"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def event_uid(event, opd) -> str:
    """Stable for the event's life, unique across OPDs: its id and the OPD's schema."""
    return f"agenda-{event.pk}@{opd.schema_name}.portal-opd"


def _vevent(event, opd, site_url) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", event_uid(event, opd))
    item.add("dtstamp", event.updated_at.astimezone(UTC))
    item.add("summary", event.title)
    if event.all_day:
        # VALUE=DATE, the end exclusive: the day after the last day.
        item.add("dtstart", event.local_start.date())
        item.add("dtend", event.end_date_exclusive)
    else:
        item.add("dtstart", event.starts_at.astimezone(UTC))
        item.add("dtend", event.ends_at.astimezone(UTC))
    item.add("location", event.place)
    description = event.body_text
    if event.map_url:
        description = f"{description}\n\n{event.map_url}".strip()
    if description:
        item.add("description", description)
    if event.organiser:
        item.add("x-organiser-name", event.organiser)
    item.add("url", site_url(event.get_absolute_url()))
    item.add("last-modified", event.updated_at.astimezone(UTC))
    return item


def calendar(events: Iterable, opd, site_url, *, name: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", timezone.get_current_timezone_name())
    for event in events:
        cal.add_component(_vevent(event, opd, site_url))
    return cal.to_ical()


def response(body: bytes, filename: str) -> HttpResponse:
    reply = HttpResponse(body, content_type=CONTENT_TYPE)
    reply["Content-Disposition"] = f'inline; filename="{filename}"'
    return reply
