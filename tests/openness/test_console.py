"""The Kominfo console's list of every OPD's latest score and the pemda's, and the nightly
recomputation over all OPDs."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from openness.models import ScoreSnapshot
from tests.conftest import PASSWORD
from tests.factories import login_console
from tests.mainsite.helpers import bare_opd

pytestmark = pytest.mark.django_db
PAGE = "/admin/keterbukaan/"


@pytest.fixture
def console(portal_client):
    user = get_user_model().objects.create_superuser("kominfo", "k@example.org", PASSWORD)
    return login_console(portal_client, user)


def snapshot(opd, score):
    from openness.scoring import band_of

    return ScoreSnapshot.objects.update_or_create(
        opd=opd,
        defaults={
            "score": Decimal(score),
            "band": band_of(Decimal(score)),
            "computed_at": timezone.now(),
        },
    )[0]


def test_console_lists_scores_and_the_pemda_mean(console, opd_a, opd_b):
    snapshot(opd_a, "95.0")
    snapshot(opd_b, "84.9")
    response = console.get(PAGE)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dinas Alpha" in body and "Informatif" in body and "Menuju Informatif" in body
    # (95,0 + 84,9) / 2 = 89,95, shown as 90,0: Informatif.
    assert response.context["pemda_score"] == Decimal("90.0")
    assert response.context["pemda_band"] == "informatif"
    assert "Rata-rata skor 2 OPD" in body


def test_unscored_and_inactive_opds(console, opd_a, opd_b):
    snapshot(opd_a, "50")
    off = bare_opd("mati")
    off.is_active = False
    off.save()
    snapshot(off, "10")
    response = console.get(PAGE)
    assert response.context["pemda_score"] == Decimal("50.0")
    body = response.content.decode()
    assert "Belum dinilai" in body  # beta
    assert "1 OPD belum dinilai" in body
    assert off.name not in body


def test_query_count_does_not_grow_with_opds(console, opd_a, opd_b, django_assert_num_queries):
    snapshot(opd_a, "70")
    console.get(PAGE)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as two:
        console.get(PAGE)
    for slug in ("tiga", "empat", "lima"):
        snapshot(bare_opd(slug), "60")
    with CaptureQueriesContext(connection) as five:
        response = console.get(PAGE)
    assert len(response.context["rows"]) >= 5
    assert len(five) == len(two)


def test_opd_operators_do_not_reach_the_console_page(opd_a, admin_a):
    # On an OPD's host the same path is the OPD's own page, never the console's list.
    response = admin_a.get(PAGE)
    assert response.status_code == 200
    assert "Skor Keterbukaan OPD" not in response.content.decode()


def test_command_records_every_active_opd(opd_a, opd_b):
    call_command("record_openness_scores")
    assert set(ScoreSnapshot.objects.values_list("opd__slug", flat=True)) >= {"alpha", "beta"}


def test_nightly_job_records_each_opd_in_its_own_schema(opd_a, opd_b, run_tasks):
    from openness.tasks import record_all_openness_scores

    record_all_openness_scores.defer(schema="public")
    run_tasks()
    assert set(ScoreSnapshot.objects.values_list("opd__slug", flat=True)) >= {"alpha", "beta"}
