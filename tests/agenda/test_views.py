"""The agenda on the OPD's site: upcoming and past lists, an event, its iCalendar files."""

from datetime import date, datetime, time, timedelta

import icalendar
import pytest
from django.utils import timezone

from agenda.models import Event
from tests.agenda.factories import make_event

pytestmark = pytest.mark.django_db


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_upcoming_soonest_first_and_past_newest_first(opd_a, in_opd, client_a, settings):
    settings.PAGE_CACHE_SECONDS = 0
    with in_opd(opd_a):
        make_event("Agenda lusa", starts_in=timedelta(days=2))
        make_event("Agenda besok", starts_in=timedelta(days=1))
        make_event("Agenda kemarin", starts_in=timedelta(days=-1))
        make_event("Agenda minggu lalu", starts_in=timedelta(days=-7))
    upcoming = html(client_a.get("/agenda/"))
    assert upcoming.index("Agenda besok") < upcoming.index("Agenda lusa")
    assert "Agenda kemarin" not in upcoming
    past = html(client_a.get("/agenda/lalu/"))
    assert past.index("Agenda kemarin") < past.index("Agenda minggu lalu")
    assert "Agenda besok" not in past


def test_the_boundary_between_upcoming_and_past_is_the_end(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        # Started an hour ago and still running: upcoming. Ended a minute ago: past.
        make_event("Sedang berlangsung", starts_at=timezone.now() - timedelta(hours=1))
        make_event(
            "Baru selesai",
            starts_at=timezone.now() - timedelta(hours=2),
            ends_at=timezone.now() - timedelta(minutes=1),
        )
        assert [e.title for e in Event.objects.upcoming()] == ["Sedang berlangsung"]
        assert [e.title for e in Event.objects.past()] == ["Baru selesai"]
    upcoming = html(client_a.get("/agenda/"))
    assert "Sedang berlangsung" in upcoming and "Baru selesai" not in upcoming
    assert "Baru selesai" in html(client_a.get("/agenda/lalu/"))


def test_an_all_day_event_lasts_until_the_end_of_its_last_day(opd_a, in_opd):
    today = timezone.localdate()
    with in_opd(opd_a):
        event = make_event(
            "Pekan imunisasi",
            all_day=True,
            starts_at=timezone.make_aware(datetime.combine(today, time(10, 0))),
            ends_at=timezone.make_aware(datetime.combine(today, time(10, 0))),
        )
        event.refresh_from_db()
        assert timezone.localtime(event.starts_at).time() == time.min
        assert timezone.localtime(event.ends_at).time() == time(23, 59, 59)
        assert list(Event.objects.upcoming()) == [event]
        # Saving again changes nothing (the form shows what was stored).
        starts, ends = event.starts_at, event.ends_at
        event.save()
        assert (event.starts_at, event.ends_at) == (starts, ends)


def test_the_past_list_is_paginated_and_a_bad_page_is_no_error(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        for number in range(14):
            make_event(f"Lampau nomor {number}", starts_in=timedelta(days=-(number + 1)))
    first = html(client_a.get("/agenda/lalu/"))
    assert "Lampau nomor 0<" in first and "Lampau nomor 13<" not in first
    assert "Lampau nomor 13<" in html(client_a.get("/agenda/lalu/?page=2"))
    assert client_a.get("/agenda/lalu/?page=abc").status_code == 200
    assert client_a.get("/agenda/lalu/?page=999").status_code == 200


def test_the_event_page_offers_its_calendar_file(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_event(
            "Apel siaga",
            organiser="Pemerintah Kota",
            map_url="https://www.openstreetmap.org/?mlat=-6.1&mlon=106.1",
        )
    page = html(client_a.get("/agenda/apel-siaga/"))
    assert "Tambahkan ke kalender" in page
    assert 'href="/agenda/apel-siaga/kalender.ics"' in page
    assert "Aula Apel siaga" in page and "Pemerintah Kota" in page
    assert "https://www.openstreetmap.org/" in page


def test_a_draft_event_is_not_shown(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_event("Rapat rahasia", is_published=False)
    assert client_a.get("/agenda/rapat-rahasia/").status_code == 404
    assert client_a.get("/agenda/rapat-rahasia/kalender.ics").status_code == 404
    assert "Rapat rahasia" not in html(client_a.get("/agenda/"))
    assert b"Rapat rahasia" not in client_a.get("/agenda/feed.ics").content


def read_calendar(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_a_timed_event_as_icalendar(opd_a, in_opd, client_a):
    starts = timezone.make_aware(datetime(2030, 3, 4, 9, 30))
    with in_opd(opd_a):
        event = make_event("Simulasi gempa", starts_at=starts, ends_at=starts + timedelta(hours=3))
    calendar = read_calendar(client_a.get("/agenda/simulasi-gempa/kalender.ics"))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"agenda-{event.pk}@{opd_a.schema_name}.portal-opd"
    assert str(vevent["SUMMARY"]) == "Simulasi gempa"
    assert vevent.decoded("DTSTART") == starts  # 02.30 UTC
    assert vevent.decoded("DTSTART").utcoffset() == timedelta(0)
    assert vevent.decoded("DTEND") == starts + timedelta(hours=3)
    assert isinstance(vevent.decoded("DTSTAMP"), datetime)
    assert str(vevent["LOCATION"]) == "Aula Simulasi gempa"
    assert str(vevent["URL"]).endswith("/agenda/simulasi-gempa/")


def test_an_all_day_event_as_icalendar_ends_the_day_after(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_event(
            "Pekan imunisasi",
            all_day=True,
            starts_at=timezone.make_aware(datetime(2030, 5, 6, 8)),
            ends_at=timezone.make_aware(datetime(2030, 5, 12, 8)),
        )
    response = client_a.get("/agenda/pekan-imunisasi/kalender.ics")
    (vevent,) = read_calendar(response).walk("VEVENT")
    assert vevent.decoded("DTSTART") == date(2030, 5, 6)
    assert vevent.decoded("DTEND") == date(2030, 5, 13)  # exclusive
    assert b"DTSTART;VALUE=DATE:20300506" in response.content
    assert b"DTEND;VALUE=DATE:20300513" in response.content


def test_the_feed_holds_upcoming_and_recent_past_events(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_event("Nanti", starts_in=timedelta(days=10))
        make_event("Baru lewat", starts_in=timedelta(days=-10))
        make_event("Lama sekali", starts_in=timedelta(days=-200))
    calendar = read_calendar(client_a.get("/agenda/feed.ics"))
    titles = [str(vevent["SUMMARY"]) for vevent in calendar.walk("VEVENT")]
    assert titles == ["Baru lewat", "Nanti"]
    assert len({str(vevent["UID"]) for vevent in calendar.walk("VEVENT")}) == 2


def test_hostile_html_is_sanitised(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        event = make_event(
            "Rapat aman",
            description='<p onclick="x()">Isi<script>alert(1)</script>'
            '<img src="x" onerror="alert(2)"></p><a href="javascript:alert(3)">tautan</a>',
        )
        event.refresh_from_db()
    assert "script" not in event.description and "onerror" not in event.description
    assert "javascript:" not in event.description and "onclick" not in event.description
    # The content guard holds such an event as a draft for Kominfo to look at.
    assert not event.is_published
    assert client_a.get("/agenda/rapat-aman/").status_code == 404


def test_sanitised_markup_is_shown_without_scripts(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        Event.objects.create(
            title="Rapat tersaring",
            starts_at=timezone.now() + timedelta(days=1),
            ends_at=timezone.now() + timedelta(days=1, hours=1),
            place="Aula",
            description='<p onclick="x()">Isi <strong>tebal</strong><script>alert(1)</script></p>',
        )
    page = html(client_a.get("/agenda/rapat-tersaring/"))
    assert "<strong>tebal</strong>" in page and "alert(1)" not in page and "onclick" not in page


def test_the_home_shows_the_next_three_events(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        for number in range(1, 5):
            make_event(f"Agenda hari ke-{number}", starts_in=timedelta(days=number))
    home = html(client_a.get("/"))
    assert "Agenda terdekat" in home
    assert "Agenda hari ke-3" in home and "Agenda hari ke-4" not in home


def test_the_home_has_no_agenda_section_without_events(opd_a, client_a):
    assert "Agenda terdekat" not in html(client_a.get("/"))


def test_events_are_found_by_the_site_search_and_listed_in_the_sitemap(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_event("Simulasi evakuasi tsunami")
    assert "/agenda/simulasi-evakuasi-tsunami/" in html(client_a.get("/cari/?q=tsunami"))
    assert "/agenda/simulasi-evakuasi-tsunami/" in html(client_a.get("/sitemap.xml"))
