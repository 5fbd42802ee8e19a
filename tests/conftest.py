"""Test set-up: the public portal and two OPDs (alpha, beta), created once per session with the
real provisioning service in real PostgreSQL schemas. Each test runs in a transaction that is
rolled back, so tests never use `transaction=True` (its flush would wipe the public tenant rows)."""

from collections import Counter

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import storages
from django.db import connection
from django.test import Client, override_settings
from django_tenants.utils import tenant_context
from procrastinate.contrib.django import app as task_app
from procrastinate.testing import InMemoryConnector

from accounts import roles
from core import storage
from core.storage_config import s3_storages
from tenants.models import Opd
from tenants.services import create_opd, create_public_tenant
from tests import s3_server as s3

OPD_A = "alpha"
OPD_B = "beta"
PASSWORD = "rahasia-uji-2026"


def pytest_configure(config):
    """The compiled catalogue, as `make install` leaves it, also for a bare `pytest` run after
    the .po files changed: the tests read what operators read."""
    from django.test.signals import language_changed

    from core.catalogue import compile_catalogue

    if compile_catalogue(settings.LOCALE_PATHS):
        # Forget the catalogues read before (as changing LOCALE_PATHS in a test does).
        language_changed(setting="LOCALE_PATHS")


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        create_public_tenant()
        for slug, name in ((OPD_A, "Dinas Alpha Kota Uji"), (OPD_B, "Badan Beta Kota Uji")):
            create_opd(
                name=name,
                short_name=slug.capitalize(),
                kind=Opd.Kind.DINAS,
                slug=slug,
                admin_name=f"Admin {slug}",
                admin_email=f"admin@{slug}.example.org",
                send_invitation=False,
            )
        connection.set_schema_to_public()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes uploads into its own empty MEDIA_ROOT (TenantFileSystemStorage caches
    its root on first use, so that is reset too)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    storages["default"].__dict__.pop("relative_media_root", None)
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_caches():
    """Cached pages, menus and banners are not rolled back with the database."""
    for alias in settings.CACHES:
        caches[alias].clear()
    yield
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def task_queue(monkeypatch):
    """Jobs deferred during a test go to procrastinate's in-memory queue (its test mode), and
    no periodic job is deferred on its own: `run_tasks` runs them."""
    connector = InMemoryConnector()
    monkeypatch.setattr(task_app.periodic_registry, "periodic_tasks", {})
    with task_app.replace_connector(connector):
        yield connector


@pytest.fixture
def run_tasks(task_queue):
    """`run_tasks()` runs a real procrastinate worker over the queued jobs until none is left
    (jobs the ones it runs defer included) and returns how many jobs ended in each status.

    The worker runs on this thread's event loop, so the task bodies (sync_to_async with
    thread_sensitive=True, core.tasks) run on this thread, inside the test's transaction. The
    Django clean-up middleware is left out: it would close the test's connection."""

    def run(**options) -> Counter:
        async def work():
            await task_app.run_worker_async(
                wait=False,
                install_signal_handlers=False,
                listen_notify=False,
                task_middleware=[],
                **options,
            )

        async_to_sync(work)()
        return Counter(job["status"] for job in task_queue.jobs.values())

    return run


@pytest.fixture(autouse=True)
def reset_schema_to_public():
    yield
    connection.set_schema_to_public()


@pytest.fixture
def public_tenant(db):
    return Opd.objects.get(schema_name="public")


@pytest.fixture
def opd_a(db):
    return Opd.objects.get(slug=OPD_A)


@pytest.fixture
def opd_b(db):
    return Opd.objects.get(slug=OPD_B)


@pytest.fixture
def client_a(opd_a):
    return Client(HTTP_HOST=f"{OPD_A}.localhost")


@pytest.fixture
def client_b(opd_b):
    return Client(HTTP_HOST=f"{OPD_B}.localhost")


@pytest.fixture
def portal_client(public_tenant):
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def in_opd():
    """`with in_opd(opd): ...` runs ORM code inside that OPD's schema."""
    return tenant_context


