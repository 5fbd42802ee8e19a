import io

import pytest

from ppid import filetypes
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
