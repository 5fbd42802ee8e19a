import io
import secrets
import struct
import zipfile
import zlib

import pytest
from django.contrib.auth.models import Group
from PIL import Image

from ppid import services
from tests.factories import make_operator
from workdays import counting as workdays

VALID_REQUEST = {
    "applicant_name": "Budi Santoso",
    "identity_type": "nik",
    "identity_number": "3273011501900001",
    "address": "Jl. Merdeka No. 1, Bandung",
    "phone": "081234567890",
    "email": "budi@example.org",
    "occupation": "Peneliti",
    "information_requested": "Laporan realisasi anggaran tahun 2025",
    "purpose": "Bahan penelitian",
    "obtain_method": "salinan",
    "delivery_method": "email",
}

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 20
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
# A PDF with a link that runs a script when clicked.
JAVASCRIPT_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n"
    b"2 0 obj<</Type/Annot/Subtype/Link/A<</S/JavaScript/JS(app.alert(1))>>>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def image_bytes(format="PNG", size=(60, 40), **save_options) -> bytes:
    """A real, decodable image (PNG_BYTES and JPEG_BYTES only carry the magic bytes)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 90, 160)).save(buffer, format, **save_options)
    return buffer.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A PNG of a few bytes whose header declares width × height pixels."""

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))  # fmt: skip

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + chunk(b"IEND", b""))  # fmt: skip


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def token() -> str:
    return secrets.token_urlsafe(24)


def submit(opd, **overrides):
    """Register a request through the real service (inside the OPD's schema)."""
    fields = {**VALID_REQUEST, **overrides}
    fields.setdefault("submission_token", token())
    return services.submit_request(opd=opd, **fields)


def petugas(username="petugas", role="Petugas PPID", **fields):
    user = make_operator(username, **fields)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture(autouse=True)
def private_media_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def fresh_local_holidays():
    """Local holidays are cached per process; tests roll their rows back, so forget them."""
    workdays.clear_local_holidays_cache()
    yield
    workdays.clear_local_holidays_cache()