@pytest.fixture
def admin_a(opd_a, client_a):
    """`client_a`, logged in as an Admin OPD operator of OPD alpha."""
    from tests.factories import make_operator  # it imports PASSWORD from this module

    with tenant_context(opd_a):
        client_a.force_login(make_operator("kepala", role=roles.ADMIN_OPD))
    return client_a


@pytest.fixture
def scratch_database(django_db_setup, django_db_blocker):
    """A DATABASE_URL for a scratch copy of the test database (CREATE DATABASE ... TEMPLATE), for
    subprocesses whose commits must never reach the other tests; dropped afterwards."""
    from tests.resilience.cluster import ScratchDatabase

    with django_db_blocker.unblock():
        settings_dict = dict(connection.settings_dict)
        connection.close()  # a template database must have no other session
    database = ScratchDatabase(settings_dict)
    try:
        yield database.url
    finally:
        database.drop()


@pytest.fixture(scope="session")
def s3_server():
    """A real S3 server (SeaweedFS) for the session, started on first use."""
    server = s3.start()
    yield server
    server.stop()


class StorageBackend:
    """What a test needs to look into the configured storage, on disk or in the buckets."""

    AREAS = {"media": s3.MEDIA_BUCKET, "private": s3.PRIVATE_BUCKET, "backups": s3.BACKUP_BUCKET}

    def __init__(self, name, settings, server=None):
        self.name, self.settings, self.server = name, settings, server

    def __repr__(self):
        return self.name

    def _root(self, area):
        return {
            "media": self.settings.MEDIA_ROOT,
            "private": self.settings.PRIVATE_MEDIA_ROOT,
            "backups": self.settings.BACKUP_DIR,
        }[area]

    def files(self, area="media", prefix="") -> dict[str, bytes]:
        """Every stored file of `area` whose name starts with `prefix`: name -> bytes."""
        if self.server is None:
            root = self._root(area)
            found = sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
            files = {p.relative_to(root).as_posix(): p.read_bytes() for p in found}
        else:
            client, bucket = self.server.client(), self.AREAS[area]
            files = {}
            for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
                for item in page.get("Contents", []):
                    body = client.get_object(Bucket=bucket, Key=item["Key"])["Body"]
                    files[item["Key"]] = body.read()
        return {name: data for name, data in files.items() if name.startswith(prefix)}

    def write(self, name, data, area="media"):
        if self.server is None:
            path = self._root(area) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        else:
            self.server.client().put_object(Bucket=self.AREAS[area], Key=name, Body=data)

    def public_url(self, name) -> str:
        """Where a browser fetches public media `name` (<schema>/...)."""
        if self.server is None:
            return f"/media/{name}"
        return f"{self.server.endpoint_url}/{s3.MEDIA_BUCKET}/{name}"


@pytest.fixture(params=["disk", "s3"])
def storage_backend(request, settings, tmp_path, media_root):
    """Runs the test once with files on local disk and once on a real S3 server."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.BACKUP_DIR = tmp_path / "backups"
    storage.outage.since_error = None
    if request.param == "disk":
        yield StorageBackend("disk", settings)
        return
    server = request.getfixturevalue("s3_server")
    settings.STORAGES = {**settings.STORAGES, **s3_storages(**server.settings)}
    try:
        yield StorageBackend("s3", settings, server)
    finally:
        s3.empty_buckets(server)
        storage.outage.since_error = None


@pytest.fixture
def unreachable_s3(settings):
    """Object storage configured but not answering: nothing listens on its port."""
    port = s3.free_port()
    settings.STORAGES = {
        **settings.STORAGES,
        **s3_storages(
            endpoint_url=f"http://127.0.0.1:{port}",
            access_key=s3.ACCESS_KEY,
            secret_key=s3.SECRET_KEY,
            region="us-east-1",
            bucket=s3.MEDIA_BUCKET,
            private_bucket=s3.PRIVATE_BUCKET,
            public_url=f"http://127.0.0.1:{port}/{s3.MEDIA_BUCKET}/",
            timeout=1,
        ),
    }
    storage.outage.since_error = None
    yield
    storage.outage.since_error = None
