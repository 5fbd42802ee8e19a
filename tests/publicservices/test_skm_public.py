"""The citizen's SKM: the questionnaire on a phone, its defences, the results page and CSV."""

import csv
import io
import time
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from publicservices.models.survey import SurveyResponse
from publicservices.survey.forms import started_token
from publicservices.survey.ikm import Semester
from tenants.models import Opd
from tests.news.test_performance import real_queries
from tests.publicservices.skm_helpers import answers, make_response, make_service

pytestmark = pytest.mark.django_db
FORM = "/skm/isi/pembuatan-ktp-el/"


@pytest.fixture
def service_a(opd_a, in_opd):
    with in_opd(opd_a):
        return make_service("Pembuatan KTP-el", "pembuatan-ktp-el")


def count_in(opd, in_opd) -> int:
    with in_opd(opd):
        return SurveyResponse.objects.count()


def test_the_form_is_one_screen_of_radio_groups(service_a, client_a):
    response = client_a.get(FORM)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pembuatan KTP-el" in html
    for number in range(1, 10):
        for score in range(1, 5):
            assert f'name="u{number}" value="{score}"' in html
    assert "Sangat sopan dan ramah" in html  # the regulation's wording
    assert "Dikelola dengan baik" in html
    assert 'name="website"' in html and "ppid-hp" in html  # honeypot, hidden by CSS
    assert "<script" not in html.split("<main", 1)[-1].split("</main>", 1)[0]
    assert " onclick=" not in html
    assert response.headers["Cache-Control"].startswith("max-age=0")


def test_a_citizen_answers_and_it_counts(service_a, client_a, opd_a, in_opd):
    response = client_a.post(FORM, answers(4, u3="3", suggestion="Antrean <b>cepat</b>"))
    assert response.status_code == 302
    assert response.headers["Location"] == "/skm/terima-kasih/?layanan=pembuatan-ktp-el"
    assert not [name for name in response.cookies if "session" in name]
    thanks = client_a.get(response.headers["Location"]).content.decode()
    assert "Terima kasih" in thanks and "Pembuatan KTP-el" in thanks
    with in_opd(opd_a):
        row = SurveyResponse.objects.get()
        assert row.service == service_a
        assert (row.u1, row.u3, row.u9) == (4, 3, 4)
        assert (row.gender, row.age_group, row.education, row.occupation) == (
            "P", "30-39", "s1", "wirausaha")  # fmt: skip
        assert row.suggestion == "Antrean <b>cepat</b>"  # plain text, escaped wherever shown
        assert not [f.name for f in SurveyResponse._meta.fields if "ip" in f.name.split("_")]
    opd = Opd.objects.get(pk=opd_a.pk)
    # (8 × 4 + 3) / 9 × 25 = 97.22
    assert (str(opd.skm_ikm), opd.skm_quality, opd.skm_respondents) == ("97.22", "A", 1)
    assert opd.skm_semester == Semester.of(timezone.localdate()).key
    assert opd.content_checklist.get("skm") is True


def test_the_profile_is_optional(service_a, client_a, opd_a, in_opd):
    data = answers(3, gender="", age_group="", education="", occupation="", suggestion="")
    assert client_a.post(FORM, data).status_code == 302
    assert count_in(opd_a, in_opd) == 1


@pytest.mark.parametrize(
    "overrides",
    [
        {"u1": "5"},
        {"u4": "0"},
        {"u9": "tiga"},
        {"u3": ""},
        {"gender": "X"},
        {"age_group": "200"},
        {"suggestion": "x" * 1001},
        {"started": ""},
        {"started": "palsu"},
    ],
)
def test_bad_answers_are_refused_and_nothing_is_saved(
    service_a, client_a, opd_a, in_opd, overrides
):
    response = client_a.post(FORM, answers(4, **overrides))
    assert response.status_code == 200
    assert "Periksa kembali isian Anda" in response.content.decode()
    assert count_in(opd_a, in_opd) == 0


def test_a_missing_score_is_named(service_a, client_a):
    data = answers(4)
    del data["u7"]
    html = client_a.post(FORM, data).content.decode()
    assert "Pilih salah satu jawaban." in html
    assert 'href="#id_u7_0"' in html or 'href="#id_u7"' in html


def test_the_honeypot_catches_bots(service_a, client_a, opd_a, in_opd):
    response = client_a.post(FORM, answers(4, website="http://spam.example"))
    assert response.status_code == 200
    assert "Isian tidak dapat diproses." in response.content.decode()
    assert count_in(opd_a, in_opd) == 0


def test_a_form_sent_at_once_is_a_bot(service_a, client_a, opd_a, in_opd):
    response = client_a.post(FORM, answers(4, started=started_token(time.time())))
    assert "Isian tidak dapat diproses." in response.content.decode()
    stale = client_a.post(FORM, answers(4, started=started_token(time.time() - 2 * 86400)))
    assert "kedaluwarsa" in stale.content.decode()
    assert count_in(opd_a, in_opd) == 0


def test_a_flood_from_one_address_is_throttled(service_a, client_a, opd_a, in_opd, settings):
    settings.SKM_RESPONSES_PER_HOUR = 3
    # A form to correct gives its slot back.
    assert client_a.post(FORM, answers(4, u1="5")).status_code == 200
    for _number in range(3):
        assert client_a.post(FORM, answers(4)).status_code == 302
    flooded = client_a.post(FORM, answers(4))
    assert flooded.status_code == 429
    assert "Terlalu banyak pengiriman" in flooded.content.decode()
    assert count_in(opd_a, in_opd) == 3
    assert client_a.post(FORM, answers(4), REMOTE_ADDR="10.0.0.9").status_code == 302
    assert count_in(opd_a, in_opd) == 4


