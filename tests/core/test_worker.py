"""The task queue for real: jobs in PostgreSQL, run by `manage.py procrastinate worker`
processes, on a scratch copy of the test database (its commits never reach other tests).

A PPID receipt is delivered by the worker; a job that keeps failing is retried with back-off and
ends failed, which the console shows; a worker killed (SIGKILL) in the middle of a send loses
no e-mail (the job is run again) and a job re-run after its e-mail went out sends none twice.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
# The suite creates its test database only for tests that ask for database access; these copy
# it (scratch_database) and work on the copy.
pytestmark = pytest.mark.django_db

SUBMIT = """
from django_tenants.utils import tenant_context
from tenants.models import Opd
from tests.ppid.conftest import submit
opd = Opd.objects.get(slug="alpha")
with tenant_context(opd):
    submission = submit(opd)
print(submission.record.number, submission.tracking_code)
"""

CONSOLE = """
from django.contrib.auth import get_user_model
from django.test import Client
from tests.factories import login_console
user = get_user_model().objects.create_superuser("konsol", "konsol@example.org", "x")
client = login_console(Client(HTTP_HOST="localhost"), user)
home = client.get("/admin/").content.decode()
jobs = client.get("/admin/console/backgroundjob/?status=failed").content.decode()
# Both mails of the request fail: the citizen's receipt and the notice to the PPID staff.
print("2 tugas gagal" in home, "deliver_mail" in jobs, "Gagal" in jobs)
"""


class Scratch:
    """Subprocesses on the scratch database, with the worker settings of these tests."""

    def __init__(self, url: str, tmp_path: Path, **env: str):
        self.url = url
        self.mail_dir = tmp_path / "mail"
        self.gate = tmp_path / "gate"
        self.logs = tmp_path
        self.env = {
            **os.environ,
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": url,
            "EMAIL_BACKEND": "tests.core.gated_mail.GatedFileBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "MAIL_GATE": str(self.gate),
            "TASK_HEARTBEAT_SECONDS": "1",
            "TASK_STALLED_AFTER_SECONDS": "3",
            "TASK_STALLED_CHECK_CRON": "* * * * * *",  # every second
            **env,
        }
        self.workers: list[subprocess.Popen] = []

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
        return result.stdout

    def start_worker(self) -> subprocess.Popen:
        log = open(self.logs / f"worker-{len(self.workers)}.log", "w")  # noqa: SIM115
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "procrastinate", "worker", "-q", "mail,maintenance",
             "-p", "0.2"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.workers.append(worker)
        return worker

    def stop(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
                try:
                    worker.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    worker.kill()
                    worker.wait()

    def worker_logs(self) -> str:
        return "\n".join(path.read_text() for path in sorted(self.logs.glob("worker-*.log")))

    def query(self, sql: str, *params):
        with psycopg.connect(self.url) as conn:
            return conn.execute(sql, params).fetchall()

    def mails_with(self, text: str) -> list[str]:
        if not self.mail_dir.exists():
            return []
        bodies = [path.read_text() for path in sorted(self.mail_dir.iterdir())]
        return [body for body in bodies if text in body]

    def wait_for(self, condition, *, timeout: float = 60, what: str = "") -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.2)
        raise AssertionError(f"Timed out waiting for {what}\n{self.worker_logs()[-5000:]}")

    def receipt_job(self):
        # The citizen's receipt, not the notice to the OPD's PPID staff queued beside it.
        [(job_id, status, args, attempts)] = self.query(
            "SELECT job.id, job.status, job.args, job.attempts "
            "FROM public.procrastinate_jobs job JOIN alpha.core_outgoingmail mail "
            "ON mail.id = (job.args->>'mail_id')::bigint "
            "WHERE job.task_name = 'core.mail.deliver_mail' "
            "AND mail.template = 'ppid/email/request_receipt'"
        )
        return job_id, status, args, attempts


@pytest.fixture
def scratch(scratch_database, tmp_path):
    environment = Scratch(scratch_database, tmp_path)
    yield environment
    environment.stop()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_worker_delivers_the_ppid_receipt(scratch):
    number, code = scratch.manage("shell", "-c", SUBMIT).splitlines()[-1].split()
    # The job sits in the public schema's queue, deferred from alpha's schema, carrying only
    # the schema and the id of the message (the address and the code stay in alpha's schema).
    job_id, status, args, _attempts = scratch.receipt_job()
    assert status == "todo"
    assert set(args) == {"schema", "mail_id"} and args["schema"] == "alpha"
    assert code not in json.dumps(args) and "@" not in json.dumps(args)
    scratch.start_worker()
    scratch.wait_for(lambda: scratch.mails_with(code), what="the receipt")
    [receipt] = scratch.mails_with(code)
    assert number in receipt and "To: budi@example.org" in receipt
    scratch.wait_for(lambda: scratch.receipt_job()[1] == "succeeded", what="the job to finish")


def test_a_failing_job_is_retried_with_back_off_then_fails_and_shows_in_the_console(
    scratch,
):
    scratch.env.update(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(closed_port()),
        TASK_MAX_ATTEMPTS="3",
        TASK_RETRY_BASE_SECONDS="2",
    )
    scratch.manage("shell", "-c", SUBMIT)
    job_id = scratch.receipt_job()[0]
    scratch.start_worker()
    scratch.wait_for(lambda: scratch.receipt_job()[1] == "failed", what="the job to fail")
    _, _, _, attempts = scratch.receipt_job()
    assert attempts == 3  # TASK_MAX_ATTEMPTS runs: the first and two retries
    starts = [
        at
        for (at,) in scratch.query(
            "SELECT at FROM procrastinate_events WHERE job_id = %s AND type = 'started' "
            "ORDER BY at",
            job_id,
        )
    ]
    assert len(starts) == 3
    gaps = [
        (later - earlier).total_seconds()
        for earlier, later in zip(starts, starts[1:], strict=False)
    ]
    assert gaps[0] >= 2 and gaps[1] >= 4  # 2 ** 1, then 2 ** 2 seconds
    time.sleep(1.5)
    assert scratch.receipt_job()[1] == "failed"  # and it stays there: no loop
    assert "Could not send the ppid/email/request_receipt e-mail" in scratch.worker_logs()
    assert "budi@example.org" not in scratch.worker_logs()
    scratch.stop()
    shown = scratch.manage("shell", "-c", CONSOLE).splitlines()[-1]
    assert shown.split() == ["True", "True", "True"]  # count on the home page, job in the list


def test_a_killed_worker_loses_no_mail_and_a_rerun_sends_none_twice(scratch):
    scratch.gate.touch()  # the mail server hangs
    number, code = scratch.manage("shell", "-c", SUBMIT).splitlines()[-1].split()
    first = scratch.start_worker()
    scratch.wait_for(scratch.gate.with_suffix(".reached").exists, what="the send to start")
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert scratch.receipt_job()[1] == "doing"
    assert scratch.mails_with(code) == []

    scratch.gate.unlink()  # the mail server answers again
    scratch.start_worker()
    scratch.wait_for(lambda: scratch.receipt_job()[1] == "succeeded", what="the re-run")
    assert len(scratch.mails_with(code)) == 1

    # A worker killed after the send committed but before the job was marked done leaves the
    # job "doing" under a dead worker: it is run again, and sends nothing.
    job_id = scratch.receipt_job()[0]
    with psycopg.connect(scratch.url, autocommit=True) as conn:
        conn.execute(
            "UPDATE procrastinate_jobs SET status = 'doing', worker_id = NULL WHERE id = %s",
            (job_id,),
        )
    scratch.wait_for(lambda: scratch.receipt_job()[1] == "succeeded", what="the second re-run")
    assert scratch.receipt_job()[3] >= 2
    assert len(scratch.mails_with(code)) == 1
    assert number in scratch.mails_with(code)[0]
