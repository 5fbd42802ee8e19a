"""Agenda pages cost a fixed number of queries, whatever the number of events."""

from datetime import timedelta

import pytest
from django.core.cache import caches

from tests.agenda.factories import make_event
from tests.news.test_performance import real_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_events(opd_a, opd_b, in_opd):
    for opd in (opd_a, opd_b):
        with in_opd(opd):
            for number in range(15):
                make_event(f"Kegiatan nomor {number}", starts_in=timedelta(days=number - 7))


# Real queries in the worst case (cold caches), with the same fixed costs as the news pages
# (tests/news/test_performance.py): the domain look-up, the next scheduled publication, the
# pemda identity, the menu and the emergency banners.
@pytest.mark.parametrize(
    ("host", "url", "max_queries"),
    [
        # The paginator's count and one page of events.
        ("alpha.localhost", "/agenda/", 7),
        ("alpha.localhost", "/agenda/?page=2", 7),
        ("alpha.localhost", "/agenda/lalu/", 7),
        # The event with its library image.
        ("alpha.localhost", "/agenda/kegiatan-nomor-9/", 6),
        # No page around it: the fixed costs and the event(s).
        ("alpha.localhost", "/agenda/kegiatan-nomor-9/kalender.ics", 5),
        ("alpha.localhost", "/agenda/feed.ics", 5),
        # The portal: the index only (count and page), never an OPD schema.
        ("localhost", "/agenda/", 6),
    ],
)
def test_agenda_pages_run_a_fixed_number_of_queries(
    many_events, client, django_assert_max_num_queries, host, url, max_queries
):
    for alias in ("default", "shared"):
        caches[alias].clear()
    with django_assert_max_num_queries(2 * max_queries) as captured:
        response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200
    assert len(real_queries(captured)) <= max_queries, real_queries(captured)


def test_query_count_does_not_grow_with_the_number_of_events(
    opd_a, in_opd, client_a, django_assert_max_num_queries
):
    counts = []
    for batch in range(2):
        with in_opd(opd_a):
            for number in range(8):
                make_event(f"Gelombang {batch} nomor {number}", starts_in=timedelta(days=number))
                make_event(f"Lampau {batch} nomor {number}", starts_in=timedelta(days=-number - 1))
        for alias in ("default", "shared"):
            caches[alias].clear()
        for url in ("/", "/agenda/", "/agenda/lalu/", "/agenda/feed.ics"):
            with django_assert_max_num_queries(40) as captured:
                client_a.get(url)
            counts.append((url, len(real_queries(captured))))
    assert counts[:4] == counts[4:]
