"""The fuzz suite (test_fuzz.py) once more with production settings (DJANGO_DEBUG=0): templates,
error pages and middleware behave differently without DEBUG, and a 500 must not hide there.

It runs in a subprocess (settings are read once per process) on its own test database on the
suite's server, with every production variable set; HTTPS redirects are off so the fuzzed
requests reach the views (the TLS proxy redirects in production)."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def database_url(settings_dict: dict, name: str) -> str:
    options = settings_dict.get("OPTIONS", {})
    host = settings_dict.get("HOST") or options.get("host") or ""
    port = settings_dict.get("PORT") or options.get("port") or ""
    credentials = settings_dict.get("USER") or ""
    if settings_dict.get("PASSWORD"):
        credentials += f":{settings_dict['PASSWORD']}"
    if host.startswith("/"):  # a Unix socket directory (the embedded server)
        return f"postgresql://{credentials}@/{name}?host={host}" + (f"&port={port}" if port else "")
    return f"postgresql://{credentials}@{host}{f':{port}' if port else ''}/{name}"


def test_the_fuzz_suite_passes_with_production_settings(tmp_path):
    name = f"fuzzprod_{uuid.uuid4().hex[:8]}"
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="fuzz-" + uuid.uuid4().hex,
        DJANGO_ALLOWED_HOSTS="localhost,.localhost,web,web:8000",
        DATABASE_URL=database_url(dict(connection.settings_dict), name),
        DJANGO_SECURE_SSL_REDIRECT="0",
        PORTAL_DOMAIN="localhost",
        PORTAL_VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/resilience/test_fuzz.py", "-q", "-x",
         "-p", "no:cacheprovider", "--ds=tests.resilience.prod_settings", "--create-db"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
    )  # fmt: skip
    summary = result.stdout[-4000:] + result.stderr[-2000:]
    assert result.returncode == 0, summary
    assert " passed" in result.stdout and "skipped" not in result.stdout, summary
