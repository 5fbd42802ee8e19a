"""The Kominfo console's activity dashboard, reminders, emergency banners and operator list."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from accounts import roles
from accounts.models import OperatorAccount
from backups.models import RestoreDrill
from banners.models import EmergencyBanner
from console.activity import checklist_items, opd_activity
from console.models import ActivityLevel, ActivityReminder, ActivitySettings
from tenants.models import Opd
from tests.conftest import PASSWORD
from tests.factories import login_console, make_operator
from tests.mainsite.helpers import bare_opd, index_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def console(portal_client):
    user = get_user_model().objects.create_superuser("kominfo", "k@example.org", PASSWORD)
    return login_console(portal_client, user)


def statuses():
    return {row.opd.slug: row.status for row in opd_activity()}


def complete(*opds):
    """Record every mandatory content item as present (what the OPD side would record)."""
    keys = {item.key: True for item in checklist_items()}
    Opd.objects.filter(pk__in=[opd.pk for opd in opds]).update(content_checklist=keys)


def test_status_follows_the_latest_publication_and_the_thresholds(opd_a, opd_b):
    complete(opd_a, opd_b)
    index_article(opd_a, 1, "Baru", days_ago=5)
    index_article(opd_b, 1, "Lama", days_ago=45)
    quiet = bare_opd("sepi")
    index_article(quiet, 1, "Sangat lama", days_ago=400)
    bare_opd("kosong")
    assert statuses() == {
        "alpha": ActivityLevel.ACTIVE,
        "beta": ActivityLevel.BARELY_ACTIVE,
        "sepi": ActivityLevel.INACTIVE,
        "kosong": ActivityLevel.INACTIVE,
    }
    thresholds = ActivitySettings.current()
    thresholds.active_days = 60
    thresholds.save()
    assert statuses()["beta"] == ActivityLevel.ACTIVE


def test_recent_news_on_an_incomplete_site_is_only_barely_active(opd_a, opd_b):
    """The defect: an OPD was "Aktif" at 38 % completeness because only news counted."""
    index_article(opd_a, 1, "Baru", days_ago=5)
    index_article(opd_b, 1, "Baru juga", days_ago=5)
    keys = [item.key for item in checklist_items()]
    # alpha has 3 of its 11 items (27 %, with the recent news); beta all of them.
    Opd.objects.filter(pk=opd_a.pk).update(content_checklist=dict.fromkeys(keys[:2], True))
    complete(opd_b)
    rows = {row.opd.slug: row for row in opd_activity()}
    assert rows["alpha"].score == 27
    assert rows["alpha"].status == ActivityLevel.BARELY_ACTIVE
    assert (rows["alpha"].news_recent, rows["alpha"].complete_enough) == (True, False)
    assert rows["beta"].status == ActivityLevel.ACTIVE
    # Kominfo sets the bar.
    thresholds = ActivitySettings.current()
    thresholds.active_min_score = 25
    thresholds.save()
    assert statuses()["alpha"] == ActivityLevel.ACTIVE
    # Completeness never makes up for missing news.
    Opd.objects.filter(pk=opd_b.pk).update(content_checklist={})
    complete(opd_b)
    index_article(bare_opd("rapi"), 1, "Lama", days_ago=400)
    complete(Opd.objects.get(slug="rapi"))
    assert statuses()["rapi"] == ActivityLevel.INACTIVE


def test_the_console_legend_explains_the_statuses(console):
    page = console.get("/admin/aktivitas/").content.decode()
    assert "kelengkapan situs minimal 50%" in page
    assert "rajin terbit tetapi kelengkapan di bawah 50%" in page


def test_scheduled_articles_do_not_count_as_activity_yet(opd_a):
    index_article(opd_a, 1, "Nanti", days_ago=-2)
    assert statuses()["alpha"] == ActivityLevel.INACTIVE


def test_the_dashboard_shows_counts_and_rows(console, opd_a, opd_b):
    for number in range(3):
        index_article(opd_a, number, f"Kabar {number}", days_ago=number * 20 + 1)
    page = console.get("/admin/aktivitas/").content.decode()
    assert "Dinas Alpha Kota Uji" in page and "Badan Beta Kota Uji" in page
    assert "Aktif" in page and "Tidak aktif" in page
    assert "<svg" in page  # the per-OPD monthly chart, rendered on the server
    only_inactive = console.get(
        "/admin/aktivitas/", {"status": ActivityLevel.INACTIVE}
    ).content.decode()
    assert "Badan Beta Kota Uji" in only_inactive and "Dinas Alpha Kota Uji" not in only_inactive
    for order in ("nama", "-terbit", "skor", "-login", "-ppid", "bogus"):
        assert console.get("/admin/aktivitas/", {"urut": order}).status_code == 200


def test_the_dashboard_shows_the_last_restore_drill_per_opd(console, opd_a, opd_b):
    now = timezone.now()
    RestoreDrill.objects.create(
        opd=opd_a, slug="alpha", started_at=now - timedelta(days=2), duration_seconds=9, ok=False
    )
    RestoreDrill.objects.create(opd=opd_a, slug="alpha", started_at=now, duration_seconds=4.2,
                                ok=True)  # fmt: skip
    page = console.get("/admin/aktivitas/").content.decode()
    assert "Uji pemulihan terakhir" in page
    alpha_row = page[page.index("Dinas Alpha Kota Uji") :].split("</tr>")[0]
    beta_row = page[page.index("Badan Beta Kota Uji") :].split("</tr>")[0]
    assert "berhasil" in alpha_row and "4,2 dtk" in alpha_row and "gagal" not in alpha_row
    assert "belum pernah" in beta_row.rsplit("<td", 2)[-2]  # the column before the actions
    assert console.get("/admin/backups/restoredrill/").status_code == 200


def test_the_dashboard_exports_csv(console, opd_a):
    complete(opd_a)
    index_article(opd_a, 1, "Kabar", days_ago=1)
    index_article(opd_a, 2, "Kabar lama", days_ago=50)
    response = console.get("/admin/aktivitas/", {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, *body = rows
    assert header[0] == "OPD"
    alpha = next(row for row in body if row[1] == "alpha")
    assert alpha[3] == "Aktif"
    assert alpha[5:7] == ["1", "2"]


def test_the_dashboard_query_count_does_not_grow_with_opds(console, opd_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    console.get("/admin/aktivitas/")
    with CaptureQueriesContext(connection) as few:
        console.get("/admin/aktivitas/")
    for number in range(40):
        index_article(bare_opd(f"dinas-{number}"), 1, "Kabar", days_ago=number)
    with CaptureQueriesContext(connection) as many:
        console.get("/admin/aktivitas/")
    assert len(many) == len(few)


def test_only_kominfo_reaches_the_console(opd_a, in_opd, portal_client):
    assert portal_client.get("/admin/aktivitas/").status_code == 302
    with in_opd(opd_a):
        make_operator("sari", role=roles.ADMIN_OPD, is_superuser=True)
    portal_client.post("/admin/login/", {"username": "sari", "password": PASSWORD})
    assert portal_client.get("/admin/aktivitas/").status_code == 302
    assert portal_client.get("/admin/accounts/operatoraccount/").status_code == 302


def test_an_opd_admin_session_replayed_on_the_main_domain_is_anonymous(opd_a, in_opd, client_a):
    from django.conf import settings

    with in_opd(opd_a):
        make_operator("sari", role=roles.ADMIN_OPD, is_superuser=True)
    client_a.post("/admin/login/", {"username": "sari", "password": PASSWORD})
    main = Client(HTTP_HOST="localhost")
    main.cookies[settings.SESSION_COOKIE_NAME] = client_a.cookies[
        settings.SESSION_COOKIE_NAME
    ].value
    assert main.get("/admin/").status_code == 302
    assert main.get("/admin/aktivitas/").status_code == 302


def test_reminders_go_to_inactive_opds_admins_once_per_interval(opd_a, opd_b, in_opd, run_tasks):
    complete(opd_a)
    index_article(opd_a, 1, "Baru", days_ago=2)  # alpha is active: no reminder
    call_command("send_activity_reminders", "--dry-run")
    run_tasks()
    assert mail.outbox == []
    assert ActivityReminder.objects.count() == 0

    call_command("send_activity_reminders")
    run_tasks()
    assert [message.to for message in mail.outbox] == [["admin@beta.example.org"]]
    assert "http://beta.localhost/admin/" in mail.outbox[0].body
    assert "Halaman Profil" in mail.outbox[0].body or "Profil" in mail.outbox[0].body
    reminder = ActivityReminder.objects.get()
    assert reminder.opd == opd_b and reminder.status == ActivityLevel.INACTIVE

    call_command("send_activity_reminders")
    run_tasks()
    assert len(mail.outbox) == 1  # within the interval: not again
    reminder.sent_at = timezone.now() - timedelta(days=15)
    reminder.save()
    call_command("send_activity_reminders")
    run_tasks()
    assert len(mail.outbox) == 2


def test_dry_run_lists_who_would_be_mailed(opd_b, capsys):
    call_command("send_activity_reminders", "--dry-run")
    out = capsys.readouterr().out
    assert "would mail beta" in out and "admin@beta.example.org" in out
    assert mail.outbox == []


def test_operator_accounts_are_mirrored_for_the_console(opd_a, opd_b, in_opd, console):
    with in_opd(opd_a):
        user = make_operator("sari", role=roles.OPERATOR_BERITA, email="sari@alpha.example.org")
    account = OperatorAccount.objects.get(opd=opd_a, user_id=user.pk)
    assert account.roles == roles.OPERATOR_BERITA
    page = console.get("/admin/accounts/operatoraccount/").content.decode()
    assert "sari" in page and "admin@beta.example.org" in page

    console.post(
        "/admin/accounts/operatoraccount/",
        {"action": "deactivate_accounts", "_selected_action": [account.pk]},
    )
    with in_opd(opd_a):
        user.refresh_from_db()
        assert not user.is_active
    with in_opd(opd_b):
        assert (
            get_user_model()
            .objects.filter(username="admin@beta.example.org", is_active=True)
            .exists()
        )
    account.refresh_from_db()
    assert not account.is_active


def test_an_operator_login_is_recorded_for_the_console(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_operator("sari", role=roles.ADMIN_OPD)
    client_a.post("/admin/login/", {"username": "sari", "password": PASSWORD})
    assert Opd.objects.get(pk=opd_a.pk).last_operator_login is not None
    assert OperatorAccount.objects.get(opd=opd_a, username="sari").last_login is not None


def test_a_kominfo_banner_shows_at_once_on_the_portal_and_every_opd(
    console, client_a, client_b, portal_client
):
    client_a.get("/"), client_b.get("/")  # pages cached before the banner exists
    response = console.post(
        "/admin/banners/emergencybanner/add/",
        {
            "level": "danger",
            "text": "Peringatan dini banjir rob",
            "link": "https://bpbd.example.go.id/",
            "starts_at_0": timezone.localtime().strftime("%Y-%m-%d"),
            "starts_at_1": (timezone.localtime() - timedelta(minutes=1)).strftime("%H:%M:%S"),
            "expires_at_0": (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%d"),
            "expires_at_1": "12:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    for client in (client_a, client_b, Client(HTTP_HOST="localhost")):
        assert "Peringatan dini banjir rob" in client.get("/").content.decode()


def test_an_expired_banner_disappears_without_a_redeploy(client_a, public_tenant, monkeypatch):
    expiry = timezone.now() + timedelta(hours=1)
    EmergencyBanner.objects.create(
        level="warning",
        text="Angin kencang",
        starts_at=timezone.now() - timedelta(hours=1),
        expires_at=expiry,
        issued_by=public_tenant,
    )
    assert "Angin kencang" in client_a.get("/").content.decode()
    later = expiry + timedelta(seconds=1)
    monkeypatch.setattr("banners.services.timezone.now", lambda: later)
    # Nothing was written: the cached banner list is checked against the clock on every request.
    assert "Angin kencang" not in client_a.get("/").content.decode()


def test_banner_text_is_escaped(client_a, public_tenant):
    EmergencyBanner.objects.create(
        text="<script>alert(1)</script>",
        expires_at=timezone.now() + timedelta(hours=1),
        issued_by=public_tenant,
    )
    page = client_a.get("/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_an_opd_with_the_right_broadcasts_and_others_cannot(
    opd_a, opd_b, in_opd, client_a, client_b
):
    Opd.objects.filter(pk=opd_a.pk).update(can_broadcast=True)
    with in_opd(opd_a):
        client_a.force_login(make_operator("bpbd", role=roles.ADMIN_OPD))
    with in_opd(opd_b):
        client_b.force_login(make_operator("lain", role=roles.ADMIN_OPD))

    assert client_b.get("/admin/siaran/").status_code == 403
    now = timezone.localtime()
    response = client_a.post(
        "/admin/siaran/",
        {
            "level": "warning",
            "text": "Siaga banjir dari BPBD",
            "everywhere": "on",
            "starts_at": (now - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M"),
            "expires_at": (now + timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 302
    assert "Siaga banjir dari BPBD" in client_b.get("/").content.decode()
    banner = EmergencyBanner.objects.get(text="Siaga banjir dari BPBD")
    assert banner.issued_by_id == opd_a.pk

    # B cannot end A's banner; A can.
    client_b.post("/admin/siaran/", {"end": banner.pk})
    assert "Siaga banjir dari BPBD" in client_b.get("/").content.decode()
    client_a.post("/admin/siaran/", {"end": banner.pk})
    assert "Siaga banjir dari BPBD" not in client_b.get("/").content.decode()


def test_a_banner_that_ends_before_it_starts_is_a_form_error(opd_a, in_opd, client_a):
    Opd.objects.filter(pk=opd_a.pk).update(can_broadcast=True)
    with in_opd(opd_a):
        client_a.force_login(make_operator("bpbd", role=roles.ADMIN_OPD))
    now = timezone.localtime()
    response = client_a.post(
        "/admin/siaran/",
        {
            "level": "warning",
            "text": "Salah waktu",
            "starts_at": now.strftime("%Y-%m-%dT%H:%M"),
            "expires_at": (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 200
    assert not EmergencyBanner.objects.filter(text="Salah waktu").exists()


def test_the_opd_admin_home_shows_the_mandatory_content_to_do_list(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        client_a.force_login(make_operator("sari", role=roles.ADMIN_OPD))
    page = client_a.get("/admin/").content.decode()
    assert "Kelengkapan situs" in page
    assert "Minimal satu berita dalam 90 hari terakhir" in page
