"""Recognise uploaded files by their content (magic bytes), never by their name."""

import codecs
import zipfile
from pathlib import PurePath

PDF = "pdf"
OLE2 = "ole2"  # legacy Microsoft Office: .doc, .xls
DOCX = "docx"
XLSX = "xlsx"
ODT = "odt"
ODS = "ods"
ZIP = "zip"
JPEG = "jpeg"
PNG = "png"
CSV = "csv"

CONTENT_TYPES = {
    PDF: "application/pdf",
    OLE2: "application/octet-stream",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ODT: "application/vnd.oasis.opendocument.text",
    ODS: "application/vnd.oasis.opendocument.spreadsheet",
    ZIP: "application/zip",
    JPEG: "image/jpeg",
    PNG: "image/png",
    CSV: "text/csv; charset=utf-8",
}

# Which detected types each file-name extension may carry. Office Open XML and OpenDocument
# files are ZIP containers, so a .zip may hold any of them.
DOCUMENT_EXTENSIONS = {
    ".pdf": {PDF},
    ".doc": {OLE2},
    ".xls": {OLE2},
    ".docx": {DOCX},
    ".xlsx": {XLSX},
    ".odt": {ODT},
    ".ods": {ODS},
    ".csv": {CSV},
    ".jpg": {JPEG},
    ".jpeg": {JPEG},
    ".png": {PNG},
    ".zip": {ZIP, DOCX, XLSX, ODT, ODS},
}
ID_SCAN_EXTENSIONS = {
    ".pdf": {PDF},
    ".jpg": {JPEG},
    ".jpeg": {JPEG},
    ".png": {PNG},
}

_TEXT_SAMPLE_BYTES = 64 * 1024
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": ODS,
}


def detect_file_type(file) -> str | None:
    """The type of `file` (a binary file object) judged by its bytes, or None when it is none
    of the accepted types. The file position is restored to the start."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(_OLE2_MAGIC):
            return OLE2
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"PK\x03\x04"):
            return _zip_type(file)
        return CSV if _is_text(file) else None
    finally:
        file.seek(0)


def check_extension(filename: str, detected: str | None, allowed: dict[str, set[str]]) -> bool:
    """True when `filename`'s extension is allowed and agrees with the detected content."""
    extension = PurePath(filename).suffix.lower()
    return detected is not None and detected in allowed.get(extension, set())


def _zip_type(file) -> str | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    odf = _ODF_MIMETYPES.get(entry.read(100).strip())
                if odf:
                    return odf
            if "[Content_Types].xml" in names:
                if any(name.startswith("word/") for name in names):
                    return DOCX
                if any(name.startswith("xl/") for name in names):
                    return XLSX
            return ZIP
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        return None


def _is_text(file) -> bool:
    """A CSV is UTF-8 (or Windows-1252, as spreadsheets export it) text without NUL bytes."""
    sample = file.read(_TEXT_SAMPLE_BYTES)
    if not sample or b"\x00" in sample:
        return False
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            # final=False tolerates a multi-byte character cut off at the end of the sample.
            decoder.decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False
