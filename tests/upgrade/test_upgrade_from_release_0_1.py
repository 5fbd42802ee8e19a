"""Upgrading a database made by release 0.1 (commit 1914345, before the one-app-per-job layout).

The fixture (fixtures/README.md says how it was made) is loaded into a throw-away database on the
server the suite uses; the current code then migrates it with `migrate_schemas`, in a subprocess
as a deploy would, and a second subprocess (check_upgraded.py) reads it through the new apps'
models and serves its pages. Everything the release stored must still be there, served, and
reachable by its operators; the upgrade hands nine models over to their new apps without
touching their tables, and otherwise only adds the tables of later features (the task queue, the
outgoing-mail table): it drops and alters none.
"""

import json
import os
import re
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from procrastinate.contrib.django import migrations as procrastinate_migrations
from psycopg.conninfo import make_conninfo

from tests.upgrade.layout import MOVED_MODELS
from tests.upgrade.plain_sql import load_dump, runnable_sql

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
DUMP = FIXTURES / "release-0.1.sql.gz"
EXPECTED_FILE = FIXTURES / "EXPECTED.json"
TRACKING_CODES_FILE = FIXTURES / "tracking_codes.json"
EXPECTED = json.loads(EXPECTED_FILE.read_text())
TRACKING_CODES = json.loads(TRACKING_CODES_FILE.read_text())
PASSWORD = EXPECTED["demo_password"]

