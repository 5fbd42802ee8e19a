"""A short run of the load test (bench/loadtest.py): mixed traffic with PPID form posts over two
OPDs for a few seconds: no 5xx, no lost submission, gapless numbers.

It runs on a scratch copy of the test database (CREATE DATABASE ... TEMPLATE), so its committed
submissions never reach the other tests."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# pytest-django creates the test database (the template) only when a test of the run asks for it.
pytestmark = pytest.mark.django_db


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
