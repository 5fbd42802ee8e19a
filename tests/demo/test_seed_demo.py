import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from console.models import ActivityLevel
from demo import catalogue as demo
from demo.catalogue import DEMO_OPDS, DEMO_PASSWORD
from tenants.models import Opd
from tests.factories import verify_two_factor

pytestmark = pytest.mark.django_db


def test_the_demo_lists_the_32_opds_of_kota_serang_with_the_evaluated_activity():
    assert len(DEMO_OPDS) == 32
    assert len({opd.slug for opd in DEMO_OPDS}) == 32

    def with_activity(activity):
        return [opd.short_name for opd in DEMO_OPDS if opd.activity == activity]

    assert with_activity(ActivityLevel.ACTIVE) == ["Kec. Kasemen"]
    assert sorted(with_activity(ActivityLevel.BARELY_ACTIVE)) == sorted(
        ["BPKAD", "Dinkes", "DP3AKB", "Disdaginkukm", "Dishub", "Distan", "Kec. Taktakan", "Setda"]
    )
    assert len(with_activity(ActivityLevel.INACTIVE)) == 23


def test_seed_demo_is_idempotent_and_gives_working_log_ins(monkeypatch, in_opd):
    monkeypatch.setattr(
        "demo.management.commands.seed_demo.DEMO_OPDS",
        [o for o in demo.DEMO_OPDS if o.slug in ("bpbd", "kec-kasemen")],
    )
    call_command("seed_demo")
    snapshot = _snapshot(in_opd)
    call_command("seed_demo")
    assert _snapshot(in_opd) == snapshot

    bpbd = Opd.objects.get(slug="bpbd")
    assert bpbd.name == "Badan Penanggulangan Bencana Daerah Kota Serang"
    assert bpbd.kind == Opd.Kind.BADAN
    assert Opd.objects.get(slug="kec-kasemen").schema_name == "kec_kasemen"

    for host, username in (
        ("bpbd.localhost", "admin"),
        ("bpbd.localhost", "berita"),
        ("bpbd.localhost", "ppid"),
        ("kec-kasemen.localhost", "admin"),
        ("localhost", "kominfo"),
    ):
        response = Client(HTTP_HOST=host).post(
            "/admin/login/", {"username": username, "password": DEMO_PASSWORD, "next": "/admin/"}
        )
        assert response.status_code == 302, (host, username)


def _snapshot(in_opd):
    rows = {"opds": sorted(Opd.objects.values_list("slug", "updated_at"))}
    for opd in Opd.objects.exclude(schema_name="public"):
        with in_opd(opd):
            rows[opd.slug] = sorted(get_user_model().objects.values_list("username", "password"))
    return rows


def test_the_full_demo_reproduces_the_2024_evaluation_on_the_console(portal_client):
    call_command("seed_demo")
    demo_slugs = {demo_opd.slug for demo_opd in DEMO_OPDS}
    assert Opd.objects.filter(slug__in=demo_slugs).count() == 32
    portal_client.post(
        "/admin/login/", {"username": "kominfo", "password": DEMO_PASSWORD, "next": "/admin/"}
    )
    verify_two_factor(portal_client, get_user_model().objects.get(username="kominfo"))
    export = portal_client.get("/admin/aktivitas/", {"format": "csv"}).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(export)))[1:]
    # slug -> status, leaving out the test OPDs alpha and beta
    statuses = {row[1]: row[3] for row in rows if row[1] in demo_slugs}
    assert len(statuses) == 32

    def having(status):
        return sorted(slug for slug, value in statuses.items() if value == status)

    assert having("Aktif") == ["kec-kasemen"]
    assert having("Kurang aktif") == sorted(
        ["bpkad", "dinkes", "dp3akb", "disdaginkukm", "dishub", "distan", "kec-taktakan", "setda"]
    )
    assert len(having("Tidak aktif")) == 23
