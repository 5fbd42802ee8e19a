"""The agenda's section of the OPD's home page: the next three events, one query."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from agenda.models import Event
from core.registry import HomeSection

HOME_COUNT = 3


def upcoming(request) -> dict | None:
    events = list(Event.objects.upcoming().defer("description", "body_text")[:HOME_COUNT])
    return {"events": events} if events else None


SECTIONS = (
    HomeSection(
        key="agenda",
        label=_("Agenda terdekat"),
        template="agenda/home/_upcoming.html",
        context=upcoming,
        compact=True,
        position=45,
        admin_url=reverse_lazy("admin:agenda_event_add"),
        permission="agenda.add_event",
    ),
)
