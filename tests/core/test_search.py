"""Full-text search within one OPD: ranked, highlighted, paginated, and robust to junk."""

import pytest

from news.models import Article
from pages.models import Page
from tests.news.factories import make_article

pytestmark = pytest.mark.django_db


def test_search_finds_articles_and_pages_with_highlighted_snippets(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_article(
            "Vaksinasi gratis di puskesmas",
            body="<p>Warga dapat mengikuti vaksinasi di seluruh puskesmas kota.</p>",
        )
        make_article("Lomba kebersihan kampung", body="<p>Kampung paling bersih menang.</p>")
        page = Page.objects.get(slug="profil")
        page.body = "<p>Kami juga mengelola program vaksinasi anak.</p>"
        page.save()
    response = client_a.get("/cari/", {"q": "vaksinasi"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>Vaksinasi</mark> gratis" in html
    assert "/berita/vaksinasi-gratis-di-puskesmas/" in html
    assert "/halaman/profil/" in html
    assert "Lomba kebersihan" not in html
    assert "2 hasil" in html


def test_search_uses_indonesian_stemming(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_article("Pelayanan kependudukan", body="<p>Kami melayani perekaman KTP.</p>")
    html = client_a.get("/cari/", {"q": "layanan"}).content.decode()
    assert "/berita/pelayanan-kependudukan/" in html


def test_title_matches_rank_above_body_matches(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_article("Catatan rapat", body="<p>Sempat dibahas soal banjir.</p>")
        make_article("Banjir melanda dua kecamatan", body="<p>Air setinggi lutut.</p>")
    html = client_a.get("/cari/", {"q": "banjir"}).content.decode()
    assert html.index("/berita/banjir-melanda-dua-kecamatan/") < html.index(
        "/berita/catatan-rapat/"
    )


def test_search_results_are_paginated(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        for number in range(12):
            make_article(f"Posyandu ke-{number}")
    first = client_a.get("/cari/", {"q": "posyandu"}).content.decode()
    second = client_a.get("/cari/", {"q": "posyandu", "page": 2}).content.decode()
    assert first.count('class="search-result"') == 10
    assert second.count('class="search-result"') == 2
    assert "?q=posyandu&amp;page=2" in first


def test_stored_html_in_snippets_is_escaped(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        article = make_article("Judul biasa", body="<p>kata kunci</p>")
        Article.objects.filter(pk=article.pk).update(
            body_text="kunci <script>alert(1)</script>", title="kunci <b>tebal</b>"
        )
    html = client_a.get("/cari/", {"q": "kunci"}).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html or "alert" not in html
    assert "<b>tebal</b>" not in html


@pytest.mark.parametrize(
    "query",
    ["", "   ", "!!!???***", "&|!():*<>", "'\"\\;--", "a" * 10_000, "x\x00y", "🙂🙂", "♥ & ♦"],
)
def test_empty_or_absurd_queries_give_a_helpful_page(opd_a, in_opd, client_a, query):
    with in_opd(opd_a):
        make_article("Apa saja")
    response = client_a.get("/cari/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cari" in html
    if len(query) > 200:
        assert "hanya 200 karakter pertama" in html


def test_search_never_shows_another_opds_content(opd_a, opd_b, in_opd, client_b):
    with in_opd(opd_a):
        make_article("Rahasia alpha tentang jembatan")
    with in_opd(opd_b):
        make_article("Jembatan beta diperbaiki")
    html = client_b.get("/cari/", {"q": "jembatan"}).content.decode()
    assert "<mark>Jembatan</mark> beta" in html
    assert "Rahasia" not in html
