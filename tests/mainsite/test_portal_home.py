"""The portal home as the pemda's front door: search, a lead story and a few more from every
OPD, the OPDs by kind (never every OPD), the PPID front door and the sections content apps add;
small and in a fixed number of queries however many OPDs there are."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import pagecache, registry
from tenants.models import Opd
from tests.mainsite.helpers import bare_opd, index_article

pytestmark = pytest.mark.django_db


def test_the_home_has_search_news_directory_by_kind_and_ppid(portal_client, opd_a, opd_b):
    index_article(opd_a, 1, "Tanpa gambar terbaru", days_ago=0)
    index_article(opd_b, 2, "Berita dengan foto", days_ago=1, image_url="/media/beta/foto.jpg")
    for number in range(3, 10):
        index_article(opd_a, number, f"Kabar lama {number}", days_ago=number)
    html = portal_client.get("/").content.decode()
    assert 'role="search"' in html and 'action="/cari/"' in html
    # The newest story with a picture leads; the newest without one follows among the others.
    lead = re.search(r'<article class="portal-lead">.*?</article>', html, re.S).group(0)
    assert "Berita dengan foto" in lead and "/media/beta/foto.jpg" in lead
    more = re.search(r'<ul class="portal-more">.*?</ul>', html, re.S).group(0)
    assert more.count('class="portal-more__item"') == 4
    assert "Tanpa gambar terbaru" in more and "Kabar lama 9" not in html
    assert 'href="/berita/"' in html
    assert 'href="/opd/?jenis=dinas"' in html
    assert "PPID" in html and 'href="/ppid/"' in html


def test_without_news_the_news_section_disappears(portal_client, opd_a):
    html = portal_client.get("/").content.decode()
    assert "portal-lead" not in html and "Belum ada berita" not in html
    assert 'href="/opd/?jenis=dinas"' in html


def test_the_home_counts_opds_by_kind_and_never_lists_them(portal_client, opd_a, opd_b):
    Opd.objects.filter(pk=opd_b.pk).update(kind=Opd.Kind.BADAN)
    bare_opd("kec-satu", name="Kecamatan Satu", kind=Opd.Kind.KECAMATAN)
    bare_opd("kec-dua", name="Kecamatan Dua", kind=Opd.Kind.KECAMATAN)
    bare_opd("tutup", name="Dinas Tutup", is_active=False)
    html = portal_client.get("/").content.decode()
    kinds = re.findall(r'href="/opd/\?jenis=(\w+)"><span class="portal-kind__label">(\w+)</span> '
                       r'<span class="portal-kind__count">(\d+) OPD', html)  # fmt: skip
    assert kinds == [("dinas", "Dinas", "1"), ("badan", "Badan", "1"),
                     ("kecamatan", "Kecamatan", "2")]  # fmt: skip
    assert "Semua 4 OPD" in html
    for name in ("Kecamatan Satu", "Dinas Alpha Kota Uji", "Dinas Tutup"):
        assert name not in html


def test_the_directory_filters_by_kind(portal_client, opd_a, opd_b):
    bare_opd("kec-satu", name="Kecamatan Satu", kind=Opd.Kind.KECAMATAN)
    html = portal_client.get("/opd/?jenis=kecamatan").content.decode()
    assert "Kecamatan Satu" in html and opd_a.name not in html and opd_b.name not in html
    assert "<h1>Direktori OPD: Kecamatan</h1>" in html
    assert 'href="/opd/?jenis=kecamatan" aria-current="page"' in html
    # Every OPD card leads to its PPID too (the directory of OPD PPIDs until the pemda's /ppid/).
    assert 'href="http://kec-satu.localhost/ppid/"' in html
    unknown = portal_client.get("/opd/?jenis=portal").content.decode()
    assert opd_a.name in unknown and "Portal OPD Terpadu</a>" not in unknown


def test_the_directory_is_paginated(portal_client, opd_a):
    for number in range(60):
        bare_opd(f"dinas-{number:02d}", name=f"Dinas Nomor {number:02d}")
    first = portal_client.get("/opd/").content.decode()
    assert first.count('class="card opd-card"') == 48
    second = portal_client.get("/opd/?page=2").content.decode()
    assert second.count('class="card opd-card"') == 62 - 48  # with alpha and beta
    assert "Halaman 2 dari 2" in second


def test_the_home_stays_small_and_its_queries_fixed_with_300_opds(portal_client, opd_a, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the cost of rendering, not of the page cache
    index_article(opd_a, 1, "Banjir di Alpha", image_url="/media/alpha/a.jpg")
    portal_client.get("/")
    pagecache.invalidate("public")
    with CaptureQueriesContext(connection) as few:
        small = portal_client.get("/").content
    kinds = [Opd.Kind.DINAS, Opd.Kind.BADAN, Opd.Kind.KECAMATAN, Opd.Kind.KELURAHAN]
    for number in range(300):
        opd = bare_opd(f"opd-{number}", name=f"Perangkat Daerah Nomor {number}",
                       kind=kinds[number % 4])  # fmt: skip
        index_article(opd, 1, f"Kabar {number}", days_ago=number % 30)
    with CaptureQueriesContext(connection) as many:
        large = portal_client.get("/").content
    assert len(many) == len(few)
    assert len(large) < 20_000, len(large)
    assert len(large) - len(small) < 2_000
    assert "Perangkat Daerah Nomor 299" not in large.decode()


def test_the_home_is_served_from_the_page_cache(portal_client, opd_a):
    index_article(opd_a, 1, "Kabar Alpha")
    portal_client.get("/")
    assert portal_client.get("/")["X-Page-Cache"] == "hit"


@pytest.fixture
def agenda_app(monkeypatch):
    """A content app providing a portal section, as the agenda app of issue #18 will."""
    events = []
    section = registry.PortalSection(
        key="agenda",
        title="Agenda seluruh OPD",
        template="mainsite/tests/_agenda_section.html",
        items=lambda: list(events),
        position=20,
        more_url="/agenda/",
    )
    monkeypatch.setitem(
        registry._apps,
        "agenda-uji",
        registry.ContentApp(label="agenda-uji", portal_sections=(section,)),
    )
    return events


def test_a_portal_section_shows_only_once_an_app_gives_it_items(
    portal_client, opd_a, agenda_app, settings, tmp_path
):
    folder = tmp_path / "mainsite" / "tests"
    folder.mkdir(parents=True)
    (folder / "_agenda_section.html").write_text(
        "<ul>{% for item in items %}<li>{{ item }}</li>{% endfor %}</ul>"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    settings.PAGE_CACHE_SECONDS = 0
    assert "Agenda seluruh OPD" not in portal_client.get("/").content.decode()
    agenda_app.append("Rapat koordinasi banjir")
    html = portal_client.get("/").content.decode()
    assert 'aria-labelledby="bagian-agenda"' in html and "Agenda seluruh OPD" in html
    assert "<li>Rapat koordinasi banjir</li>" in html and 'href="/agenda/"' in html
