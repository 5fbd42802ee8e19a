"""Copies of one provisioned OPD, made quickly: the benchmark's way to 2,000 OPDs (never the
product's; provisioning is `create_opd`, ARCHITECTURE.md §3).

The template OPD is made by the real service and filled like every other bench OPD. Its schema's
DDL is dumped once (`pg_dump --schema-only`), then each copy runs that DDL with the schema name
replaced, copies every table's rows with INSERT … SELECT, moves the identity sequences past the
copied ids, and gets its public rows (Opd, Domain, operator mirror, portal index) copied from the
template's with its own names, host and schema written in. Many copies share one transaction.
Media files are hard links to the template's.

`python -m bench.clone --compare 20` times this against the alternatives on the current
database (README, Performance): pg_dump | sed | psql per copy, and django-tenants'
clone_schema() SQL function.
"""

import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

PUBLIC_TABLES = ("tenants_domain", "tenants_operatoraccount", "tenants_publisheditem")
BATCH = 20
PROCESSES = 2


def _tool(name: str) -> str:
    """pg_dump/psql of the embedded server when it runs, so the versions match; else PATH's."""
    try:
        import pgserver

        bundled = Path(pgserver.__file__).parent / "pginstall" / "bin" / name
        if bundled.exists():
            return str(bundled)
    except ImportError:
        pass
    found = shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: install the PostgreSQL client of the server's version")
    return found


def _conninfo() -> str:
    from django.db import connection
    from psycopg.conninfo import make_conninfo

    s = connection.settings_dict
    params = {
        "dbname": s["NAME"],
        "user": s.get("USER"),
        "password": s.get("PASSWORD"),
        "host": s.get("HOST") or s.get("OPTIONS", {}).get("host"),
        "port": str(s.get("PORT") or ""),
    }
    return make_conninfo(**{key: value for key, value in params.items() if value})


def schema_ddl(schema: str) -> str:
    """The schema's DDL as pg_dump writes it, without the session settings."""
    output = subprocess.run(
        [_tool("pg_dump"), "--schema-only", "--no-owner", "--no-privileges", "-n", schema,
         "-d", _conninfo()],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    lines = [
        line
        for line in output.splitlines()
        if not line.startswith(("SET ", "SELECT pg_catalog.set_config", "--"))
    ]
    return "\n".join(lines)


def _renamer(template_number: int, number: int):
    """Replaces the template's names (slug, schema, short number) with a copy's."""
    old, new = f"{template_number:03d}", f"{number:03d}"
    pairs = [(f"opd-{old}", f"opd-{new}"), (f"opd_{old}", f"opd_{new}"), (f" {old}", f" {new}")]

    def sql(column: str) -> str:
        expression = column
        for a, b in pairs:
            expression = f"replace({expression}, '{a}', '{b}')"
        return expression

    return sql


class Cloner:
    def __init__(self, template_slug: str, template_number: int):
        from django.db import connection

        from tenants.models import Opd

        self.template = Opd.objects.get(slug=template_slug)
        self.template_number = template_number
        schema = self.template.schema_name
        self.ddl = schema_ddl(schema)
        self.schema_pattern = re.compile(rf"\b{re.escape(schema)}\b")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename",
                [schema],
            )
            tables = [row[0] for row in cursor.fetchall()]
            # Generated columns (search vectors) are computed, never inserted.
            cursor.execute(
                "SELECT table_name, string_agg(quote_ident(column_name), ', ' "
                "ORDER BY ordinal_position) FROM information_schema.columns "
                "WHERE table_schema = %s AND is_generated = 'NEVER' GROUP BY table_name",
                [schema],
            )
            insertable = dict(cursor.fetchall())
            self.tables = [(table, insertable[table]) for table in tables]
            cursor.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = %s AND is_identity = 'YES'",
                [schema],
            )
            self.identities = cursor.fetchall()
            self.columns = {}
            for table in ("tenants_opd", *PUBLIC_TABLES):
                cursor.execute(
                    "SELECT column_name, data_type FROM information_schema.columns "
                    "WHERE table_schema = 'public' AND table_name = %s "
                    "AND is_generated = 'NEVER' ORDER BY ordinal_position",
                    [table],
                )
                self.columns[table] = cursor.fetchall()

    def _copy_row_sql(self, table: str, fk: str | None, rename) -> tuple[str, str]:
        """Column list and SELECT list copying `table`'s template rows for a new OPD."""
        names, values = [], []
        for column, data_type in self.columns[table]:
            if column == "id":
                continue
            names.append(f'"{column}"')
            if column == fk:
                values.append("%(opd_id)s")
            elif data_type in ("text", "character varying"):
                values.append(rename(f'"{column}"'))
            else:
                values.append(f'"{column}"')
        return ", ".join(names), ", ".join(values)

    def clone(self, cursor, number: int) -> None:
        rename = _renamer(self.template_number, number)
        source = self.template.schema_name
        target = f"opd_{number:03d}"
        cursor.execute(self.schema_pattern.sub(target, self.ddl))
        for table, columns in self.tables:
            cursor.execute(
                f'INSERT INTO "{target}"."{table}" ({columns}) '
                f'SELECT {columns} FROM "{source}"."{table}"'
            )
        for table, column in self.identities:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{target}\".\"{table}\"', '{column}'), "
                f'coalesce((SELECT max("{column}") FROM "{target}"."{table}"), 0) + 1, false)'
            )
        names, values = self._copy_row_sql("tenants_opd", None, rename)
        cursor.execute(
            f"INSERT INTO tenants_opd ({names}) SELECT {values} FROM tenants_opd "
            f"WHERE id = %(template)s RETURNING id",
            {"template": self.template.pk},
        )
        opd_id = cursor.fetchone()[0]
        for table in PUBLIC_TABLES:
            fk = "tenant_id" if table == "tenants_domain" else "opd_id"
            names, values = self._copy_row_sql(table, fk, rename)
            cursor.execute(
                f"INSERT INTO {table} ({names}) SELECT {values} FROM {table} "
                f"WHERE {fk} = %(template)s",
                {"opd_id": opd_id, "template": self.template.pk},
            )

    def clone_batch(self, numbers: list[int]) -> int:
        from django.db import connection, transaction

        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
            for number in numbers:
                self.clone(cursor, number)
        for number in numbers:
            link_media(self.template.schema_name, f"opd_{number:03d}")
        # A backend that has created hundreds of schemas holds their catalogue entries in its
        # caches (some 120 MiB at 1,000 copies) and each copy's DDL slows down: a fresh
        # connection per batch.
        connection.close()
        return len(numbers)

    def clone_many(self, numbers: list[int], log, processes: int = PROCESSES) -> None:
        """Batches of copies in `processes` forked workers, each on its own connection."""
        from django.db import connections

        global _cloner
        _cloner = self
        batches = [numbers[start : start + BATCH] for start in range(0, len(numbers), BATCH)]
        connections.close_all()  # the workers open their own after the fork
        started, done, logged = time.perf_counter(), 0, 0
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            for count in pool.imap_unordered(_clone_batch, batches):
                done += count
                if done - logged >= 100 or done == len(numbers):
                    logged = done
                    log(f"  {done} copies ({time.perf_counter() - started:.0f} s)")


