"""Backups of one OPD (its schema dump and its files in one archive), restoring them, archiving
an OPD and, only when asked explicitly, deleting it for good.

An archive is a `.tar.gz` with:
- `manifest.json`: format, slug, schema, the OPD's public row and domains, when, app and
  PostgreSQL versions, and the SHA-256 of every file in the archive;
- `schema.dump`: `pg_dump --format=custom --schema=<schema>`;
- `media/`: MEDIA_ROOT/<schema>/ (uploads, renditions, identity files);
- `private/`: PRIVATE_MEDIA_ROOT/<schema>/ (PPID requesters' files).

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
import shutil
import subprocess
import tarfile
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Replace
from django.utils import timezone
from django_ckeditor_5.fields import CKEditor5Field
from django_tenants.utils import get_public_schema_name, schema_exists, tenant_context

from accounts.models import OperatorAccount
from accounts.receivers import mirror_operator
from banners.models import EmergencyBanner
from core import pagecache, registry
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


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


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


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        tool = Path(command[0]).name
        raise BackupError(f"{tool} failed: {result.stderr.strip()[-2000:]}")


def media_dirs(schema_name: str) -> dict[str, Path]:
    return {
        "media": Path(settings.MEDIA_ROOT) / schema_name,
        "private": Path(settings.PRIVATE_MEDIA_ROOT) / schema_name,
    }


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


def backup_opd(opd: Opd, *, directory: Path | None = None) -> Path:
    """Write `<slug>-<timestamp>.tar.gz` with the OPD's schema dump and files; return its path."""
    if opd.is_public:
        raise BackupError("The portal's public schema is not an OPD; back it up with pg_dump.")
    if not schema_exists(opd.schema_name):
        raise BackupError(f"Schema {opd.schema_name} does not exist.")
    directory = Path(directory or settings.BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    tools = pg_tools(minimum=server_major())
    dbname, env = _libpq()
    created = timezone.now()
    archive = directory / f"{opd.slug}-{created:%Y%m%d-%H%M%S-%f}.tar.gz"
    with tempfile.TemporaryDirectory(prefix="opd-backup-") as tmp:
        dump = Path(tmp) / "schema.dump"
        _run(
            [
                tools("pg_dump"),
                "--format=custom",
                f"--schema={opd.schema_name}",
                "--no-owner",
                "--no-privileges",
                f"--file={dump}",
                *dbname,
            ],
            env,
        )
        members = [("schema.dump", dump)]
        for folder, root in media_dirs(opd.schema_name).items():
            members += [
                (f"{folder}/{p.relative_to(root).as_posix()}", p) for p in _files_under(root)
            ]
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
            "files": {name: _sha256(path) for name, path in members},
        }
        partial = archive.with_name(f".{archive.name}.partial")
        try:
            with tarfile.open(partial, "w:gz") as tar:
                data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
                info = tarfile.TarInfo("manifest.json")
                info.size, info.mtime = len(data), int(created.timestamp())
                tar.addfile(info, io.BytesIO(data))
                for name, path in members:
                    tar.add(path, arcname=name, recursive=False)
            partial.replace(archive)
        finally:
            partial.unlink(missing_ok=True)
    logger.info("Backed up %s to %s", opd.slug, archive)
    return archive


def read_manifest(archive: Path) -> dict:
    with tarfile.open(archive, "r:gz") as tar:
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
    stamp = uuid.uuid4().hex[:8]
    for folder, destination in media_dirs(schema_name).items():
        destination.parent.mkdir(parents=True, exist_ok=True)
        old = destination.with_name(f".{destination.name}.old-{stamp}")
        if destination.exists():
            destination.rename(old)
        source = extracted / folder
        if source.exists():
            shutil.move(str(source), str(destination))
        shutil.rmtree(old, ignore_errors=True)


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
    old, new = f"{settings.MEDIA_URL}{source}/", f"{settings.MEDIA_URL}{target}/"
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


def restore_opd(archive: Path, *, slug: str | None = None, force: bool = False) -> Opd:
    """Restore an archive into its own OPD (or into `slug`), creating the OPD if it is gone.

    Replacing an existing OPD's content requires `force`.
    """
    connection.set_schema_to_public()
    with tempfile.TemporaryDirectory(prefix="opd-restore-") as tmp:
        work = Path(tmp)
        manifest = _unpack(Path(archive), work / "archive")
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
                    opd.is_active = manifest["opd"].get("is_active", True)
                    opd.full_clean(validate_unique=True)
                    opd.save()
                    Domain.objects.create(
                        domain=f"{slug}.{settings.PORTAL_DOMAIN}", tenant=opd, is_primary=True
                    )
                    if slug == manifest["slug"]:
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
    _refresh_public_mirrors(opd)
    connection.set_schema_to_public()
    logger.info("Restored %s from %s into %s", manifest["slug"], archive, slug)
    return opd


def archive_opd(opd: Opd, *, directory: Path | None = None) -> Path:
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
    for folder in media_dirs(schema_name).values():
        shutil.rmtree(folder, ignore_errors=True)
    logger.warning("Deleted OPD %s (schema %s); final backup: %s", opd.slug, schema_name, archive)
    return archive


def prune_backups(directory: Path, slug: str, *, keep: int) -> list[Path]:
    """Delete all but the `keep` newest archives of `slug` in `directory`."""
    pattern = re.compile(rf"^{re.escape(slug)}-\d{{8}}-\d{{6}}-\d{{6}}\.tar\.gz$")
    archives = sorted(p for p in Path(directory).iterdir() if pattern.match(p.name))
    removed = archives[:-keep] if keep > 0 else []
    for path in removed:
        path.unlink()
    return removed
