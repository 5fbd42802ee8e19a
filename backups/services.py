"""Backups of one OPD (its schema dump and its files in one archive), restoring them, restore
drills, archiving an OPD and, only when asked explicitly, deleting it for good.

An archive is a `.tar.gz` with:
- `manifest.json`: format, slug, schema, the OPD's public row and domains, when, app and
  PostgreSQL versions, the row count of every table (counted in the dump's own snapshot) and the
  SHA-256 of every file in the archive;
- `schema.dump`: `pg_dump --format=custom --schema=<schema>`;
- `media/`: the OPD's public media (storage "default" under `<schema>/`: uploads, renditions,
  identity files), on disk or in the bucket;
- `private/`: its private files (storage "private": PPID requesters' files).

It is encrypted at rest (backups/encryption.py) and written to the "backups" storage (BACKUP_DIR,
or the backup bucket) as `<slug>/<slug>-<timestamp>.tar.gz.enc`; backup_all keeps the newest
BACKUP_KEEP per OPD.

`pg_dump`, `pg_restore` and `psql` come from PG_BIN_DIR, the PATH, or the embedded pgserver
package, whichever is first to be at least as new as the server (and as the archive's dump).
A restore runs as one PostgreSQL transaction: the OPD keeps serving its old data until the new
schema replaces it at commit, and a failure leaves the database as it was.
"""

import hashlib
import importlib.metadata
import importlib.util
import io
import json
import logging
import os
import re
import secrets
import shutil
import subprocess
import tarfile
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Replace
from django.utils import timezone
from django_ckeditor_5.fields import CKEditor5Field
from django_tenants.utils import (
    get_public_schema_name,
    schema_context,
    schema_exists,
    tenant_context,
)

from accounts.models import OperatorAccount
from accounts.receivers import mirror_operator
from backups import encryption
from backups.errors import BackupError
from backups.models import RestoreDrill
from banners.models import EmergencyBanner
from core import pagecache, registry, storage
from tenants import services
from tenants.models import Domain, Opd, schema_name_for_slug

logger = logging.getLogger(__name__)

ARCHIVE_FORMAT = 1
SCHEMA_NAME = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
# Fields of the OPD's public row that a restore never takes from the archive.
_OPD_FIELDS_KEPT = {"schema_name", "slug", "is_active", "created_at", "updated_at"}
# libpq connection parameters that Django's OPTIONS may carry.
_LIBPQ_OPTIONS = {
    "host", "hostaddr", "sslmode", "sslrootcert", "sslcert", "sslkey", "sslpassword",
    "connect_timeout", "application_name", "options", "target_session_attrs", "passfile",
    "service", "channel_binding", "gssencmode",
}  # fmt: skip
ARCHIVE_NAME = re.compile(r"^(?P<slug>[a-z][a-z0-9-]*)-\d{8}-\d{6}-\d{6}\.tar\.gz\.enc$")
# Scratch OPDs of restore drills: a prefix no real OPD is expected to use.
DRILL_PREFIX = "uji-pulih-"
__all__ = ["BackupError"]


@dataclass(frozen=True)
class PgTools:
    bin_dir: Path
    major: int

    def __call__(self, name: str) -> str:
        return str(self.bin_dir / name)


def server_major() -> int:
    connection.ensure_connection()
    return connection.pg_version // 10000


def _candidate_bin_dirs() -> list[Path]:
    candidates = []
    if settings.PG_BIN_DIR:
        candidates.append(Path(settings.PG_BIN_DIR))
    on_path = shutil.which("pg_dump")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    # The embedded server's own binaries (found without importing pgserver, which starts nothing
    # but warns about its run-time directory).
    spec = importlib.util.find_spec("pgserver")
    if spec is not None and spec.submodule_search_locations:
        candidates.append(Path(spec.submodule_search_locations[0]) / "pginstall" / "bin")
    return candidates


