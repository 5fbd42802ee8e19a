"""The OPD home page a citizen gets: each section when filled, gone when empty, in the order the
operator chose; cached per OPD and invalidated by whatever a section shows."""

import re

import pytest
from django.core.cache import caches

from homepage.models import HomePage, QuickLink
from library.services import update_alt_text
from tests.homepage.factories import (
    LONG_TEXT,
    make_banner,
    make_quick_link,
    make_welcome,
    set_layout,
)
from tests.news.factories import make_article
from tests.news.test_performance import real_queries

pytestmark = pytest.mark.django_db


def main_html(client, path="/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def section_titles(html: str) -> list[str]:
    return re.findall(r'<h2 id="[^"]+" class="home-section__title">([^<]+)</h2>', html)


def section_keys(html: str) -> list[str]:
    return re.findall(r'<section class="home-section (home-[a-z]+)"', html)


@pytest.fixture
def everything_filled(opd_a, in_opd):
    opd_a.phone = "0254-111222"
    opd_a.address = "Jl. Alpha No. 1"
    opd_a.save()
    with in_opd(opd_a):
        make_article("Sorotan alpha", is_pinned=True)
        make_article("Kabar alpha")
        make_article("Pengumuman alpha", category="pengumuman")
        make_quick_link("Izin alpha", icon=QuickLink.Icon.IZIN)
        make_welcome("Kepala Alpha")


def test_an_empty_home_shows_no_empty_section_and_no_belum(client_a):
    html = main_html(client_a)
    # Only the PPID box, which every OPD has, remains.
    assert section_titles(html) == ["Layanan Informasi Publik (PPID)"]
    assert "belum" not in html.lower()
    assert 'href="/ppid/permohonan/"' in html
    assert 'href="/ppid/permohonan/lacak/"' in html
    assert 'href="/ppid/"' in html


def test_every_section_filled(everything_filled, client_a):
    html = main_html(client_a)
    assert section_keys(html) == [
        "home-headline", "home-links", "home-welcome", "home-news", "home-announcements",
        "home-ppid",
    ]  # fmt: skip
    assert "Kontak" in html and "0254-111222" in html
    assert "Sorotan alpha" in html and "Kabar alpha" in html and "Pengumuman alpha" in html
    assert "Izin alpha" in html and "/static/img/ikon/izin" in html
    assert "Kepala Alpha" in html and "Kepala Dinas Uji" in html
    assert "belum" not in html.lower()


def test_the_pinned_article_is_the_headline_not_a_latest_card(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_article("Yang disematkan", is_pinned=True)
    html = main_html(client_a)
    assert section_keys(html)[0] == "home-headline"
    assert html.count(">Yang disematkan</a>") == 1
    assert "home-news" not in html


def test_a_banner_headline_shows_its_image_link_and_alt_text(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_article("Disematkan tapi bukan judul utama", is_pinned=True)
        make_banner(title="Vaksinasi gratis", link="/berita/vaksin/", alt="Petugas memberi vaksin")
    html = main_html(client_a)
    assert section_keys(html)[0] == "home-banner"
    assert 'href="/berita/vaksin/"' in html and "Vaksinasi gratis" in html
    banner = re.search(r'<img class="home-banner__image"[^>]+>', html).group(0)
    assert 'alt="Petugas memberi vaksin"' in banner and 'width="1200"' in banner
    assert 'height="675"' in banner and "loading=" not in banner  # first on the page
    assert "Disematkan tapi bukan judul utama" not in html


def test_a_banner_chosen_without_an_image_leaves_no_headline(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_article("Disematkan", is_pinned=True)
        set_layout(headline="banner")
    html = main_html(client_a)
    assert "home-banner" not in html and "home-headline" not in html


def test_the_welcome_photo_is_a_fixed_ratio_rendition_loaded_lazily(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_quick_link()
        make_welcome("Kepala Beta")
        home = HomePage.current()
    sizes = [(r["width"], r["height"]) for r in home.welcome_photo_renditions["renditions"]]
    assert sizes == [(240, 320), (480, 640)]
    html = main_html(client_a)
    photo = re.search(r'<img [^>]*alt="Foto Kepala Beta"[^>]*>', html).group(0)
    assert 'width="480"' in photo and 'height="640"' in photo and 'loading="lazy"' in photo
    assert "Baca selengkapnya" not in html


def test_a_long_welcome_is_cut_on_the_home_and_read_in_full_on_its_page(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_welcome(text=LONG_TEXT, photo=False)
    html = main_html(client_a)
    assert "Baca selengkapnya" in html and 'href="/sambutan/"' in html
    assert "penutup-sambutan" not in html
    assert "penutup-sambutan" in main_html(client_a, "/sambutan/")


def test_the_welcome_page_is_not_found_while_the_welcome_is_empty(client_a):
    assert client_a.get("/sambutan/").status_code == 404


def test_the_operators_order_and_visibility_are_honoured(everything_filled, opd_a, in_opd,
                                                         client_a):  # fmt: skip
    with in_opd(opd_a):
        set_layout(("kontak", True), ("ppid", True), ("sambutan", True), ("berita", False),
                   ("tautan", True), ("pengumuman", True))  # fmt: skip
    html = main_html(client_a)
    # The headline stays first; "berita" is hidden although it has articles.
    assert section_keys(html) == [
        "home-headline", "home-ppid", "home-welcome", "home-links", "home-announcements",
    ]  # fmt: skip
    assert html.index("0254-111222") < html.index("home-ppid")
    assert "Kabar alpha" not in html


def test_a_section_the_layout_does_not_name_yet_shows_at_its_default_place(
    everything_filled, opd_a, in_opd, client_a
):
    """An app registered after the operator saved the layout (issue #18's) still shows."""
    with in_opd(opd_a):
        set_layout(("tautan", True), ("sambutan", False))
    keys = section_keys(main_html(client_a))
    assert keys == ["home-headline", "home-links", "home-news", "home-announcements", "home-ppid"]


def test_no_headline_at_all(everything_filled, opd_a, in_opd, client_a):
    with in_opd(opd_a):
        set_layout(headline="")
    assert section_keys(main_html(client_a))[0] == "home-links"


# Isolation: another OPD's home content never shows here.


def test_another_opds_quick_links_welcome_and_news_never_show(opd_b, in_opd, client_a, client_b):
    with in_opd(opd_b):
        make_quick_link("Tautan rahasia beta")
        make_welcome("Kepala Rahasia Beta")
        make_article("Berita rahasia beta", is_pinned=True)
        make_banner(title="Banner rahasia beta")
    assert "Banner rahasia beta" in main_html(client_b)
    html = main_html(client_a)
    for text in ("Tautan rahasia beta", "Kepala Rahasia Beta", "Berita rahasia beta",
                 "Banner rahasia beta"):  # fmt: skip
        assert text not in html
    assert client_a.get("/sambutan/").status_code == 404


# Page cache: whatever a section shows retires the cached home.


def test_the_cached_home_is_retired_by_every_home_change(opd_a, in_opd, client_a):
    def cached_home() -> str:
        client_a.get("/")
        response = client_a.get("/")
        assert response.headers["X-Page-Cache"] == "hit"
        return response.content.decode()

    cached_home()
    with in_opd(opd_a):
        link = make_quick_link("Tautan baru")
    assert "Tautan baru" in cached_home()
    with in_opd(opd_a):
        link.title = "Tautan diubah"
        link.save()
    assert "Tautan diubah" in cached_home()
    with in_opd(opd_a):
        link.delete()
    assert "Tautan diubah" not in cached_home()
    with in_opd(opd_a):
        make_welcome("Kepala Baru", photo=False)
    assert "Kepala Baru" in cached_home()
    with in_opd(opd_a):
        home = make_banner(alt="Alt pertama")
    assert "Alt pertama" in cached_home()
    with in_opd(opd_a):
        update_alt_text(image=home.banner_image, alt_text="Alt kedua")
        home.banner_alt = "Alt kedua"
        home.save()
    assert "Alt kedua" in cached_home()
    with in_opd(opd_a):
        home.banner_image.delete()
    assert "home-banner" not in cached_home()
    with in_opd(opd_a):
        set_layout(("sambutan", False))
    assert "Kepala Baru" not in cached_home()


# Query counts: a small, fixed number whatever is filled; none when cached. With every cache
# cold: the domain, the next scheduled change, the banners, the pemda's identity, the home
# page's row, its quick links, one per news section (three), the agenda's section, the
# gallery's photo strip, the Maklumat Pelayanan and the menu.

HOME_MAX_QUERIES = 13


def test_the_empty_home_runs_a_fixed_number_of_queries(client_a, django_assert_max_num_queries):
    with django_assert_max_num_queries(2 * HOME_MAX_QUERIES) as captured:
        assert client_a.get("/").status_code == 200
    assert len(real_queries(captured)) <= HOME_MAX_QUERIES, real_queries(captured)


def test_the_filled_home_runs_the_same_number_whatever_is_filled(
    everything_filled, opd_a, in_opd, client_a, django_assert_max_num_queries
):
    counts = []
    for batch in range(2):
        with in_opd(opd_a):
            for number in range(4):
                make_quick_link(f"Tautan {batch}-{number}", position=number)
                make_article(f"Kabar {batch}-{number}")
                make_article(f"Umum {batch}-{number}", category="pengumuman")
        for alias in ("default", "shared"):
            caches[alias].clear()
        with django_assert_max_num_queries(2 * HOME_MAX_QUERIES) as captured:
            assert client_a.get("/").status_code == 200
        counts.append(len(real_queries(captured)))
    assert counts[0] == counts[1] <= HOME_MAX_QUERIES, real_queries(captured)


def test_the_warm_home_costs_no_query(everything_filled, client_a, django_assert_num_queries):
    assert client_a.get("/").headers["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        assert client_a.get("/").headers["X-Page-Cache"] == "hit"


def test_a_long_welcome_is_cut_after_a_whole_paragraph(opd_a, in_opd, client_a):
    paragraphs = [" ".join(f"{name}{n}" for n in range(35)) for name in ("awal", "tengah", "akhir")]
    with in_opd(opd_a):
        make_welcome(text="".join(f"<p>{p}</p>" for p in paragraphs), photo=False)
    html = main_html(client_a)
    assert "awal34" in html and "tengah34" in html
    assert "akhir0" not in html and "…" not in html
    assert "akhir34" in main_html(client_a, "/sambutan/")
