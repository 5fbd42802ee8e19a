"""Media: an OPD's files only on its own hosts, never across OPDs, never while deactivated;
the same rules for Django's media view and for the proxy's /_media/ask."""

import pytest
from django.test import Client

from tenants import services

pytestmark = pytest.mark.django_db

ALPHA_FILE = "alpha/editor/foto.jpg"
BETA_FILE = "beta/editor/rahasia.jpg"
BETA_BYTES = b"BETA-ONLY-BYTES"


FILES = (
    (ALPHA_FILE, b"ALPHA-BYTES"),
    (BETA_FILE, BETA_BYTES),
    ("alpha/identitas/logo.png", b"ALPHA-LOGO"),
    ("public/editor/portal.jpg", b"PORTAL-BYTES"),
)


@pytest.fixture(autouse=True)
def files(media_root):
    for name, data in FILES:
        (media_root / name).parent.mkdir(parents=True, exist_ok=True)
        (media_root / name).write_bytes(data)


@pytest.fixture
def stored(storage_backend):
    """The same files in the configured storage: on disk, or in the S3 bucket (served then by
    Django's media view from the bucket, as with S3_PUBLIC_URL=/media/ and PORTAL_SERVE_MEDIA)."""
    for name, data in FILES:
        storage_backend.write(name, data)


def ask(client, uri):
    return client.get("/_media/ask", HTTP_X_FORWARDED_URI=uri).status_code


# Every way to write "alpha/../beta/editor/rahasia.jpg" that a server or browser may decode.
TRAVERSALS = [
    "/media/alpha/../beta/editor/rahasia.jpg",
    "/media/alpha/%2e%2e/beta/editor/rahasia.jpg",
    "/media/alpha/%2E%2E/beta/editor/rahasia.jpg",
    "/media/alpha/%2e%2e%2fbeta/editor/rahasia.jpg",
    "/media/alpha/..%2fbeta/editor/rahasia.jpg",
    "/media/alpha/%252e%252e/beta/editor/rahasia.jpg",
    "/media/alpha/%252e%252e%252fbeta/editor/rahasia.jpg",
    "/media/alpha/..\\beta\\editor\\rahasia.jpg",
    "/media/alpha/..%5cbeta%5ceditor%5crahasia.jpg",
    "/media/alpha//../beta/editor/rahasia.jpg",
    "/media/alpha/./../beta/editor/rahasia.jpg",
    "/media/alpha/editor/../../beta/editor/rahasia.jpg",
    "/media//beta/editor/rahasia.jpg",
    "/media/alpha/%00/../beta/editor/rahasia.jpg",
]


@pytest.mark.parametrize("uri", TRAVERSALS)
def test_no_encoding_of_dot_dot_reaches_another_opd(client_a, uri):
    response = client_a.get(uri)
    assert response.status_code == 404
    assert BETA_BYTES not in response.content
    assert ask(client_a, uri) == 404


@pytest.mark.parametrize("uri", TRAVERSALS)
def test_no_encoding_of_dot_dot_reaches_an_opd_from_the_main_domain(portal_client, uri):
    response = portal_client.get(uri)
    assert response.status_code == 404
    assert BETA_BYTES not in response.content
    assert ask(portal_client, uri) == 404


def test_an_opd_serves_its_own_media_on_its_own_host_only(client_a, client_b, stored):
    response = client_a.get(f"/media/{ALPHA_FILE}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"ALPHA-BYTES"
    assert ask(client_a, f"/media/{ALPHA_FILE}") == 200
    assert ask(client_a, f"/media/{ALPHA_FILE}?v=2") == 200
    assert client_b.get(f"/media/{ALPHA_FILE}").status_code == 404
    assert ask(client_b, f"/media/{ALPHA_FILE}") == 404


def test_the_main_domain_serves_its_own_media_and_active_opds_logos_only(portal_client, stored):
    assert portal_client.get("/media/public/editor/portal.jpg").status_code == 200
    assert ask(portal_client, "/media/public/editor/portal.jpg") == 200
    # The OPD directory shows every active OPD's logo.
    assert portal_client.get("/media/alpha/identitas/logo.png").status_code == 200
    assert ask(portal_client, "/media/alpha/identitas/logo.png") == 200
    assert portal_client.get(f"/media/{ALPHA_FILE}").status_code == 404
    assert ask(portal_client, f"/media/{ALPHA_FILE}") == 404


def test_a_deactivated_opds_media_is_served_nowhere(opd_a, client_a, portal_client, stored):
    services.set_opd_active(opd=opd_a, active=False)
    assert client_a.get(f"/media/{ALPHA_FILE}").status_code == 503
    assert ask(client_a, f"/media/{ALPHA_FILE}") == 404
    assert portal_client.get("/media/alpha/identitas/logo.png").status_code == 404
    assert ask(portal_client, "/media/alpha/identitas/logo.png") == 404


@pytest.mark.parametrize("uri", ["", "/berita/", "/_media/ask", "/media/", "/media/alpha"])
def test_the_ask_endpoint_refuses_anything_but_a_media_file(client_a, uri):
    assert ask(client_a, uri) == 404


def test_the_ask_endpoint_refuses_unknown_hosts():
    assert ask(Client(HTTP_HOST="tidak-ada.localhost"), f"/media/{ALPHA_FILE}") == 404
    assert ask(Client(HTTP_HOST="evil.example"), f"/media/{ALPHA_FILE}") == 404


def test_the_ask_endpoint_needs_no_database_query_for_a_known_host(
    client_a, django_assert_max_num_queries
):
    ask(client_a, f"/media/{ALPHA_FILE}")  # fills the host cache
    with django_assert_max_num_queries(0):
        assert ask(client_a, f"/media/{ALPHA_FILE}") == 200


def test_the_proxy_asks_the_app_before_serving_media():
    """The Caddyfile's /media/ block puts every request to /_media/ask before it fetches the
    object from the public bucket (validated with `caddy adapt --validate` when it was written;
    Caddy does not run here)."""
    from pathlib import Path

    caddyfile = (Path(__file__).resolve().parents[2] / "deploy" / "Caddyfile").read_text()
    block = caddyfile[caddyfile.index("handle /media/* {") :]
    block = block[: block.index("\n\t}\n")]
    assert "handle_path /media/" not in caddyfile
    assert block.index("forward_auth web:8000") < block.index("uri /_media/ask")
    assert block.index("uri /_media/ask") < block.index("uri strip_prefix /media")
    assert block.index("uri strip_prefix /media") < block.index("rewrite * /{$S3_BUCKET}{path}?")
    assert block.index("rewrite * /{$S3_BUCKET}") < block.index("reverse_proxy s3:8333")
    assert block.index("respond @not_read 405") < block.index("forward_auth")
    assert "route {" in block


def test_the_main_domain_serves_an_active_opds_news_covers_the_portal_lists(opd_a):
    from tenants.media import may_serve
    from tenants.models import Opd

    portal = Opd.objects.get(schema_name="public")
    assert may_serve(portal, "alpha/berita/sampul/2026/12/foto-480.jpg")
    assert not may_serve(portal, "alpha/berita/lain/foto.jpg")
    assert not may_serve(portal, "alpha/ppid/dokumen.pdf")
