"""The import from the OPD's admin and from the console: upload → the dry run's report → the
import as a background job → the old addresses answer 301. Files on disk and on a real S3
server; the worker is procrastinate's own, run by the `run_tasks` fixture."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts import roles
from news.models import Article
from redirects.models import Redirect
from tenants.models import Opd
from tests.factories import login_console, make_operator
from wpimport import jobs
from wpimport.models import ImportRun

from .test_services import FIXTURE

UPLOAD_URL = "/admin/wpimport/importrun/add/"
OLD_POST = "/2024/02/15/pekan-imunisasi-nasional/"


def export_upload(data: bytes | None = None, name: str = "dinas.xml") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, FIXTURE.read_bytes() if data is None else data)


def archive_upload(path) -> SimpleUploadedFile:
    return SimpleUploadedFile("uploads.zip", path.read_bytes())


def run_of(opd, in_opd) -> ImportRun:
    with in_opd(opd):
        return ImportRun.objects.get()


def page_text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def checked(admin_a, opd_a, in_opd, uploads_zip, private_root, run_tasks):
    """An export and its uploads uploaded in alpha's admin, and its dry run done."""
    response = admin_a.post(
        UPLOAD_URL,
        {
            "export": export_upload(),
            "uploads": archive_upload(uploads_zip),
            "time_zone": "Asia/Jakarta",
        },
    )
    run = run_of(opd_a, in_opd)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/wpimport/importrun/{run.pk}/change/"
    assert run.status == ImportRun.Status.CHECKING
    assert run_tasks() == {"succeeded": 1}
    return run_of(opd_a, in_opd)


def test_the_upload_page_explains_the_steps_in_indonesian(admin_a, opd_a):
    page = page_text(admin_a.get(UPLOAD_URL))
    assert "Memindahkan situs WordPress lama ke sini" in page
    assert "Alat → Ekspor → Semua konten" in page
    assert '<code translate="no">wp-content/uploads</code>' in page
    assert 'enctype="multipart/form-data"' in page
    listing = page_text(admin_a.get("/admin/wpimport/importrun/"))
    assert "Impor situs WordPress" in listing and UPLOAD_URL in listing


def test_the_dry_run_reports_and_writes_nothing_until_confirmed(
    checked, admin_a, opd_a, in_opd, private_root
):
    assert checked.status == ImportRun.Status.CHECKED
    assert checked.total > 0
    with in_opd(opd_a):
        assert not Article.objects.filter(title__startswith="Pekan Imunisasi").exists()
        assert not Redirect.objects.exists()
    page = page_text(admin_a.get(f"/admin/wpimport/importrun/{checked.pk}/change/"))
    assert "Siap diimpor" in page
    assert "Uji coba: belum ada yang disimpan." in page
    assert '<th scope="row">Artikel</th><td>4</td><td>0</td><td>0</td>' in page
    assert "Mulai impor" in page and "Batalkan" in page
    assert 'http-equiv="refresh"' not in page  # nothing moving: no refresh
    # The uploaded files wait in alpha's private storage, nowhere else.
    stored = [p for p in private_root.rglob("*") if p.is_file()]
    assert {p.relative_to(private_root).parts[0] for p in stored} == {opd_a.schema_name}
    assert {p.name for p in stored} == {"dinas.xml", "uploads.zip"}


