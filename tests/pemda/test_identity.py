"""The pemda's identity on every page: header, footer, statements, the coat of arms."""

import pytest
from django.core.cache import caches

from pemda.models import PemdaIdentity
from pemda.services import PEMDA_KEY
from tenants.models import Opd
from tests.news.test_performance import real_queries
from tests.pemda.helpers import make_identity

pytestmark = pytest.mark.django_db


@pytest.fixture
def identity(public_tenant):
    return make_identity()


@pytest.fixture
def two_opds_with_contacts(opd_a, opd_b):
    Opd.objects.filter(pk=opd_a.pk).update(
        address="Jl. Alpha No. 7", phone="0254-700700", email="alpha@kotauji.go.id",
        opening_hours="Senin–Jumat 08.00–16.00", map_url="https://www.openstreetmap.org/alpha",
        instagram_url="https://www.instagram.com/dinasalpha",
    )  # fmt: skip
    Opd.objects.filter(pk=opd_b.pk).update(
        address="Jl. Beta No. 9", phone="0254-900900", email="beta@kotauji.go.id",
        instagram_url="https://www.instagram.com/badanbeta",
    )  # fmt: skip


def test_every_opd_header_shows_the_pemdas_arms_and_name_and_its_own(identity, client_a, client_b):
    for client, name in ((client_a, "Dinas Alpha Kota Uji"), (client_b, "Badan Beta Kota Uji")):
        page = client.get("/").content.decode()
        header = page.split("</header>")[0]
        assert "Pemerintah Kota Uji" in header
        assert 'class="brand__arms" src="/lambang-pemda/?v=' in header
        assert name in header
        assert 'href="/cari/"' in header or 'action="/cari/"' in header


def test_the_portal_reads_as_the_pemdas_front_door(identity, portal_client):
    page = portal_client.get("/").content.decode()
    header = page.split("</header>")[0]
    assert "Portal Resmi" in header and "Pemerintah Kota Uji" in header
    assert 'src="/lambang-pemda/?v=' in header


def test_without_an_identity_nothing_empty_is_shown(client_a, portal_client):
    page = client_a.get("/").content.decode()
    assert "lambang-pemda" not in page and "topbar" not in page
    assert "Kebijakan Privasi" not in page
    assert "Portal OPD Terpadu" in portal_client.get("/").content.decode()


def test_the_footer_shows_this_opds_contacts_and_never_another_opds(
    identity, two_opds_with_contacts, client_a, client_b
):
    footer_a = client_a.get("/").content.decode().split('<footer class="site-footer">')[1]
    for own in ("Jl. Alpha No. 7", "0254-700700", "alpha@kotauji.go.id", "Senin–Jumat",
                "openstreetmap.org/alpha", "instagram.com/dinasalpha"):  # fmt: skip
        assert own in footer_a, own
    for other in ("Jl. Beta", "0254-900900", "beta@kotauji.go.id", "badanbeta"):
        assert other not in footer_a, other
    footer_b = client_b.get("/berita/").content.decode().split('<footer class="site-footer">')[1]
    assert "Jl. Beta No. 9" in footer_b and "Jl. Alpha" not in footer_b


def test_the_footer_shows_the_pemda_common_links_statements_rss_and_portal(identity, client_a):
    footer = client_a.get("/").content.decode().split('<footer class="site-footer">')[1]
    for expected in ("Jl. Balai Kota No. 1", "(0254) 111 222", "info@kotauji.go.id",
                     "instagram.com/pemkotuji", 'href="https://www.lapor.go.id/"', "LAPOR!",
                     "JDIH Kota Uji", 'href="/kebijakan-privasi/"',
                     'href="/pernyataan-aksesibilitas/"', 'href="/berita/feed/"',
                     'href="http://localhost/"', 'href="/ppid/"', "©"):  # fmt: skip
        assert expected in footer, expected
    assert footer.index("LAPOR!") < footer.index("JDIH Kota Uji")


def test_the_portal_footer_shows_the_pemda_and_no_opd(
    identity, two_opds_with_contacts, portal_client
):
    footer = portal_client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert "Jl. Balai Kota No. 1" in footer and "LAPOR!" in footer
    assert "Jl. Alpha" not in footer and "Jl. Beta" not in footer


