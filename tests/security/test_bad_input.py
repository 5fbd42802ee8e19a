"""Malformed input found by hand and by the fuzz suite: a clear 4xx or an empty result, never a
500, and nothing saved."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from accounts import roles
from news.models import Article
from ppid.models import InformationRequest
from tests.factories import make_operator
from tests.news.factories import make_article
from tests.ppid.conftest import submit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "domain", ["\x00", "\x00\x00.localhost", "a" * 300, "bad host", "alpha.localhost/../x", "-a.b"]
)
@pytest.mark.parametrize("host", ["localhost", "alpha.localhost", "web:8000"])
def test_the_certificate_check_refuses_malformed_domains(opd_a, host, domain):
    response = Client(HTTP_HOST=host).get("/_tls/ask", {"domain": domain})
    assert response.status_code == 404


def test_the_certificate_check_knows_a_domain_in_any_case(opd_a):
    response = Client(HTTP_HOST="web:8000").get("/_tls/ask", {"domain": "Alpha.LOCALHOST"})
    assert response.status_code == 200


@pytest.mark.parametrize("month", ["99999-1", "0-1", "2026-13", "2026-0", "-1-1", "2026"])
def test_the_article_month_filter_ignores_impossible_months(opd_a, in_opd, admin_a, month):
    with in_opd(opd_a):
        make_article("Kabar bulan ini")
    response = admin_a.get("/admin/news/article/", {"bulan": month})
    assert response.status_code == 200
    assert "Kabar bulan ini" not in response.content.decode()


def test_an_article_with_an_unknown_tag_is_a_form_error(opd_a, in_opd, admin_a):
    response = admin_a.post(
        "/admin/news/article/add/",
        {"title": "Judul", "slug": "judul", "body": "<p>Isi</p>", "tags": "abc", "status": "draft"},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["tags"]
    with_opd = in_opd(opd_a)
    with with_opd:
        assert not Article.objects.filter(slug="judul").exists()


@pytest.mark.parametrize(
    ("path", "action"),
    [
        ("/admin/news/article/", "delete_selected"),
        ("/admin/ppid/informationrequest/", "mark_processing"),
        ("/admin/auth/user/", "delete_selected"),
    ],
)
@pytest.mark.parametrize("selected", ["abc", "1.5", "", "99999999999999999999999"])
def test_admin_actions_on_malformed_selections_change_nothing(
    opd_a, in_opd, admin_a, path, action, selected
):
    with in_opd(opd_a):
        make_article("Tetap ada")
        submit(opd_a)
        users = get_user_model().objects.count()
    response = admin_a.post(
        path, {"action": action, "_selected_action": [selected], "index": "0"}, follow=True
    )
    assert response.status_code == 200
    with in_opd(opd_a):
        assert Article.objects.filter(title="Tetap ada").exists()
        assert InformationRequest.objects.filter(status="diterima").exists()
        assert get_user_model().objects.count() == users


@pytest.mark.parametrize("host", ["ALPHA.LOCALHOST", "Alpha.Localhost", "alpha.localhost."])
def test_host_names_are_case_insensitive(opd_a, in_opd, host):
    with in_opd(opd_a):
        make_article("Kabar Alpha")
    response = Client(HTTP_HOST=host).get("/")
    assert response.status_code == 200
    assert "Kabar Alpha" in response.content.decode()


@pytest.mark.parametrize("host", ["alpha.localhost", "localhost"])
def test_a_refused_next_address_lands_on_the_admin_home(opd_a, in_opd, host):
    if host == "localhost":
        user = get_user_model().objects.create_user("kominfo-uji", password="rahasia-uji-2026")
        user.is_staff = True
        user.save()
    else:
        with in_opd(opd_a):
            make_operator("kepala", role=roles.ADMIN_OPD)
    client = Client(HTTP_HOST=host)
    username = "kominfo-uji" if host == "localhost" else "kepala"
    response = client.post(
        "/admin/login/?next=https://evil.example/",
        {"username": username, "password": "rahasia-uji-2026", "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] in ("/admin/", "/admin/verifikasi/")
