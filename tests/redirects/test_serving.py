"""Old addresses answer 301 to their new one on the OPD's site (issue #19), only where the site
would say 404, in one query, never on another OPD's host, never for odd input a 500."""

import pytest
from django.db import connection

from redirects.models import Redirect
from tests.news.factories import make_article
from tests.news.test_performance import real_queries
from tests.redirects.factories import make_redirect

pytestmark = pytest.mark.django_db


# The old links of a WordPress site, as an import would leave them.
WORDPRESS_LINKS = (
    ("/?p=123", "/berita/banjir-bandang/"),
    ("/?page_id=7", "/halaman/profil/"),
    ("/category/berita-daerah/", "/berita/kategori/berita/"),
    ("/tag/banjir/", "/cari/?q=banjir"),
    ("/2019/05/03/judul-lama/", "/berita/judul-baru/"),
    ("/profil/visi-misi/", "/halaman/visi-misi/"),
    ("/feed/", "/berita/feed/"),
    ("/wp-content/uploads/2019/05/a.jpg", "/media/alpha/library/a.jpg"),
    ("/unduh/sk-2020/", "https://jdih.example.go.id/sk-2020.pdf"),
)


@pytest.fixture
def wordpress_links(opd_a, in_opd):
    with in_opd(opd_a):
        for old, new in WORDPRESS_LINKS:
            make_redirect(old, new, source=Redirect.Source.IMPORT)


@pytest.mark.parametrize(
    ("url", "location"),
    [
        *WORDPRESS_LINKS,
        # Tracking parameters ride along; the significant one still matches.
        ("/?p=123&utm_source=whatsapp", "/berita/banjir-bandang/"),
        ("/?utm_source=fb&p=123", "/berita/banjir-bandang/"),
        # A query on an ordinary old path, and the trailing slash left off.
        ("/2019/05/03/judul-lama/?amp=1", "/berita/judul-baru/"),
        ("/2019/05/03/judul-lama", "/berita/judul-baru/"),
        ("/feed", "/berita/feed/"),
        # Percent-encoded as browsers send it.
        ("/2019/05/03/judul%2Dlama/", "/berita/judul-baru/"),
    ],
)
def test_old_wordpress_links_answer_301(wordpress_links, client_a, url, location):
    response = client_a.get(url)
    assert response.status_code == 301
    assert response["Location"] == location


def test_a_hit_is_counted(wordpress_links, opd_a, in_opd, client_a):
    client_a.get("/?p=123")
    client_a.get("/?p=123&utm_source=wa")
    client_a.head("/feed/")
    with in_opd(opd_a):
        counted = Redirect.objects.get(old_path="/?p=123")
        assert counted.hits == 2 and counted.last_hit_at is not None
        assert Redirect.objects.get(old_path="/feed/").hits == 1
        assert Redirect.objects.get(old_path="/tag/banjir/").hits == 0


@pytest.mark.parametrize(
    "url",
    [
        "/?p=124",
        "/?page_id=123",
        "/?p=1234",
        "/category/lain/",
        "/2019/05/03/judul-lama/lagi/",
    ],
)
def test_unknown_old_addresses_stay_404(wordpress_links, client_a, url):
    assert client_a.get(url).status_code in (200, 404)
    assert client_a.get(url).status_code != 301


def test_the_query_must_match_its_significant_parameter(wordpress_links, client_a):
    # /?p=124 is the home page with an unknown parameter: 200, never the redirect of /?p=123.
    assert client_a.get("/?p=124").status_code == 200
    assert client_a.get("/berita/tidak-ada/?p=123").status_code == 404


