"""Recognise uploaded files by their content (magic bytes), never by their name, and refuse
those that are not acceptable (PPID documents and ID scans, the media library's PDFs, the
document library's downloads)."""

import codecs
import io
import re
import zipfile
import zlib
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

PDF = "pdf"
OLE2 = "ole2"  # legacy Microsoft Office: .doc, .xls
DOCX = "docx"
XLSX = "xlsx"
PPTX = "pptx"
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
    PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
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
    ".zip": {ZIP, DOCX, XLSX, PPTX, ODT, ODS},
}
# The document library (documents app, "Unduhan"): no legacy .doc/.xls, whose macros cannot be
# told from their bytes here, and no CSV (any text would pass for one).
DOWNLOAD_EXTENSIONS = {
    ".pdf": {PDF},
    ".docx": {DOCX},
    ".xlsx": {XLSX},
    ".pptx": {PPTX},
    ".odt": {ODT},
    ".ods": {ODS},
    ".zip": {ZIP},
    ".jpg": {JPEG},
    ".jpeg": {JPEG},
    ".png": {PNG},
}
# Human names of the detected types, as shown to citizens ("PDF, 1,2 MB").
TYPE_LABELS = {
    PDF: "PDF",
    OLE2: "DOC/XLS",
    DOCX: "DOCX",
    XLSX: "XLSX",
    PPTX: "PPTX",
    ODT: "ODT",
    ODS: "ODS",
    ZIP: "ZIP",
    JPEG: "JPG",
    PNG: "PNG",
    CSV: "CSV",
}
# The extension a file of each detected type is given when it is downloaded.
TYPE_EXTENSIONS = {
    PDF: ".pdf",
    OLE2: ".doc",
    DOCX: ".docx",
    XLSX: ".xlsx",
    PPTX: ".pptx",
    ODT: ".odt",
    ODS: ".ods",
    ZIP: ".zip",
    JPEG: ".jpg",
    PNG: ".png",
    CSV: ".csv",
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


# PDF names that make a file act when it is opened or clicked: run a script, start a program,
# carry other files, send or load form data, play embedded media. /OpenAction counts only when it
# names an action: as a destination array (`/OpenAction [3 0 R /Fit]`, which LibreOffice writes)
# it only sets the first view. Every action names its kind (/S /JavaScript), so these are found
# wherever they are, even in a stream's raw bytes, where a 5-letter name never occurs by chance.
PDF_ACTIVE_NAMES = frozenset(
    {"JavaScript", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia", "SubmitForm",
     "ImportData", "GoToE"}
)  # fmt: skip
# Short names that random bytes spell now and then (/JS, /AA, /XFA): looked for in the objects
# only, outside stream data.
PDF_ACTIVE_SHORT_NAMES = frozenset({"JS", "AA", "XFA"})
_PDF_NAME = re.compile(rb"/((?:[^\x00\t\n\x0c\r ()<>\[\]{}/%#]|#[0-9A-Fa-f]{2})+)")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_SPACE = b"\x00\t\n\x0c\r "
_PDF_STREAM = re.compile(rb"(?<!end)stream\r?\n")
# Streams other than images are inflated to be checked too (objects may sit in object streams),
# up to this much in all; a PDF that inflates to more cannot be checked.
_PDF_MAX_INFLATED = 64 * 1024 * 1024
_PDF_INFLATE_FILTERS = frozenset({"FlateDecode", "Fl"})
_PDF_FILTERS = frozenset(
    {"ASCIIHexDecode", "ASCII85Decode", "LZWDecode", "FlateDecode", "RunLengthDecode",
     "CCITTFaxDecode", "JBIG2Decode", "DCTDecode", "JPXDecode", "Crypt", "AHx", "A85", "LZW",
     "Fl", "RL", "CCF", "DCT"}
)  # fmt: skip


class UncheckablePdf(Exception):
    """A PDF whose objects cannot be read to be checked (encrypted, an unknown filter, broken)."""


def pdf_active_content(file) -> str | None:
    """The first active-content name in the PDF `file` (PDF_ACTIVE_NAMES, OpenAction naming an
    action, or PDF_ACTIVE_SHORT_NAMES in an object), or None.

    A check in the manner of pdfid, not a PDF reader: it looks at the objects as stored, at the
    inflated content of every stream but images, and sees through #xx escapes (/J#61vaScript).
    Raises UncheckablePdf when an object stream cannot be inflated or the PDF inflates to too
    much. The file position is restored to the start."""
    file.seek(0)
    data = file.read()
    file.seek(0)
    found = _active_name(data, short=False)
    if found:
        return found
    found = _active_name(_outside_streams(data), short=True)
    if found:
        return found
    budget = _PDF_MAX_INFLATED
    for content, is_object_stream in _inflated_streams(data):
        budget -= len(content)
        if budget < 0:
            raise UncheckablePdf
        found = _active_name(content, short=is_object_stream)
        if found:
            return found
    return None


def _pdf_name(token: bytes) -> str:
    return _PDF_NAME_ESCAPE.sub(lambda m: bytes.fromhex(m.group(1).decode()), token).decode(
        "latin-1"
    )


def _active_name(data: bytes, *, short: bool) -> str | None:
    for match in _PDF_NAME.finditer(data):
        name = _pdf_name(match.group(1))
        if name in PDF_ACTIVE_NAMES or (short and name in PDF_ACTIVE_SHORT_NAMES):
            return name
        if name == "OpenAction":
            value = data[match.end() : match.end() + 256].lstrip(_PDF_SPACE)
            if value[:1] != b"[":
                return name
    return None


def _streams(data: bytes):
    """(dictionary names, keyword start, data start, data end) of every stream, in order; the
    end is None for a stream that is never terminated."""
    position = 0
    while match := _PDF_STREAM.search(data, position):
        end = data.find(b"endstream", match.end())
        # The stream's dictionary lies between its "N 0 obj" and the stream keyword.
        dictionary_start = max(data.rfind(b"obj", position, match.start()), position)
        names = {
            _pdf_name(name.group(1))
            for name in _PDF_NAME.finditer(data, dictionary_start, match.start())
        }
        yield names, match.start(), match.end(), (None if end < 0 else end)
        if end < 0:
            return
        position = end + len(b"endstream")


def _outside_streams(data: bytes) -> bytes:
    parts, position = [], 0
    for _names, keyword, _start, end in _streams(data):
        parts.append(data[position:keyword])
        position = len(data) if end is None else end
    parts.append(data[position:])
    return b" ".join(parts)


def _inflated_streams(data: bytes):
    """(content, is an object stream) of every stream but images, inflated when compressed."""
    for names, _keyword, start, end in _streams(data):
        is_object_stream = "ObjStm" in names
        if "Image" in names and not is_object_stream:
            continue
        if end is None:
            if is_object_stream:
                raise UncheckablePdf
            return
        filters = names & _PDF_FILTERS
        if not filters:
            yield data[start:end], is_object_stream
        elif filters <= _PDF_INFLATE_FILTERS and "DecodeParms" not in names:
            try:
                content = zlib.decompressobj().decompress(data[start:end], _PDF_MAX_INFLATED + 1)
            except zlib.error as error:
                if is_object_stream:
                    raise UncheckablePdf from error
                continue
            yield content, is_object_stream
        elif is_object_stream:
            raise UncheckablePdf


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
                if any(name.startswith("ppt/") for name in names):
                    return PPTX
            return ZIP
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        return None


# What macros look like inside a ZIP container: the VBA project of a .docm/.xlsm/.pptm (also
# when renamed .docx), an ActiveX control, or an OpenDocument's Basic or script folder.
_MACRO_NAMES = re.compile(r"(?i)(^|/)(vbaProject\.bin|vbaData\.xml|activeX/)|^(Basic|Scripts)/")
_MACRO_CONTENT_TYPE = b"macroEnabled"
# A nested archive (a ZIP holding a .docm) is looked into this deep, no deeper.
_MACRO_MAX_DEPTH = 2
_MACRO_MAX_NESTED_BYTES = 64 * 1024 * 1024


def office_macros(file, *, depth: int = 0, budget: list[int] | None = None) -> bool:
    """True when the ZIP container `file` (Office Open XML, OpenDocument or a plain ZIP, and the
    Office files a ZIP holds) carries macros. An unreadable archive, or nested files larger
    than _MACRO_MAX_NESTED_BYTES in all, count as carrying them. The file position is restored
    to the start."""
    budget = [_MACRO_MAX_NESTED_BYTES] if budget is None else budget
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if any(_MACRO_NAMES.search(name) for name in names):
                return True
            if "[Content_Types].xml" in names:
                with archive.open("[Content_Types].xml") as entry:
                    if _MACRO_CONTENT_TYPE.lower() in entry.read(1024 * 1024).lower():
                        return True
            if depth >= _MACRO_MAX_DEPTH:
                return False
            for info in archive.infolist():
                if PurePath(info.filename).suffix.lower() not in _CONTAINER_SUFFIXES:
                    continue
                budget[0] -= info.file_size
                if budget[0] < 0:
                    return True
                with archive.open(info) as entry:
                    nested = io.BytesIO(entry.read(info.file_size + 1))
                if office_macros(nested, depth=depth + 1, budget=budget):
                    return True
            return False
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        return True
    finally:
        file.seek(0)


_CONTAINER_SUFFIXES = frozenset(
    {".zip", ".docx", ".docm", ".xlsx", ".xlsm", ".pptx", ".pptm", ".odt", ".ods", ".odp"}
)


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


def validate_upload(file: UploadedFile, *, allowed: dict[str, set[str]], max_mb: int) -> str:
    """Refuse a file whose size, content or extension is not acceptable; return its type."""
    if not file.size:
        raise ValidationError(
            _("Berkas kosong (0 bita). Periksa berkasnya, lalu unggah kembali."), code="empty"
        )
    if file.size > max_mb * 1024 * 1024:
        raise ValidationError(
            _("Ukuran berkas %(size).1f MB melebihi batas %(max)d MB."),
            code="too_large",
            params={"size": file.size / (1024 * 1024), "max": max_mb},
        )
    detected = detect_file_type(file)
    if not check_extension(file.name, detected, allowed):
        raise ValidationError(
            _("Jenis berkas tidak diizinkan atau isinya tidak sesuai ekstensinya (%(types)s)."),
            code="file_type",
            params={"types": ", ".join(sorted(ext.lstrip(".").upper() for ext in allowed))},
        )
    if detected == PDF:
        _refuse_active_pdf(file)
    if detected in (DOCX, XLSX, PPTX, ODT, ODS, ZIP) and office_macros(file):
        raise ValidationError(
            _(
                "Berkas ini berisi makro atau skrip yang tidak diizinkan. Simpan ulang sebagai "
                "dokumen biasa tanpa makro (mis. .docx, bukan .docm), lalu unggah kembali."
            ),
            code="macros",
        )
    return detected


def _refuse_active_pdf(file: UploadedFile) -> None:
    try:
        active = pdf_active_content(file)
    except UncheckablePdf as error:
        raise ValidationError(
            _(
                "Isi PDF ini tidak dapat diperiksa (terenkripsi atau rusak). Simpan ulang "
                "sebagai PDF biasa tanpa kata sandi, lalu unggah kembali."
            ),
            code="pdf_uncheckable",
        ) from error
    if active:
        raise ValidationError(
            _(
                "PDF ini berisi konten aktif (%(name)s) yang tidak diizinkan. Simpan ulang atau "
                "cetak ulang sebagai PDF biasa, lalu unggah kembali."
            ),
            code="pdf_active",
            params={"name": active},
        )
