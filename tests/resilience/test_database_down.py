"""Database outages: every page answers 503 with the friendly page (never a 500), /healthz says
why, and the running app recovers by itself when the database comes back."""

import http.client
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.test import Client

from accounts import roles
from backups.services import _libpq, pg_tools
from tests.factories import make_operator
from tests.resilience.throwaway_pg import ThrowawayPostgres, wait_until

ROOT = Path(__file__).resolve().parents[2]
DB_PORT, APP_PORT = 8461, 8462


def fail_queries_on(table):
    """An execute wrapper: the database "goes away" for queries on `table` (mid-request)."""

    def wrapper(execute, sql, params, many, context):
        if table in sql:
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    return wrapper


@pytest.mark.django_db
def test_an_outage_inside_the_session_middleware_gives_the_friendly_503(opd_a, in_opd):
    with in_opd(opd_a):
        user = make_operator("admin-x", role=roles.ADMIN_OPD)
    client = Client(HTTP_HOST="alpha.localhost", raise_request_exception=False)
    with in_opd(opd_a):
        client.force_login(user)
    client.get("/")  # the host is resolved (and cached) while the database is up
    with connection.execute_wrapper(fail_queries_on("django_session")):
        response = client.get("/admin/")
    assert response.status_code == 503
    assert "Layanan sementara terganggu" in response.content.decode()
    assert response["Retry-After"] == "30"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("host", "path", "table"),
    [
        ("alpha.localhost", "/berita/", "news_article"),
        ("alpha.localhost", "/ppid/", "ppid_publicinformation"),
        ("localhost", "/", "tenants_publisheditem"),
    ],
)
def test_an_outage_inside_a_view_gives_the_friendly_503(opd_a, public_tenant, host, path, table):
    client = Client(HTTP_HOST=host, raise_request_exception=False)
    with connection.execute_wrapper(fail_queries_on(table)):
        response = client.get(path)
    assert response.status_code == 503
    assert "Layanan sementara terganggu" in response.content.decode()


@pytest.mark.django_db
def test_other_errors_still_get_the_500_page(opd_a):
    client = Client(HTTP_HOST="alpha.localhost", raise_request_exception=False)

    def broken(execute, sql, params, many, context):
        if "news_article" in sql:
            raise ZeroDivisionError
        return execute(sql, params, many, context)

    with connection.execute_wrapper(broken):
        response = client.get("/berita/")
    assert response.status_code == 500


def request(host, path, cookie=None):
    conn = http.client.HTTPConnection("127.0.0.1", APP_PORT, timeout=15)
    headers = {"Host": host}
    if cookie:
        headers["Cookie"] = cookie
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        request.last_headers = dict(response.getheaders())
        return response.status, response.read().decode(errors="replace")
    except OSError:
        return None, ""
    finally:
        conn.close()


@pytest.fixture
def throwaway_app(django_db_setup, django_db_blocker, tmp_path):
    """gunicorn (production settings) on a throw-away PostgreSQL holding a copy of the test
    database (the public portal, alpha and beta)."""
    dump = tmp_path / "test.dump"
    with django_db_blocker.unblock():
        tools = pg_tools(minimum=16)
        dbname, env = _libpq()
    subprocess.run(
        [tools("pg_dump"), "--format=custom", "--no-owner", f"--file={dump}", *dbname],
        env=env,
        check=True,
        capture_output=True,
    )
    server = ThrowawayPostgres(DB_PORT).init()
    app = None
    try:
        server.start()
        server.restore(dump, "portal")
        app_env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL",)} | {
            "DATABASE_URL": server.url("portal"),
            "DJANGO_SETTINGS_MODULE": "tests.resilience.prod_settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "throwaway-test-secret-key-" + "x" * 40,
            "DJANGO_ALLOWED_HOSTS": "localhost,.localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_CONN_MAX_AGE": "60",
            "PORTAL_VAR_DIR": str(tmp_path / "var"),
            "PYTHONPATH": str(ROOT),
        }
        app = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{APP_PORT}",
             "--workers", "1", "--threads", "4", "--timeout", "30",
             "--log-file", str(tmp_path / "gunicorn.log")],
            cwd=ROOT,
            env=app_env,
        )  # fmt: skip
        assert wait_until(lambda: request("localhost", "/healthz")[0] == 200), "app did not start"
        yield server, app
    finally:
        if app is not None:
            app.send_signal(signal.SIGTERM)
            app.wait(timeout=20)
        server.destroy()


def test_the_app_answers_503_while_the_database_is_down_and_recovers_by_itself(throwaway_app):
    server, app = throwaway_app
    session = "__Host-sessionid=abcdefghijklmnopqrstuvwxyz123456"  # production cookie name
    pages = [
        ("alpha.localhost", "/", None),
        ("alpha.localhost", "/berita/", None),
        ("alpha.localhost", "/admin/", session),
        ("alpha.localhost", "/ppid/", None),
        ("localhost", "/", None),
        ("localhost", "/opd/", None),
    ]
    for host, path, cookie in pages:  # warm: persistent connections, cached hosts and pages
        assert request(host, path, cookie)[0] in (200, 302), (host, path)

    server.stop()
    for host, path, cookie in pages:
        # Not in the page cache (another query string): the database is needed.
        status, body = request(host, f"{path}?nach-ausfall=1", cookie)
        assert status == 503, (host, path, status, body[:300])
        assert "Layanan sementara terganggu" in body
    # A page that needs no database (hosts and menus are cached) still renders ...
    assert request("alpha.localhost", "/ppid/permohonan/")[0] == 200
    # ... and so does a page the per-OPD page cache holds.
    status, _body = request("alpha.localhost", "/")
    assert (status, request.last_headers.get("X-Page-Cache")) == (200, "hit")
    status, body = request("alpha.localhost", "/healthz")
    assert status == 503
    assert json.loads(body) == {
        "status": "error",
        "database": "unavailable",
        "reason": "connection refused",
    }

    server.start()
    assert wait_until(lambda: request("alpha.localhost", "/berita/?x=2")[0] == 200, timeout=15)
    for host, path, cookie in pages:
        assert request(host, f"{path}?kembali=1", cookie)[0] in (200, 302), (host, path)
    assert request("localhost", "/healthz") == (200, '{"status": "ok", "database": "ok"}')
    assert app.poll() is None  # the same gunicorn, never restarted
