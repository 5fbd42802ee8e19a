"""The settings fail closed: without DJANGO_DEBUG=1 the project refuses to start unless production's
variables are set, and production never imports the embedded PostgreSQL (pgserver).

Each case loads the settings in a fresh interpreter with a minimal environment (none of this
session's variables), so what the project does on a bare server is what is checked.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SECRET_KEY": "uji-" + "x" * 60,
    "DJANGO_ALLOWED_HOSTS": "portal.example.go.id,.portal.example.go.id",
    # Nothing listens there: loading the settings must not connect.
    "DATABASE_URL": "postgresql://nobody@127.0.0.1:9/does_not_exist",
}
# Prints what the settings chose. With STUB_EMBEDDED set, the embedded server is replaced by a
# recorder first, so the development case shows the embedded path is taken without starting it.
REPORT = """
import json, os, sys
calls = []
if os.environ.get("STUB_EMBEDDED"):
    import core.embedded_db
    def record(data_dir):
        calls.append(str(data_dir))
        return "postgresql://embedded@/portal?host=/nonexistent"
    core.embedded_db.embedded_database_url = record
import django
django.setup()
from django.conf import settings
print(json.dumps({
    "debug": settings.DEBUG,
    "secret_key": settings.SECRET_KEY,
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "database": settings.DATABASES["default"]["NAME"],
    "session_cookie": settings.SESSION_COOKIE_NAME,
    "embedded_calls": calls,
    "pgserver_imported": "pgserver" in sys.modules,
    "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "log_formatter": settings.LOGGING["handlers"]["console"]["formatter"],
    "request_log_level": settings.LOGGING["loggers"]["core.logs.requests"]["level"],
}))
"""


def load_settings(tmp_path, **variables):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "PORTAL_VAR_DIR": str(tmp_path / "var"),
        **variables,
    }
    return subprocess.run(
        [sys.executable, "-c", REPORT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("missing", sorted(PRODUCTION))
@pytest.mark.parametrize("debug", [None, "0"], ids=["debug-unset", "debug-0"])
def test_production_refuses_to_start_without_each_required_variable(tmp_path, missing, debug):
    variables = {name: value for name, value in PRODUCTION.items() if name != missing}
    if debug is not None:
        variables["DJANGO_DEBUG"] = debug
    result = load_settings(tmp_path, **variables)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: ")
    assert f"Set the {missing} environment variable" in last_line
    assert "DJANGO_DEBUG=1" in last_line


def test_a_blank_secret_key_counts_as_missing(tmp_path):
    result = load_settings(tmp_path, **{**PRODUCTION, "DJANGO_SECRET_KEY": "  "})
    assert result.returncode != 0
    assert "Set the DJANGO_SECRET_KEY environment variable" in result.stderr


def test_production_settings_load_without_the_database_or_pgserver(tmp_path):
    result = load_settings(tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    chosen = json.loads(result.stdout)
    assert chosen["debug"] is False
    assert chosen["secret_key"] == PRODUCTION["DJANGO_SECRET_KEY"]
    assert chosen["allowed_hosts"] == ["portal.example.go.id", ".portal.example.go.id"]
    assert chosen["database"] == "does_not_exist"
    assert chosen["session_cookie"] == "__Host-sessionid"
    assert chosen["pgserver_imported"] is False


def test_development_alone_takes_the_embedded_database(tmp_path):
    result = load_settings(tmp_path, DJANGO_DEBUG="1", STUB_EMBEDDED="1")
    assert result.returncode == 0, result.stderr
    chosen = json.loads(result.stdout)
    assert chosen["debug"] is True
    assert chosen["embedded_calls"] == [str(tmp_path / "var" / "pgdata")]
    assert chosen["database"] == "portal"
    assert chosen["secret_key"] == "dev-only-insecure-secret-key"
    assert chosen["allowed_hosts"] == ["localhost", ".localhost"]
    assert chosen["session_cookie"] == "sessionid"


def test_development_with_a_database_url_never_starts_the_embedded_one(tmp_path):
    url = PRODUCTION["DATABASE_URL"]
    result = load_settings(tmp_path, DJANGO_DEBUG="1", STUB_EMBEDDED="1", DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    chosen = json.loads(result.stdout)
    assert chosen["embedded_calls"] == []
    assert chosen["database"] == "does_not_exist"
    assert chosen["pgserver_imported"] is False


def test_connections_are_kept_for_a_bounded_time(tmp_path):
    chosen = json.loads(load_settings(tmp_path, **PRODUCTION).stdout)
    assert chosen["conn_max_age"] == 60
    no_reuse = load_settings(tmp_path, **PRODUCTION, DATABASE_CONN_MAX_AGE="0")
    assert json.loads(no_reuse.stdout)["conn_max_age"] == 0
    for value in ("601", "86400", "-1"):
        result = load_settings(tmp_path, **PRODUCTION, DATABASE_CONN_MAX_AGE=value)
        assert result.returncode != 0
        assert "DATABASE_CONN_MAX_AGE must be between 0 and 600" in result.stderr


def test_production_logs_json_lines_and_every_request(tmp_path):
    chosen = json.loads(load_settings(tmp_path, **PRODUCTION).stdout)
    assert (chosen["log_formatter"], chosen["request_log_level"]) == ("json", "INFO")
    text = json.loads(load_settings(tmp_path, **PRODUCTION, LOG_FORMAT="text").stdout)
    assert text["log_formatter"] == "text"
    quiet = json.loads(load_settings(tmp_path, **PRODUCTION, LOG_REQUESTS="0").stdout)
    assert quiet["request_log_level"] == "WARNING"
    development = json.loads(load_settings(tmp_path, DJANGO_DEBUG="1", STUB_EMBEDDED="1").stdout)
    assert development["log_formatter"] == "text"
    refused = load_settings(tmp_path, **PRODUCTION, LOG_FORMAT="xml")
    assert refused.returncode != 0 and "LOG_FORMAT must be json or text" in refused.stderr
