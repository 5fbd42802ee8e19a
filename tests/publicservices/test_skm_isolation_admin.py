"""An OPD never sees another OPD's survey answers; operators read answers, never edit them; the
console shows every OPD's IKM."""

import pytest
from django.contrib.auth import get_user_model

from accounts import roles
from console.activity import opd_activity
from publicservices.models.survey import SurveyResponse
from tenants.models import Opd
from tests.conftest import PASSWORD
from tests.factories import login_console, make_operator
from tests.publicservices.skm_helpers import make_response, make_service

pytestmark = pytest.mark.django_db
ADMIN = "/admin/publicservices/surveyresponse/"


@pytest.fixture
def alpha_answers(opd_a, in_opd):
    with in_opd(opd_a):
        service = make_service("Izin Usaha Rahasia Alpha", "izin-usaha-alpha")
        for score in (4, 4, 3):
            make_response(service, score, suggestion="Saran khusus alpha", pk=None)
        return SurveyResponse.objects.order_by("pk").last()


@pytest.fixture
def admin_b(opd_b, client_b, in_opd):
    with in_opd(opd_b):
        client_b.force_login(make_operator("kepala-b", role=roles.ADMIN_OPD))
    return client_b


@pytest.mark.parametrize("url", ["/skm/", "/skm/hasil.csv", "/sitemap.xml", "/cari/?q=izin"])
def test_beta_never_shows_alphas_answers(alpha_answers, client_a, client_b, url):
    assert "Izin Usaha Rahasia Alpha" in client_a.get("/skm/").content.decode()
    response = client_b.get(url)
    body = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert "Rahasia Alpha" not in body
    assert "izin-usaha-alpha" not in body
    assert "91,67" not in body and "91.67" not in body


def test_alphas_service_form_is_404_on_beta(alpha_answers, client_b, opd_b, in_opd):
    assert client_b.get("/skm/isi/izin-usaha-alpha/").status_code == 404
    with in_opd(opd_b):
        assert SurveyResponse.objects.count() == 0


def test_betas_admin_cannot_open_alphas_answer(alpha_answers, admin_b):
    response = admin_b.get(f"{ADMIN}{alpha_answers.pk}/change/", follow=True)
    html = response.content.decode()
    assert "Saran khusus alpha" not in html and "Rahasia Alpha" not in html
    listing = admin_b.get(ADMIN).content.decode()
    assert "Rahasia Alpha" not in listing
    assert "Belum ada jawaban" in listing


def test_operators_read_answers_and_the_summary(alpha_answers, admin_a):
    listing = admin_a.get(ADMIN)
    html = listing.content.decode()
    assert listing.status_code == 200
    assert "Izin Usaha Rahasia Alpha" in html
    assert "IKM 91,67, mutu A" in html
    assert "3 responden" in html
    page = admin_a.get(f"{ADMIN}{alpha_answers.pk}/change/").content.decode()
    assert "Saran khusus alpha" in page
    assert 'name="_save"' not in page  # read-only


def test_operators_cannot_add_change_or_delete_answers(alpha_answers, admin_a, opd_a, in_opd):
    assert admin_a.get(f"{ADMIN}add/").status_code == 403
    assert admin_a.post(f"{ADMIN}{alpha_answers.pk}/change/", {"u1": "1"}).status_code == 403
    assert admin_a.post(f"{ADMIN}{alpha_answers.pk}/delete/", {"post": "yes"}).status_code == 403
    with in_opd(opd_a):
        assert SurveyResponse.objects.count() == 3
        assert SurveyResponse.objects.get(pk=alpha_answers.pk).u1 == alpha_answers.u1


def test_hostile_suggestion_is_shown_as_text(opd_a, in_opd, admin_a):
    with in_opd(opd_a):
        response = make_response(
            make_service("Layanan X", "layanan-x"), 3, suggestion="<script>alert(1)</script>"
        )
    page = admin_a.get(f"{ADMIN}{response.pk}/change/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_console_shows_every_opds_ikm(alpha_answers, opd_a, opd_b, portal_client):
    alpha = Opd.objects.get(pk=opd_a.pk)
    assert (str(alpha.skm_ikm), alpha.skm_quality, alpha.skm_respondents) == ("91.67", "A", 3)
    assert Opd.objects.get(pk=opd_b.pk).skm_ikm is None
    rows = {row.opd.slug: row for row in opd_activity()}
    assert str(rows[opd_a.slug].skm_ikm) == "91.67"
    assert rows[opd_b.slug].skm_ikm is None
    user = get_user_model().objects.create_superuser("kominfo", "k@example.org", PASSWORD)
    console = login_console(portal_client, user)
    page = console.get("/admin/aktivitas/").content.decode()
    assert "IKM (SKM semester ini)" in page
    assert "91,67 (A)" in page
    assert console.get("/admin/aktivitas/", {"urut": "-skm"}).status_code == 200
    csv_body = console.get("/admin/aktivitas/", {"format": "csv"}).content.decode("utf-8-sig")
    assert "IKM SKM semester ini" in csv_body and "91.67" in csv_body


def test_a_stale_semester_is_not_shown_as_current(alpha_answers, opd_a):
    Opd.objects.filter(pk=opd_a.pk).update(skm_semester="2001-1")
    rows = {row.opd.slug: row for row in opd_activity()}
    assert rows[opd_a.slug].skm_ikm is None


def test_the_checklist_item(alpha_answers, opd_a, opd_b):
    assert Opd.objects.get(pk=opd_a.pk).content_checklist.get("skm") is True
    assert not Opd.objects.get(pk=opd_b.pk).content_checklist.get("skm")


def test_a_new_semester_starts_afresh(alpha_answers, opd_a, in_opd, monkeypatch, run_tasks):
    from publicservices.survey import services, tasks
    from publicservices.survey.ikm import Semester

    later = services.current_semester().next
    monkeypatch.setattr(services, "current_semester", lambda: later)
    tasks.record_all_skm_summaries()
    assert run_tasks() == {"succeeded": 2}
    alpha = Opd.objects.get(pk=opd_a.pk)
    assert (alpha.skm_semester, alpha.skm_ikm, alpha.skm_respondents) == (later.key, None, 0)
    assert alpha.content_checklist.get("skm") is False
    assert isinstance(later, Semester)


def test_the_admin_list_costs_a_fixed_number_of_queries(
    alpha_answers, admin_a, opd_a, in_opd, django_assert_max_num_queries
):
    admin_a.get(ADMIN)
    with in_opd(opd_a):
        service = make_service("Layanan Lain", "layanan-lain")
        for score in (1, 2, 3, 4):
            make_response(service, score)
    # 14 queries, each preceded by SET search_path: session, user, permissions, the list, its
    # count and its filters (services, semesters, dates), and the summary's two (OPD and per
    # service), whatever the number of answers and services.
    with django_assert_max_num_queries(28):
        assert admin_a.get(ADMIN).status_code == 200
