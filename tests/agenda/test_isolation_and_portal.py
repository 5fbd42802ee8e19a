"""An event of OPD alpha never shows on OPD beta; the portal lists upcoming events of every OPD
from its own index, and an event that ended drops off by itself."""

from datetime import timedelta

import icalendar
import pytest
from django.core.cache import caches
from django.utils import timezone

from agenda.models import Event
from mainsite.models import PublishedItem
from tests.agenda.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_in_a(opd_a, in_opd):
    with in_opd(opd_a):
        return make_event("Simulasi eksklusif alpha", pk=777, starts_in=timedelta(days=2))


def test_alpha_event_url_is_404_on_beta(event_in_a, client_a, client_b):
    assert client_a.get("/agenda/simulasi-eksklusif-alpha/").status_code == 200
    assert client_b.get("/agenda/simulasi-eksklusif-alpha/").status_code == 404
    assert client_b.get("/agenda/simulasi-eksklusif-alpha/kalender.ics").status_code == 404


@pytest.mark.parametrize(
    "url", ["/", "/agenda/", "/agenda/lalu/", "/agenda/feed.ics", "/sitemap.xml",
            "/cari/?q=eksklusif"],
)  # fmt: skip
def test_alpha_event_is_not_listed_on_beta(event_in_a, client_b, url):
    response = client_b.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Simulasi" not in body and "simulasi-eksklusif-alpha" not in body
    assert "Aula Simulasi" not in body


def test_beta_feed_never_has_alpha_events(event_in_a, opd_b, in_opd, client_b):
    with in_opd(opd_b):
        make_event("Rapat milik beta", pk=777)
    calendar = icalendar.Calendar.from_ical(client_b.get("/agenda/feed.ics").content)
    assert [str(v["SUMMARY"]) for v in calendar.walk("VEVENT")] == ["Rapat milik beta"]
    # The same id in two OPDs still gives two different UIDs.
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"agenda-777@{opd_b.schema_name}.portal-opd"


def test_the_portal_lists_upcoming_events_of_every_opd(
    event_in_a, opd_a, opd_b, in_opd, portal_client
):
    with in_opd(opd_b):
        make_event("Donor darah beta", starts_in=timedelta(days=1))
        make_event("Rapat beta yang sudah lewat", starts_in=timedelta(days=-3))
    page = portal_client.get("/agenda/")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("Donor darah beta") < html.index("Simulasi eksklusif alpha")
    assert "sudah lewat" not in html
    assert opd_a.short_name in html and opd_b.short_name in html
    home = portal_client.get("/").content.decode()
    assert 'aria-labelledby="bagian-agenda"' in home and "Donor darah beta" in home


def test_an_event_that_ended_drops_off_the_portal_by_itself(
    event_in_a, opd_a, in_opd, portal_client
):
    item = PublishedItem.objects.get(opd=opd_a, kind="event")
    assert "Simulasi eksklusif alpha" in portal_client.get("/agenda/").content.decode()
    # Time passes: nothing is written, the event is simply over.
    PublishedItem.objects.filter(pk=item.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    caches["shared"].clear()
    assert "Simulasi eksklusif alpha" not in portal_client.get("/agenda/").content.decode()


def test_deleting_or_unpublishing_takes_it_off_the_portal(event_in_a, opd_a, in_opd):
    from publishing.services import delete_content, publish_content

    assert PublishedItem.objects.filter(kind="event").count() == 1
    with in_opd(opd_a):
        event = Event.objects.get(pk=777)
        event.is_published = False
        publish_content(event)
    assert not PublishedItem.objects.filter(kind="event").exists()
    with in_opd(opd_a):
        event.is_published = True
        publish_content(event)
        assert PublishedItem.objects.filter(kind="event").count() == 1
        delete_content(event)
    assert not PublishedItem.objects.filter(kind="event").exists()


def test_the_portal_index_can_be_rebuilt_with_event_times(event_in_a, opd_a, in_opd):
    from core import registry
    from mainsite.index import replace_opd_index

    with in_opd(opd_a):
        entries = registry.publishable("event").index_entries()
        replace_opd_index(opd_a, "event", entries)
    item = PublishedItem.objects.get(opd=opd_a, kind="event")
    assert item.starts_at == event_in_a.starts_at and item.ends_at == event_in_a.ends_at


def test_a_bad_page_number_on_the_portal_agenda_is_no_error(portal_client, public_tenant):
    assert portal_client.get("/agenda/?page=x").status_code == 200
    assert "Belum ada agenda" in portal_client.get("/agenda/").content.decode()
