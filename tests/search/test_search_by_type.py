"""Search across every type (issue #18): DIP entries found, counts per type, ?jenis= filter,
on the OPD site and on the portal; isolation, hostile queries and a fixed number of queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mainsite.models import PublishedItem
from pages.models import Page
from ppid.models import PublicInformation
from publishing.services import publish_content
from tests.news.factories import make_article
from tests.news.test_performance import real_queries

pytestmark = pytest.mark.django_db


def make_entry(number, title, summary="Dokumen perencanaan.", **fields):
    values = {
        "number": number,
        "title": title,
        "summary": summary,
        "holder": "Sekretariat",
        "responsible_person": "Sekretaris",
        "produced_when": "Januari 2026",
        "produced_where": "Kantor",
        "retention_period": "5 tahun",
        "year": 2026,
        "category": PublicInformation.Category.PERIODIC,
        **fields,
    }
    entry = PublicInformation(**values)
    entry.full_clean()
    publish_content(entry)
    return entry


@pytest.fixture
def alpha_content(opd_a, in_opd):
    with in_opd(opd_a):
        renstra = make_entry("DIP-001", "Rencana Strategis (Renstra) 2025–2029")
        peta = make_entry(
            "DIP-002", "Peta rawan banjir", summary="Peta rawan banjir dan longsor tiap kecamatan."
        )
        make_article("Sosialisasi peta rawan banjir", body="<p>Warga melihat peta rawan.</p>")
        page = Page.objects.get(slug="profil")
        page.body = "<p>Kami menyusun peta rawan bencana setiap tahun.</p>"
        page.save()
    return {"renstra": renstra, "peta": peta}


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def test_dip_entries_are_found_on_the_opd_site(alpha_content, client_a):
    html = html_of(client_a.get("/cari/", {"q": "renstra"}))
    assert "<mark>Renstra</mark>" in html
    assert f"/ppid/#informasi-{alpha_content['renstra'].pk}" in html
    assert "1 hasil" in html
    html = html_of(client_a.get("/cari/", {"q": "peta rawan"}))
    assert f"#informasi-{alpha_content['peta'].pk}" in html


def test_results_are_counted_per_type_and_filtered_by_jenis(alpha_content, client_a):
    html = html_of(client_a.get("/cari/", {"q": "peta rawan"}))
    assert "3 hasil" in html
    assert 'class="search-kinds"' in html
    for label in ("Berita", "Halaman", "Informasi publik"):
        assert f'{label} <span class="search-kinds__count">1</span>' in html
    assert 'Semua <span class="search-kinds__count">3</span>' in html
    assert "?q=peta+rawan&amp;jenis=document" in html
    only_dip = html_of(client_a.get("/cari/", {"q": "peta rawan", "jenis": "document"}))
    assert "1 hasil" in only_dip
    results = only_dip.split('class="search-results"')[1].split("</ol>")[0]
    assert "#informasi-" in results and "/berita/" not in results
    assert 'aria-current="page">Informasi publik' in only_dip
    # Still every count, so the citizen can go back to the other types.
    assert 'Semua <span class="search-kinds__count">3</span>' in only_dip


@pytest.mark.parametrize("jenis", ["nope", "<script>", "", "faq", "a" * 500, "Document"])
def test_an_unknown_jenis_shows_every_type(alpha_content, client_a, jenis):
    html = html_of(client_a.get("/cari/", {"q": "peta rawan", "jenis": jenis}))
    assert "3 hasil" in html
    assert "<script>" not in html.split("<main")[1]


def test_unpublished_dip_entries_are_not_found(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_entry("DIP-009", "Renstra rahasia", is_published=False)
    assert "Tidak ada hasil" in html_of(client_a.get("/cari/", {"q": "renstra"}))


def test_beta_never_finds_alphas_dip_entries(alpha_content, opd_b, in_opd, client_b):
    with in_opd(opd_b):
        make_entry("DIP-001", "Renstra beta")
    html = html_of(client_b.get("/cari/", {"q": "renstra"}))
    assert "Renstra</mark> beta" in html
    assert "2025–2029" not in html
    assert html_of(client_b.get("/cari/", {"q": "peta rawan"})).count('class="search-result"') == 0


@pytest.mark.parametrize(
    "query", ["renstra & | !", "'renstra' OR 1=1 --", "renstra\x00", "<b>renstra</b>", "-renstra"]
)
def test_hostile_queries_never_break_the_page(alpha_content, client_a, query):
    html = html_of(client_a.get("/cari/", {"q": query, "jenis": "document", "page": "x"}))
    assert "<b>renstra</b>" not in html


def test_the_results_page_costs_a_fixed_number_of_queries(
    opd_a, in_opd, client_a, django_assert_max_num_queries
):
    with in_opd(opd_a):
        for number in range(15):
            make_entry(f"DIP-{number:03}", f"Peta rawan nomor {number}")
            make_article(f"Peta rawan kabar {number}")
    for params in ({"q": "peta rawan"}, {"q": "peta rawan", "jenis": "document", "page": 2}):
        with django_assert_max_num_queries(10) as captured:
            html = html_of(client_a.get("/cari/", params))
        assert 'class="search-result"' in html
        # Domain, scheduled publication, pemda identity, emergency banner (cold caches), then the
        # search itself: the counts per type, the ranked page and its headlines in one
        # statement, whatever the types.
        assert len(real_queries(captured)) <= 5, real_queries(captured)


@pytest.fixture
def twelve_matches(opd_a, in_opd):
    with in_opd(opd_a):
        for number in range(12):
            make_article(f"Posyandu balita kabar {number:02}")


def result_titles(html):
    return html.count('class="search-result"')


@pytest.mark.parametrize("page", ["999", "0", "-3"])
def test_a_page_past_the_end_shows_the_last_page(twelve_matches, client_a, page):
    html = html_of(client_a.get("/cari/", {"q": "posyandu", "page": page}))
    assert "12 hasil" in html
    assert result_titles(html) == 2
    assert "?q=posyandu&amp;page=1" in html


@pytest.mark.parametrize("page", ["x", "1.5", "", "9" * 40])
def test_a_page_that_is_no_number_shows_the_first_or_last(twelve_matches, client_a, page):
    html = html_of(client_a.get("/cari/", {"q": "posyandu", "page": page}))
    assert "12 hasil" in html
    assert result_titles(html) in (10, 2)


def test_the_first_page_ranks_and_the_second_continues_without_repeats(twelve_matches, client_a):
    first = html_of(client_a.get("/cari/", {"q": "posyandu"}))
    second = html_of(client_a.get("/cari/", {"q": "posyandu", "page": 2}))
    titles = [f"kabar {number:02}" for number in range(12)]
    on_first = {title for title in titles if title in first}
    on_second = {title for title in titles if title in second}
    assert len(on_first) == 10 and len(on_second) == 2
    assert on_first.isdisjoint(on_second)


def test_a_jenis_without_matches_shows_every_type(alpha_content, client_a):
    html = html_of(client_a.get("/cari/", {"q": "renstra", "jenis": "article"}))
    assert "1 hasil" in html
    assert f"#informasi-{alpha_content['renstra'].pk}" in html


# --- The portal (main domain) ---


def test_dip_entries_reach_the_portal_index(alpha_content, portal_client):
    assert PublishedItem.objects.filter(kind="document").count() == 2
    html = html_of(portal_client.get("/cari/", {"q": "renstra"}))
    assert "Rencana Strategis (Renstra)" in html
    html = html_of(portal_client.get("/cari/", {"q": "peta rawan"}))
    assert "Peta rawan banjir" in html and "Sosialisasi peta rawan banjir" in html


def test_the_portal_counts_per_type_and_filters_by_jenis(alpha_content, portal_client):
    html = html_of(portal_client.get("/cari/", {"q": "peta rawan"}))
    assert 'Berita <span class="search-kinds__count">1</span>' in html
    assert 'Informasi publik (DIP) <span class="search-kinds__count">1</span>' in html
    only = html_of(portal_client.get("/cari/", {"q": "peta rawan", "jenis": "document"}))
    assert "Peta rawan banjir" in only and "Sosialisasi" not in only.split("search-kinds")[-1]
    for jenis in ("zzz", "<script>", "a" * 300):
        html = html_of(portal_client.get("/cari/", {"q": "peta rawan", "jenis": jenis}))
        assert "Sosialisasi" in html


def test_dip_entries_stay_off_the_portal_news(alpha_content, portal_client):
    html = html_of(portal_client.get("/berita/"))
    assert "Sosialisasi peta rawan" in html
    assert "Rencana Strategis" not in html


def test_unpublishing_a_dip_entry_removes_it_from_the_portal(alpha_content, opd_a, in_opd):
    with in_opd(opd_a):
        entry = PublicInformation.objects.get(pk=alpha_content["renstra"].pk)
        entry.is_published = False
        publish_content(entry)
    assert not PublishedItem.objects.filter(kind="document", title__icontains="renstra").exists()


def test_the_portal_search_costs_a_fixed_number_of_queries(
    alpha_content, portal_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12) as captured:
        html_of(portal_client.get("/cari/", {"q": "peta rawan", "jenis": "document"}))
    assert len(real_queries(captured)) <= 6, real_queries(captured)


# --- Compiled once per process (core.search._compiled_matches) ---


def test_a_scheduled_article_is_found_once_its_time_comes(opd_a, in_opd, client_a):
    moment = timezone.now() + timedelta(hours=2)
    with in_opd(opd_a):
        make_article("Jadwal vaksinasi keliling", published_at=moment)
    assert "Tidak ada hasil" in html_of(client_a.get("/cari/", {"q": "vaksinasi keliling"}))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: moment + timedelta(seconds=1))
        html = html_of(client_a.get("/cari/", {"q": "vaksinasi keliling"}))
    assert "/berita/jadwal-vaksinasi-keliling/" in html


def test_each_search_gets_its_own_words(alpha_content, client_a):
    for _ in range(2):
        renstra = html_of(client_a.get("/cari/", {"q": "renstra"}))
        peta = html_of(client_a.get("/cari/", {"q": "peta rawan"}))
        assert "1 hasil" in renstra and "<mark>Renstra</mark>" in renstra
        assert "3 hasil" in peta and "Renstra" not in peta.split("<main")[1]