SCHEMAS = EXPECTED["schemas"]
OPD_SCHEMAS = [schema for schema in SCHEMAS if schema != "public"]
# What 6fe07be adds to a release-0.1 database, in every schema (django-tenants records every
# app's migrations in every schema, whether or not they may run there).
LAYOUT_MIGRATIONS = {
    ("tenants", "0006_move_models_to_their_apps"),
    ("accounts", "0001_initial"),
    ("audit", "0001_initial"),
    ("banners", "0001_initial"),
    ("console", "0001_initial"),
    ("guard", "0001_initial"),
    ("mainsite", "0001_initial"),
    ("workdays", "0001_initial"),
    # The audit log's new "hold" action: a choices change, nothing in the database.
    ("audit", "0002_alter_auditevent_action"),
    # Citizens' personal data taken out of the audit log's rows (no table changes).
    ("audit", "0003_scrub_citizens_personal_data"),
    # Broadcasts set to run for good end within BROADCAST_MAX_DAYS (a data migration).
    ("banners", "0002_cap_broadcast_lifetime"),
    # Background tasks: the outgoing-mail table (every schema) and the console's job list (a
    # proxy model, no table).
    ("core", "0001_initial"),
    ("console", "0002_backgroundjob"),
    # File fields name their storage by a callable (local disk or S3 from STORAGES): no SQL.
    ("tenants", "0007_storage_from_settings"),
    ("ppid", "0002_storage_from_settings"),
    # Restore drill results (backups.RestoreDrill).
    ("backups", "0001_initial"),
    # The PPID staff's deadline reminders already sent (ppid.DeadlineReminder).
    ("ppid", "0003_deadline_reminders"),
    # The activity status's completeness threshold (a column with a default) and the reminder
    # log's status labels (choices only).
    ("console", "0003_activity_status_counts_completeness"),
    # The editorial workflow, scheduled unpublishing and revisions (issue #16): new columns on
    # news_article and tenants_opd, the revision tables of news and pages.
    ("news", "0002_editorial_workflow_revisions_unpublish"),
    ("pages", "0002_page_revisions"),
    ("tenants", "0008_opd_require_article_review"),
    # Indonesian verbose names (issue #16): labels only, no SQL.
    ("accounts", "0002_verbose_names"),
    ("audit", "0004_verbose_names"),
    ("ppid", "0004_verbose_names"),
    ("tenants", "0009_verbose_names"),
    # The media library (OPD schemas) and the articles' library cover and PDF attachments.
    ("library", "0001_initial"),
    ("news", "0003_cover_and_attachments_from_the_library"),
    # A body holding only a YouTube video is not "empty" (core.richtext.RichTextField): no SQL.
    ("pages", "0003_body_keeps_a_video_alone"),
    # The revision tables follow: a cover from the library, the body's field class (no SQL on
    # pages).
    ("news", "0004_revisions_follow_the_library"),
    ("pages", "0004_revisions_follow_the_library"),
    # Emergency banners on the issuing OPD's site only, or everywhere (issue #17).
    ("banners", "0003_emergencybanner_everywhere"),
    # Officials by unit on the Struktur Organisasi page, with cropped portraits (issue #17).
    ("pages", "0005_officials_by_unit"),
    # The two-level menu (issue #17): its table, and the default menu of every existing OPD
    # (a data migration; it does nothing in the public schema, which has no such table).
    ("navigation", "0001_initial"),
    ("navigation", "0002_default_menu_for_existing_opds"),
    # The places issue #18 added, in the menus OPDs had (Layanan, Agenda, Galeri, Unduhan, FAQ).
    ("navigation", "0003_content_types_in_existing_menus"),
    # The pemda's identity and the links every site shows (issue #17; public schema only).
    ("pemda", "0001_initial"),
    # The pemda's SP4N-LAPOR! address (issue #20): a column of the new identity table.
    ("pemda", "0002_lapor_url"),
    # The home page an operator composes (issue #17): its settings row and quick links.
    ("homepage", "0001_initial"),
    # The document library (issue #18): its tables and, in every OPD schema, its default
    # categories (a data migration; nothing runs in the public schema, which has no such table).
    ("documents", "0001_initial"),
    ("documents", "0002_default_categories_for_existing_opds"),
    # The service catalogue and the Maklumat Pelayanan (issue #18).
    ("publicservices", "0001_initial"),
    # The Survei Kepuasan Masyarakat (issue #18): the current semester's IKM on the OPD's row.
    ("tenants", "0010_opd_skm_summary"),
    ("publicservices", "0002_survey"),
    # The gallery (issue #18): photo albums, their photos and YouTube videos.
    ("gallery", "0001_initial"),
    # DIP entries in the site search (issue #18): a generated search vector and its index.
    ("ppid", "0005_search_vector"),
    # The OPD's FAQ (issue #18): its groups and questions.
    ("faq", "0001_initial"),
    # The agenda (issue #18): its events (OPD schemas), and the portal index's event times.
    ("agenda", "0001_initial"),
    ("mainsite", "0002_publisheditem_event_times"),
    # Old addresses answered with a 301 (issue #19): the OPD's redirects.
    ("redirects", "0001_initial"),
    # The WordPress importer's item map and runs (issue #19).
    ("wpimport", "0001_initial"),
    # The article's byline (a WordPress author's name) and the web imports' runs (issue #19).
    ("news", "0005_article_byline"),
    ("wpimport", "0002_web_imports"),
    # Pages under other pages (the WordPress page hierarchy): a nullable column on pages_page
    # and on its revision table.
    ("pages", "0006_page_parent"),
    # Categories under other categories (the WordPress category_parent): a column of
    # news_category.
    ("news", "0006_category_parent"),
    # The pemda-level PPID (issue #20): the facts of every OPD's requests and objections.
    ("ppidutama", "0001_initial"),
    # Requests filed with PPID Utama and their hops (public schema), and the OPD's side of a
    # forwarded request: the pemda's number and the "handed over" status.
    ("ppidutama", "0002_front_door"),
    ("ppid", "0006_forwarded_by_ppid_utama"),
    # ... and, in every OPD schema, the records of the requests and objections it had (a data
    # migration writing to the public tables above).
    ("ppid", "0007_ppidutama_records"),
    # The PPID's own words of the Pasal 56 annual report, per report and year.
    ("ppidutama", "0003_records_report_narrative"),
    # The Skor Keterbukaan (issue #20): the PPID's answers, evidence and each OPD's last score.
    ("openness", "0001_initial"),
    # The pemda's DIP across OPDs (issue #20): its public-schema table, filled by publishing
    # and by rebuild_portal_index...
    ("ppidutama", "0004_dip_entries"),
    # ... and, from every OPD schema, the published DIP entries the OPD had (a data migration).
    ("ppid", "0008_pemda_dip_of_existing_entries"),
    # Objections to the pemda's Atasan PPID, filed at the portal (public schema).
    ("ppidutama", "0005_objections"),
    # procrastinate's own migrations (the queue's tables; run in the public schema only).
    *(
        ("procrastinate", path.stem)
        for path in Path(procrastinate_migrations.__file__).parent.glob("0*.py")
    ),
}
# Roles of the public schema that later features add (ppidutama.roles, issue #20).
NEW_PUBLIC_ROLES = ("PPID Utama", "Atasan PPID")
# Tables that later features add on upgrade, per schema (None: every OPD schema).
NEW_TABLES = {
    "public": {
        "backups_restoredrill",
        "core_outgoingattachment",
        "core_outgoingmail",
        "procrastinate_events",
        "procrastinate_jobs",
        "procrastinate_periodic_defers",
        "procrastinate_workers",
        "pemda_pemdaidentity",
        "pemda_commonlink",
        "ppidutama_requestrecord",
        "ppidutama_objectionrecord",
        "ppidutama_registrationcounter",
        "ppidutama_pemdarequest",
        "ppidutama_heldapplicant",
        "ppidutama_hop",
        "ppidutama_annualreportnarrative",
        "openness_answer",
        "openness_evidence",
        "openness_scoresnapshot",
        "ppidutama_dipentry",
        "ppidutama_pemdaobjection",
    },
    None: {
        "core_outgoingattachment",
        "core_outgoingmail",
        "ppid_deadlinereminder",
        "news_historicalarticle",
        "pages_historicalpage",
        "library_document",
        "library_image",
        "news_article_attachments",
        "pages_orgunit",
        "navigation_menuitem",
        "homepage_homepage",
        "homepage_quicklink",
        "documents_documentcategory",
        "documents_document",
        "publicservices_service",
        "publicservices_service_forms",
        "publicservices_servicestep",
        "publicservices_servicemaklumat",
        # The Survei Kepuasan Masyarakat's answers (issue #18).
        "publicservices_surveyresponse",
        "gallery_album",
        "gallery_photo",
        "gallery_video",
        "faq_faqgroup",
        "faq_faqitem",
        "agenda_event",
        "redirects_redirect",
        "wpimport_importeditem",
        "wpimport_importrun",
    },
}
# New tables the upgrade fills (the others start empty): the default menu of every OPD, its
# default document categories, the pemda's records of every OPD's requests and objections, and
# the pemda's DIP (the OPDs' published DIP entries).
SEEDED_TABLES = {
    "navigation_menuitem",
    "documents_documentcategory",
    "ppidutama_requestrecord",
    "ppidutama_objectionrecord",
    "ppidutama_dipentry",
}
# Columns (and their indexes and constraints) that later features add to existing tables, per
# schema as above: (table, name prefix) of the structure rows that may be new.
NEW_STRUCTURE = {
    "public": {
        ("tenants_opd", "require_article_review"),
        # The activity status's completeness threshold (console.ActivitySettings).
        ("tenants_activitysettings", "active_min_score"),
        ("tenants_activitysettings", "tenants_activitysettings_active_min_score"),
        # Where an emergency banner shows (banners.EmergencyBanner.everywhere).
        ("tenants_emergencybanner", "everywhere"),
        # The current semester's SKM figures the console shows (issue #18).
        ("tenants_opd", "skm_semester"),
        ("tenants_opd", "skm_ikm"),
        ("tenants_opd", "skm_quality"),
        ("tenants_opd", "skm_respondents"),
        ("tenants_opd", "tenants_opd_skm_respondents"),
        # When an event of the portal index takes place (agenda).
        ("tenants_publisheditem", "starts_at"),
        ("tenants_publisheditem", "ends_at"),
    },
    None: {
        # The pemda's number on a request PPID Utama forwarded (issue #20).
        ("ppid_informationrequest", "pemda_number"),
        ("news_article", "unpublish_at"),
        ("news_article", "news_article_unpublish_at"),
        ("news_article", "review_note"),
        ("news_article", "byline"),
        ("news_article", "news_article_unpublish_after_publish"),
        # The article's cover from the media library (with its index and foreign key).
        ("news_article", "cover_photo_id"),
        ("news_article", "news_article_cover_photo_id"),
        # Officials by unit (pages.OrgUnit) and their cropped portraits.
        ("pages_official", "unit_id"),
        ("pages_official", "pages_official_unit_id"),
        ("pages_official", "photo_meta"),
        # A page's parent page (pages.Page.parent), with its index and foreign key.
        ("pages_page", "parent_id"),
        ("pages_page", "pages_page_parent_id"),
        # A category's parent category (news.Category.parent), with its index and foreign key.
        ("news_category", "parent_id"),
        ("news_category", "news_category_parent_id"),
        # DIP entries in the site search (ppid.PublicInformation.search_vector).
        ("ppid_publicinformation", "search_vector"),
        ("ppid_publicinformation", "ppid_dip_search_gin"),
    },
}


