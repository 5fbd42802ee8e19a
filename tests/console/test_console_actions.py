"""The console's activity table (sort links, per-row actions), the bulk reminder action, the OPD
form's fields, the reminder log and the links commands write (with the port)."""

import io
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client

from accounts.models import OperatorAccount
from console.models import ActivityLevel, ActivityReminder
from tests.conftest import PASSWORD
from tests.factories import login_console, make_operator
from tests.mainsite.helpers import index_article
from tests.tenants.test_console import console_change_data

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/aktivitas/"


@pytest.fixture
def kominfo(public_tenant):
    return get_user_model().objects.create_superuser("kominfo", "k@example.org", PASSWORD)


@pytest.fixture
def console(portal_client, kominfo):
    return login_console(portal_client, kominfo)


def test_sort_links_keep_the_filter_and_have_one_question_mark(console, opd_a):
    page = console.get(DASHBOARD, {"status": "tidak_aktif", "jenis": "dinas"}).content.decode()
    assert "??" not in page
    assert 'href="?status=tidak_aktif&amp;jenis=dinas&amp;urut=nama"' in page
    assert 'href="?status=tidak_aktif&amp;jenis=dinas&amp;format=csv"' in page
    # The summary's status links keep the kind filter (and replace the status).
    assert 'href="?status=aktif&amp;jenis=dinas"' in page
    sorted_page = console.get(DASHBOARD, {"status": "tidak_aktif", "urut": "-terbit"})
    assert sorted_page.context["order"] == "-terbit"
    assert sorted_page.context["selected_status"] == "tidak_aktif"


def test_each_row_opens_that_opds_admin_on_its_host_with_the_port(console, opd_a, settings):
    settings.PORTAL_PORT = "8123"
    page = console.get(DASHBOARD).content.decode()
    assert '<a href="http://alpha.localhost:8123/admin/">Buka admin OPD</a>' in page
    assert '<a href="http://beta.localhost:8123/admin/">Buka admin OPD</a>' in page


def test_send_a_reminder_now_from_the_row(kominfo, opd_a, opd_b, run_tasks, task_queue):
    # Alpha is active and was reminded a moment ago: Kominfo asking still sends one.
    index_article(opd_a, 1, "Kabar", days_ago=1)
    ActivityReminder.objects.create(opd=opd_a, status="aktif", recipients="x")
    console = login_console(Client(HTTP_HOST="localhost", enforce_csrf_checks=True), kominfo)
    page = console.get(DASHBOARD, {"status": "kurang_aktif"})
    html = page.content.decode()
    action = f"/admin/aktivitas/{opd_a.pk}/pengingat/"
    assert f'<form method="post" action="{action}">' in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    assert console.post(action, {"next": "/admin/aktivitas/"}).status_code == 403  # no token
    assert console.get(action).status_code == 405
    response = console.post(
        action,
        {"csrfmiddlewaretoken": token, "next": "/admin/aktivitas/?status=kurang_aktif"},
    )
    assert response.status_code == 302
    assert response.url == "/admin/aktivitas/?status=kurang_aktif"
    assert mail.outbox == []  # the worker sends it
    (job,) = [j for j in task_queue.jobs.values() if j["task_name"].endswith("activity_reminder")]
    assert job["args"] == {"schema": "public", "opd_id": opd_a.pk}
    run_tasks()
    assert [message.to for message in mail.outbox] == [["admin@alpha.example.org"]]
    assert "http://alpha.localhost/admin/" in mail.outbox[0].body
    assert ActivityReminder.objects.filter(opd=opd_a).count() == 2
    assert not ActivityReminder.objects.filter(opd=opd_b).exists()


def test_an_opd_without_an_admin_to_mail_is_a_warning(console, opd_a, task_queue):
    OperatorAccount.objects.filter(opd=opd_a).update(is_active=False)
    response = console.post(f"/admin/aktivitas/{opd_a.pk}/pengingat/", follow=True)
    assert "tidak dapat diingatkan" in response.content.decode()
    assert not task_queue.jobs


def test_the_reminder_button_does_not_redirect_elsewhere(console, opd_a):
    response = console.post(
        f"/admin/aktivitas/{opd_a.pk}/pengingat/", {"next": "https://contoh.example/"}
    )
    assert response.url == DASHBOARD


def test_the_reminder_button_is_for_kominfo_only(public_tenant, opd_a, in_opd, client_a):
    staff = get_user_model().objects.create_user("staf", "s@example.org", PASSWORD, is_staff=True)
    limited = login_console(Client(HTTP_HOST="localhost"), staff)
    assert limited.post(f"/admin/aktivitas/{opd_a.pk}/pengingat/").status_code == 403
    with in_opd(opd_a):
        client_a.force_login(make_operator("sari"))
    assert client_a.post(f"/admin/aktivitas/{opd_a.pk}/pengingat/").status_code == 404
    assert not ActivityReminder.objects.exists()


def test_a_bulk_action_reminds_the_selected_opds(console, opd_a, opd_b, run_tasks):
    response = console.post(
        "/admin/tenants/opd/",
        {"action": "send_reminders", "_selected_action": [opd_a.pk, opd_b.pk]},
        follow=True,
    )
    assert "Pengingat untuk 2 OPD sedang dikirim" in response.content.decode()
    run_tasks()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "admin@alpha.example.org",
        "admin@beta.example.org",
    ]


def test_the_opd_form_sets_the_broadcast_right(console, opd_a, client_a):
    url = f"/admin/tenants/opd/{opd_a.pk}/change/"
    form = console.get(url)
    assert 'name="can_broadcast"' in form.content.decode()
    assert console.post(url, console_change_data(form, can_broadcast="on")).status_code == 302
    opd_a.refresh_from_db()
    assert opd_a.can_broadcast


def test_the_console_lists_each_opd_with_a_link_to_its_admin(console, opd_a):
    page = console.get("/admin/tenants/opd/").content.decode()
    assert '<a href="http://alpha.localhost/admin/">Buka admin OPD</a>' in page


def test_the_reminder_log_shows_labels(console, opd_a):
    ActivityReminder.objects.create(
        opd=opd_a, status=ActivityLevel.INACTIVE, recipients="admin@alpha.example.org"
    )
    page = console.get("/admin/console/activityreminder/").content.decode()
    assert "Tidak aktif" in page
    assert "tidak_aktif</td>" not in page


def test_reminders_mailed_by_the_command_keep_the_port(opd_b, settings, run_tasks):
    settings.PORTAL_PORT = "8123"
    call_command("send_activity_reminders", stdout=io.StringIO())
    run_tasks()
    (message,) = [m for m in mail.outbox if m.to == ["admin@beta.example.org"]]
    assert "http://beta.localhost:8123/admin/" in message.body


def test_seed_demo_prints_addresses_with_the_port(monkeypatch, settings):
    monkeypatch.setattr("demo.management.commands.seed_demo.DEMO_OPDS", [])
    settings.PORTAL_PORT = "8123"
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "http://localhost:8123/" in out.getvalue()
    assert "http://localhost:8123/admin/" in out.getvalue()


def test_make_run_gives_every_command_the_port():
    """seed_demo, the worker and the server all run with PORTAL_PORT (make's database dump)."""
    database = subprocess.run(
        ["make", "-n", "-p", "run", "PORT=8123"],
        cwd=Path(settings.BASE_DIR),
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert "run: PORTAL_PORT := 8123" in database
    assert "migrate: PORTAL_PORT := 8123" in database