def test_the_database_refuses_a_score_outside_one_to_four(service_a, opd_a, in_opd):
    with in_opd(opd_a):
        with pytest.raises(IntegrityError), transaction.atomic():
            make_response(service_a, 3, u5=5)
        with pytest.raises(IntegrityError), transaction.atomic():
            make_response(service_a, 0)
        assert SurveyResponse.objects.count() == 0


def test_unknown_service_is_404(service_a, client_a):
    assert client_a.get("/skm/isi/tidak-ada/").status_code == 404
    assert client_a.post("/skm/isi/tidak-ada/", answers(4)).status_code == 404


@pytest.mark.parametrize("query", ["", "?layanan=", "?layanan=tidak-ada"])
def test_thanks_without_a_service_goes_to_the_results(service_a, client_a, query):
    response = client_a.get(f"/skm/terima-kasih/{query}")
    assert response.status_code == 302 and response.headers["Location"] == "/skm/"


@pytest.fixture
def answered(service_a, opd_a, in_opd):
    """Alpha's answers: KTP-el this semester (B) and last semester; another service (A)."""
    with in_opd(opd_a):
        kk = make_service("Kartu Keluarga", "kartu-keluarga")
        for score in (3, 3, 4, 3):
            make_response(service_a, score)
        make_response(kk, 4)
        past = Semester.of(timezone.localdate())
        past = Semester(past.year - 1, past.half)
        make_response(
            service_a,
            1,
            submitted_at=timezone.make_aware(
                timezone.datetime.combine(past.first_day, timezone.datetime.min.time())
            )
            + timedelta(days=10),
        )
    return past


def test_the_results_page_shows_the_semester(answered, client_a, django_assert_max_num_queries):
    with django_assert_max_num_queries(30) as captured:
        response = client_a.get("/skm/")
    html = response.content.decode()
    assert response.status_code == 200
    # KTP-el: 4 respondents, NRR 3.25 -> 81.25 (B); Kartu Keluarga 100 (A); OPD 5 -> 85.00 (B).
    assert "81,25" in html and "100,00" in html and "85,00" in html
    assert "5 responden" in html
    assert "Kartu Keluarga" in html
    assert 'href="/skm/isi/kartu-keluarga/"' in html
    assert answered.key in html  # the past semester can be chosen
    # Domain, menu, pemda identity, emergency banners; the SKM itself costs four queries
    # (semesters, OPD, services' results, the services to rate), whatever their number.
    assert len(real_queries(captured)) <= 8


def test_a_past_semester(answered, client_a):
    html = client_a.get("/skm/", {"semester": answered.key}).content.decode()
    assert "1 responden" in html
    assert "25,00" in html
    assert "Kartu Keluarga</th>" not in html


@pytest.mark.parametrize("bad", ["2026-3", "abc", "1999-1-1"])
def test_a_bad_semester_is_404(client_a, bad):
    assert client_a.get("/skm/", {"semester": bad}).status_code == 404


def test_the_csv(answered, client_a):
    response = client_a.get("/skm/hasil.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "skm-alpha.csv" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Semester", "Layanan", "Jumlah responden"]
    assert rows[0][3] == "NRR U1 Persyaratan"
    assert rows[0][-2:] == ["IKM", "Mutu pelayanan"]
    current = str(Semester.of(timezone.localdate()).label)
    body = {(row[0], row[1]): row for row in rows[1:]}
    assert body[(current, "Pembuatan KTP-el")][2] == "4"
    assert body[(current, "Pembuatan KTP-el")][-2:] == ["81.25", "B"]
    assert body[(current, "Seluruh layanan")][-2:] == ["85.00", "B"]
    assert body[(str(answered.label), "Pembuatan KTP-el")][-2:] == ["25.00", "D"]
    assert "Pelayanan" not in response.content.decode().split("\n", 1)[1]  # no suggestion


def test_csv_cells_cannot_run_formulas(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_response(make_service("=HYPERLINK(1)", "rumus"), 3)
    body = client_a.get("/skm/hasil.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in body


def test_the_service_page_links_to_its_questionnaire(service_a, client_a):
    html = client_a.get("/layanan/pembuatan-ktp-el/").content.decode()
    assert "Nilai layanan ini" in html
    assert 'href="/skm/isi/pembuatan-ktp-el/"' in html


def test_the_results_page_is_in_the_sitemap_and_a_menu_target(client_a, opd_a, in_opd):
    assert "/skm/</loc>" in client_a.get("/sitemap.xml").content.decode()
    from core import registry

    with in_opd(opd_a):
        targets = {target.key: target for target in registry.menu_targets()}
    assert targets["skm:results"].url == "/skm/"
    assert targets["skm:results"].default_parent == ""


def test_the_form_page_costs_a_fixed_number_of_queries(
    service_a, client_a, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30) as captured:
        assert client_a.get(FORM).status_code == 200
    # Domain, menu, pemda identity, emergency banners, and the service itself.
    assert len(real_queries(captured)) <= 5


def test_an_oversized_post_is_refused_and_counted(service_a, client_a, opd_a, in_opd, settings):
    settings.SKM_RESPONSES_PER_HOUR = 1
    response = client_a.post(FORM, answers(4, suggestion="x" * 100_000))
    assert response.status_code == 413
    assert count_in(opd_a, in_opd) == 0
    # The refused body used the hour's only slot.
    assert client_a.post(FORM, answers(4)).status_code == 429