# The default roles that gain permissions of the new models on upgrade (Admin OPD and Operator
# Berita: the media library's, the revisions', news.publish_article), each recorded by the audit
# log as one event per role and OPD.
ROLES_GAINING_PERMISSIONS = 2


def is_new_structure(schema: str, row: tuple) -> bool:
    added = NEW_STRUCTURE["public"] if schema == "public" else NEW_STRUCTURE[None]
    return any(row[1] == table and row[2].startswith(name) for table, name in added)


def new_tables(schema: str) -> set[str]:
    return NEW_TABLES["public"] if schema == "public" else NEW_TABLES[None]


# What release 0.1 copied into the public-schema audit log from its information requests.
CITIZENS_PERSONAL_DATA = (
    "siti.aminah@example.org",
    "budi.santoso@example.org",
    "rahmat@lsm-banten.example.org",
    "081234567890",
    "0254123456",
)
# The suite sets up its test database only for tests that ask for database access; the
# fixture reads that database (a fresh install) and uses its server.
pytestmark = pytest.mark.django_db

APPLYING = re.compile(
    r"^\[(?:.* )?standard:(?P<schema>\w+)\]\s+Applying (?P<app>\w+)\.(?P<name>\w+)"
)


class Server:
    """The PostgreSQL server of the suite's own database (embedded pgserver or DATABASE_URL)."""

    def __init__(self, settings_dict: dict):
        self.settings = settings_dict
        self.options = {k: v for k, v in settings_dict.get("OPTIONS", {}).items() if k != "host"}
        self.host = settings_dict.get("HOST") or settings_dict.get("OPTIONS", {}).get("host") or ""
        self.port = str(settings_dict.get("PORT") or "")

    def conninfo(self, dbname: str) -> str:
        params = {
            "dbname": dbname,
            "user": self.settings.get("USER"),
            "password": self.settings.get("PASSWORD"),
            "host": self.host,
            "port": self.port,
            **self.options,
        }
        return make_conninfo(**{key: value for key, value in params.items() if value})

    def url(self, dbname: str) -> str:
        """A DATABASE_URL for the settings (dj-database-url) of a subprocess."""
        credentials = quote(self.settings.get("USER") or "", safe="")
        if self.settings.get("PASSWORD"):
            credentials += ":" + quote(self.settings["PASSWORD"], safe="")
        query = {key: str(value) for key, value in self.options.items()}
        if self.host.startswith("/"):  # a Unix socket directory (the embedded server)
            location = ""
            query.update(host=self.host, **({"port": self.port} if self.port else {}))
        else:
            location = self.host + (f":{self.port}" if self.port else "")
        return f"postgresql://{credentials}@{location}/{dbname}" + (
            f"?{urlencode(query)}" if query else ""
        )

    def execute(self, sql: str) -> None:
        with psycopg.connect(self.conninfo("postgres"), autocommit=True) as conn:
            conn.execute(sql)


