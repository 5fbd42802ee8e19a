"""/metrics: Prometheus metrics for the internal network or a bearer token, never the public."""

import pytest
from django.db import connection
from django.test import Client
from prometheus_client import REGISTRY

from tenants.services import set_opd_active

pytestmark = pytest.mark.django_db

PUBLIC_IP = "36.86.63.180"
PROXY_IP = "172.18.0.5"  # Caddy, on the compose network
TOKEN = "token-metrik-" + "x" * 32


@pytest.fixture
def behind_caddy(settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    settings.METRICS_TOKEN = TOKEN
    return settings


def scrape(client, *, forwarded_for=None, remote=PROXY_IP, token=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded_for:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client.get("/metrics", **headers)


def test_metrics_are_refused_to_a_public_address_without_the_token(behind_caddy, client_a):
    assert scrape(client_a, forwarded_for=PUBLIC_IP).status_code == 404
    assert scrape(client_a, forwarded_for=PUBLIC_IP, token="salah").status_code == 404
    # A forged entry on the left of the chain is the client's own word, not Caddy's.
    assert scrape(client_a, forwarded_for=f"10.0.0.1, {PUBLIC_IP}").status_code == 404
    assert scrape(client_a, remote=PUBLIC_IP, forwarded_for=None).status_code == 404


def test_no_token_configured_means_no_token_is_accepted(behind_caddy, client_a):
    behind_caddy.METRICS_TOKEN = ""
    assert scrape(client_a, forwarded_for=PUBLIC_IP, token=" ").status_code == 404


def test_metrics_are_served_with_the_token_from_anywhere(behind_caddy, client_a):
    response = scrape(client_a, forwarded_for=PUBLIC_IP, token=TOKEN)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "django_http_requests_total_by_method_total" in response.content.decode()


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "192.168.1.20", "::1", "fd00::5"])
def test_metrics_are_served_to_the_internal_network(settings, portal_client, address):
    settings.METRICS_TOKEN = ""
    assert scrape(portal_client, remote=address).status_code == 200


def test_metrics_answer_on_any_host_before_the_tenant_is_resolved(client):
    response = client.get("/metrics", HTTP_HOST="tidak-dikenal.localhost")
    assert response.status_code == 200


def status_count(status: str) -> float:
    return (
        REGISTRY.get_sample_value("django_http_responses_total_by_status_total", {"status": status})
        or 0.0
    )


def test_answers_given_before_the_view_are_counted_by_status(client_a, opd_b, client_b, client):
    """A cached page and a deactivated OPD's 503 never reach the view; they still count."""
    before = {status: status_count(status) for status in ("200", "503", "404")}
    client_a.get("/")
    assert client_a.get("/")["X-Page-Cache"] == "hit"
    connection.set_schema_to_public()
    set_opd_active(opd=opd_b, active=False)
    assert client_b.get("/").status_code == 503
    assert client.get("/", HTTP_HOST="tidak-dikenal.localhost").status_code == 404
    assert status_count("200") == before["200"] + 2
    assert status_count("503") == before["503"] + 1
    assert status_count("404") == before["404"] + 1


def test_the_public_proxy_refuses_metrics_before_passing_anything_on():
    """Checked against a running Caddy 2.6 when written: /metrics, /metrics/, /METRICS and
    /metrics?x all 404 while / reaches the app (Caddy does not run in the tests); the site
    goes through the accelerator, which refuses /metrics too (deploy/varnish/default.vcl)."""
    from pathlib import Path

    caddyfile = (Path(__file__).resolve().parents[2] / "deploy" / "Caddyfile").read_text()
    refusal = caddyfile.index("handle /metrics* {\n\t\trespond 404\n\t}")
    assert refusal < caddyfile.index("\thandle {\n\t\treverse_proxy varnish:80")


@pytest.mark.parametrize("length", ["abc", "1.5", "-1", "²"])
def test_a_malformed_content_length_is_a_bad_request(opd_a, length):
    response = Client(HTTP_HOST="alpha.localhost").generic(
        "POST", "/ppid/permohonan/", b"", CONTENT_LENGTH=length
    )
    assert response.status_code == 400