def _major_version(binary: Path) -> int | None:
    try:
        output = subprocess.run(
            [str(binary), "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"\)\s*(\d+)", output)  # "pg_dump (PostgreSQL) 16.2"
    return int(match.group(1)) if match else None


def pg_tools(*, minimum: int) -> PgTools:
    """The first PostgreSQL client directory whose tools are at least version `minimum`."""
    found = []
    for bin_dir in _candidate_bin_dirs():
        major = _major_version(bin_dir / "pg_dump")
        if major is None:
            continue
        found.append(f"{bin_dir} ({major})")
        if major >= minimum and (bin_dir / "pg_restore").exists() and (bin_dir / "psql").exists():
            return PgTools(bin_dir, major)
    raise BackupError(
        f"No pg_dump/pg_restore/psql of PostgreSQL {minimum} or newer found "
        f"(found: {', '.join(found) or 'none'}). Install the PostgreSQL {minimum} client tools "
        "or set PG_BIN_DIR to their directory."
    )


def _libpq() -> tuple[list[str], dict[str, str]]:
    """`--dbname` argument and environment for the PostgreSQL tools (password not in argv)."""
    from psycopg.conninfo import make_conninfo

    db = connection.settings_dict
    params = {"dbname": db["NAME"], "user": db.get("USER") or None}
    if db.get("HOST"):
        params["host"] = db["HOST"]
    if db.get("PORT"):
        params["port"] = str(db["PORT"])
    params.update(
        {key: str(value) for key, value in db.get("OPTIONS", {}).items() if key in _LIBPQ_OPTIONS}
    )
    env = {**os.environ, "PGAPPNAME": "portal-backup"}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    conninfo = make_conninfo(**{key: value for key, value in params.items() if value})
    return [f"--dbname={conninfo}"], env


def _snapshot_connection():
    """A new connection to the database (outside Django's, which may be inside a transaction)."""
    import psycopg

    dbname, env = _libpq()
    return psycopg.connect(dbname[0].removeprefix("--dbname="), password=env.get("PGPASSWORD"))


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        tool = Path(command[0]).name
        raise BackupError(f"{tool} failed: {result.stderr.strip()[-2000:]}")


# Archive folder -> the storage alias that holds those files under the OPD's `<schema>/`.
FILE_AREAS = {"media": "default", "private": "private"}


def opd_files(schema_name: str) -> list[tuple]:
    """(archive folder, storage, name) of every file of a schema, on disk or in the buckets;
    the storages are schema-aware, so use them inside schema_context(schema_name)."""
    with schema_context(schema_name):
        return [
            (folder, storage.storage(alias), name)
            for folder, alias in FILE_AREAS.items()
            for name in storage.storage(alias).walk("")
        ]


def remove_opd_files(schema_name: str) -> None:
    files = opd_files(schema_name)
    with schema_context(schema_name):
        for _folder, file_storage, name in files:
            file_storage.delete(name)
    if not storage.is_remote("default"):  # empty folders left on disk
        for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
            shutil.rmtree(Path(root) / schema_name, ignore_errors=True)


def backup_storage(directory: Path | None = None):
    """Where archives go: the "backups" storage, or a local directory given by --dir."""
    if directory is not None:
        return FileSystemStorage(location=directory)
    return storage.storage("backups")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _files_under(root: Path):
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path


def _opd_record(opd: Opd) -> dict:
    return json.loads(serializers.serialize("json", [opd]))[0]["fields"]


def _applied_migrations(schema_name: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT app, name FROM "{schema_name}".django_migrations ORDER BY app, name'
        )
        return [f"{app}.{name}" for app, name in cursor.fetchall()]


def _table_counts(cursor, schema_name: str) -> dict[str, int]:
    cursor.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = %s AND table_type = 'BASE TABLE' ORDER BY table_name",
        [schema_name],
    )
    tables = [name for (name,) in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{schema_name}"."{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


def _dump(opd: Opd, tools: PgTools, dump: Path) -> dict[str, int]:
    """pg_dump the OPD's schema; return its tables' row counts, counted in the dump's snapshot."""
    dbname, env = _libpq()
    with _snapshot_connection() as snapshot_connection, snapshot_connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = _table_counts(cursor, opd.schema_name)
        _run(
            [
                tools("pg_dump"),
                "--format=custom",
                f"--schema={opd.schema_name}",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={dump}",
                *dbname,
            ],
            env,
        )
    return counts


def backup_opd(opd: Opd, *, directory: Path | None = None) -> str:
    """Write the OPD's encrypted archive to the backups storage; return its name there."""
    if opd.is_public:
        raise BackupError("The portal's public schema is not an OPD; back it up with pg_dump.")
    keys = encryption.fernet()  # before any work: no key, no backup
    if not schema_exists(opd.schema_name):
        raise BackupError(f"Schema {opd.schema_name} does not exist.")
    tools = pg_tools(minimum=server_major())
    created = timezone.now()
    name = f"{opd.slug}/{opd.slug}-{created:%Y%m%d-%H%M%S-%f}.tar.gz.enc"
    with tempfile.TemporaryDirectory(prefix="opd-backup-") as tmp:
        work = Path(tmp)
        dump = work / "schema.dump"
        counts = _dump(opd, tools, dump)
        members = [("schema.dump", dump)]
        for folder, file_storage, file_name in opd_files(opd.schema_name):
            local = work / "files" / folder / file_name
            local.parent.mkdir(parents=True, exist_ok=True)
            with (
                schema_context(opd.schema_name),
                file_storage.open(file_name, "rb") as source,
                local.open("wb") as target,
            ):
                shutil.copyfileobj(source, target, 1024 * 1024)
            members.append((f"{folder}/{file_name}", local))
        manifest = {
            "format": ARCHIVE_FORMAT,
            "slug": opd.slug,
            "schema": opd.schema_name,
            "created": created.isoformat(),
            "app_version": importlib.metadata.version("portal-opd-terpadu"),
            "postgres_server": connection.pg_version,
            "pg_dump_major": tools.major,
            "opd": _opd_record(opd),
            "domains": [
                {"domain": d.domain, "is_primary": d.is_primary} for d in opd.domains.all()
            ],
            "migrations": _applied_migrations(opd.schema_name),
            "tables": counts,
            "files": {member: _sha256(path) for member, path in members},
        }
        archive = work / "archive.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(data), int(created.timestamp())
            tar.addfile(info, io.BytesIO(data))
            for member, path in members:
                tar.add(path, arcname=member, recursive=False)
        encrypted = work / "archive.tar.gz.enc"
        with archive.open("rb") as source, encrypted.open("wb") as target:
            encryption.encrypt(source, target, keys)
        archive.unlink()
        with encrypted.open("rb") as content:
            saved = backup_storage(directory).save(name, File(content))
    if saved != name:
        raise BackupError(f"The backup storage renamed {name} to {saved}.")
    logger.info("Backed up %s to %s", opd.slug, name)
    return name


def _fetch(archive: str | Path, into: Path) -> Path:
    """The archive (a name in the backups storage, or a local file given as a Path) as a plain
    local .tar.gz."""
    local = isinstance(archive, Path)
    plain = into / "archive.tar.gz"
    try:
        source = archive.open("rb") if local else storage.storage("backups").open(archive, "rb")
    except FileNotFoundError:
        raise BackupError(f"No such archive: {archive}") from None
    with source:
        head = source.read(len(encryption.MAGIC))
        source.seek(0)
        with plain.open("wb") as target:
            if encryption.is_encrypted(head):
                encryption.decrypt(source, target, encryption.fernet())
            elif head.startswith(b"\x1f\x8b") and local:
                # An unencrypted archive from before encryption, given as a local file.
                shutil.copyfileobj(source, target)
            else:
                raise BackupError(f"{archive} is not an encrypted OPD archive.")
    return plain


def read_manifest(archive: str | Path) -> dict:
    with (
        tempfile.TemporaryDirectory(prefix="opd-manifest-") as tmp,
        tarfile.open(_fetch(archive, Path(tmp)), "r:gz") as tar,
    ):
        member = tar.extractfile("manifest.json")
        if member is None:
            raise BackupError(f"{archive} has no manifest.json.")
        return json.load(member)


def _unpack(archive: Path, into: Path) -> dict:
    """Extract and verify an archive (names, sizes and SHA-256 of every file)."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(into, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"Cannot read {archive}: {error}") from error
    manifest_path = into / "manifest.json"
    if not manifest_path.is_file():
        raise BackupError(f"{archive} has no manifest.json.")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format") != ARCHIVE_FORMAT:
        raise BackupError(f"Unknown archive format {manifest.get('format')!r}.")
    if not SCHEMA_NAME.match(manifest.get("schema", "")):
        raise BackupError(f"Invalid schema name {manifest.get('schema')!r} in the manifest.")
    extracted = {
        path.relative_to(into).as_posix()
        for path in _files_under(into)
        if path.relative_to(into).as_posix() != "manifest.json"
    }
    if extracted != set(manifest["files"]):
        raise BackupError("The archive's files do not match its manifest.")
    for name, digest in manifest["files"].items():
        if _sha256(into / name) != digest:
            raise BackupError(f"{name} is damaged (checksum mismatch).")
    return manifest


def _restore_schema(*, dump: Path, source: str, target: str, minimum: int, work: Path) -> None:
    """Load `dump` (of schema `source`) as schema `target`, replacing it, in one transaction."""
    tools = pg_tools(minimum=minimum)
    dbname, env = _libpq()
    script = work / "restore.sql"
    _run(
        [tools("pg_restore"), "--no-owner", "--no-privileges", f"--file={script}", str(dump)],
        env,
    )
    stamp = uuid.uuid4().hex[:8]
    before, after = [], []
    if schema_exists(target):
        before.append(f'ALTER SCHEMA "{target}" RENAME TO "{target}__old_{stamp}";')
        after.append(f'DROP SCHEMA "{target}__old_{stamp}" CASCADE;')
    if source != target:
        # The dump creates `source`: load it under that name, then rename it; a live OPD that
        # owns `source` is moved aside meanwhile (all invisible to others until commit).
        after.insert(0, f'ALTER SCHEMA "{source}" RENAME TO "{target}";')
        if schema_exists(source):
            before.append(f'ALTER SCHEMA "{source}" RENAME TO "{source}__hold_{stamp}";')
            after.insert(1, f'ALTER SCHEMA "{source}__hold_{stamp}" RENAME TO "{source}";')
    (work / "before.sql").write_text("\n".join(before) + "\n")
    (work / "after.sql").write_text("\n".join(after) + "\n")
    _run(
        [
            tools("psql"),
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "--single-transaction",
            f"--file={work / 'before.sql'}",
            f"--file={script}",
            f"--file={work / 'after.sql'}",
            *dbname,
        ],
        env,
    )


def _replace_files(extracted: Path, schema_name: str) -> None:
    """Write the archive's files under the schema's prefix; remove the files it does not have."""
    existing = {
        (folder, name): file_storage for folder, file_storage, name in opd_files(schema_name)
    }
    with schema_context(schema_name):
        for folder, alias in FILE_AREAS.items():
            file_storage = storage.storage(alias)
            for path in _files_under(extracted / folder):
                name = path.relative_to(extracted / folder).as_posix()
                if existing.pop((folder, name), None) is not None:
                    file_storage.delete(name)
                with path.open("rb") as content:
                    saved = file_storage.save(name, File(content))
                if saved != name:
                    raise BackupError(f"The storage renamed {name} to {saved}.")
        for (_folder, name), file_storage in existing.items():
            file_storage.delete(name)


def _profile_from(manifest: dict, *, target_schema: str) -> dict:
    """The archived OPD's profile (name, identity, contact, ...) as model field values."""
    fields = {k: v for k, v in manifest["opd"].items() if k not in _OPD_FIELDS_KEPT}
    prefix = f"{manifest['schema']}/"
    for image in ("logo", "header_image"):
        if (fields.get(image) or "").startswith(prefix):
            fields[image] = f"{target_schema}/{fields[image][len(prefix) :]}"
    record = [{"model": "tenants.opd", "pk": None, "fields": fields}]
    (restored,) = serializers.deserialize("json", json.dumps(record), ignorenonexistent=True)
    return {name: getattr(restored.object, name) for name in fields if name in _opd_field_names()}


def _opd_field_names() -> set[str]:
    return {field.name for field in Opd._meta.concrete_fields}


def _rewrite_media_urls(source: str, target: str) -> None:
    """Editor images are linked as /media/<schema>/...: point them at the new folder."""
    media_url = storage.storage("identity").url("")
    prefixes = {settings.MEDIA_URL, media_url if media_url.endswith("/") else f"{media_url}/"}
    for base in prefixes:
        _replace_in_rich_text(f"{base}{source}/", f"{base}{target}/")


def _replace_in_rich_text(old: str, new: str) -> None:
    for content_app in registry.content_apps():
        for model in apps.get_app_config(content_app.label).get_models():
            for field in model._meta.fields:
                if isinstance(field, CKEditor5Field):
                    model.objects.filter(**{f"{field.name}__contains": old}).update(
                        **{field.name: Replace(F(field.name), Value(old), Value(new))}
                    )


def _refresh_public_mirrors(opd: Opd) -> None:
    """The public schema's copies of the OPD's data: operator list, portal index, figures."""
    OperatorAccount.objects.filter(opd=opd).delete()
    with tenant_context(opd):
        for user in get_user_model().objects.all():
            mirror_operator(user)
    call_command("rebuild_portal_index", opd.slug, stdout=io.StringIO())
    pagecache.invalidate(opd.schema_name)


def restore_opd(archive: str | Path, *, slug: str | None = None, force: bool = False) -> Opd:
    """Restore an archive (a name in the backups storage, or a local file) into its own OPD (or
    into `slug`), creating the OPD if it is gone.

    Replacing an existing OPD's content requires `force`.
    """
    return _restore(archive, slug=slug, force=force)[0]


def _restore(archive, *, slug=None, force=False, scratch=False) -> tuple[Opd, dict]:
    """restore_opd(); a `scratch` OPD (restore drills) stays off line and out of the portal's
    index, the console's operator list and the archive's own custom domains."""
    connection.set_schema_to_public()
    with tempfile.TemporaryDirectory(prefix="opd-restore-") as tmp:
        work = Path(tmp)
        manifest = _unpack(_fetch(archive, work), work / "archive")
        slug = slug or manifest["slug"]
        target = schema_name_for_slug(slug)
        opd = Opd.objects.filter(slug=slug).first()
        if opd is not None and not force:
            raise BackupError(
                f"OPD {slug} exists: its content would be replaced. Use --force to do so."
            )
        if opd is None:
            try:
                services.validate_new_opd(slug=slug)
            except ValidationError as error:
                raise BackupError(" ".join(error.messages)) from error
        if opd is None and schema_exists(target):
            raise BackupError(f"Schema {target} exists without an OPD; remove it first.")
        _restore_schema(
            dump=work / "archive" / "schema.dump",
            source=manifest["schema"],
            target=target,
            minimum=max(server_major(), manifest.get("pg_dump_major", 0)),
            work=work,
        )
        try:
            with transaction.atomic():
                profile = _profile_from(manifest, target_schema=target)
                if opd is None:
                    opd = Opd(schema_name=target, slug=slug, **profile)
                    opd.is_active = not scratch and manifest["opd"].get("is_active", True)
                    opd.full_clean(validate_unique=True)
                    opd.save()
                    Domain.objects.create(
                        domain=f"{slug}.{settings.PORTAL_DOMAIN}", tenant=opd, is_primary=True
                    )
                    if slug == manifest["slug"] and not scratch:
                        for domain in manifest["domains"]:
                            if not Domain.objects.filter(domain=domain["domain"]).exists():
                                Domain.objects.create(
                                    domain=domain["domain"], tenant=opd, is_primary=False
                                )
                else:
                    for field, value in profile.items():
                        setattr(opd, field, value)
                    opd.save()
        except Exception:
            if not Opd.objects.filter(schema_name=target).exists():
                with connection.cursor() as cursor:
                    cursor.execute(f'DROP SCHEMA IF EXISTS "{target}" CASCADE')
            raise
        _replace_files(work / "archive", target)
    if manifest["schema"] != target:
        with tenant_context(opd):
            _rewrite_media_urls(manifest["schema"], target)
    if not scratch:
        _refresh_public_mirrors(opd)
    connection.set_schema_to_public()
    logger.info("Restored %s from %s into %s", manifest["slug"], archive, slug)
    return opd, manifest


def archive_opd(opd: Opd, *, directory: Path | None = None) -> str:
    """Take an OPD off line (maintenance page, data kept) and write its archive."""
    services.set_opd_active(opd=opd, active=False)
    return backup_opd(opd, directory=directory)


def delete_opd(opd: Opd, *, confirm: str, directory: Path | None = None, backup: bool = True):
    """Delete an OPD for good: its schema, files and public rows. `confirm` must be its slug.

    A final backup is written first (unless `backup` is False); returns its path (or None).
    """
    if opd.is_public or opd.schema_name == get_public_schema_name():
        raise BackupError("The portal itself cannot be deleted.")
    if confirm != opd.slug:
        raise BackupError(f"Confirm with the OPD's slug: --confirm {opd.slug}")
    archive = backup_opd(opd, directory=directory) if backup else None
    connection.set_schema_to_public()
    schema_name, pk = opd.schema_name, opd.pk
    with transaction.atomic():
        EmergencyBanner.objects.filter(issued_by=opd).delete()
        opd.delete(force_drop=True)
        # Records that may outlive the OPD (nullable foreign keys, e.g. events written by
        # delete signals while it was being deleted) keep their row, unlinked, before the
        # deferred foreign key checks run at commit.
        for relation in Opd._meta.related_objects:
            if relation.one_to_many and relation.field.null:
                relation.related_model._base_manager.filter(**{relation.field.attname: pk}).update(
                    **{relation.field.attname: None}
                )
    remove_opd_files(schema_name)
    logger.warning("Deleted OPD %s (schema %s); final backup: %s", opd.slug, schema_name, archive)
    return archive


def archives_of(slug: str, *, directory: Path | None = None) -> list[str]:
    """The names of the OPD's archives in the backups storage, oldest first."""
    _folders, files = backup_storage(directory).listdir(slug)
    names = [name for name in files if (m := ARCHIVE_NAME.match(name)) and m["slug"] == slug]
    return [f"{slug}/{name}" for name in sorted(names)]


def prune_backups(slug: str, *, keep: int, directory: Path | None = None) -> list[str]:
    """Delete all but the `keep` newest archives of `slug` (none when keep is 0)."""
    archives = archives_of(slug, directory=directory)
    removed = archives[:-keep] if keep > 0 else []
    for name in removed:
        backup_storage(directory).delete(name)
    return removed


@dataclass
class BackupResult:
    slug: str
    archive: str = ""
    removed: list[str] | None = None
    error: str = ""


def backup_all(*, keep: int | None = None, directory: Path | None = None) -> list[BackupResult]:
    """Back up every OPD and keep its `keep` (BACKUP_KEEP) newest archives. A missing key stops
    it before the first OPD; another OPD's failure does not stop the others."""
    keep = settings.BACKUP_KEEP if keep is None else keep
    encryption.fernet()
    results = []
    for opd in Opd.objects.sites().order_by("slug"):
        try:
            archive = backup_opd(opd, directory=directory)
            removed = prune_backups(opd.slug, keep=keep, directory=directory)
        except (BackupError, storage.StorageUnavailable) as error:
            logger.error("Backup of %s failed: %s", opd.slug, error)
            results.append(BackupResult(opd.slug, error=str(error)))
        else:
            results.append(BackupResult(opd.slug, archive=archive, removed=removed))
    return results


def _scratch_counts(schema_name: str) -> dict[str, int]:
    with connection.cursor() as cursor:
        return _table_counts(cursor, schema_name)


def _compare(manifest: dict, schema_name: str) -> list[str]:
    """What the scratch OPD lacks against its archive's manifest (empty: identical)."""
    problems = []
    recorded, restored = manifest.get("tables"), _scratch_counts(schema_name)
    if recorded is None:
        problems.append("Arsip lama tanpa jumlah baris: hanya berkas yang dibandingkan.")
    else:
        for table in sorted(set(recorded) | set(restored)):
            if recorded.get(table) != restored.get(table):
                problems.append(
                    f"Tabel {table}: {recorded.get(table, '-')} baris di arsip, "
                    f"{restored.get(table, '-')} setelah dipulihkan."
                )
    expected = {
        name: digest
        for name, digest in manifest["files"].items()
        if name.split("/")[0] in FILE_AREAS
    }
    found = {}
    for folder, file_storage, name in opd_files(schema_name):
        digest = hashlib.sha256()
        with schema_context(schema_name), file_storage.open(name, "rb") as file:
            for chunk in iter(lambda: file.read(1024 * 1024), b""):
                digest.update(chunk)
        found[f"{folder}/{name}"] = digest.hexdigest()
    for name in sorted(set(expected) | set(found)):
        if expected.get(name) != found.get(name):
            state = "tidak ada" if name not in found else "isi berbeda"
            problems.append(f"Berkas {name}: {state} setelah dipulihkan.")
    return problems


def least_recently_drilled() -> Opd | None:
    """The OPD with an archive whose last restore drill is the oldest (never drilled first)."""
    last = RestoreDrill.objects.filter(opd=OuterRef("pk")).order_by("-started_at")
    candidates = (
        Opd.objects.sites()
        .annotate(last_drill=Subquery(last.values("started_at")[:1]))
        .order_by(F("last_drill").asc(nulls_first=True), "slug")
    )
    return next((opd for opd in candidates if archives_of(opd.slug)), None)


def restore_drill(opd: Opd, *, archive: str | None = None) -> RestoreDrill:
    """Restore the OPD's newest archive (or `archive`) into a scratch OPD, compare every table's
    row count and every file's hash with the archive, delete the scratch OPD and record the
    result. The real OPD is never written to."""
    started_at, started = timezone.now(), time.monotonic()
    drill = RestoreDrill(opd=opd, slug=opd.slug, started_at=started_at)
    scratch_slug = f"{DRILL_PREFIX}{secrets.token_hex(4)}"
    problems = []
    try:
        archives = archives_of(opd.slug)
        drill.archive = archive or (archives[-1] if archives else "")
        if not drill.archive:
            raise BackupError("Belum ada arsip cadangan untuk OPD ini.")
        scratch, manifest = _restore(drill.archive, slug=scratch_slug, scratch=True)
        problems = _compare(manifest, scratch.schema_name)
    except (BackupError, storage.StorageUnavailable) as error:
        problems.append(str(error))
    except Exception as error:
        logger.exception("Restore drill of %s failed", opd.slug)
        problems.append(f"{type(error).__name__}: {error}")
    finally:
        connection.set_schema_to_public()
        for leftover in Opd.objects.filter(slug=scratch_slug):
            delete_opd(leftover, confirm=scratch_slug, backup=False)
        if schema_exists(schema_name_for_slug(scratch_slug)):
            with connection.cursor() as cursor:
                cursor.execute(f'DROP SCHEMA "{schema_name_for_slug(scratch_slug)}" CASCADE')
        remove_opd_files(schema_name_for_slug(scratch_slug))
    drill.ok = not problems
    drill.details = "\n".join(problems)
    drill.duration_seconds = round(time.monotonic() - started, 2)
    drill.save()
    (logger.info if drill.ok else logger.error)(
        "Restore drill of %s: %s in %.1f s", opd.slug, "ok" if drill.ok else "FAILED",
        drill.duration_seconds,
    )  # fmt: skip
    return drill
