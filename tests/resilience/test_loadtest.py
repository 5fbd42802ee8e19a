"""A short run of the load test (bench/loadtest.py): mixed traffic with PPID form posts over two
OPDs for a few seconds: no 5xx, no lost submission, gapless numbers.

It runs on a scratch copy of the test database (CREATE DATABASE ... TEMPLATE), so its committed
submissions never reach the other tests."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def scratch_database(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        settings_dict = dict(connection.settings_dict)
        connection.close()  # a template database must have no other session
    name = f"loadtest_{uuid.uuid4().hex[:8]}"
    admin = {
        "dbname": "postgres",
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
        "host": settings_dict.get("HOST") or settings_dict.get("OPTIONS", {}).get("host"),
        "port": settings_dict.get("PORT") or None,
        "autocommit": True,
    }
    admin = {key: value for key, value in admin.items() if value is not None}
    with psycopg.connect(**admin) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{settings_dict["NAME"]}"')
    host = admin.get("host", "")
    url = f"postgresql://{admin.get('user', '')}@/{name}?host={host}&port={admin.get('port', 5432)}"
    if admin.get("password"):
        url = url.replace("@/", f":{admin['password']}@/", 1)
    try:
        yield url
    finally:
        with psycopg.connect(**admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_short_load_test_has_no_errors_and_loses_nothing(scratch_database):
    result = subprocess.run(
        [sys.executable, "bench/loadtest.py", "--slugs", "alpha,beta", "--duration", "4",
         "--threads", "4", "--port", "8463"],
        cwd=ROOT,
        # Development settings for its own process (it migrates and checks); it gives the gunicorn
        # it starts production settings itself.
        env={**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": scratch_database},
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert result.stdout.strip().endswith("OK")
    accepted = int(result.stdout.split("PPID requests accepted: ")[1].split()[0])
    assert accepted > 0