@dataclass
class Snapshot:
    """What information_schema and the catalogues say about each schema, plus the few rows that
    migrations write (migration records, content types, permissions)."""

    tables: dict[str, set[str]]
    structure: dict[str, set[tuple]]
    row_counts: dict[str, dict[str, int]]
    migrations: dict[str, set[tuple[str, str]]]
    content_types: dict[str, set[tuple]]
    permissions: dict[str, set[tuple]]
    group_permissions: dict[str, set[tuple]]


def _structure(conn, schema: str) -> set[tuple]:
    """Columns, indexes and constraints, with the schema's own name taken out so that two
    schemas (an upgraded OPD and a fresh one) compare."""
    prefix = re.compile(rf"\b{re.escape(schema)}\.")
    columns = conn.execute(
        "SELECT table_name, column_name, data_type, is_nullable, is_identity, "
        "coalesce(column_default, ''), coalesce(character_maximum_length, 0) "
        "FROM information_schema.columns WHERE table_schema = %s",
        [schema],
    ).fetchall()
    indexes = conn.execute(
        "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = %s", [schema]
    ).fetchall()
    constraints = conn.execute(
        "SELECT rel.relname, con.conname, con.contype::text, pg_get_constraintdef(con.oid) "
        "FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid "
        "JOIN pg_namespace ns ON ns.oid = rel.relnamespace WHERE ns.nspname = %s",
        [schema],
    ).fetchall()
    return (
        {("column", *row) for row in columns}
        | {
            ("index", table, name, prefix.sub("", definition))
            for table, name, definition in indexes
        }
        | {("constraint", *row[:3], prefix.sub("", row[3])) for row in constraints}
    )


def _rows(conn, schema: str, table: str, columns: str) -> set[tuple]:
    return set(conn.execute(f'SELECT {columns} FROM "{schema}"."{table}"'))


def take_snapshot(conninfo: str, schemas: list[str]) -> Snapshot:
    snapshot = Snapshot({}, {}, {}, {}, {}, {}, {})
    with psycopg.connect(conninfo) as conn:
        for schema in schemas:
            tables = {
                name
                for (name,) in conn.execute(
                    "SELECT table_name FROM information_schema.tables "
                    "WHERE table_schema = %s AND table_type = 'BASE TABLE'",
                    [schema],
                )
            }
            snapshot.tables[schema] = tables
            snapshot.structure[schema] = _structure(conn, schema)
            snapshot.row_counts[schema] = {
                table: conn.execute(f'SELECT count(*) FROM "{schema}"."{table}"').fetchone()[0]
                for table in tables
            }
            snapshot.migrations[schema] = _rows(conn, schema, "django_migrations", "app, name")
            snapshot.content_types[schema] = _rows(
                conn, schema, "django_content_type", "id, app_label, model"
            )
            snapshot.permissions[schema] = _rows(
                conn, schema, "auth_permission", "id, content_type_id, codename"
            )
            snapshot.group_permissions[schema] = _rows(
                conn, schema, "auth_group_permissions", "group_id, permission_id"
            )
    return snapshot


