"""PPID Utama's dashboard on the console: every active OPD's open requests by working days
left, read from the records only."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ppidutama.models import RequestRecord
from tenants.models import Opd
from tests.factories import login_console
from tests.mainsite.helpers import bare_opd
from tests.ppidutama.conftest import moment, seed_request
from workdays import counting as workdays

pytestmark = pytest.mark.django_db

URL = "/admin/ppid/permohonan-berjalan/"


@pytest.fixture
def ppid_utama(portal_client, console_user_with):
    return login_console(portal_client, console_user_with("ppidutama.view_requestrecord"))


def back(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def rows_of(response) -> list[str]:
    return [row.record.number for row in response.context["requests"].rows]


@pytest.fixture
def seeded(opd_a, opd_b):
    today = timezone.localdate()
    seed_request(opd_a, 1, received=back(30), due=back(14))  # overdue
    seed_request(opd_a, 2, received=back(1), due=workdays.add_working_days(today, 9))
    seed_request(
        opd_a, 3, received=back(20), due=back(3), status="dikabulkan_seluruhnya", decided=back(5)
    )  # fmt: skip  (closed: not listed)
    seed_request(opd_b, 1, received=back(12), due=workdays.add_working_days(today, 2),
                 status="diperpanjang")  # fmt: skip
    seed_request(opd_b, 2, received=back(40), due=back(20))  # the most overdue


def test_every_open_request_of_every_opd_overdue_first(ppid_utama, seeded):
    response = ppid_utama.get(URL)
    assert response.status_code == 200
    assert rows_of(response) == [
        f"BETA/PPID/{back(40).year}/0002",
        f"ALPHA/PPID/{back(30).year}/0001",
        f"BETA/PPID/{back(12).year}/0001",
        f"ALPHA/PPID/{back(1).year}/0002",
    ]
    requests = response.context["requests"]
    assert (requests.overdue, requests.due_soon) == (2, 1)
    assert [row.days_left for row in requests.rows][2:] == [2, 9]
    page = response.content.decode()
    for text in ("Dinas Alpha Kota Uji", "Badan Beta Kota Uji", "Diperpanjang", "terlambat"):
        assert text in page
    # No personal data: the records have none, the page shows none.
    for text in ("Budi Santoso", "3273011501900001", "budi@example.org", "Laporan realisasi"):
        assert text not in page


def test_the_filter_shows_one_opd(ppid_utama, seeded, opd_b):
    response = ppid_utama.get(URL, {"opd": opd_b.pk})
    assert [number.split("/")[0] for number in rows_of(response)] == ["BETA", "BETA"]
    assert response.context["requests"].overdue == 1
    # Anything else shows every OPD rather than failing.
    for value in ("abc", "999999", "", "1;DROP"):
        response = ppid_utama.get(URL, {"opd": value})
        assert response.status_code == 200
        assert len(rows_of(response)) == 4


def test_a_deactivated_opd_is_left_out(ppid_utama, seeded, opd_b):
    Opd.objects.filter(pk=opd_b.pk).update(is_active=False)
    assert {number.split("/")[0] for number in rows_of(ppid_utama.get(URL))} == {"ALPHA"}


def test_the_query_count_does_not_grow_with_opds(ppid_utama, seeded):
    ppid_utama.get(URL)
    with CaptureQueriesContext(connection) as few:
        ppid_utama.get(URL)
    for number in range(30):
        opd = bare_opd(f"dinas-{number}")
        RequestRecord.objects.create(
            opd=opd, source_id=1, number=f"D{number}/PPID/1", year=back(2).year,
            status="diterima", received_at=moment(back(2)), due_date=back(-10),
        )  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        response = ppid_utama.get(URL)
    assert len(rows_of(response)) == 34
    assert len(many) == len(few)
    # Session, user, second step, two permission look-ups, the OPDs, the records, PPID Utama's
    # own: each after django-tenants' SET search_path.
    assert len(many) <= 16


def test_only_holders_of_the_permission_see_it(
    portal_client, console_user_with, seeded, client_a, admin_a
):
    assert portal_client.get(URL).status_code == 302  # to the log-in
    login_console(portal_client, console_user_with(username="staf"))
    assert portal_client.get(URL).status_code == 403
    assert "permohonan-berjalan" not in portal_client.get("/admin/").content.decode()
    superuser = console_user_with(username="root", superuser=True)
    login_console(portal_client, superuser)
    assert portal_client.get(URL).status_code == 200
    index = portal_client.get("/admin/").content.decode()
    assert "/admin/ppid/permohonan-berjalan/" in index
    assert "/admin/ppid/laporan-tahunan/" in index
    # Not on an OPD's host, not even for its Admin OPD.
    assert admin_a.get(URL).status_code == 404


def test_the_requests_ppid_utama_holds_are_listed_too(ppid_utama, seeded):
    from tests.ppidutama.conftest import file_with_utama

    receipt = file_with_utama()
    page = ppid_utama.get(URL).content.decode()
    assert receipt.number in page and "PPID Utama" in page
