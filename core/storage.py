"""Where files live: local disk under var/ by default, an S3-compatible object store when the
S3_* settings are given (django-storages' S3 backend, boto3). Four storages, in STORAGES:

- "default": public media of the current schema, under `<schema>/` (MEDIA_ROOT/<schema>/ or the
  public bucket's `<schema>/` prefix), served from MEDIA_URL or S3_PUBLIC_URL;
- "identity": the same public media root without the schema prefix (OPD logos and header
  images carry `<schema>/identitas/` in their own names, so the portal shows them from any schema);
- "private": personal files of the current schema (ID scans, PPID notices) under `<schema>/` of
  PRIVATE_MEDIA_ROOT or of the private bucket; they have no URL and are read only by
  permission-checked views;
- "backups": the OPD archives (BACKUP_DIR, or the backup bucket).

Every storage here raises StorageUnavailable when the object store cannot be reached (the outage
logged once, not on every request), and files saved inside `removed_on_error()` are deleted again
when the block fails, so a failed save leaves no file without its row.
"""

import logging
import os
import posixpath
import threading
from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import urlsplit

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import storage as django_storage
from django.core.signals import setting_changed
from django.db import connection
from django.utils.encoding import filepath_to_uri
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _
from django_tenants.files.storage import TenantFileSystemStorage as _TenantFileSystemStorage
from storages.backends.s3 import S3Storage as _S3Storage

logger = logging.getLogger(__name__)

UNAVAILABLE_MESSAGE = _(
    "Penyimpanan berkas sedang tidak dapat dihubungi, jadi berkas belum tersimpan. "
    "Silakan coba lagi beberapa saat lagi."
)


class StorageUnavailable(ValidationError):
    """The file store could not be reached. A ValidationError with a message for the user, so
    that every form and service that already shows ValidationErrors shows this one too."""

    def __init__(self, message=UNAVAILABLE_MESSAGE):
        super().__init__(message, code="storage_unavailable")


class _Outage:
    """Logs an outage of the object store once per process, and its end once."""

    def __init__(self):
        self.lock = threading.Lock()
        self.since_error: str | None = None

    def failed(self, error: Exception) -> None:
        with self.lock:
            first, self.since_error = self.since_error is None, repr(error)
        if first:
            logger.error("Object storage unavailable (logged once until it recovers): %r", error)

    def succeeded(self) -> None:
        if self.since_error is None:
            return
        with self.lock:
            was, self.since_error = self.since_error, None
        if was is not None:
            logger.warning("Object storage reachable again.")


outage = _Outage()
_saved: ContextVar[list | None] = ContextVar("core_storage_saved", default=None)


@contextmanager
def removed_on_error():
    """Files saved (through these storages) inside the block are deleted if the block raises.
    Yields the list of (storage, name) saved so far, for remove()."""
    saved: list = []
    token = _saved.set(saved)
    try:
        yield saved
    except BaseException:
        remove(saved)
        raise
    finally:
        _saved.reset(token)
    outer = _saved.get()
    if outer is not None:
        outer.extend(saved)


@contextmanager
def kept_apart():
    """Files saved inside the block belong to a row written on its own (a media-library image
    stored while the form around it has errors): an enclosing removed_on_error() block neither
    removes them nor hands them on. A failure inside the block still removes them."""
    token = _saved.set(None)
    try:
        with removed_on_error():
            yield
    finally:
        _saved.reset(token)


def remove(saved: list) -> None:
    """Delete the files of a removed_on_error() block whose result is thrown away."""
    while saved:
        file_storage, name = saved.pop()
        try:
            file_storage.delete(name)
        except Exception:
            logger.warning("Could not remove %s after a failed save.", name, exc_info=True)


_STORE_ERRORS = (BotoCoreError, ClientError)


class TrackedStorageMixin:
    """Registers saved names for removed_on_error(); turns S3 errors into StorageUnavailable."""

    def _call(self, method, *args, **kwargs):
        errors = _STORE_ERRORS if self.remote else ()
        try:
            result = method(*args, **kwargs)
        except errors as error:
            outage.failed(error)
            raise StorageUnavailable() from error
        if self.remote:
            outage.succeeded()
        return result

    remote = False

    def _save(self, name, content):
        name = self._call(super()._save, name, content)
        saved = _saved.get()
        if saved is not None:
            saved.append((self, name))
        return name

    def _open(self, name, mode="rb"):
        return self._call(super()._open, name, mode)

    def delete(self, name):
        return self._call(super().delete, name)

    def exists(self, name):
        return self._call(super().exists, name)

    def listdir(self, path):
        return self._call(super().listdir, path)

    def size(self, name):
        return self._call(super().size, name)

    def walk(self, path: str = ""):
        """Every file name under `path`, relative to the storage, sorted."""
        directories, files = self.listdir(path)
        for name in sorted(files):
            yield posixpath.join(path, name) if path else name
        for directory in sorted(directories):
            yield from self.walk(posixpath.join(path, directory) if path else directory)


