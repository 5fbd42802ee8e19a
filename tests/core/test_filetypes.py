import io
import zlib

import pytest

from core import filetypes
from tests.ppid.conftest import EXE_BYTES, JPEG_BYTES, PDF_BYTES, PNG_BYTES, zip_bytes

DOCX = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
XLSX = zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"})
ODT = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<o/>"})
ODS = zip_bytes(
    {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<o/>"}
)
PLAIN_ZIP = zip_bytes({"data/a.txt": b"hello"})
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PDF_BYTES, filetypes.PDF),
        (OLE2, filetypes.OLE2),
        (DOCX, filetypes.DOCX),
        (XLSX, filetypes.XLSX),
        (ODT, filetypes.ODT),
        (ODS, filetypes.ODS),
        (PLAIN_ZIP, filetypes.ZIP),
        (JPEG_BYTES, filetypes.JPEG),
        (PNG_BYTES, filetypes.PNG),
        (b"no;nama;nilai\n1;Dinas;Rp 5.000\n", filetypes.CSV),
        ("kolom;é\n".encode("cp1252"), filetypes.CSV),
        (EXE_BYTES, None),
        (b"PK\x03\x04 broken zip", None),
        (b"", None),
    ],
)
def test_detects_type_by_content(data, expected):
    file = io.BytesIO(data)
    assert filetypes.detect_file_type(file) == expected
    assert file.tell() == 0


@pytest.mark.parametrize(
    ("name", "data", "ok"),
    [
        ("laporan.pdf", PDF_BYTES, True),
        ("LAPORAN.PDF", PDF_BYTES, True),
        ("virus.pdf", EXE_BYTES, False),
        ("script.pdf", b"#!/bin/sh\nrm -rf /\n", False),
        ("laporan.docx", DOCX, True),
        ("laporan.docx", XLSX, False),
        ("arsip.zip", DOCX, True),
        ("laporan.doc", OLE2, True),
        ("tabel.xls", OLE2, True),
        ("foto.png", JPEG_BYTES, False),
        ("foto.jpeg", JPEG_BYTES, True),
        ("halaman.html", b"<html><script>alert(1)</script></html>", False),
        ("program.exe", EXE_BYTES, False),
    ],
)
def test_extension_must_agree_with_content(name, data, ok):
    detected = filetypes.detect_file_type(io.BytesIO(data))
    assert filetypes.check_extension(name, detected, filetypes.DOCUMENT_EXTENSIONS) is ok


def test_id_scans_accept_only_images_and_pdf():
    detected = filetypes.detect_file_type(io.BytesIO(DOCX))
    assert not filetypes.check_extension("ktp.docx", detected, filetypes.ID_SCAN_EXTENSIONS)
    detected = filetypes.detect_file_type(io.BytesIO(PNG_BYTES))
    assert filetypes.check_extension("ktp.png", detected, filetypes.ID_SCAN_EXTENSIONS)


def pdf(*objects: bytes) -> bytes:
    return b"%PDF-1.5\n" + b"\n".join(objects) + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def object_stream(content: bytes, **extra) -> bytes:
    packed = zlib.compress(content)
    return (
        b"5 0 obj<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length %d>>stream\n" % len(packed)
        + packed
        + b"\nendstream endobj"
    )


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (pdf(b"1 0 obj<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj"), "OpenAction"),
        (pdf(b"1 0 obj<</Names<</JavaScript 3 0 R>>>>endobj"), "JavaScript"),
        (pdf(b"1 0 obj<</S/J#61va#53cript/JS 4 0 R>>endobj"), "JavaScript"),
        (pdf(b"1 0 obj<</A<</S/Launch/F(cmd.exe)>>>>endobj"), "Launch"),
        (pdf(b"1 0 obj<</Names<</EmbeddedFiles 3 0 R>>>>endobj"), "EmbeddedFiles"),
        (pdf(b"1 0 obj<</AcroForm<</XFA 9 0 R>>>>endobj"), "XFA"),
        (pdf(b"1 0 obj<</Type/Page/AA<</O 7 0 R>>>>endobj"), "AA"),
        (pdf(b"1 0 obj<</OpenAction 7 0 R>>endobj"), "OpenAction"),
        (pdf(object_stream(b"1 0 <</S/JavaScript/JS(alert(1))>>")), "JavaScript"),
        (pdf(object_stream(b"1 0 <</AA<</O 7 0 R>>>>")), "AA"),
        (pdf(b"1 0 obj<</Type/Catalog/OpenAction [3 0 R /Fit]>>endobj"), None),
        (pdf(object_stream(b"1 0 <</Type/Catalog>>")), None),
        (PDF_BYTES, None),
    ],
)
def test_finds_active_content_in_pdfs(data, found):
    assert filetypes.pdf_active_content(io.BytesIO(data)) == found


def test_short_names_in_stream_data_are_not_active_content():
    # Compressed images and fonts spell /JS or /AA by chance; only objects are checked for them.
    data = pdf(b"1 0 obj<</Subtype/Image/Length 12>>stream\nxx/JS(a)/AA<<\nendstream endobj")
    assert filetypes.pdf_active_content(io.BytesIO(data)) is None


@pytest.mark.parametrize(
    "stream",
    [
        b"5 0 obj<</Type/ObjStm/Filter/FlateDecode>>stream\nnot deflated\nendstream endobj",
        b"5 0 obj<</Type/ObjStm/Filter/ASCII85Decode>>stream\n9jqo^\nendstream endobj",
    ],
)
def test_an_object_stream_that_cannot_be_read_makes_the_pdf_uncheckable(stream):
    with pytest.raises(filetypes.UncheckablePdf):
        filetypes.pdf_active_content(io.BytesIO(pdf(stream)))