def test_a_live_page_is_never_redirected(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        article = make_article("Berita yang hidup")
        make_redirect(article.get_absolute_url(), "/halaman/lain/")
    assert client_a.get(article.get_absolute_url()).status_code == 200


def test_a_post_to_an_old_address_is_not_redirected(wordpress_links, client_a):
    assert client_a.post("/feed/").status_code in (403, 404, 405)


def test_admin_paths_never_redirect(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        # Stored around the validation, which refuses it.
        Redirect.objects.create(old_path="/admin/lama/", target="/berita/")
    assert client_a.get("/admin/lama/").status_code in (302, 404)


def test_a_hand_made_chain_is_followed_one_hop(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_redirect("/a/", "/b/")
        make_redirect("/b/", "/c/")
        make_redirect("/c/", "/d/")
    assert client_a.get("/a/")["Location"] == "/c/"
    assert client_a.get("/b/")["Location"] == "/d/"


def test_a_loop_stored_around_the_validation_does_not_bounce(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        Redirect.objects.create(old_path="/x/", target="/y/")
        Redirect.objects.create(old_path="/y/", target="/x/")
    # One hop, never back to where the visitor came from.
    assert client_a.get("/x/")["Location"] == "/y/"


def test_a_target_that_became_unsafe_is_not_served(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        Redirect.objects.create(old_path="/jahat/", target="javascript:alert(1)")
    assert client_a.get("/jahat/").status_code == 404


# --- Isolation ---


def test_a_redirect_of_alpha_never_answers_on_beta(wordpress_links, client_b, client_a):
    assert client_a.get("/?p=123").status_code == 301
    assert client_b.get("/2019/05/03/judul-lama/").status_code == 404
    assert client_b.get("/feed/").status_code == 404
    assert client_b.get("/?p=123").status_code == 200  # beta's home page


def test_the_public_schema_has_no_redirects_table(wordpress_links, portal_client):
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_name = 'redirects_redirect'"
        )
        assert cursor.fetchone()[0] == 0
    response = portal_client.get("/2019/05/03/judul-lama/")
    assert response.status_code == 404


# --- Queries ---


def test_a_404_costs_one_query_more_and_a_normal_page_none(
    wordpress_links, opd_a, in_opd, client_a, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    with in_opd(opd_a):
        make_article("Berita biasa")

    def queries(url, status):
        with django_assert_max_num_queries(60) as captured:
            assert client_a.get(url).status_code == status
        return real_queries(captured)

    # Warm what every page caches (host, menu, identity).
    queries("/berita/berita-biasa/", 200)
    queries("/tidak-ada/", 404)
    page = queries("/berita/berita-biasa/", 200)
    assert not any("redirects_redirect" in sql for sql in page)
    missing = queries("/tidak-ada/", 404)
    assert sum("redirects_redirect" in sql for sql in missing) == 1
    redirected = queries("/2019/05/03/judul-lama/", 301)
    assert sum("redirects_redirect" in sql for sql in redirected) == 1


# --- Odd input ---


@pytest.mark.parametrize(
    "url",
    [
        "/" + "a" * 5000 + "/",
        "/%00/",
        "/a%0D%0ALocation:%20https://evil.example/",
        "/%ff%fe/",
        "/%E2%82%AC%/",
        "/%25%25%25/",
        "/%C0%AF/",
        "/?p=%00",
        "/?" + "&".join(f"p{n}={n}" for n in range(500)),
        "/?p=123&" + "x" * 4000,
        "/\u00e9t\u00e9/",
        "//evil.example/",
        "/%2F%2Fevil.example/",
    ],
)
def test_odd_input_never_gives_500(wordpress_links, client_a, url):
    response = client_a.get(url)
    assert response.status_code in (200, 301, 400, 404)
    if response.status_code == 301:
        assert response["Location"].startswith("/") and not response["Location"].startswith("//")


def test_a_non_ascii_old_address_is_found(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_redirect("/berita/%C3%A9t%C3%A9/", "/berita/musim-panas/")
        make_redirect("/sejarah/kota-lamá/", "/halaman/sejarah/")
    assert client_a.get("/berita/%C3%A9t%C3%A9/")["Location"] == "/berita/musim-panas/"
    assert client_a.get("/sejarah/kota-lam%C3%A1/")["Location"] == "/halaman/sejarah/"


def test_a_non_ascii_target_is_sent_percent_encoded(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_redirect("/lama/", "/halaman/sejarah-kota-lamá/")
    assert client_a.get("/lama/")["Location"] == "/halaman/sejarah-kota-lam%C3%A1/"


def test_the_home_page_with_a_query_costs_a_query_only_when_it_has_one(
    wordpress_links, client_a, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0

    def redirect_queries(url, status):
        with django_assert_max_num_queries(80) as captured:
            assert client_a.get(url).status_code == status
        return sum("redirects_redirect" in sql for sql in real_queries(captured))

    assert redirect_queries("/", 200) == 0
    # Cold: the names of the parameters old addresses on the home page start with.
    assert redirect_queries("/?utm_source=wa", 200) == 1
    assert redirect_queries("/?utm_source=wa", 200) == 0
    assert redirect_queries("/?fbclid=IwAR0abc&utm_medium=social", 200) == 0
    assert redirect_queries("/?p=124", 200) == 1
    assert redirect_queries("/?p=123", 301) == 1
    assert redirect_queries("/?utm_source=wa&page_id=7", 301) == 1


def test_a_cached_home_page_with_tracking_parameters_costs_no_query(
    wordpress_links, client_a, django_assert_num_queries
):
    client_a.get("/?utm_source=wa")
    client_a.get("/?utm_source=wa")
    with django_assert_num_queries(0):
        response = client_a.get("/?utm_source=wa")
    assert response["X-Page-Cache"] == "hit"


def test_a_new_parameter_name_is_known_at_once(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_redirect("/?p=1", "/berita/")
    assert client_a.get("/?cat=4").status_code == 200  # the names are cached now
    with in_opd(opd_a):
        make_redirect("/?cat=4", "/berita/kategori/berita/")
    assert client_a.get("/?cat=4")["Location"] == "/berita/kategori/berita/"
    with in_opd(opd_a):
        Redirect.objects.filter(old_path="/?cat=4").delete()
    assert client_a.get("/?cat=4").status_code == 200


def test_a_cached_home_page_does_not_hide_a_new_redirect(opd_a, in_opd, client_a):
    assert client_a.get("/?p=55").status_code == 200
    assert client_a.get("/?p=55").status_code == 200  # now from the page cache
    with in_opd(opd_a):
        make_redirect("/?p=55", "/berita/")
    response = client_a.get("/?p=55")
    assert response.status_code == 301 and response["Location"] == "/berita/"


def test_the_301_carries_the_security_headers(wordpress_links, client_a):
    response = client_a.get("/feed/")
    assert response.status_code == 301
    assert response.has_header("Content-Security-Policy")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_old_domain_pointed_at_the_platform_answers_its_old_links(
    wordpress_links, opd_a, settings
):
    from django.test import Client

    from tenants.models import Domain

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "dinas-alpha-lama.example.go.id"]
    Domain.objects.create(domain="dinas-alpha-lama.example.go.id", tenant=opd_a, is_primary=False)
    old_domain = Client(HTTP_HOST="dinas-alpha-lama.example.go.id")
    response = old_domain.get("/2019/05/03/judul-lama/")
    assert response.status_code == 301
    assert response["Location"] == "/berita/judul-baru/"


def test_a_protocol_relative_target_stored_around_the_validation_is_not_served(
    opd_a, in_opd, client_a
):
    with in_opd(opd_a):
        Redirect.objects.create(old_path="/keluar/", target="//evil.example/")
        Redirect.objects.create(old_path="/keluar-2/", target="/\\evil.example/")
    assert client_a.get("/keluar/").status_code == 404
    assert client_a.get("/keluar-2/").status_code == 404
