"""Anonymous pages of the portal are cached like the OPDs' (core/pagecache.py), invalidated by
the portal index and by OPD changes, and every cached page answers conditional GETs."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from tests.mainsite.helpers import index_article
from tests.news.factories import make_article

pytestmark = pytest.mark.django_db


def test_a_cached_opd_page_answers_a_matching_etag_with_304(opd_a, in_opd, client_a):
    first = client_a.get("/")
    etag = first["ETag"]
    second = client_a.get("/", HTTP_IF_NONE_MATCH=etag)
    assert second.status_code == 304 and second.content == b""
    assert second["ETag"] == etag
    with in_opd(opd_a):
        make_article("Kabar terbaru")
    fresh = client_a.get("/", HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200 and "Kabar terbaru" in fresh.content.decode()
    assert fresh["ETag"] != etag


def test_a_stale_etag_gets_the_full_page(client_a):
    response = client_a.get("/berita/", HTTP_IF_NONE_MATCH='"not-this-one"')
    assert response.status_code == 200 and response.has_header("ETag")


@pytest.mark.parametrize("path", ["/", "/berita/", "/opd/"])
def test_portal_pages_are_cached_and_answer_conditional_gets(portal_client, opd_a, path):
    assert portal_client.get(path).headers["X-Page-Cache"] == "miss"
    cached = portal_client.get(path)
    assert cached.headers["X-Page-Cache"] == "hit"
    assert portal_client.get(path, HTTP_IF_NONE_MATCH=cached["ETag"]).status_code == 304


def test_an_opd_publishing_refreshes_the_cached_portal(portal_client, opd_a, in_opd):
    portal_client.get("/"), portal_client.get("/berita/")
    with in_opd(opd_a):
        make_article("Warta dari Alpha")
    for path in ("/", "/berita/"):
        assert "Warta dari Alpha" in portal_client.get(path).content.decode(), path


def test_an_opd_change_refreshes_the_cached_directory(portal_client, opd_a):
    index_article(opd_a, 1, "Kabar")
    portal_client.get("/opd/")
    opd_a.name = "Dinas Alpha yang Baru"
    opd_a.save()
    assert "Dinas Alpha yang Baru" in portal_client.get("/opd/").content.decode()


def test_portal_pages_are_not_cached_for_kominfo_staff(portal_client):
    staff = get_user_model().objects.create_superuser("kominfo", "k@example.org", "x-rahasia-9")
    portal_client.force_login(staff)
    portal_client.get("/")
    assert "X-Page-Cache" not in portal_client.get("/").headers


SECURITY_HEADERS = (
    "Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy",
    "Content-Type", "Vary",
)  # fmt: skip


@pytest.mark.parametrize(("client_fixture", "path"), [("client_a", "/"), ("portal_client", "/")])
def test_a_hit_served_before_the_session_middleware_keeps_every_header(
    request, client_fixture, path, django_assert_num_queries
):
    client = request.getfixturevalue(client_fixture)
    miss = client.get(path)
    assert miss.headers["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        hit = client.get(path)
    assert hit.headers["X-Page-Cache"] == "hit"
    assert hit.content == miss.content
    assert {h: hit.headers.get(h) for h in SECURITY_HEADERS} == {
        h: miss.headers.get(h) for h in SECURITY_HEADERS
    }
    assert "Cookie" in hit.headers["Vary"]
    assert int(hit.headers["Content-Length"]) == len(hit.content)


@pytest.mark.parametrize("path", ["/ppid/permohonan/", "/ppid/permohonan/lacak/", "/admin/login/"])
def test_pages_with_forms_are_never_served_from_the_page_cache(client_a, path):
    """Only views marked @cache_anonymous_page store pages; forms carry fresh CSRF tokens."""
    tokens = set()
    for _ in range(2):
        response = client_a.get(path)
        assert response.status_code == 200, path
        assert "X-Page-Cache" not in response.headers
        tokens.add(response.context["csrf_token"])
        client_a.cookies.clear()
    assert len(tokens) == 2


def test_a_visitor_with_a_session_cookie_still_gets_cached_pages_if_anonymous(client_a):
    client_a.get("/")
    client_a.cookies[settings.SESSION_COOKIE_NAME] = "sesi-yang-sudah-kedaluwarsa"
    response = client_a.get("/")
    assert response.headers["X-Page-Cache"] == "hit"
    assert "Cookie" in response.headers["Vary"]
