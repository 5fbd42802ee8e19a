"""A service of OPD alpha never appears anywhere on OPD beta: its URL, beta's admin, search,
sitemap, home and services list."""

import pytest

from tests.factories import make_operator
from tests.publicservices.factories import make_maklumat, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def service_in_a(opd_a, in_opd):
    with in_opd(opd_a):
        make_maklumat(text="<p>Janji rahasia alpha</p>")
        return make_service("Layanan eksklusif alpha", slug="eksklusif-alpha", pk=4242)


def test_the_url_is_404_on_beta(service_in_a, client_a, client_b):
    assert client_a.get("/layanan/eksklusif-alpha/").status_code == 200
    assert client_b.get("/layanan/eksklusif-alpha/").status_code == 404


@pytest.mark.parametrize(
    "url", ["/", "/layanan/", "/layanan/maklumat/", "/sitemap.xml", "/cari/?q=eksklusif"]
)
def test_it_is_not_listed_on_beta(service_in_a, client_b, url):
    response = client_b.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "eksklusif-alpha" not in html and "Layanan eksklusif" not in html
    assert "rahasia alpha" not in html


def test_beta_admin_cannot_open_alpha_s_service_by_id(service_in_a, opd_b, in_opd, client_b):
    from accounts import roles

    with in_opd(opd_b):
        client_b.force_login(make_operator("kepala-beta", role=roles.ADMIN_OPD))
    response = client_b.get("/admin/publicservices/service/4242/change/")
    assert response.status_code in (302, 404)
    listing = client_b.get("/admin/publicservices/service/").content.decode()
    assert "Layanan eksklusif" not in listing


def test_the_same_slug_in_two_opds_stays_apart(service_in_a, opd_b, in_opd, client_b):
    with in_opd(opd_b):
        make_service("Versi beta", slug="eksklusif-alpha", pk=4242)
    html = client_b.get("/layanan/eksklusif-alpha/").content.decode()
    assert "Versi beta" in html and "Layanan eksklusif alpha" not in html
