"""An article created in OPD A never appears anywhere on OPD B."""

import pytest

from tests.news.factories import image_bytes, make_article, uploaded

pytestmark = pytest.mark.django_db


@pytest.fixture
def article_in_a(opd_a, in_opd):
    with in_opd(opd_a):
        return make_article(
            "Kabar eksklusif alpha",
            pk=777,
            cover=uploaded("a.jpg", image_bytes(size=(900, 600))),
            cover_alt="Foto alpha",
        )


def test_a_article_url_is_404_on_b(article_in_a, client_a, client_b):
    assert client_a.get("/berita/kabar-eksklusif-alpha/").status_code == 200
    assert client_b.get("/berita/kabar-eksklusif-alpha/").status_code == 404


@pytest.mark.parametrize(
    "url", ["/", "/berita/", "/berita/kategori/berita/", "/berita/feed/", "/sitemap.xml",
            "/cari/?q=eksklusif"],
)  # fmt: skip
def test_a_article_is_not_listed_on_b(article_in_a, client_b, url):
    response = client_b.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kabar" not in html
    assert "kabar-eksklusif-alpha" not in html
    assert "Foto alpha" not in html


def test_the_same_id_in_two_opds_stays_apart(article_in_a, opd_b, in_opd, client_b):
    with in_opd(opd_b):
        make_article("Kabar milik beta", pk=777)
    html = client_b.get("/berita/kabar-milik-beta/").content.decode()
    assert "Kabar milik beta" in html
    assert "eksklusif" not in html


def test_a_media_is_not_served_on_b(article_in_a, client_a, client_b):
    url = "/media/" + article_in_a.cover_meta["share"]
    # The share image lives under MEDIA_ROOT/alpha/...: only alpha's host serves it.
    path = f"/media/alpha/{article_in_a.cover_meta['share']}"
    assert client_a.get(path).status_code == 200
    assert client_b.get(path).status_code == 404
    assert client_b.get(url).status_code == 404


def test_same_slug_in_two_opds_is_fine(opd_a, opd_b, in_opd, client_a, client_b):
    with in_opd(opd_a):
        make_article("Rapat kerja", summary="versi alpha")
    with in_opd(opd_b):
        make_article("Rapat kerja", summary="versi beta")
    assert "versi alpha" in client_a.get("/berita/rapat-kerja/").content.decode()
    assert "versi beta" in client_b.get("/berita/rapat-kerja/").content.decode()