_cloner: Cloner | None = None


def _clone_batch(numbers: list[int]) -> int:
    return _cloner.clone_batch(numbers)


def link_media(source_schema: str, target_schema: str) -> None:
    from django.conf import settings

    source = Path(settings.MEDIA_ROOT) / source_schema
    target = Path(settings.MEDIA_ROOT) / target_schema
    for folder, _dirs, files in os.walk(source):
        destination = target / Path(folder).relative_to(source)
        destination.mkdir(parents=True, exist_ok=True)
        for name in files:
            if not (destination / name).exists():
                os.link(Path(folder) / name, destination / name)


def compare(template_slug: str, template_number: int, count: int, log) -> dict:
    """Seconds per copy of three ways of copying the template's schema, measured here and then
    dropped again: ours (DDL dumped once, rows by INSERT … SELECT, batched transactions), one
    `pg_dump -n | sed | psql` per copy (DDL and rows through COPY), and django-tenants'
    clone_schema() SQL function (DATA mode)."""
    from django.db import connection, transaction
    from django_tenants.clone import CloneSchema

    from tenants.models import Opd

    cloner = Cloner(template_slug, template_number)
    source = cloner.template.schema_name
    results = {}
    numbers = list(range(9001, 9001 + count))

    started = time.perf_counter()
    cloner.clone_many(numbers, log)
    results["ddl_once_insert_select"] = (time.perf_counter() - started) / count
    log(f"ours: {results['ddl_once_insert_select']:.3f} s a copy")

    dump = [_tool("pg_dump"), "--no-owner", "--no-privileges", "-n", source, "-d", _conninfo()]
    started = time.perf_counter()
    for number in range(9101, 9101 + count):
        script = subprocess.run(dump, capture_output=True, text=True, check=True).stdout
        script = re.sub(rf"\b{re.escape(source)}\b", f"opd_{number}", script)
        subprocess.run(
            [_tool("psql"), "-q", "-v", "ON_ERROR_STOP=1", "-d", _conninfo()],
            input=script, capture_output=True, text=True, check=True,
        )  # fmt: skip
    results["pg_dump_sed_psql"] = (time.perf_counter() - started) / count
    log(f"pg_dump | sed | psql: {results['pg_dump_sed_psql']:.3f} s a copy")

    started = time.perf_counter()
    for number in range(9201, 9201 + count):
        with transaction.atomic():
            CloneSchema().clone_schema(source, f"opd_{number}")
    results["django_tenants_clone_schema"] = (time.perf_counter() - started) / count

    with connection.cursor() as cursor:
        for start in (9001, 9101, 9201):
            for number in range(start, start + count):
                cursor.execute(f'DROP SCHEMA IF EXISTS "opd_{number}" CASCADE')
        # Raw deletes: the model's delete would audit the removal of OPDs that never were.
        ids = list(
            Opd.objects.filter(slug__in=[f"opd-{n}" for n in numbers]).values_list("pk", flat=True)
        )
        for table in PUBLIC_TABLES:
            fk = "tenant_id" if table == "tenants_domain" else "opd_id"
            cursor.execute(f"DELETE FROM {table} WHERE {fk} = ANY(%s)", [ids])
        cursor.execute("DELETE FROM tenants_opd WHERE id = ANY(%s)", [ids])
    return {key: round(value, 3) for key, value in results.items()}


def main(argv=None) -> None:
    import argparse
    import json

    from bench.populate import CLONE_ABOVE, opd_slug, setup

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", type=int, metavar="COUNT", required=True)
    options = parser.parse_args(argv)
    setup()
    results = compare(
        opd_slug(CLONE_ABOVE),
        CLONE_ABOVE,
        options.compare,
        lambda line: sys.stderr.write(line + "\n"),
    )
    sys.stdout.write(json.dumps({"seconds_per_copy": results}) + "\n")


if __name__ == "__main__":
    main()
