"""The portal on the main domain: every OPD's news, read from the public index only."""

import time

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import pagecache
from mainsite.models import PublishedItem
from tenants import services
from tenants.models import Domain
from tests.mainsite.helpers import bare_opd, index_article

pytestmark = pytest.mark.django_db


def test_the_portal_home_lists_the_latest_news_of_all_opds(portal_client, opd_a, opd_b):
    index_article(opd_a, 1, "Banjir surut di Kelurahan Alpha", days_ago=2)
    index_article(opd_b, 1, "Pelatihan UMKM Beta", days_ago=1)
    page = portal_client.get("/").content.decode()
    assert page.index("Pelatihan UMKM Beta") < page.index("Banjir surut di Kelurahan Alpha")
    assert 'href="http://alpha.localhost/berita/artikel-1/"' in page


def test_scheduled_items_appear_only_when_their_time_comes(portal_client, opd_a, monkeypatch):
    index_article(opd_a, 7, "Agenda bulan depan", days_ago=-3)
    assert "Agenda bulan depan" not in portal_client.get("/berita/").content.decode()
    PublishedItem.objects.filter(source_id=7).update(published_at="2020-01-01T00:00:00Z")
    # Three days later: the cached page expires at the item's publication time by itself.
    later = time.time() + 3 * 86400 + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert "Agenda bulan depan" in portal_client.get("/berita/").content.decode()


def test_news_of_a_deactivated_opd_disappears_from_the_portal(portal_client, opd_a):
    index_article(opd_a, 1, "Berita Alpha")
    services.set_opd_active(opd=opd_a, active=False)
    for path in ("/", "/berita/", "/berita/feed/", "/cari/?q=alpha"):
        assert "Berita Alpha" not in portal_client.get(path).content.decode(), path
    assert "Dinas Alpha Kota Uji" not in portal_client.get("/opd/").content.decode()


def test_portal_news_filters_by_opd_and_category(portal_client, opd_a, opd_b):
    index_article(opd_a, 1, "Alpha pengumuman", category="Pengumuman", category_slug="pengumuman")
    index_article(opd_b, 1, "Beta berita", category="Berita", category_slug="berita")
    by_opd = portal_client.get("/berita/", {"opd": "beta"}).content.decode()
    assert "Beta berita" in by_opd and "Alpha pengumuman" not in by_opd
    by_category = portal_client.get("/berita/", {"kategori": "pengumuman"}).content.decode()
    assert "Alpha pengumuman" in by_category and "Beta berita" not in by_category


def test_portal_news_is_paginated(portal_client, opd_a):
    for number in range(15):
        index_article(opd_a, number, f"Kabar nomor {number:02d}", days_ago=number + 1)
    first = portal_client.get("/berita/").content.decode()
    second = portal_client.get("/berita/", {"page": 2}).content.decode()
    assert "Kabar nomor 00" in first and "Kabar nomor 14" not in first
    assert "Kabar nomor 14" in second
    assert 'href="?page=2" rel="next"' in first
    assert 'href="?page=1" rel="prev"' in second
    filtered = portal_client.get("/berita/", {"opd": "alpha"}).content.decode()
    assert 'href="?opd=alpha&amp;page=2" rel="next"' in filtered
    assert portal_client.get("/berita/", {"page": "999"}).status_code == 200
    assert portal_client.get("/berita/", {"page": "x<script>"}).status_code == 200


def test_portal_search_uses_indonesian_full_text(portal_client, opd_a, opd_b):
    index_article(opd_a, 1, "Penyaluran bantuan sosial untuk korban banjir")
    index_article(opd_b, 1, "Jadwal vaksinasi anak sekolah")
    page = portal_client.get("/cari/", {"q": "banjir"}).content.decode()
    assert "Penyaluran bantuan sosial" in page
    assert "Jadwal vaksinasi" not in page
    # Indonesian stemming: "penyaluran" is found from "salurkan"-style stems.
    assert "Penyaluran bantuan" in portal_client.get("/cari/", {"q": "bantuan"}).content.decode()