class FileSystemStorage(TrackedStorageMixin, django_storage.FileSystemStorage):
    """MEDIA_ROOT (or `location`) without a schema prefix."""

    def listdir(self, path):
        try:
            return super().listdir(path)
        except FileNotFoundError:
            return [], []


class TenantFileSystemStorage(TrackedStorageMixin, _TenantFileSystemStorage):
    """MEDIA_ROOT/<schema>/, served from MEDIA_URL<schema>/ (django-tenants' storage)."""


class PrivateFileSystemStorage(FileSystemStorage):
    """PRIVATE_MEDIA_ROOT/<schema>/, which no URL serves."""

    @property
    def base_location(self):
        return os.path.join(settings.PRIVATE_MEDIA_ROOT, connection.schema_name)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise NotImplementedError("Private files have no public URL.")


class BackupFileSystemStorage(FileSystemStorage):
    """BACKUP_DIR (read on every use: tests and --dir change it)."""

    @property
    def base_location(self):
        return str(settings.BACKUP_DIR)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise NotImplementedError("Backups have no public URL.")


class S3Storage(TrackedStorageMixin, _S3Storage):
    """django-storages' S3Storage with a public base URL (S3_PUBLIC_URL, which may be a path
    such as /media/ when the proxy serves the bucket) and short time-outs."""

    remote = True

    def get_default_settings(self):
        return {**super().get_default_settings(), "public_url": "", "timeout": 5}

    def __init__(self, **options):
        super().__init__(**options)
        if options.get("client_config") is None:
            self.client_config = Config(
                s3={"addressing_style": "path"},
                signature_version="s3v4",
                connect_timeout=self.timeout,
                read_timeout=self.timeout,
                retries={"max_attempts": 2, "mode": "standard"},
            )

    def url(self, name, parameters=None, expire=None, http_method=None):
        if not self.public_url:
            return super().url(name, parameters, expire, http_method)
        key = self._normalize_name(name.lstrip("/")) if name else self.location
        url = self.public_url.rstrip("/") + "/" + filepath_to_uri(key).lstrip("/")
        return url if name and not name.endswith("/") else url.rstrip("/") + "/"


class TenantS3Storage(S3Storage):
    """The bucket's `<location>/<schema>/` prefix for the current schema."""

    @property
    def location(self):
        return posixpath.join(self.__dict__.get("_root", ""), connection.schema_name)

    @location.setter
    def location(self, value):
        self.__dict__["_root"] = value or ""


class PrivateTenantS3Storage(TenantS3Storage):
    """Private bucket, current schema; no URL at all (never a public one)."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise NotImplementedError("Private files have no public URL.")


class BackupS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        raise NotImplementedError("Backups have no public URL.")


class StorageAlias(LazyObject):
    """STORAGES[alias], looked up on first use and again after STORAGES changes; a FileField's
    storage callable returns one, so migrations never depend on the configured backend."""

    def __init__(self, alias: str):
        self.__dict__["_alias"] = alias
        super().__init__()

    def _setup(self):
        self._wrapped = django_storage.storages[self.__dict__["_alias"]]


_aliases = {alias: StorageAlias(alias) for alias in ("identity", "private", "backups")}


def storage(alias: str):
    """The storage of `alias` ("default", "identity", "private", "backups")."""
    if alias == "default":
        return django_storage.default_storage
    return _aliases[alias]


def media_host() -> str:
    """The host public media are served from when that is not the sites' own ("" if it is)."""
    return urlsplit(storage("identity").url("")).hostname or ""


def is_remote(alias: str = "default") -> bool:
    return getattr(storage(alias), "remote", False)


def _reset_aliases(*, setting, **kwargs):
    if setting in ("STORAGES", "MEDIA_ROOT"):
        for alias in _aliases.values():
            alias._wrapped = empty


setting_changed.connect(_reset_aliases)
