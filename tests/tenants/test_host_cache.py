"""The OPD of a host comes from the shared cache, and every change to a domain or an OPD takes
effect on the very next request (tenants/host_cache.py)."""

import pytest

from tenants import services
from tenants.models import Domain

pytestmark = pytest.mark.django_db


def test_a_known_host_is_resolved_without_a_query(client_a, django_assert_num_queries):
    client_a.get("/robots.txt")
    with django_assert_num_queries(0):
        assert client_a.get("/robots.txt").status_code == 200


def test_deactivating_an_opd_takes_effect_at_once(opd_a, client_a):
    assert client_a.get("/robots.txt").status_code == 200
    services.set_opd_active(opd=opd_a, active=False)
    assert client_a.get("/robots.txt").status_code == 503
    services.set_opd_active(opd=opd_a, active=True)
    assert client_a.get("/robots.txt").status_code == 200


def test_a_deleted_domain_stops_resolving_at_once(opd_a, client):
    domain = Domain.objects.create(domain="alpha-lama.localhost", tenant=opd_a)
    assert client.get("/robots.txt", HTTP_HOST="alpha-lama.localhost").status_code == 200
    domain.delete()
    assert client.get("/robots.txt", HTTP_HOST="alpha-lama.localhost").status_code == 404


def test_a_renamed_domain_stops_resolving_under_its_old_name(opd_a, client):
    domain = Domain.objects.create(domain="alpha-lama.localhost", tenant=opd_a)
    assert client.get("/robots.txt", HTTP_HOST="alpha-lama.localhost").status_code == 200
    domain.domain = "alpha-baru.localhost"
    domain.save()
    assert client.get("/robots.txt", HTTP_HOST="alpha-lama.localhost").status_code == 404
    assert client.get("/robots.txt", HTTP_HOST="alpha-baru.localhost").status_code == 200


def test_a_domain_moved_to_another_opd_serves_that_opd_at_once(opd_a, opd_b, client):
    domain = Domain.objects.create(domain="bersama.localhost", tenant=opd_a)
    assert "Dinas Alpha" in client.get("/", HTTP_HOST="bersama.localhost").content.decode()
    domain.tenant = opd_b
    domain.save()
    page = client.get("/", HTTP_HOST="bersama.localhost").content.decode()
    assert "Badan Beta" in page and "Dinas Alpha" not in page


def test_an_unknown_host_is_not_remembered(opd_a, client):
    assert client.get("/robots.txt", HTTP_HOST="baru.localhost").status_code == 404
    Domain.objects.create(domain="baru.localhost", tenant=opd_a)
    assert client.get("/robots.txt", HTTP_HOST="baru.localhost").status_code == 200


def test_a_changed_identity_reaches_the_cached_opd(opd_a, client_a):
    client_a.get("/robots.txt")
    opd_a.short_name = "Alpha Baru"
    opd_a.save()
    assert "Alpha Baru" in client_a.get("/berita/").content.decode()