def test_the_confirmed_import_runs_in_the_worker_and_the_old_links_redirect(
    checked, admin_a, client_a, opd_a, in_opd, private_root, run_tasks
):
    response = admin_a.post(f"/admin/wpimport/importrun/{checked.pk}/mulai/")
    assert response.status_code == 302
    assert run_of(opd_a, in_opd).status == ImportRun.Status.QUEUED
    queued = page_text(admin_a.get(f"/admin/wpimport/importrun/{checked.pk}/change/"))
    assert "Menunggu giliran" in queued and 'http-equiv="refresh"' in queued
    assert run_tasks() == {"succeeded": 2}
    run = run_of(opd_a, in_opd)
    assert run.status == ImportRun.Status.DONE
    assert run.processed == run.total > 0
    assert run.report["created"]["article"] == 4
    assert run.started_by.username == "kepala"
    page = page_text(admin_a.get(f"/admin/wpimport/importrun/{run.pk}/change/"))
    assert "Laporan impor" in page and "Impor selesai." in page and "Mulai impor" not in page
    assert "/admin/redirects/redirect/" in page  # where the old addresses now lead
    with in_opd(opd_a):
        article = Article.objects.get(title__startswith="Pekan Imunisasi")
    old = client_a.get(OLD_POST)
    assert old.status_code == 301 and old["Location"] == article.get_absolute_url()
    # Finished: the uploaded files are gone.
    assert not [p for p in private_root.rglob("*") if p.is_file()]


def test_a_cancelled_run_imports_nothing_and_cannot_be_started(
    checked, admin_a, opd_a, in_opd, private_root, run_tasks
):
    assert admin_a.post(f"/admin/wpimport/importrun/{checked.pk}/batalkan/").status_code == 302
    run = run_of(opd_a, in_opd)
    assert run.status == ImportRun.Status.CANCELLED
    response = admin_a.post(f"/admin/wpimport/importrun/{checked.pk}/mulai/", follow=True)
    assert "tidak sedang menunggu persetujuan" in page_text(response)
    assert run_tasks() == {"succeeded": 1}  # the dry run's, nothing more
    with in_opd(opd_a):
        assert not Article.objects.filter(title__startswith="Pekan Imunisasi").exists()
    assert not [p for p in private_root.rglob("*") if p.is_file()]


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"%PDF-1.4 not an export", "dinas.xml", "bukan XML"),
        (FIXTURE.read_bytes()[:2000], "dinas.xml", "terpotong"),
        (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
            "dinas.xml",
            "bukan ekspor WordPress",
        ),
    ],
    ids=["not-xml", "truncated", "plain-rss"],
)
def test_a_bad_export_fails_its_check_with_the_reason_and_leaves_nothing(
    admin_a, opd_a, in_opd, private_root, run_tasks, data, name, message
):
    admin_a.post(UPLOAD_URL, {"export": export_upload(data, name), "time_zone": "Asia/Jakarta"})
    run_tasks()
    run = run_of(opd_a, in_opd)
    assert run.status == ImportRun.Status.FAILED
    assert message in run.error
    page = page_text(admin_a.get(f"/admin/wpimport/importrun/{run.pk}/change/"))
    assert "Impor gagal; tidak ada yang disimpan." in page and message in page
    assert not [p for p in private_root.rglob("*") if p.is_file()]


def test_the_form_refuses_what_it_can_tell_at_once(admin_a, opd_a, in_opd, settings, private_root):
    refused = admin_a.post(
        UPLOAD_URL, {"export": export_upload(name="dinas.pdf"), "time_zone": "Asia/Jakarta"}
    )
    assert "berakhiran .xml" in page_text(refused)
    both = admin_a.post(
        UPLOAD_URL,
        {
            "export": export_upload(),
            "uploads": SimpleUploadedFile("uploads.rar", b"Rar!"),
            "fetch_from": "https://dinkes.example.go.id",
            "time_zone": "Asia/Jakarta",
        },
    )
    assert ".zip atau .tar.gz" in page_text(both)
    settings.WPIMPORT_MAX_ARCHIVE_MB = 0
    large = admin_a.post(
        UPLOAD_URL,
        {
            "export": export_upload(),
            "uploads": SimpleUploadedFile("uploads.zip", b"x" * 10),
            "time_zone": "Asia/Jakarta",
        },
    )
    assert "Arsip unggahan terlalu besar" in page_text(large)
    internal = admin_a.post(
        UPLOAD_URL,
        {
            "export": export_upload(),
            "fetch_from": "http://127.0.0.1:9/",
            "time_zone": "Asia/Jakarta",
        },
    )
    assert internal.status_code == 200 and "jaringan internal" in page_text(internal)
    with in_opd(opd_a):
        assert not ImportRun.objects.exists()
    assert not private_root.exists() or not any(p.is_file() for p in private_root.rglob("*"))