@dataclass
class Upgrade:
    database: str
    before: Snapshot
    after: Snapshot
    fresh: Snapshot
    first_migrate: str
    checked: dict
    second_migrate: str
    makemigrations: subprocess.CompletedProcess
    ppid_audit_before: list[tuple[str, dict]]
    ppid_audit_after: list[tuple[str, dict]]


def ppid_audit_changes(conninfo: str) -> list[tuple[str, dict]]:
    with psycopg.connect(conninfo) as conn:
        return conn.execute(
            "SELECT object_type, changes FROM public.tenants_auditevent"
            " WHERE object_type LIKE 'ppid.%' ORDER BY id"
        ).fetchall()


def run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def succeeded(result: subprocess.CompletedProcess) -> str:
    output = f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    assert result.returncode == 0, f"{result.args} exited {result.returncode}\n{output}"
    return result.stdout


@pytest.fixture(scope="module")
def upgrade(django_db_setup, tmp_path_factory):
    server = Server(dict(connection.settings_dict))
    # The suite's own test database: migrated from scratch by the current code, with a freshly
    # provisioned OPD (conftest): what an upgraded database must look like.
    fresh = take_snapshot(server.conninfo(connection.settings_dict["NAME"]), ["public", "alpha"])
    name = f"upgrade_{uuid.uuid4().hex[:12]}"
    server.execute(f'CREATE DATABASE "{name}"')
    try:
        load_dump(DUMP, server.conninfo(name))
        before = take_snapshot(server.conninfo(name), SCHEMAS)
        ppid_audit_before = ppid_audit_changes(server.conninfo(name))
        env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
        env.update(
            DATABASE_URL=server.url(name),
            DJANGO_DEBUG="1",
            DJANGO_SETTINGS_MODULE="portal.settings",
            PYTHONPATH=str(ROOT),
            PORTAL_VAR_DIR=str(tmp_path_factory.mktemp("upgrade-var")),
            PORTAL_DOMAIN="localhost",
            CONSOLE_REQUIRE_2FA="1",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        )
        migrate = ["manage.py", "migrate_schemas", "--executor=standard", "--noinput"]
        first_migrate = succeeded(run(migrate, env))
        after = take_snapshot(server.conninfo(name), SCHEMAS)
        ppid_audit_after = ppid_audit_changes(server.conninfo(name))
        check = [str(HERE / "check_upgraded.py"), str(EXPECTED_FILE), str(TRACKING_CODES_FILE)]
        checked = json.loads(succeeded(run(check, env)))
        second_migrate = succeeded(run(migrate, env))
        makemigrations = run(["manage.py", "makemigrations", "--check", "--dry-run"], env)
        yield Upgrade(
            name,
            before,
            after,
            fresh,
            first_migrate,
            checked,
            second_migrate,
            makemigrations,
            ppid_audit_before,
            ppid_audit_after,
        )
    finally:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_fixture_loads_as_release_0_1_left_it(upgrade):
    assert upgrade.checked["database"] == upgrade.database
    assert upgrade.before.row_counts == EXPECTED["table_row_counts"]
    for schema in SCHEMAS:
        assert not LAYOUT_MIGRATIONS & upgrade.before.migrations[schema]


def test_migrate_applies_the_layout_migrations_in_every_schema(upgrade):
    applied = {schema: set() for schema in SCHEMAS}
    for line in upgrade.first_migrate.splitlines():
        if match := APPLYING.match(line):
            applied[match["schema"]].add((match["app"], match["name"]))
    assert applied == dict.fromkeys(SCHEMAS, LAYOUT_MIGRATIONS)
    for schema in SCHEMAS:
        assert upgrade.after.migrations[schema] - upgrade.before.migrations[schema] == (
            LAYOUT_MIGRATIONS
        )
        assert upgrade.before.migrations[schema] <= upgrade.after.migrations[schema]


def test_the_upgrade_adds_only_the_new_tables_and_drops_and_alters_none(upgrade):
    for schema in SCHEMAS:
        before, after = upgrade.before, upgrade.after
        assert after.tables[schema] == before.tables[schema] | new_tables(schema), schema
        kept = {
            row
            for row in after.structure[schema]
            if row[1] not in new_tables(schema) and not is_new_structure(schema, row)
        }
        assert kept == before.structure[schema], schema
        added = NEW_STRUCTURE["public"] if schema == "public" else NEW_STRUCTURE[None]
        for table, name in added:
            assert any(
                is_new_structure(schema, row) and row[1] == table and row[2].startswith(name)
                for row in after.structure[schema]
            ), (schema, table, name)


