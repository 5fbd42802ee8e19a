"""Which OPD schemas a deploy must migrate: only those whose applied migrations lag the code.

django-tenants' `migrate_schemas` runs Django's `migrate` once per schema even when nothing is
pending; each run loads the migration graph, checks every migration and sends post_migrate
(content types, permissions, role sync), about 0.1 s a schema: minutes at a few hundred OPDs.
Here every schema's `django_migrations` is read in one query per batch of schemas, compared
with the code's migration graph, and `migrate` runs only where something is missing.

django-tenants records every app's migrations in every schema (it runs them all and its router
makes the other level's a no-op), so an up-to-date OPD schema holds every node of the graph.
"""

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django_tenants.management.commands import SyncCommon
from django_tenants.management.commands.migrate_schemas import (
    GET_EXECUTOR_FUNCTION,
    MigrateSchemasCommand,
)

# Schemas read per UNION ALL query: one statement for 2,000 schemas is fine for PostgreSQL, but
# batches keep each statement (and its result) small.
BATCH = 500

Migration = tuple[str, str]


def code_migrations() -> dict[Migration, tuple[Migration, ...]]:
    """Every migration of the code's graph, each with the migrations it replaces (a squashed
    migration counts as applied when all the ones it replaces are)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {
        key: tuple(loader.replacements[key].replaces) if key in loader.replacements else ()
        for key in loader.graph.nodes
    }


def applied_migrations(schemas: list[str]) -> dict[str, set[Migration]]:
    """The migrations recorded in each schema that has a django_migrations table."""
    applied: dict[str, set[Migration]] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relname = 'django_migrations' AND c.relkind = 'r' AND n.nspname = ANY(%s)",
            [list(schemas)],
        )
        with_table = [schema for (schema,) in cursor.fetchall()]
        for start in range(0, len(with_table), BATCH):
            batch = with_table[start : start + BATCH]
            parts = [
                f"SELECT %s, app, name FROM {connection.ops.quote_name(schema)}.django_migrations"
                for schema in batch
            ]
            cursor.execute(" UNION ALL ".join(parts), batch)
            for schema in batch:
                applied[schema] = set()
            for schema, app, name in cursor.fetchall():
                applied[schema].add((app, name))
    return applied


def outdated_schemas(schemas: list[str]) -> list[str]:
    """The schemas (in the given order) that miss a migration of the code, or have no
    migration table at all."""
    expected = code_migrations()
    applied = applied_migrations(schemas)

    def up_to_date(done: set[Migration]) -> bool:
        return all(
            key in done or (replaces and all(old in done for old in replaces))
            for key, replaces in expected.items()
        )

    return [
        schema for schema in schemas if schema not in applied or not up_to_date(applied[schema])
    ]


class MigrateListedSchemas(MigrateSchemasCommand):
    """`migrate_schemas --tenant` over the schemas in `self.schemas` only, with the chosen
    executor and every option of migrate_schemas (so its output and signals are the same)."""

    schemas: list[str] = []

    def handle(self, *args, **options):
        SyncCommon.handle(self, *args, **options)
        if self.schemas:
            executor = GET_EXECUTOR_FUNCTION(codename=self.executor)(self.args, self.options)
            executor.run_migrations(tenants=list(self.schemas))
