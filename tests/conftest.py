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
from tenants.models import Opd
from tenants.services import create_opd, create_public_tenant

OPD_A = "alpha"
OPD_B = "beta"
PASSWORD = "rahasia-uji-2026"


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
