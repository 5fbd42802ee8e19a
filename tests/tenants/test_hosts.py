"""Host routing: unknown, malformed and deactivated hosts, and the health check."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tenants import services
from tenants.models import Domain

pytestmark = pytest.mark.django_db


def test_the_main_domain_shows_the_portal_with_the_opd_directory(portal_client):
    response = portal_client.get("/")
    assert response.status_code == 200
    assert 'href="/opd/?jenis=dinas"' in response.content.decode()
    page = portal_client.get("/opd/").content.decode()
    assert "Dinas Alpha Kota Uji" in page
    assert 'href="http://alpha.localhost/"' in page


def test_the_directory_filters_by_name_and_kind(portal_client):
    page = portal_client.get("/opd/", {"q": "beta"}).content.decode()
    assert "Badan Beta Kota Uji" in page
    assert "Dinas Alpha Kota Uji" not in page
    assert (
        "Dinas Alpha Kota Uji"
        not in portal_client.get("/opd/", {"jenis": "badan"}).content.decode()
    )


def test_an_opd_home_shows_its_name_and_colours(client_a, opd_a):
    opd_a.primary_color = "#c2410c"
    opd_a.save()
    page = client_a.get("/").content.decode()
    assert "Dinas Alpha Kota Uji" in page
    assert "/tema.css?v=" in page
    css = client_a.get("/tema.css").content.decode()
    assert "--brand:#c2410c" in css


@pytest.mark.parametrize("host", ["nope.localhost", "alpha.nope.localhost", "localhost.localhost"])
def test_an_unknown_host_gets_the_friendly_404_page(host):
    response = Client(HTTP_HOST=host).get("/")
    assert response.status_code == 404
    assert "Situs tidak ditemukan" in response.content.decode()


@pytest.mark.parametrize(
    "host",
    ["bad_host", "<script>", "exa mple.com", "alpha..localhost", "évil.localhost", "example.com"],
)
def test_a_malformed_or_foreign_host_gets_400_never_500(host):
    response = Client(HTTP_HOST=host).get("/")
    assert response.status_code in (400, 404)
    assert "<script>" not in response.content.decode()


def test_www_prefix_reaches_the_same_opd():
    response = Client(HTTP_HOST="www.alpha.localhost").get("/")
    assert response.status_code == 200
    assert "Dinas Alpha Kota Uji" in response.content.decode()


def test_a_custom_domain_serves_its_opd(opd_a, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "bpbd.example.go.id"]
    Domain.objects.create(domain="bpbd.example.go.id", tenant=opd_a, is_primary=False)
    response = Client(HTTP_HOST="bpbd.example.go.id").get("/")
    assert "Dinas Alpha Kota Uji" in response.content.decode()


def test_a_deactivated_opd_shows_the_maintenance_page_and_keeps_its_data(opd_a, in_opd, client_a):
    from django.contrib.auth import get_user_model

    services.set_opd_active(opd=opd_a, active=False)
    for path in ("/", "/admin/", "/admin/login/", "/berita/"):
        response = client_a.get(path)
        assert response.status_code == 503
        assert "sedang dalam pemeliharaan" in response.content.decode()
    with in_opd(opd_a):
        assert get_user_model().objects.filter(username="admin@alpha.example.org").exists()

    services.set_opd_active(opd=opd_a, active=True)
    assert client_a.get("/").status_code == 200


@pytest.mark.parametrize("host", ["localhost", "alpha.localhost", "nope.localhost"])
def test_healthz_answers_on_every_host(host):
    response = Client(HTTP_HOST=host).get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_with_the_database_down_healthz_and_pages_answer_503():
    """Runs the app in a subprocess whose DATABASE_URL points at a port nothing listens on."""
    script = (
        "import django, json\n"
        "django.setup()\n"
        "from django.test import Client\n"
        "health = Client(HTTP_HOST='alpha.localhost').get('/healthz')\n"
        "page = Client(HTTP_HOST='alpha.localhost').get('/')\n"
        "print(json.dumps({'health': health.status_code, 'body': health.json(),"
        " 'page': page.status_code, 'text': page.content.decode()}))\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none?connect_timeout=2",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["health"] == 503
    assert outcome["body"] == {
        "status": "error",
        "database": "unavailable",
        "reason": "connection refused",
    }
    assert outcome["page"] == 503
    assert "Layanan sementara terganggu" in outcome["text"]


@pytest.mark.parametrize(
    ("domain", "status"),
    [
        ("alpha.localhost", 200),
        ("ALPHA.localhost", 200),
        ("localhost", 200),
        ("nope.localhost", 404),
        ("evil.example.com", 404),
        ("", 404),
    ],
)
def test_the_proxy_gets_certificates_only_for_known_domains(domain, status):
    response = Client(HTTP_HOST="web:8000").get("/_tls/ask", {"domain": domain})
    assert response.status_code == status


def test_no_certificate_for_a_deactivated_opd(opd_a):
    services.set_opd_active(opd=opd_a, active=False)
    response = Client(HTTP_HOST="web").get("/_tls/ask", {"domain": "alpha.localhost"})
    assert response.status_code == 404


def test_pages_are_indonesian_whatever_the_browser_asks(client_a):
    page = client_a.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="id">' in page
    assert "Beranda" in page
