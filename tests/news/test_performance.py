"""Citizen pages cost a fixed number of queries, and anonymous pages are cached per OPD."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone

from pages.models import Page
from tests.factories import make_operator
from tests.news.factories import image_bytes, make_article, uploaded

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_articles(opd_a, in_opd):
    with in_opd(opd_a):
        for number in range(25):
            make_article(
                f"Kegiatan warga nomor {number}",
                category=("pengumuman" if number % 4 == 0 else "berita"),
                is_pinned=number < 3,
                published_at=timezone.now() - timedelta(hours=number + 1),
                **({"cover": uploaded("a.jpg", image_bytes(size=(600, 400))),
                    "cover_alt": "x"} if number < 2 else {}),
            )  # fmt: skip


def real_queries(captured):
    """Queries other than django-tenants' `SET search_path`, which precedes every cursor."""
    return [q["sql"] for q in captured.captured_queries if not q["sql"].startswith("SET ")]


# Real queries per page in the worst case: cold page, menu and emergency-banner caches. They
# include the tenant middleware's domain lookup and the page cache's look-up of the next
# scheduled publication, and the pemda identity's shared entry (pemda.services: one query);
# each real query also costs one SET search_path.
@pytest.mark.parametrize(
    ("url", "max_queries"),
    [
        # The home page's row (headline, Sambutan, layout) and its quick links, then one query
        # per news section (homepage.views.home), the agenda's section, the gallery's photo strip
        # and the Maklumat Pelayanan (publicservices).
        ("/", 13),
        ("/berita/", 8),
        ("/berita/?page=2", 8),
        ("/berita/kategori/berita/", 9),
        # One more than a list page: the article's PDF downloads (library.Document).
        ("/berita/kegiatan-warga-nomor-1/", 9),
        # The counts per type, the ranked page and its headlines: one statement (core.search).
        ("/cari/?q=kegiatan+warga", 5),
        # The page (with its parent and grandparent), its published child pages (one query
        # however many) and the profile's leaders.
        ("/halaman/profil/", 8),
        ("/berita/feed/", 5),
        # articles, pages, the PPID list's and the FAQ's last update, documents, services, albums,
        # events
        ("/sitemap.xml", 11),
    ],
)
def test_citizen_pages_run_a_fixed_number_of_queries(
    many_articles, client_a, django_assert_max_num_queries, url, max_queries
):
    with django_assert_max_num_queries(2 * max_queries) as captured:
        response = client_a.get(url)
    assert response.status_code == 200
    assert len(real_queries(captured)) <= max_queries, real_queries(captured)


def test_query_count_does_not_grow_with_the_number_of_articles(
    opd_a, in_opd, client_a, django_assert_max_num_queries
):
    counts = []
    for batch in range(2):
        with in_opd(opd_a):
            for number in range(10):
                make_article(f"Gelombang {batch} nomor {number}")
        for alias in ("default", "shared"):
            caches[alias].clear()
        for url in ("/", "/berita/", "/cari/?q=gelombang"):
            # The home's real queries (see above), each with its SET search_path.
            with django_assert_max_num_queries(30) as captured:
                client_a.get(url)
            counts.append((url, len(real_queries(captured))))
    assert counts[:3] == counts[3:]


def test_a_cached_page_costs_no_query(many_articles, client_a, django_assert_num_queries):
    """The page and the host's OPD (tenants/host_cache.py) both come from the cache."""
    assert client_a.get("/").headers["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client_a.get("/")
    assert response.headers["X-Page-Cache"] == "hit"


def test_publishing_editing_and_removing_invalidate_the_cache(opd_a, in_opd, client_a):
    assert "Kabar pertama" not in client_a.get("/").content.decode()
    with in_opd(opd_a):
        article = make_article("Kabar pertama")
    assert "Kabar pertama" in client_a.get("/").content.decode()
    with in_opd(opd_a):
        article.title = "Kabar diralat"
        article.save()
    assert "Kabar diralat" in client_a.get("/").content.decode()
    with in_opd(opd_a):
        article.delete()
    assert "Kabar diralat" not in client_a.get("/").content.decode()


def test_changing_a_page_refreshes_the_menu(opd_a, in_opd, client_a):
    # A page in the menu (navigation) is shown under its new title at once.
    assert "Layanan Kami" not in client_a.get("/berita/").content.decode()
    with in_opd(opd_a):
        page = Page.objects.get(slug="kontak")
        page.title = "Layanan Kami"
        page.save()
    assert 'href="/halaman/kontak/">Layanan Kami' in client_a.get("/berita/").content.decode()


def test_changing_the_identity_invalidates_the_cache(opd_a, client_a):
    client_a.get("/")
    opd_a.phone = "0254-999"
    opd_a.save()
    assert "0254-999" in client_a.get("/").content.decode()


def test_one_opds_cached_page_is_never_served_to_another(opd_a, opd_b, in_opd, client_a, client_b):
    with in_opd(opd_a):
        make_article("Hanya di alpha")
    assert "Hanya di alpha" in client_a.get("/").content.decode()
    assert "Hanya di alpha" not in client_b.get("/").content.decode()


def test_pages_are_not_cached_for_logged_in_operators(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        user = make_operator("penulis")
        client_a.force_login(user)
    client_a.get("/")
    assert "X-Page-Cache" not in client_a.get("/").headers
