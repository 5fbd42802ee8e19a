"""A throw-away copy of the whole platform for the browser tests and `make audit`.

It creates a scratch database beside the configured one (same server: the embedded pgserver or
DATABASE_URL; name `<configured name>_e2e`), migrates it and provisions a few OPDs through the
real services (tests/e2e/provision.py), then serves it with gunicorn on a free port of
127.0.0.1, where `http://<slug>.localhost:<port>/` reaches each OPD (Chromium resolves
*.localhost to 127.0.0.1). pytest-django's live_server is not used on purpose: it needs
`transactional_db`, whose flush wipes django-tenants' public rows.
"""

import ctypes
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parents[2]


def _port_range() -> range:
    """The ports a run may serve on: PORTAL_E2E_PORTS ("8130-8139") keeps it inside a range."""
    first, last = os.environ.get("PORTAL_E2E_PORTS", "8300-8399").split("-")
    return range(int(first), int(last) + 1)


PORT_RANGE = _port_range()
STARTUP_TIMEOUT = 60
# One process: the local-memory cache (page cache, banners) must be shared by every request, as
# Redis is in production.
GUNICORN_OPTIONS = [
    "--workers",
    "1",
    "--worker-class",
    "gthread",
    "--threads",
    "8",
    "--timeout",
    "120",
]
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))

# What tests/e2e/provision.py creates (see there).
PASSWORD = "uji-e2e-Portal-2026"
KOMINFO_USERNAME = "kominfo"
# The pemda-level PPID (console users with their role only).
PPID_UTAMA_USERNAME = "ppidutama"
ATASAN_PPID_USERNAME = "sekda"
OPD_SLUG = "dinkes"
OTHER_OPD_SLUG = "bpbd"
# An OPD just provisioned: nothing filled in (its home page shows its empty state).
EMPTY_OPD_SLUG = "kosong"
OPD_ADMIN_USERNAME = "admin"
PPID_USERNAME = "ppid"
NEWS_OPERATOR_USERNAME = "berita"  # Operator Berita of OPD_SLUG (editorial journeys)
SEEDED_ARTICLE_SLUG = "vaksinasi-gratis-di-seluruh-puskesmas"
SEEDED_ARTICLE_TITLE = "Vaksinasi gratis di seluruh puskesmas"
# A service of OPD_SLUG with its Standar Pelayanan and a PDF form (tests/e2e/test_content_types).
SEEDED_SERVICE_SLUG = "surat-izin-praktik"
SEEDED_SERVICE_NAME = "Penerbitan Surat Izin Praktik Tenaga Kesehatan"
SEEDED_FORM_TITLE = "Formulir Permohonan Surat Izin Praktik"