def test_an_export_over_the_limit_is_refused_by_name(admin_a, opd_a, in_opd, monkeypatch):
    monkeypatch.setattr("wpimport.forms.MAX_BYTES", 1000)
    response = admin_a.post(UPLOAD_URL, {"export": export_upload(), "time_zone": "Asia/Jakarta"})
    assert "Berkas ekspor terlalu besar" in page_text(response)
    with in_opd(opd_a):
        assert not ImportRun.objects.exists()


def test_one_import_at_a_time(checked, admin_a, opd_a, in_opd, private_root, run_tasks):
    admin_a.post(f"/admin/wpimport/importrun/{checked.pk}/mulai/")
    again = admin_a.post(UPLOAD_URL, {"export": export_upload(), "time_zone": "Asia/Jakarta"})
    assert "masih berjalan" in page_text(again)
    with in_opd(opd_a):
        assert ImportRun.objects.count() == 1


def test_a_run_of_a_deactivated_opd_fails_and_imports_nothing(
    checked, admin_a, opd_a, in_opd, private_root, run_tasks
):
    admin_a.post(f"/admin/wpimport/importrun/{checked.pk}/mulai/")
    Opd.objects.filter(pk=opd_a.pk).update(is_active=False)
    run_tasks()
    run = run_of(opd_a, in_opd)
    assert run.status == ImportRun.Status.FAILED and "dinonaktifkan" in run.error
    with in_opd(opd_a):
        assert not Article.objects.filter(title__startswith="Pekan Imunisasi").exists()


def test_a_failure_midway_rolls_back_and_says_so(
    checked, admin_a, opd_a, in_opd, private_root, run_tasks, monkeypatch
):
    def fail(self):
        raise RuntimeError("disk full")

    monkeypatch.setattr("wpimport.importer.Importer._redirects", fail)
    admin_a.post(f"/admin/wpimport/importrun/{checked.pk}/mulai/")
    assert run_tasks() == {"succeeded": 1, "failed": 1}  # the check, then the import
    run = run_of(opd_a, in_opd)
    assert run.status == ImportRun.Status.FAILED
    assert "kesalahan tak terduga" in run.error and "disk full" not in run.error
    with in_opd(opd_a):
        assert not Article.objects.filter(title__startswith="Pekan Imunisasi").exists()
        assert not Redirect.objects.exists()


def test_only_the_admin_opd_role_imports(opd_a, in_opd, client_a, private_root):
    with in_opd(opd_a):
        client_a.force_login(make_operator("redaksi", role=roles.OPERATOR_BERITA))
    assert client_a.get(UPLOAD_URL).status_code == 403
    assert client_a.get("/admin/wpimport/importrun/").status_code == 403


def test_another_opd_sees_nothing_of_the_run(checked, opd_b, in_opd, client_b):
    with in_opd(opd_b):
        client_b.force_login(make_operator("kepala-b", role=roles.ADMIN_OPD))
        assert not ImportRun.objects.exists()
    assert client_b.get(f"/admin/wpimport/importrun/{checked.pk}/change/").status_code == 404
    assert client_b.post(f"/admin/wpimport/importrun/{checked.pk}/mulai/").status_code == 404
    assert "dinas.xml" not in page_text(client_b.get("/admin/wpimport/importrun/"))


@pytest.fixture
def console(db, public_tenant, in_opd):
    from django.contrib.auth import get_user_model

    with in_opd(public_tenant):
        user = get_user_model().objects.create_superuser("kominfo", "k@example.org", "x")
    return login_console(Client(HTTP_HOST="localhost"), user)


