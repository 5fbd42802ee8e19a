"""Machine endpoints: RSS feed, sitemap and robots.txt, each limited to the OPD's own content."""

import feedparser
import pytest

from news.models import Article
from tests.news.factories import make_article

pytestmark = pytest.mark.django_db


def test_feed_lists_published_articles(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_article("Kabar terbaru", summary="Isi ringkas")
        make_article("Draf", status=Article.Status.DRAFT)
    response = client_a.get("/berita/feed/")
    xml = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "<title>Kabar terbaru</title>" in xml
    assert "http://alpha.localhost/berita/kabar-terbaru/" in xml
    assert "Draf" not in xml


def test_sitemap_lists_articles_and_pages(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_article("Masuk peta situs")
    xml = client_a.get("/sitemap.xml").content.decode()
    assert "<loc>http://alpha.localhost/berita/masuk-peta-situs/</loc>" in xml
    assert "<loc>http://alpha.localhost/halaman/profil/</loc>" in xml


def test_robots_txt_points_at_the_sitemap(client_a):
    response = client_a.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://alpha.localhost/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


HOSTILE_SUMMARIES = [
    "<script>alert(1)</script>Rapat koordinasi",
    "&lt;script&gt;alert(1)&lt;/script&gt;Rapat koordinasi",
    "<scr<script>ipt>alert(1)</script>Rapat koordinasi",
    '<img src=x onerror="alert(1)">Rapat koordinasi',
]


def read_feed(xml: bytes):
    """The feed as a reader that renders descriptions as HTML, without a sanitiser, sees it."""
    parsed = feedparser.parse(xml, sanitize_html=False)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed.entries


@pytest.mark.parametrize("summary", HOSTILE_SUMMARIES)
def test_feed_descriptions_carry_no_markup_a_reader_would_run(opd_a, in_opd, client_a, summary):
    with in_opd(opd_a):
        make_article("Kabar", summary=summary)
    (entry,) = read_feed(client_a.get("/berita/feed/").content)
    for detail in [entry.summary_detail, *entry.get("content", [])]:
        assert "<script" not in detail.value.lower()
        assert "<img" not in detail.value.lower()
    assert "Rapat koordinasi" in entry.summary