@pytest.mark.parametrize("client_fixture", ["client_a", "portal_client"])
@pytest.mark.parametrize(
    ("path", "text"),
    [("/kebijakan-privasi/", "Data pribadi Anda dijaga."),
     ("/pernyataan-aksesibilitas/", "Situs ini mengikuti WCAG 2.1 AA.")],
)  # fmt: skip
def test_the_statements_are_served_on_every_host_and_cached(
    request, identity, client_fixture, path, text, django_assert_num_queries
):
    client = request.getfixturevalue(client_fixture)
    response = client.get(path)
    assert response.status_code == 200 and text in response.content.decode()
    assert response.headers["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        assert client.get(path).headers["X-Page-Cache"] == "hit"


def test_a_statement_with_script_is_served_sanitised(identity, client_a):
    PemdaIdentity.objects.filter(pk=identity.pk).update(
        privacy_statement='<p>Teks</p><script>alert(1)</script><a href="javascript:x()">x</a>'
    )
    page = client_a.get("/kebijakan-privasi/").content.decode()
    assert "alert(1)" not in page and "javascript:" not in page


def test_an_empty_statement_is_not_found_and_not_linked(public_tenant, client_a, portal_client):
    make_identity(accessibility_statement="")
    assert client_a.get("/pernyataan-aksesibilitas/").status_code == 404
    assert portal_client.get("/pernyataan-aksesibilitas/").status_code == 404
    page = client_a.get("/").content.decode()
    assert "/pernyataan-aksesibilitas/" not in page and "/kebijakan-privasi/" in page


def test_the_arms_are_served_as_inert_svg_on_every_host(identity, client_a, portal_client):
    for client in (client_a, portal_client):
        response = client.get("/lambang-pemda/", {"v": "x"})
        assert response.status_code == 200
        assert response["Content-Type"] == "image/svg+xml"
        assert "default-src 'none'" in response["Content-Security-Policy"]
        assert "sandbox" in response["Content-Security-Policy"]
        assert "immutable" in response["Cache-Control"]
        assert b"<path" in response.content


def test_no_arms_no_image(public_tenant, client_a):
    assert client_a.get("/lambang-pemda/").status_code == 404


def test_a_warm_page_reads_the_identity_from_the_cache_with_no_query(
    identity, client_a, django_assert_num_queries
):
    client_a.get("/")  # fills the page cache and the identity's entry
    assert caches["shared"].get(PEMDA_KEY)["name"] == "Pemerintah Kota Uji"
    with django_assert_num_queries(0):
        assert client_a.get("/").headers["X-Page-Cache"] == "hit"


def test_the_home_page_costs_no_more_queries_with_the_identity_cached(
    public_tenant, client_a, django_assert_max_num_queries
):
    """Once the identity's entry is cached (it is the same entry for every host), an uncached
    home page runs exactly the queries it ran before the pemda app existed."""
    with django_assert_max_num_queries(100) as without:
        client_a.get("/")
    caches["default"].clear()
    caches["shared"].clear()
    make_identity()
    client_a.get("/lambang-pemda/")  # an unrelated request
    caches["shared"].set(PEMDA_KEY, None)
    caches["shared"].delete(PEMDA_KEY)
    client_a.get("/berita/")  # warms the identity's entry, not the home page
    assert caches["shared"].get(PEMDA_KEY) is not None
    with django_assert_max_num_queries(100) as with_identity:
        response = client_a.get("/")
    assert response.headers["X-Page-Cache"] == "miss"
    assert len(real_queries(with_identity)) == len(real_queries(without))


def test_the_identity_entry_is_shared_by_every_host(identity, client_a, client_b, portal_client):
    client_a.get("/")
    entry = caches["shared"].get(PEMDA_KEY)
    assert entry is not None
    caches["shared"].set(PEMDA_KEY, {**entry, "name": "Nama dari cache bersama"})
    assert "Nama dari cache bersama" in client_b.get("/berita/").content.decode()
    assert "Nama dari cache bersama" in portal_client.get("/berita/").content.decode()