@pytest.mark.parametrize(
    "query", ["", "   ", "!!!", "'\"\\;--", "a" * 10_000, "<script>alert(1)</script>", "OR AND -"]
)
def test_absurd_portal_searches_get_a_helpful_page(portal_client, query):
    response = portal_client.get("/cari/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_titles_with_html_are_escaped_everywhere_on_the_portal(portal_client, opd_a):
    index_article(
        opd_a,
        1,
        '<script>alert("x")</script> Judul <b>tebal</b>',
        summary="<img src=x onerror=alert(1)>",
    )
    for path in ("/", "/berita/", "/cari/?q=judul"):
        page = portal_client.get(path).content.decode()
        assert '<script>alert("x")</script>' not in page, path
        assert "&lt;script&gt;" in page, path
        assert "<img src=x" not in page, path
    feed = portal_client.get("/berita/feed/").content.decode()
    assert "<script>" not in feed


@pytest.mark.parametrize(
    "summary",
    [
        "<script>alert(1)</script>Rapat koordinasi",
        "&lt;script&gt;alert(1)&lt;/script&gt;Rapat koordinasi",
        '<img src=x onerror="alert(1)">Rapat koordinasi',
    ],
)
def test_the_feed_descriptions_carry_no_markup_a_reader_would_run(portal_client, opd_a, summary):
    index_article(opd_a, 1, "Kabar Alpha", summary=summary)
    # As a reader that renders descriptions as HTML, without a sanitiser, reads the feed.
    parsed = feedparser.parse(portal_client.get("/berita/feed/").content, sanitize_html=False)
    (entry,) = parsed.entries
    for detail in [entry.summary_detail, *entry.get("content", [])]:
        assert "<script" not in detail.value.lower()
        assert "<img" not in detail.value.lower()
    assert "Rapat koordinasi" in entry.summary


def test_the_feed_lists_all_opds_news(portal_client, opd_a, opd_b):
    index_article(opd_a, 1, "Kabar Alpha")
    index_article(opd_b, 1, "Kabar Beta")
    response = portal_client.get("/berita/feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = response.content.decode()
    assert "Kabar Alpha (Alpha)" in feed and "Kabar Beta (Beta)" in feed
    assert "http://beta.localhost/berita/artikel-1/" in feed


def test_the_directory_shows_each_opds_last_update(portal_client, opd_a):
    index_article(opd_a, 1, "Kabar", days_ago=0)
    page = portal_client.get("/opd/").content.decode()
    assert "diperbarui" in page
    assert "belum ada berita" in page  # beta has none


def test_the_directory_links_every_opd_on_its_primary_domain(portal_client, opd_a, opd_b):
    Domain.objects.create(domain="www.alpha.example.go.id", tenant=opd_a, is_primary=True)
    page = portal_client.get("/opd/").content.decode()
    assert page.count('href="http://www.alpha.example.go.id/"') == 1
    assert 'href="http://alpha.localhost/"' not in page
    assert page.count('href="http://beta.localhost/"') == 1


@pytest.mark.parametrize("path", ["/", "/opd/", "/berita/", "/cari/?q=banjir", "/berita/feed/"])
def test_portal_pages_cost_the_same_with_many_opds(portal_client, opd_a, path, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the cost of rendering, not of the page cache
    index_article(opd_a, 1, "Banjir di Alpha")
    portal_client.get(path)  # warm the caches that do not depend on the number of OPDs
    pagecache.invalidate("public")  # what is kept per content version is computed again
    with_two = _queries(portal_client, path)
    for number in range(60):
        opd = bare_opd(f"dinas-{number}")
        index_article(opd, 1, f"Banjir di dinas {number}", days_ago=number % 10)
    with_sixty_two = _queries(portal_client, path)
    assert with_sixty_two == with_two
    assert with_two <= 5


def test_portal_news_counts_and_filters_once_per_content_change(portal_client, opd_a, opd_b):
    index_article(opd_a, 1, "Kabar Alpha", category="Berita", category_slug="berita")
    assert _queries(portal_client, "/berita/") > _queries(portal_client, "/berita/?page=1")
    index_article(opd_b, 2, "Pengumuman Beta", category="Pengumuman", category_slug="pengumuman")
    page = portal_client.get("/berita/").content.decode()
    assert 'value="pengumuman"' in page and "Pengumuman Beta" in page and 'value="beta"' in page
    opd_b.is_active = False
    opd_b.save()
    page = portal_client.get("/berita/?kategori=pengumuman").content.decode()
    assert "Pengumuman Beta" not in page and 'value="beta"' not in page


def test_the_portal_home_counts_opds_by_kind_once_per_change(portal_client, opd_a, opd_b, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the counts kept per content version, not the page cache
    portal_client.get("/")  # warm the caches that do not depend on the content
    pagecache.invalidate("public")
    reads_the_opd_list = 'FROM "tenants_opd"'
    assert any(reads_the_opd_list in sql for sql in _statements(portal_client, "/"))
    assert not any(reads_the_opd_list in sql for sql in _statements(portal_client, "/"))
    bare_opd("gamma", name="Dinas Gamma")
    page = portal_client.get("/").content.decode()
    assert 'href="/opd/?jenis=dinas"' in page and "Semua 3 OPD" in page
    opd_a.is_active = False
    opd_a.save()
    page = portal_client.get("/").content.decode()
    assert "Semua 2 OPD" in page


def test_portal_news_marks_the_chosen_opd_in_its_cached_options(
    portal_client, opd_a, opd_b, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # the options kept per content version, not the page cache
    index_article(opd_a, 1, "Kabar Alpha")
    for chosen, other in (("alpha", "beta"), ("beta", "alpha"), ("alpha", "beta")):
        page = portal_client.get(f"/berita/?opd={chosen}").content.decode()
        assert f'value="{chosen}" selected' in page and f'value="{other}" selected' not in page
    response = portal_client.get("/berita/?opd=%22%3E%3Cscript%3Ealert(1)%3C/script%3E")
    page = response.content.decode()
    assert response.status_code == 200 and "<script>alert" not in page
    assert " selected>" not in page.split('id="kategori"')[0]


@pytest.mark.parametrize("path", ["/", "/berita/", "/berita/?opd=alpha&kategori=berita"])
def test_portal_pages_read_the_content_version_once(portal_client, opd_a, path, monkeypatch):
    index_article(opd_a, 1, "Kabar Alpha", category="Berita", category_slug="berita")
    reads = []
    version = pagecache.content_version

    def counted():
        reads.append(1)
        return version()

    monkeypatch.setattr(pagecache, "content_version", counted)
    monkeypatch.setattr(pagecache, "page_timeout", lambda: 0)  # every request renders
    for _ in range(2):  # a cold render, then a warm one
        reads.clear()
        assert "Kabar Alpha" in portal_client.get(path).content.decode()
        assert len(reads) == 1


def _statements(client, path):
    """The SQL a request runs, without django-tenants' `SET search_path` statements."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return [query["sql"] for query in captured if not query["sql"].startswith("SET search_path")]


def _queries(client, path):
    return len(_statements(client, path))
