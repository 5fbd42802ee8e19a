import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts import roles
from tests.factories import make_operator

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def pdf(name="sk-ppid.pdf", data=PDF_BYTES):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.fixture(autouse=True)
def private_media_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def ppid_a(opd_a, in_opd, client_a):
    """`client_a`, logged in as the Petugas PPID of OPD alpha."""
    with in_opd(opd_a):
        client_a.force_login(make_operator("ppid-alpha", role=roles.PETUGAS_PPID))
    return client_a


@pytest.fixture
def ppid_b(opd_b, in_opd, client_b):
    with in_opd(opd_b):
        client_b.force_login(make_operator("ppid-beta", role=roles.PETUGAS_PPID))
    return client_b