def test_the_console_imports_into_any_active_opd(
    console,
    opd_a,
    opd_b,
    in_opd,
    client_a,
    uploads_zip,
    private_root,
    run_tasks,
):
    form = page_text(console.get("/admin/impor-wordpress/"))
    assert "Situs OPD tujuan" in form and opd_a.name in form
    assert "Impor situs WordPress lama ke situs OPD" in page_text(console.get("/admin/"))
    response = console.post(
        "/admin/impor-wordpress/",
        {
            "opd": opd_a.pk,
            "export": export_upload(),
            "uploads": archive_upload(uploads_zip),
            "time_zone": "Asia/Jakarta",
        },
    )
    run = run_of(opd_a, in_opd)
    run_url = f"/admin/impor-wordpress/{opd_a.pk}/{run.pk}/"
    assert response.status_code == 302 and response["Location"] == run_url
    with in_opd(opd_b):
        assert not ImportRun.objects.exists()
    run_tasks()
    page = page_text(console.get(run_url))
    assert "Siap diimpor" in page and '<th scope="row">Artikel</th><td>4</td>' in page
    console.post(f"{run_url}mulai/")
    run_tasks()
    run = run_of(opd_a, in_opd)
    assert run.status == ImportRun.Status.DONE and run.started_by_name == "kominfo (Kominfo)"
    assert client_a.get(OLD_POST).status_code == 301
    # The run belongs to alpha: asked for under another OPD, it is not there.
    assert console.get(f"/admin/impor-wordpress/{opd_b.pk}/{run.pk}/").status_code == 404


def test_the_console_refuses_a_deactivated_opd(console, opd_a, in_opd, private_root):
    Opd.objects.filter(pk=opd_a.pk).update(is_active=False)
    response = console.post(
        "/admin/impor-wordpress/",
        {"opd": opd_a.pk, "export": export_upload(), "time_zone": "Asia/Jakarta"},
    )
    assert "Pilih situs OPD yang aktif" in page_text(response)
    with in_opd(opd_a):
        assert not ImportRun.objects.exists()


def test_receive_upload_refuses_a_deactivated_opd(opd_a, in_opd, private_root):
    opd_a.is_active = False
    with in_opd(opd_a), pytest.raises(Exception, match="dinonaktifkan"):
        jobs.receive_upload(opd=opd_a, export=export_upload())
    with in_opd(opd_a):
        assert not ImportRun.objects.exists()


PROGRESS = """
import os, psycopg
from django.db import transaction
from django_tenants.utils import tenant_context
from tenants.models import Opd
from wpimport.models import ImportRun
from wpimport.progress import ProgressWriter

def seen_from_outside():
    with psycopg.connect(os.environ["DATABASE_URL"]) as outside:
        return outside.execute("SELECT processed, total FROM alpha.wpimport_importrun").fetchone()

with tenant_context(Opd.objects.get(slug="alpha")):
    run = ImportRun.objects.create(status="running")
    with transaction.atomic():
        ImportRun.objects.create(status="done")  # the import's own writes, not yet committed
        with ProgressWriter(run, every_seconds=3600) as progress:
            progress(3, 10)
            first = seen_from_outside()
            progress(4, 10)  # within the interval: not written
            second = seen_from_outside()
            progress(10, 10)  # the last count always is
            last = seen_from_outside()
        transaction.set_rollback(True)
    print(first, second, last, ImportRun.objects.count())
"""


# The suite creates its test database only for tests that ask for database access; this one
# copies it (scratch_database) and works on the copy.
@pytest.mark.django_db
def test_progress_is_seen_while_the_import_transaction_is_still_open(scratch_database):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PROGRESS],
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": scratch_database},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split("\n")[-2] == "(3, 10) (3, 10) (10, 10) 1"


def test_a_run_left_running_by_a_dead_worker_is_run_again(
    checked, admin_a, opd_a, in_opd, private_root, run_tasks
):
    with in_opd(opd_a):
        # What a worker killed mid-import leaves: the run says "running", nothing imported.
        ImportRun.objects.filter(pk=checked.pk).update(status=ImportRun.Status.RUNNING)
        jobs.perform_run(run_id=checked.pk)
        assert Article.objects.filter(title__startswith="Pekan Imunisasi").exists()
    assert run_of(opd_a, in_opd).status == ImportRun.Status.DONE