def test_an_upgraded_database_is_built_like_a_fresh_one(upgrade):
    fresh = upgrade.fresh
    assert upgrade.after.tables["public"] == fresh.tables["public"]
    assert upgrade.after.structure["public"] == fresh.structure["public"]
    assert upgrade.after.migrations["public"] == fresh.migrations["public"]
    for schema in OPD_SCHEMAS:
        assert upgrade.after.tables[schema] == fresh.tables["alpha"]
        assert upgrade.after.structure[schema] == fresh.structure["alpha"]
        assert upgrade.after.migrations[schema] == fresh.migrations["alpha"]


def test_migrating_keeps_every_row(upgrade):
    for schema in SCHEMAS:
        before = dict(upgrade.before.row_counts[schema])
        after = dict(upgrade.after.row_counts[schema])
        recorded = after.pop("django_migrations") - before.pop("django_migrations")
        assert recorded == len(LAYOUT_MIGRATIONS)
        # post_migrate adds the new apps' content types and permissions (checked row by row in
        # the content type test).
        # The role sync after migrating grants the roles the new models' permissions (and
        # Admin OPD news.publish_article), and the audit log records those grants.
        for table in ("django_content_type", "auth_permission", "auth_group_permissions"):
            assert after.pop(table) >= before.pop(table)
        for table in new_tables(schema):
            rows = after.pop(table)
            assert (rows > 0) if table in SEEDED_TABLES else (rows == 0), (schema, table)
        if schema == "public":
            # The roles' new permissions, recorded by the audit log: one event per role and OPD.
            events = upgrade.checked["public"]["role_permission_events"]
            assert events == len(OPD_SCHEMAS) * ROLES_GAINING_PERMISSIONS
            # ...and the pemda-level PPID roles the upgrade creates: each created, each granted
            # its permissions.
            events += 2 * len(NEW_PUBLIC_ROLES)
            assert after.pop("tenants_auditevent") == before.pop("tenants_auditevent") + events
            assert after.pop("auth_group") == before.pop("auth_group") + len(NEW_PUBLIC_ROLES)
        assert after == before, schema


def test_the_upgrade_takes_citizens_personal_data_out_of_the_audit_log(upgrade):
    def text(events):
        return json.dumps(events)

    assert all(value in text(upgrade.ppid_audit_before) for value in CITIZENS_PERSONAL_DATA)
    assert not any(value in text(upgrade.ppid_audit_after) for value in CITIZENS_PERSONAL_DATA)
    allowed = {
        "ppid.InformationRequest": {"number", "year", "status", "received_at", "due_date"},
        "ppid.Objection": {"number", "year", "request_id", "ground", "filed_at", "status"},
    }
    for (object_type, before), (_, after) in zip(
        upgrade.ppid_audit_before, upgrade.ppid_audit_after, strict=True
    ):
        if object_type not in allowed:
            assert after == before  # DIP entries are public information, kept in full
            continue
        assert set(after) <= set(before)
        # What the log may keep is kept: the procedure's facts, changed by whom and when.
        assert {key: before[key] for key in allowed[object_type] if key in before}.items() <= (
            after.items()
        )
        for secret in ("tracking_code_hash", "submission_token", "identity_number", "email"):
            assert secret not in after


def test_content_types_and_permissions_move_with_their_models(upgrade):
    before, after = upgrade.before, upgrade.after
    # Public schema: the same rows, ids unchanged, only the app label of the moved models
    # differs; so every permission (and whoever holds it) still points at the right model.
    moved = {
        (pk, MOVED_MODELS[model] if app == "tenants" and model in MOVED_MODELS else app, model)
        for pk, app, model in before.content_types["public"]
    }
    # The later features' models (the task queue's, the outgoing mail, the console's job
    # list, the restore drills, the PPID's deadline reminders) add content types of their
    # own, after the release's.
    added = after.content_types["public"] - moved
    # ...and the revision tables of news and pages (django-simple-history), the menu, the
    # pemda's identity, the home page, the services and their satisfaction survey.
    assert {app for _pk, app, _model in added} == {
        "procrastinate", "core", "console", "backups", "news", "pages", "ppid", "library",
        "navigation", "pemda", "homepage", "documents", "publicservices", "gallery", "faq",
        "agenda", "redirects", "wpimport", "ppidutama", "openness",
    }  # fmt: skip
    assert min(pk for pk, _app, _model in added) > max(pk for pk, _app, _model in moved)
    assert moved <= after.content_types["public"]
    assert {("audit", "auditevent")} <= {(app, model) for _pk, app, model in moved}
    assert not {
        model for _pk, app, model in after.content_types["public"] if app == "tenants"
    } & set(MOVED_MODELS)
    assert before.permissions["public"] <= after.permissions["public"]
    public = upgrade.checked["public"]
    assert public["moved_content_types"] == sorted(
        [app, model] for model, app in MOVED_MODELS.items()
    )
    assert public["moved_model_permissions"] == 4 * len(MOVED_MODELS)
    # OPD schemas: nothing lost, nothing re-pointed; the roles keep exactly their permissions.
    for schema in OPD_SCHEMAS:
        assert before.content_types[schema] <= after.content_types[schema]
        assert before.permissions[schema] <= after.permissions[schema]
        # The roles keep every permission they had; they gain only the new models' and
        # news.publish_article (the editorial workflow), all of news and pages.
        assert before.group_permissions[schema] <= after.group_permissions[schema]
        gained = {pk for _group, pk in after.group_permissions[schema]} - {
            pk for _group, pk in before.group_permissions[schema]
        }
        new_permissions = after.permissions[schema] - before.permissions[schema]
        assert gained <= {pk for pk, _ct, _codename in new_permissions}
        assert (
            len(before.group_permissions[schema])
            == EXPECTED["table_row_counts"][schema]["auth_group_permissions"]
        )


