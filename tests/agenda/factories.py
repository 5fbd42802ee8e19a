"""Helpers that create agenda events inside the current schema."""

from datetime import timedelta

from django.utils import timezone

from agenda.models import Event
from publishing.services import publish_content


def make_event(title="Rapat uji", *, starts_in=timedelta(days=1), hours=2, **fields):
    """An event starting `starts_in` from now (negative: in the past), `hours` long."""
    starts_at = fields.pop("starts_at", timezone.now() + starts_in)
    fields.setdefault("ends_at", starts_at + timedelta(hours=hours))
    fields.setdefault("place", f"Aula {title}")
    fields.setdefault("description", f"<p>Keterangan {title}</p>")
    event = Event(title=title, starts_at=starts_at, **fields)
    publish_content(event)
    return event
