"""The deploy command migrates only the OPD schemas that miss a migration (README, Performance)."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tenants import services
from tenants.models import Opd
from tenants.schema_migrations import code_migrations, outdated_schemas

pytestmark = pytest.mark.django_db

# A shared app's last migration (nothing depends on it): recorded in every OPD schema but a
# no-op there (django-tenants' router), so applying it again changes nothing but its record.
NOOP_IN_OPD = ("banners", "0003_emergencybanner_everywhere")
MIGRATED = re.compile(r"\[(?:.* )?standard:(?P<schema>\w+)\]")


def prepare_portal(capsys, *extra) -> str:
    """The command's output, with what django-tenants' executor writes to sys.stdout."""
    out = io.StringIO()
    capsys.readouterr()
    call_command("prepare_portal", "--executor=standard", *extra, stdout=out, verbosity=1)
    return out.getvalue() + capsys.readouterr().out


def migrated_schemas(output: str) -> set[str]:
    """The OPD schemas that `migrate` ran in (the public schema always runs first)."""
    schemas = {match["schema"] for match in MIGRATED.finditer(output)}
    assert "public" in schemas
    return schemas - {"public"}


def forget(schema: str, migration: tuple[str, str]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f'DELETE FROM "{schema}".django_migrations WHERE app = %s AND name = %s', migration
        )
        assert cursor.rowcount == 1


def recorded(schema: str, migration: tuple[str, str]) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT 1 FROM "{schema}".django_migrations WHERE app = %s AND name = %s', migration
        )
        return cursor.fetchone() is not None


def test_the_code_graph_holds_the_migration_used_here():
    assert NOOP_IN_OPD in code_migrations()


def test_up_to_date_schemas_are_not_migrated(opd_a, opd_b, capsys):
    output = prepare_portal(capsys)
    assert migrated_schemas(output) == set()
    assert "to migrate: 0." in output
    assert "Database ready." in output


def test_a_schema_missing_a_migration_is_migrated_and_only_that_one(opd_a, opd_b, capsys):
    forget(opd_b.schema_name, NOOP_IN_OPD)
    assert outdated_schemas([opd_a.schema_name, opd_b.schema_name]) == [opd_b.schema_name]

    output = prepare_portal(capsys)

    assert migrated_schemas(output) == {opd_b.schema_name}
    assert f"Applying {NOOP_IN_OPD[0]}.{NOOP_IN_OPD[1]}" in output
    assert recorded(opd_b.schema_name, NOOP_IN_OPD)
    assert outdated_schemas([opd_a.schema_name, opd_b.schema_name]) == []


def test_all_schemas_flag_migrates_every_schema(opd_a, opd_b, capsys):
    output = prepare_portal(capsys, "--all-schemas")
    assert {opd_a.schema_name, opd_b.schema_name} <= migrated_schemas(output)


def test_a_schema_without_migration_table_counts_as_outdated(opd_a):
    with connection.cursor() as cursor:
        cursor.execute('CREATE SCHEMA "kosong_uji"')
    assert outdated_schemas(["kosong_uji", opd_a.schema_name]) == ["kosong_uji"]


def test_the_check_reads_every_schema_in_a_fixed_number_of_queries(opd_a, opd_b):
    schemas = [opd_a.schema_name, opd_b.schema_name]
    with CaptureQueriesContext(connection) as queries:
        outdated_schemas(schemas)
    reads = [q["sql"] for q in queries if not q["sql"].startswith("SET search_path")]
    # One catalogue query and one UNION ALL over the schemas (per 500 schemas).
    assert len(reads) == 2
    assert reads[1].count("UNION ALL") == len(schemas) - 1


def test_a_new_opd_after_a_skipping_deploy_works(opd_a, opd_b, capsys):
    services.create_opd(
        name="Dinas Baru Kota Uji",
        short_name="Baru",
        kind=Opd.Kind.DINAS,
        slug="dinas-baru",
        admin_name="Admin Baru",
        admin_email="admin@baru.example.org",
        send_invitation=False,
    )
    output = prepare_portal(capsys)
    # Provisioning migrated the new schema fully, so the deploy has nothing to do for it.
    assert migrated_schemas(output) == set()
    assert outdated_schemas(["dinas_baru"]) == []
    assert "OPD schemas: " in output
    response = Client(HTTP_HOST="dinas-baru.localhost").get("/")
    assert response.status_code == 200
