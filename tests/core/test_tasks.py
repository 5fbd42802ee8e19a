"""core.tasks: every job carries the schema it runs in and only identifiers; the worker sets the
schema itself; jobs are deferred in the transaction of the change; failed jobs show in the
console only (never on an OPD's admin)."""

import json

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django_tenants.utils import get_public_schema_name
from procrastinate.contrib.django import app as task_app
from procrastinate.contrib.django.django_connector import DjangoConnector
from procrastinate.contrib.django.models import ProcrastinateJob

from core.sites import console_site
from core.tasks import check_payload, failed_job_count, schema_task
from tests.factories import login_console

pytestmark = pytest.mark.django_db

SEEN = []

# Read at import, before the test fixtures hide the schedules from the in-process worker.
SCHEDULES = {
    name: periodic.cron
    for (name, _id), periodic in task_app.periodic_registry.periodic_tasks.items()
}


def test_every_scheduled_job_is_declared_in_code():
    assert SCHEDULES == {
        "backups.tasks.back_up_all_opds": "30 18 * * *",
        "backups.tasks.drill_the_least_recently_drilled_opd": "0 21 * * *",
        "console.tasks.send_activity_reminders": "0 0 * * *",
        "guard.tasks.scan_all_content": "0 20 * * *",
        "core.tasks.retry_stalled_jobs": "* * * * *",
        "core.tasks.remove_old_jobs": "15 19 * * *",
        # 08:00 WIB: the PPID staff's deadline reminders, one job per OPD.
        "ppid.tasks.remind_all_ppid_deadlines": "0 1 * * *",
        # 08:00 WIB too: the Atasan PPID's reminders of objections to answer (public schema).
        "ppidutama.tasks.remind_atasan_ppid_deadlines": "0 1 * * *",
        # Hourly: expired articles leave the portal's index.
        "news.tasks.retire_expired_articles_everywhere": "5 * * * *",
        # 00:05 WIB when a semester starts: every OPD's SKM figures and checklist afresh.
        "publicservices.survey.tasks.record_all_skm_summaries": "5 17 30,31 6,12 *",
        # 02:30 WIB: every OPD's Skor Keterbukaan, for the console's list.
        "openness.tasks.record_all_openness_scores": "30 19 * * *",
    }


@schema_task
def note_schema(*, marker: str) -> None:
    """A task of the tests: records the schema it found itself in."""
    SEEN.append((marker, connection.schema_name))


@pytest.fixture(autouse=True)
def forget_seen():
    SEEN.clear()


def test_a_job_runs_in_the_schema_it_was_deferred_from(opd_a, opd_b, in_opd, run_tasks):
    with in_opd(opd_a):
        note_schema.defer(marker="a")
    note_schema.defer(marker="public")
    note_schema.defer(schema=opd_b.schema_name, marker="b")
    connection.set_schema(opd_a.schema_name)  # the worker's current schema does not matter
    assert run_tasks() == {"succeeded": 3}
    assert sorted(SEEN) == [
        ("a", opd_a.schema_name),
        ("b", opd_b.schema_name),
        ("public", get_public_schema_name()),
    ]


@pytest.mark.parametrize(
    "value",
    ["budi@example.org", "Budi Santoso", "Jl. Merdeka 1", "3273011501900001 x", {"nik": 1}],
)
def test_a_job_carries_identifiers_only(value, task_queue):
    with pytest.raises(TypeError, match="load records inside the task"):
        note_schema.defer(marker=value)
    assert task_queue.jobs == {}


def test_identifiers_pass():
    check_payload({"mail_id": 12, "slug": "dinas-kominfo", "schema": "bpbd", "ids": [1, 2]})


@pytest.fixture
def real_queue():
    """Procrastinate's own Django connector: the jobs table in PostgreSQL, not the test mode."""
    with task_app.replace_connector(DjangoConnector()):
        yield


def public_jobs() -> list[tuple[str, dict]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT task_name, args FROM public.procrastinate_jobs ORDER BY id")
        return [(name, json.loads(args)) for name, args in cursor.fetchall()]


def test_a_job_deferred_in_an_opd_schema_lands_in_the_public_queue_with_its_change(
    opd_a, in_opd, real_queue
):
    from django_tenants.utils import tenant_context  # noqa: F401 (documented below)
    from procrastinate.contrib.django.django_connector import DjangoConnector

    assert isinstance(task_app.connector, DjangoConnector)
    before = public_jobs()
    with in_opd(opd_a):
        # procrastinate's tables exist only in the public schema (a shared app) ...
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM information_schema.tables "
                "WHERE table_schema = %s AND table_name LIKE 'procrastinate%%'",
                [opd_a.schema_name],
            )
            assert cursor.fetchone() == (0,)
        # ... and a job deferred from the OPD's schema reaches them, on the same connection.
        note_schema.defer(marker="kept")
        try:
            with transaction.atomic():
                note_schema.defer(marker="rolled-back")
                raise RuntimeError("the change fails")
        except RuntimeError:
            pass
    jobs = public_jobs()[len(before) :]
    assert jobs == [
        ("tests.core.test_tasks.note_schema", {"schema": opd_a.schema_name, "marker": "kept"})
    ]


def test_failed_jobs_show_on_the_console_and_never_on_an_opd_admin(
    portal_client, admin_a, real_queue
):
    job_id = note_schema.defer(marker="x")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE procrastinate_jobs SET status = 'failed', attempts = 6 WHERE id = %s",
            [job_id],
        )
    assert failed_job_count() >= 1
    assert not admin.site.is_registered(ProcrastinateJob)
    assert all("procrastinate" not in model._meta.app_label for model in admin.site._registry)
    assert any(model._meta.model_name == "backgroundjob" for model in console_site._registry)

    user = get_user_model().objects.create_superuser("kominfo", "k@example.org", "x")
    console = login_console(portal_client, user)
    home = console.get("/admin/").content.decode()
    assert f"{failed_job_count()} tugas gagal" in home
    listing = console.get("/admin/console/backgroundjob/?status=failed").content.decode()
    assert "Gagal" in listing and "note_schema" in listing and "Jalankan ulang" in listing
    # The status column is a PostgreSQL enum: a tampered filter value is ignored, not a 500.
    assert console.get("/admin/console/backgroundjob/?status=abc").status_code == 200

    assert admin_a.get("/admin/procrastinate/procrastinatejob/").status_code == 404
    assert admin_a.get("/admin/console/backgroundjob/").status_code == 404