def test_every_opd_and_its_content_is_still_there(upgrade):
    public = upgrade.checked["public"]
    for key in ("opd_rows", "opd_rows_excluding_public", "opd_slugs", "domains"):
        assert public[key] == EXPECTED["public"][key], key
    assert set(upgrade.checked["opds"]) == set(EXPECTED["opds"])
    for schema, expected in EXPECTED["opds"].items():
        found = upgrade.checked["opds"][schema]
        for key in (
            "slug", "schema_name", "name", "short_name", "kind", "is_active", "domains",
            "articles", "articles_published", "articles_draft", "article_slugs", "pages",
            "page_slugs", "officials", "ppid_public_information", "information_requests",
            "information_request_numbers", "request_events", "objections", "objection_numbers",
            "operator_usernames", "content_holds", "published_items",
        ):  # fmt: skip
            assert found[key] == expected[key], (schema, key)
        # Plus the grants of the role sync (test_shared_records_are_read_through_their_new_apps).
        assert found["audit_events"] >= expected["audit_events"], schema
        assert found["latest_published"] == expected["published_article"]["slug"]


def test_shared_records_are_read_through_their_new_apps(upgrade):
    public = upgrade.checked["public"]
    for key in (
        "audit_actors", "operator_accounts", "emergency_banners", "content_holds",
        "allowed_link_domains", "local_holidays",
        "activity_settings", "activity_reminders", "published_items",
    ):  # fmt: skip
        assert public[key] == EXPECTED["public"][key], key
    # Every event of the release is still there; the upgrade adds only the role sync's
    # permission grants (the new models' permissions, news.publish_article).
    by_action = dict(public["audit_events_by_action"])
    expected_by_action = dict(EXPECTED["public"]["audit_events_by_action"])
    grants = by_action.pop("permission", 0) - expected_by_action.pop("permission", 0)
    # ...and the creation of the pemda-level PPID roles (issue #20).
    expected_by_action["create"] += len(NEW_PUBLIC_ROLES)
    assert by_action == expected_by_action and grants >= 0
    assert public["audit_events"] == EXPECTED["public"]["audit_events"] + grants + len(
        NEW_PUBLIC_ROLES
    )
    assert (
        EXPECTED["public"]["audit_events"]
        == EXPECTED["table_row_counts"]["public"]["tenants_auditevent"]
    )


def test_the_pemda_dip_holds_every_published_entry_the_opds_had(upgrade):
    everything = []
    for schema in OPD_SCHEMAS:
        facts = upgrade.checked["opds"][schema]
        assert facts["pemda_dip_titles"] == facts["ppid_published_titles"], schema
        everything += facts["ppid_published_titles"]
    assert everything
    assert upgrade.checked["served"]["pemda_dip"] == {"status": 200, "titles": sorted(everything)}


def test_broadcasts_left_on_for_good_end_within_the_cap_but_still_show(upgrade):
    assert 0 < upgrade.checked["public"]["broadcast_days_left"] <= settings.BROADCAST_MAX_DAYS


def test_the_upgraded_sites_are_served(upgrade):
    served = upgrade.checked["served"]
    assert served["portal"] == {
        "status": 200,
        "shows_banners": [True] * len(EXPECTED["public"]["emergency_banners"]),
        "shows_latest_item": True,
    }
    for schema in OPD_SCHEMAS:
        assert served[schema]["home"] == {"status": 200, "shows_article": True}, schema
        assert served[schema]["article"] == {"status": 200, "shows_article": True}, schema


