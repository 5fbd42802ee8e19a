"""The app's side of the HTTP accelerator (core/accelerator.py): which pages it marks public, and
the BANs every invalidation sends after commit. (Through a real Varnish: tests/accelerator.)"""

import http.server
import logging
import threading
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import get_public_schema_name

from banners.models import EmergencyBanner
from core import accelerator
from tenants.services import set_opd_active
from tests.banners.test_display import make_banner
from tests.e2e.stack import free_port
from tests.news.factories import make_article

pytestmark = pytest.mark.django_db


class BanCatcher(http.server.ThreadingHTTPServer):
    """Stands in for Varnish: remembers the X-Ban-Opd of every BAN."""

    daemon_threads = True

    def __init__(self):
        self.bans: list[str] = []
        super().__init__(("127.0.0.1", free_port()), _BanHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


class _BanHandler(http.server.BaseHTTPRequestHandler):
    def do_BAN(self):  # noqa: N802 (http.server's name)
        self.server.bans.append(self.headers["X-Ban-Opd"])
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def varnish(settings):
    catcher = BanCatcher()
    thread = threading.Thread(target=catcher.serve_forever, daemon=True)
    thread.start()
    settings.ACCELERATOR_URLS = [catcher.url]
    settings.ACCELERATOR_REBAN_SECONDS = 0
    yield catcher
    catcher.shutdown()
    catcher.server_close()


def s_maxage(response) -> int:
    return int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])


def test_without_an_accelerator_no_page_is_marked_public(client_a):
    for _ in range(2):
        response = client_a.get("/")
        assert "Cache-Control" not in response and "X-Opd" not in response


def test_cached_pages_are_marked_public_with_their_schema(varnish, opd_a, client_a):
    miss = client_a.get("/berita/")
    hit = client_a.get("/berita/")
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    for response in (miss, hit):
        assert response["Cache-Control"] == "public, max-age=0, s-maxage=600"
        assert response["X-Opd"] == opd_a.schema_name


def test_the_portal_pages_name_the_public_schema(varnish, portal_client):
    assert portal_client.get("/").get("X-Opd") == get_public_schema_name()


def test_s_maxage_is_capped_by_the_setting(varnish, settings, client_a):
    settings.ACCELERATOR_MAX_AGE = 30
    assert s_maxage(client_a.get("/")) == 30


@pytest.mark.parametrize("path", ["/cari/?q=vaksin", "/ppid/permohonan/", "/admin/login/"])
def test_search_forms_and_the_admin_are_never_public(varnish, client_a, path):
    for _ in range(2):
        assert "public" not in client_a.get(path).get("Cache-Control", "")


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_a_request_with_a_session_or_messages_gets_no_public_page(varnish, client_a, cookie):
    client_a.get("/")  # cached for everyone else
    client_a.cookies[cookie] = "x"
    for _ in range(2):
        response = client_a.get("/")
        assert response.status_code == 200 and "public" not in response.get("Cache-Control", "")


def test_a_logged_in_operator_gets_no_public_page(varnish, admin_a):
    assert "public" not in admin_a.get("/").get("Cache-Control", "")


def test_the_next_scheduled_article_bounds_s_maxage(
    varnish, opd_a, in_opd, client_a, django_capture_on_commit_callbacks
):
    with in_opd(opd_a), django_capture_on_commit_callbacks(execute=True):
        make_article("Nanti", published_at=timezone.now() + timedelta(seconds=90))
    response = client_a.get("/berita/")
    assert "Nanti" not in response.content.decode()
    assert 0 < s_maxage(response) <= 90


def test_a_banner_due_to_appear_bounds_s_maxage(varnish, opd_a, client_a):
    EmergencyBanner.objects.create(
        level=EmergencyBanner.Level.WARNING,
        text="Siaga banjir nanti",
        issued_by=opd_a,
        everywhere=True,
        starts_at=timezone.now() + timedelta(seconds=45),
        expires_at=timezone.now() + timedelta(hours=2),
    )
    assert 0 < s_maxage(client_a.get("/")) <= 45


def test_publishing_bans_the_opd_and_the_portal_after_commit(
    varnish, opd_a, in_opd, django_capture_on_commit_callbacks
):
    with in_opd(opd_a), django_capture_on_commit_callbacks() as callbacks:
        make_article("Kabar")
        assert varnish.bans == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert opd_a.schema_name in varnish.bans
    assert get_public_schema_name() in varnish.bans
    assert "*" not in varnish.bans


def test_a_banner_bans_every_site(varnish, opd_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_banner(opd_a)
    assert varnish.bans == ["*"]


def test_deactivating_an_opd_bans_its_pages(varnish, opd_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        set_opd_active(opd=opd_a, active=False)
    assert opd_a.schema_name in varnish.bans


def test_each_ban_is_sent_again_a_moment_later(
    varnish, settings, opd_a, django_capture_on_commit_callbacks
):
    settings.ACCELERATOR_REBAN_SECONDS = 0.2
    with django_capture_on_commit_callbacks(execute=True):
        set_opd_active(opd=opd_a, active=False)
    first = varnish.bans.count(opd_a.schema_name)
    assert first >= 1
    deadline = time.monotonic() + 5
    while varnish.bans.count(opd_a.schema_name) < 2 * first and time.monotonic() < deadline:
        time.sleep(0.05)
    assert varnish.bans.count(opd_a.schema_name) == 2 * first


def test_an_unreachable_accelerator_is_logged_once_and_fails_no_save(
    settings, opd_a, in_opd, caplog, django_capture_on_commit_callbacks
):
    settings.ACCELERATOR_URLS = [f"http://127.0.0.1:{free_port()}/"]  # nothing listens
    settings.ACCELERATOR_REBAN_SECONDS = 0
    accelerator._unreachable.clear()
    with caplog.at_level(logging.WARNING, logger="core.accelerator"):
        for title in ("Satu", "Dua"):
            with in_opd(opd_a), django_capture_on_commit_callbacks(execute=True):
                make_article(title)
    errors = [record for record in caplog.records if record.name == "core.accelerator"]
    assert len(errors) == 1 and "did not take a ban" in errors[0].getMessage()
    accelerator._unreachable.clear()
