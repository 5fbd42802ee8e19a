"""The old site's `wp-content/uploads` folder as an archive (.zip or .tar.gz), read safely.

Every entry is checked before anything is read: a path that climbs out (`../`), an absolute
path, a link (symbolic or hard), a device, too many files or too many bytes in all refuse the
whole archive (UploadsError, in Indonesian). Nothing is extracted to disk: each file is read on
demand, and never more bytes than its entry declared (a zip may lie about its sizes).

A compressed tar (.tar.gz, .tar.bz2, .tar.xz) cannot be read out of order: every step back
decompresses it again from its start, so reading its files in the export's order, not the
archive's, took time quadratic in the archive's size (minutes for 1,000 photos). It is
decompressed once, as the archive is opened, into an anonymous temporary file (the tar itself,
never its files; no more than the total size allowed), and read from there.
"""

import bz2
import gzip
import lzma
import shutil
import stat
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from pathlib import PurePosixPath

from django.utils.translation import gettext as _

MAX_FILES = 50_000
MAX_TOTAL_BYTES = 4 * 1024**3
MAX_FILE_BYTES = 64 * 1024**2
_COMPRESSED_TAR = ((b"\x1f\x8b", gzip.open), (b"BZh", bz2.open), (b"\xfd7zXZ", lzma.open))


class UploadsError(ValueError):
    """The archive cannot be used; the message is for the operator (Indonesian)."""


def upload_path(name: str) -> str:
    """An entry's path as WordPress' `_wp_attached_file` names it ("2024/02/photo.jpg"),
    whatever folders the archive wraps it in (wp-content/uploads/, uploads/)."""
    parts = PurePosixPath(name).parts
    if "uploads" in parts:
        parts = parts[len(parts) - parts[::-1].index("uploads") :]
    return "/".join(parts)


def _checked_name(name: str) -> str:
    if "\\" in name or "\x00" in name:
        raise UploadsError(_("Arsip ditolak: nama berkas tidak sah (%(name)s).") % {"name": name})
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise UploadsError(_("Arsip ditolak: berisi jalur mutlak (%(name)s).") % {"name": name})
    if ".." in PurePosixPath(name).parts:
        raise UploadsError(
            _("Arsip ditolak: berisi jalur yang keluar dari foldernya (%(name)s).") % {"name": name}
        )
    return name


class UploadsArchive(Mapping):
    """`archive[path]` is the bytes of the file at `path` (upload_path form). Use as a context
    manager, or call close()."""

    def __init__(
        self,
        source,
        *,
        max_files: int = MAX_FILES,
        max_total_bytes: int = MAX_TOTAL_BYTES,
        max_file_bytes: int = MAX_FILE_BYTES,
    ):
        self.max_file_bytes = max_file_bytes
        self._entries: dict[str, object] = {}
        self._zip = self._tar = self._spool = None
        try:
            if zipfile.is_zipfile(source):
                self._zip = zipfile.ZipFile(source)
                members = [(info.filename, info.file_size, self._zip_kind(info), info)
                           for info in self._zip.infolist()]  # fmt: skip
            else:
                if hasattr(source, "seek"):
                    source.seek(0)
                try:
                    self._spool = self._decompressed(source, max_files, max_total_bytes)
                    # Held open on purpose: files are read on demand until close().
                    if self._spool is not None:
                        where = {"fileobj": self._spool}
                    elif hasattr(source, "read"):
                        where = {"fileobj": source}
                    else:
                        where = {"name": source}
                    self._tar = tarfile.open(mode="r:*", **where)  # noqa: SIM115
                    members = [(m.name, m.size, self._tar_kind(m), m) for m in self._tar]
                except (tarfile.TarError, EOFError, OSError, lzma.LZMAError, zlib.error):
                    raise UploadsError(
                        _("Berkas ini bukan arsip .zip atau .tar.gz yang dapat dibaca.")
                    ) from None
            if len(members) > max_files:
                raise UploadsError(
                    _("Arsip ditolak: berisi lebih dari %(max)d berkas.") % {"max": max_files}
                )
            total = 0
            for name, size, kind, member in members:
                _checked_name(name)
                if kind == "link":
                    raise UploadsError(
                        _("Arsip ditolak: berisi tautan simbolik atau tautan keras (%(name)s).")
                        % {"name": name}
                    )
                if kind == "other":
                    raise UploadsError(
                        _("Arsip ditolak: berisi berkas khusus (%(name)s).") % {"name": name}
                    )
                if kind != "file":
                    continue
                total += size
                if total > max_total_bytes:
                    raise UploadsError(
                        _("Arsip ditolak: isinya melebihi %(max)d MB.")
                        % {"max": max_total_bytes // 1024**2}
                    )
                self._entries[upload_path(name)] = member
        except BaseException:
            self.close()
            raise

    @staticmethod
    def _decompressed(source, max_files: int, max_total_bytes: int):
        """A compressed tar's tar, in an anonymous temporary file; None for anything else."""
        file = source if hasattr(source, "read") else open(source, "rb")  # noqa: SIM115
        try:
            head = file.read(6)
            file.seek(0)
            opener = next((o for magic, o in _COMPRESSED_TAR if head.startswith(magic)), None)
            if opener is None:
                return None
            # The files, their headers and padding (a few blocks per file) and the end blocks.
            limit = max_total_bytes + (max_files + 1) * 8 * tarfile.BLOCKSIZE
            spool = tempfile.TemporaryFile(prefix="wpimport-uploads-")  # noqa: SIM115
            try:
                with opener(file, "rb") as stream:
                    shutil.copyfileobj(_Limited(stream, limit, max_total_bytes), spool, 1024**2)
                spool.seek(0)
            except BaseException:
                spool.close()
                raise
            return spool
        finally:
            if file is not source:
                file.close()

    @staticmethod
    def _zip_kind(info: zipfile.ZipInfo) -> str:
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            return "link"
        if info.is_dir():
            return "dir"
        # Archivers that write no file type (Python's writestr among them) leave it 0.
        if stat.S_IFMT(mode) and not stat.S_ISREG(mode):
            return "other"
        return "file"

    @staticmethod
    def _tar_kind(member: tarfile.TarInfo) -> str:
        if member.issym() or member.islnk():
            return "link"
        if member.isdir():
            return "dir"
        return "file" if member.isreg() else "other"

    def __getitem__(self, path: str) -> bytes:
        member = self._entries[path]
        zipped = self._zip is not None
        handle = self._zip.open(member) if zipped else self._tar.extractfile(member)
        declared = member.file_size if zipped else member.size
        try:
            with handle:
                data = handle.read(min(declared, self.max_file_bytes) + 1)
        except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError, zlib.error):
            raise UploadsError(
                _("Arsip rusak: berkas %(name)s tidak dapat dibaca.") % {"name": path}
            ) from None
        if len(data) > self.max_file_bytes:
            raise UploadsError(_("Arsip ditolak: berkas %(name)s terlalu besar.") % {"name": path})
        return data

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def close(self) -> None:
        for archive in (self._zip, self._tar, self._spool):
            if archive is not None:
                archive.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class _Limited:
    """A stream that refuses to yield more than `limit` bytes (a decompression bomb)."""

    def __init__(self, stream, limit: int, max_total_bytes: int):
        self.stream, self.left, self.max_total_bytes = stream, limit, max_total_bytes

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size if size > 0 else 1024 * 1024)
        self.left -= len(data)
        if self.left < 0:
            raise UploadsError(
                _("Arsip ditolak: isinya melebihi %(max)d MB.")
                % {"max": self.max_total_bytes // 1024**2}
            )
        return data
