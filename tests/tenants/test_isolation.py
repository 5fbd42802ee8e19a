"""What one OPD (or Kominfo) has must never work or show up on another host."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from accounts import roles
from tenants.models import Domain
from tests.conftest import PASSWORD
from tests.factories import make_operator, verify_two_factor

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def login_form(client, username, password=PASSWORD):
    client.get(LOGIN)
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def test_an_operator_of_a_cannot_log_in_on_b(opd_a, in_opd, client_a, client_b):
    with in_opd(opd_a):
        make_operator("sari", role=roles.ADMIN_OPD)

    assert login_form(client_a, "sari").status_code == 302
    refused = login_form(client_b, "sari")
    assert refused.status_code == 200
    assert "_auth_user_id" not in client_b.session
    assert client_b.get("/admin/").status_code == 302


def test_a_session_cookie_replayed_on_b_is_anonymous_even_with_the_same_pk(
    opd_a, opd_b, in_opd, client_a
):
    with in_opd(opd_a):
        make_operator("sari", pk=4242, role=roles.ADMIN_OPD)
    with in_opd(opd_b):
        make_operator("budi", pk=4242, role=roles.ADMIN_OPD)

    assert login_form(client_a, "sari").status_code == 302
    cookie = client_a.cookies[settings.SESSION_COOKIE_NAME].value
    assert client_a.get("/admin/").status_code == 200

    replay = Client(HTTP_HOST="beta.localhost")
    replay.cookies[settings.SESSION_COOKIE_NAME] = cookie
    response = replay.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_a_session_bound_to_another_schema_is_logged_out(opd_a, opd_b, in_opd, client_b):
    """Defence in depth: even a session row that somehow exists in B for A is refused."""
    with in_opd(opd_b):
        make_operator("budi", role=roles.ADMIN_OPD)
    assert login_form(client_b, "budi").status_code == 302
    with in_opd(opd_b):
        session = client_b.session
        session["_schema"] = opd_a.schema_name
        session.save()
    response = client_b.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_kominfo_users_cannot_log_in_on_an_opd(client_a):
    get_user_model().objects.create_superuser("kominfo", "k@example.org", PASSWORD)
    assert login_form(client_a, "kominfo").status_code == 200
    assert client_a.get("/admin/").status_code == 302


def test_opd_users_cannot_log_in_on_the_main_domain(opd_a, in_opd, portal_client):
    with in_opd(opd_a):
        make_operator("sari", role=roles.ADMIN_OPD, is_superuser=True)
    assert login_form(portal_client, "sari").status_code == 200
    assert portal_client.get("/admin/").status_code == 302


def test_the_kominfo_console_works_on_the_main_domain(portal_client):
    user = get_user_model().objects.create_superuser("kominfo", "k@example.org", PASSWORD)
    assert login_form(portal_client, "kominfo").status_code == 302
    verify_two_factor(portal_client, user)
    page = portal_client.get("/admin/tenants/opd/")
    assert page.status_code == 200
    assert "Dinas Alpha Kota Uji" in page.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/tenants/opd/",
        "/admin/tenants/opd/add/",
        "/admin/tenants/opd/1/change/",
        "/admin/tenants/domain/",
        "/admin/tenants/domain/add/",
    ],
)
def test_no_url_on_an_opd_host_lists_or_edits_opds_or_domains(opd_a, in_opd, client_a, path):
    with in_opd(opd_a):
        make_operator("root", is_superuser=True)
    assert login_form(client_a, "root").status_code == 302

    assert client_a.get(path).status_code == 404
    before = list(Domain.objects.values_list("domain", "tenant_id"))
    hijack = {"domain": "beta.localhost", "tenant": opd_a.pk, "is_primary": "on"}
    assert client_a.post(path, hijack).status_code == 404
    assert list(Domain.objects.values_list("domain", "tenant_id")) == before


def test_the_opd_user_admin_lists_only_that_opds_accounts(opd_a, opd_b, in_opd, client_a):
    get_user_model().objects.create_superuser("kominfo", "k@example.org", PASSWORD)
    with in_opd(opd_b):
        make_operator("budi-beta")
    with in_opd(opd_a):
        make_operator("sari", role=roles.ADMIN_OPD)
    assert login_form(client_a, "sari").status_code == 302

    page = client_a.get("/admin/auth/user/").content.decode()
    assert "sari" in page
    assert "admin@alpha.example.org" in page
    assert "budi-beta" not in page
    assert "kominfo" not in page
    assert "admin@beta.example.org" not in page


def test_an_operator_without_the_admin_role_cannot_manage_accounts(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_operator("penulis", role=roles.OPERATOR_BERITA)
    assert login_form(client_a, "penulis").status_code == 302
    assert client_a.get("/admin/auth/user/").status_code == 403
    assert client_a.get("/admin/auth/user/add/").status_code == 403


def test_session_and_csrf_cookies_carry_no_domain(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_operator("sari", role=roles.ADMIN_OPD)
    login_page = client_a.get(LOGIN)
    csrf = login_page.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["domain"] == ""
    response = client_a.post(LOGIN, {"username": "sari", "password": PASSWORD, "next": "/admin/"})
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["domain"] == ""
    assert session["httponly"]
    assert "Domain=" not in session.output()
    assert "Domain=" not in csrf.output()