def configured_database() -> dict:
    """The Django database settings of this checkout (read them before pytest-django renames
    the database to its test database)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    from django.conf import settings

    database = dict(settings.DATABASES["default"])
    # dj-database-url puts the embedded pgserver's socket folder in OPTIONS; without it the
    # stack would reach the machine's default PostgreSQL, shared with every other checkout.
    database["HOST"] = database.get("HOST") or database.get("OPTIONS", {}).get("host", "")
    return database


def database_url(database: dict, name: str) -> str:
    user = quote(database.get("USER") or "postgres", safe="")
    password = quote(database.get("PASSWORD") or "", safe="")
    host = database.get("HOST") or ""
    port = database.get("PORT") or ""
    credentials = f"{user}:{password}@" if password else f"{user}@"
    if host.startswith("/"):  # Unix socket (the embedded pgserver)
        return f"postgresql://{credentials}/{name}?host={quote(host, safe='/')}"
    netloc = f"{host or '127.0.0.1'}{f':{port}' if port else ''}"
    return f"postgresql://{credentials}{netloc}/{name}"


def _admin_connection(database: dict):
    import psycopg

    return psycopg.connect(
        dbname="postgres",
        user=database.get("USER") or "postgres",
        password=database.get("PASSWORD") or None,
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        autocommit=True,
    )


def _drop_database(database: dict, name: str) -> None:
    from psycopg import sql

    with _admin_connection(database) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def _create_database(database: dict, name: str) -> None:
    from psycopg import sql

    _drop_database(database, name)  # left over by an interrupted run
    with _admin_connection(database) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def free_port() -> int:
    # A random order: two runs at once (helpers' clones, a developer beside CI) probing in the
    # same order would both pick the first free port, and the later gunicorn, failing to bind,
    # would leave its tests talking to the other run's server.
    for port in random.sample(PORT_RANGE, len(PORT_RANGE)):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"No free port in {PORT_RANGE.start}-{PORT_RANGE.stop - 1}")


@dataclass
class Stack:
    port: int
    database: dict
    database_name: str
    work_dir: Path
    env: dict
    server: subprocess.Popen | None = None
    worker: subprocess.Popen | None = None
    log_path: Path = field(init=False)

    def __post_init__(self):
        self.log_path = self.work_dir / "server.log"

    def url(self, slug: str | None = None, path: str = "/") -> str:
        host = f"{slug}.localhost" if slug else "localhost"
        return f"http://{host}:{self.port}{path}"

    def server_log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def start_worker(self, queues: str) -> None:
        """A task worker for `queues` (the others' jobs stay queued, as they were before the
        tests that need a worker), until stop()."""
        if self.worker is None:
            self.worker = subprocess.Popen(
                [sys.executable, "manage.py", "procrastinate", "worker", "-q", queues],
                cwd=BASE_DIR,
                env=self.env,
                stdout=(self.work_dir / "worker.log").open("a"),
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent,
            )

    def worker_log(self) -> str:
        log = self.work_dir / "worker.log"
        return log.read_text(errors="replace") if log.exists() else ""

    def stop(self) -> None:
        for process in (self.server, self.worker):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        self.server = self.worker = None
        try:
            _drop_database(self.database, self.database_name)
        finally:
            shutil.rmtree(self.work_dir, ignore_errors=True)


def start_stack(
    *,
    database: dict | None = None,
    production_like: bool = False,
    extra_env: dict | None = None,
    name_suffix: str = "e2e",
) -> Stack:
    """Create, provision and serve the scratch platform; `Stack.stop()` undoes everything.

    `production_like` serves with DJANGO_DEBUG=0 and collected, compressed static files (for
    the Lighthouse audit; session cookies are then Secure, so log-ins need HTTPS). `extra_env`
    adds to (or overrides) the server's environment (tests/accelerator: Redis, the accelerator);
    `name_suffix` names the scratch database, so that two stacks of one run do not share it.
    """
    database = database or configured_database()
    name = f"{database['NAME']}_{name_suffix}"
    port = free_port()
    work_dir = Path(tempfile.mkdtemp(prefix="portal-e2e-"))
    env = {
        **os.environ,
        "DATABASE_URL": database_url(database, name),
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_DEBUG": "0" if production_like else "1",
        "DJANGO_ALLOWED_HOSTS": "localhost,.localhost",
        "PORTAL_DOMAIN": "localhost",
        "PORTAL_SCHEME": "http",
        "PORTAL_PORT": str(port),
        "MEDIA_ROOT": str(work_dir / "media"),
        "PRIVATE_MEDIA_ROOT": str(work_dir / "private"),
        "STATIC_ROOT": str(work_dir / "static"),
        "PORTAL_SERVE_MEDIA": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    if production_like:
        env.update(
            DJANGO_SECRET_KEY="e2e-only-" + "x" * 50,
            DJANGO_SECURE_SSL_REDIRECT="0",
            DJANGO_HSTS_SECONDS="0",
        )
    env.update(extra_env or {})
    stack = Stack(port=port, database=database, database_name=name, work_dir=work_dir, env=env)
    _create_database(database, name)
    try:
        _run([sys.executable, "-m", "tests.e2e.provision"], env, stack.log_path)
        if production_like:
            _run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                env,
                stack.log_path,
            )
        stack.server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "portal.wsgi:application"]
            + ["--bind", f"127.0.0.1:{port}", *GUNICORN_OPTIONS],
            cwd=BASE_DIR,
            env=env,
            stdout=stack.log_path.open("a"),
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,
        )
        _wait_until_healthy(stack)
    except BaseException:
        stack.stop()
        raise
    return stack


def _die_with_parent() -> None:
    """Let the kernel stop the server if the test run is killed (Linux; elsewhere a no-op)."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def _run(command: list[str], env: dict, log_path: Path) -> None:
    with log_path.open("a") as log:
        completed = subprocess.run(
            command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, check=False
        )
    if completed.returncode:
        raise RuntimeError(
            f"{' '.join(command)} failed ({completed.returncode}):\n{log_path.read_text()[-4000:]}"
        )


def _wait_until_healthy(stack: Stack) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if stack.server.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{stack.server_log()[-4000:]}")
        try:
            with _NO_PROXY.open(stack.url(path="/healthz"), timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"The server did not answer /healthz:\n{stack.server_log()[-4000:]}")
