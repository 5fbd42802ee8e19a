"""The services on the main domain: the portal index, /layanan/ across OPDs with its full-text
search, and the portal home's section."""

import pytest

from mainsite.models import PublishedItem
from publishing.services import publish_content
from tests.publicservices.factories import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def services(opd_a, opd_b, in_opd):
    with in_opd(opd_a):
        ktp = make_service(
            "Penerbitan KTP-el", slug="ktp-el", summary="Kartu Tanda Penduduk elektronik"
        )
    with in_opd(opd_b):
        make_service(
            "Persetujuan Bangunan Gedung",
            slug="pbg",
            summary="Izin mendirikan bangunan, juga untuk izin usaha",
        )
    return ktp


def test_a_published_service_is_indexed_and_unindexed(services, opd_a, in_opd):
    item = PublishedItem.objects.get(opd=opd_a, kind="service")
    assert item.title == "Penerbitan KTP-el" and item.url.endswith("/layanan/ktp-el/")
    with in_opd(opd_a):
        services.is_published = False
        publish_content(services)
    assert not PublishedItem.objects.filter(opd=opd_a, kind="service").exists()


def test_the_portal_lists_services_of_every_opd(services, portal_client):
    html = portal_client.get("/layanan/").content.decode()
    assert "Penerbitan KTP-el" in html and "Persetujuan Bangunan Gedung" in html


@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ("KTP", "Penerbitan KTP-el", "Persetujuan Bangunan Gedung"),
        ("izin usaha", "Persetujuan Bangunan Gedung", "Penerbitan KTP-el"),
    ],
)
def test_the_portal_search_finds_services(services, portal_client, query, found, not_found):
    html = portal_client.get("/layanan/", {"q": query}).content.decode()
    assert found in html and not_found not in html


@pytest.mark.parametrize("query", ["'; DROP TABLE x; --", "a" * 5000, "<script>", "!!!&&|"])
def test_odd_queries_are_not_an_error(services, portal_client, query):
    response = portal_client.get("/layanan/", {"q": query})
    assert response.status_code == 200
    assert 'value="<script>"' not in response.content.decode()


def test_the_portal_home_has_the_services_section(services, portal_client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    html = portal_client.get("/").content.decode()
    assert 'aria-labelledby="bagian-layanan"' in html and "Penerbitan KTP-el" in html


def test_the_portal_page_runs_a_fixed_number_of_queries(
    services, portal_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        assert portal_client.get("/layanan/", {"q": "KTP"}).status_code == 200


def test_a_deactivated_opd_s_services_leave_the_portal(services, opd_b, portal_client):
    opd_b.is_active = False
    opd_b.save()
    assert "Persetujuan Bangunan Gedung" not in portal_client.get("/layanan/").content.decode()