def test_every_existing_opd_gets_the_default_menu(upgrade):
    for schema in OPD_SCHEMAS:
        facts = upgrade.checked["opds"][schema]
        menu = {label: (url, children) for label, url, children in facts["menu"]}
        slugs = EXPECTED["opds"][schema]["page_slugs"]
        profile = [f"/halaman/{slug}/" for slug in ("profil", "visi-dan-misi") if slug in slugs]
        if profile:
            assert set(profile) <= set(menu["Profil"][1]), (schema, menu)
        assert "/ppid/permohonan/" in menu["Informasi Publik"][1], schema
        assert "/berita/" in menu["Publikasi"][1], schema
        # The content types of issue #18 where a new OPD's menu has them (navigation 0003).
        assert {"/agenda/", "/galeri/"} <= set(menu["Publikasi"][1]), (schema, menu)
        assert {"/unduhan/", "/faq/"} <= set(menu["Informasi Publik"][1]), (schema, menu)
        assert menu["Layanan"] == ("/layanan/", []), (schema, menu)
        # The pages the old menu showed are all still in it.
        shown = {link for url, children in menu.values() for link in (children or [url])}
        assert {f"/halaman/{slug}/" for slug in facts["old_menu_pages"]} <= shown, schema
        # And the site shows it.
        served = upgrade.checked["served"][schema]["home_menu_links"]
        assert len(served) == len(shown), schema


def test_covers_uploaded_before_the_media_library_still_show(upgrade):
    covers = {schema: upgrade.checked["served"][schema]["covers"] for schema in OPD_SCHEMAS}
    assert sum(len(shown) for shown in covers.values()) >= 2, covers
    assert all(all(shown.values()) for shown in covers.values()), covers


def test_the_pemda_has_the_records_of_every_opds_requests_and_objections(upgrade):
    """ppid 0007: what PPID Utama's dashboard and annual report read, for the old requests."""
    for schema, opd in upgrade.checked["opds"].items():
        assert opd["request_records"] == opd["information_request_numbers"], schema
        assert opd["objection_records"] == opd["objection_numbers"], schema
    assert any(opd["request_records"] for opd in upgrade.checked["opds"].values())


def test_ppid_requests_and_objections_can_still_be_tracked(upgrade):
    assert {
        schema: opd["tracking_codes"]
        for schema, opd in EXPECTED["opds"].items()
        if opd["tracking_codes"]
    } == TRACKING_CODES
    for schema, codes in TRACKING_CODES.items():
        tracking = upgrade.checked["served"][schema]["tracking"]
        assert set(tracking) == set(codes)
        for number, result in tracking.items():
            assert result["status"] == 200, number
            assert result["shows_record"] and result["shows_status"], (number, result)
            assert not result["says_not_found"], number
        wrong = upgrade.checked["served"][schema]["tracking_wrong_code"]
        assert wrong["status"] == 200
        assert wrong["says_not_found"] and not wrong["shows_record"]
    statuses = {
        number: status
        for opd in EXPECTED["opds"].values()
        for numbers in (opd["information_request_numbers"], opd["objection_numbers"])
        for number, status in numbers.items()
    }
    assert {
        number: found
        for opd in upgrade.checked["opds"].values()
        for numbers in (opd["information_request_numbers"], opd["objection_numbers"])
        for number, found in numbers.items()
    } == statuses


def test_operators_and_kominfo_can_still_log_in(upgrade):
    log_in = upgrade.checked["log_in"]
    for schema in OPD_SCHEMAS:
        assert log_in[schema] == {
            "status": 302,
            "location": "/admin/",
            "logged_in": True,
            "admin": {"status": 200, "location": ""},
        }, schema
    # The console asks for the second step only once the password has passed.
    assert log_in["kominfo"] == {
        "status": 302,
        "location": "/admin/",
        "logged_in": True,
        "admin": {"status": 302, "location": "/admin/verifikasi-dua-langkah/"},
    }
    for refused in ("kominfo_wrong_password", "opd_admin_on_portal"):
        assert log_in[refused]["status"] == 200, refused
        assert not log_in[refused]["logged_in"], refused


def test_migrating_again_applies_nothing(upgrade):
    assert "Applying" not in upgrade.second_migrate
    assert upgrade.second_migrate.count("No migrations to apply.") == len(SCHEMAS)


def test_the_models_need_no_new_migration(upgrade):
    result = upgrade.makemigrations
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


def test_the_loader_leaves_out_what_another_pg_dump_version_wrote():
    dump = (
        "\\restrict abc123\n"
        "SET statement_timeout = 0;\n"
        "SET transaction_timeout = 0;\n"
        "CREATE TABLE t (id integer);\n"
        "\\unrestrict abc123\n"
    )
    assert runnable_sql(dump, {"statement_timeout"}) == (
        "SET statement_timeout = 0;\nCREATE TABLE t (id integer);\n"
    )
