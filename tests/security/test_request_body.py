"""Request bodies: every route has a ceiling (core/request_body.py), refused with an Indonesian
413 before the body is read, and refused uploads to a public form count toward its limit."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from ppid import views as ppid_views
from ppid.models import InformationRequest, Objection
from tests.ppid.conftest import PNG_BYTES
from tests.ppid.test_public import form_data

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
REQUEST_FORM = "/ppid/permohonan/"
TOO_LARGE = "Kiriman terlalu besar"
# Equal to MULTIPART_CONTENT but not it: the test client then sends bytes as they are.
RAW_MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


def multipart(**fields) -> bytes:
    return encode_multipart(BOUNDARY, form_data(**fields))


def scan(size: int) -> SimpleUploadedFile:
    return SimpleUploadedFile("ktp.png", PNG_BYTES + b"\x00" * size, content_type="image/png")


def chunked(client, path, body: bytes):
    """POST `body` without a Content-Length, as gunicorn passes a chunked upload on."""
    return client.generic(
        "POST",
        path,
        CONTENT_TYPE=MULTIPART_CONTENT,
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": io.BytesIO(body), "wsgi.input_terminated": True},
    )


def nothing_saved(opd, in_opd, private_media_root) -> bool:
    with in_opd(opd):
        saved = InformationRequest.objects.exists() or Objection.objects.exists()
    return not saved and not (private_media_root.exists() and any(private_media_root.rglob("*.*")))


@pytest.fixture
def private_media_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def test_a_60_mb_content_length_is_refused_before_the_body_is_read(
    opd_a, in_opd, client_a, private_media_root
):
    # The body itself is short: reading past it would fail the test client's own check.
    response = client_a.post(
        REQUEST_FORM, multipart(), content_type=RAW_MULTIPART, CONTENT_LENGTH=str(60 * MB)
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert TOO_LARGE in page and "6 MB" in page
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert nothing_saved(opd_a, in_opd, private_media_root)


def test_an_upload_over_the_public_form_ceiling_is_refused_and_nothing_is_saved(
    opd_a, in_opd, client_a, private_media_root
):
    response = client_a.post(REQUEST_FORM, form_data(id_scan=scan(7 * MB)))
    assert response.status_code == 413
    assert TOO_LARGE in response.content.decode()
    assert nothing_saved(opd_a, in_opd, private_media_root)


def test_a_chunked_body_is_read_only_up_to_the_ceiling(opd_a, in_opd, client_a, private_media_root):
    response = chunked(client_a, REQUEST_FORM, multipart(id_scan=scan(7 * MB)))
    assert response.status_code == 413
    assert nothing_saved(opd_a, in_opd, private_media_root)
    # A chunked body within the ceiling is read whole and handled like any other.
    assert chunked(client_a, REQUEST_FORM, multipart()).status_code == 302
    with in_opd(opd_a):
        assert InformationRequest.objects.count() == 1


def test_refused_uploads_count_toward_the_submission_limit(opd_a, in_opd, client_a, settings):
    settings.PPID_SUBMISSIONS_PER_HOUR = 2
    for _ in range(2):
        assert client_a.post(REQUEST_FORM, form_data(id_scan=scan(7 * MB))).status_code == 413
    assert client_a.post(REQUEST_FORM, form_data()).status_code == 429
    other_ip = client_a.post(REQUEST_FORM, form_data(), REMOTE_ADDR="10.0.0.9")
    assert other_ip.status_code == 302


def test_the_largest_legitimate_id_scan_still_reaches_the_form(opd_a, in_opd, client_a):
    response = client_a.post(REQUEST_FORM, form_data(id_scan=scan(5 * MB + 100)))
    assert response.status_code == 200
    assert "melebihi batas" in str(response.context["form"].errors["id_scan"])


def test_the_back_office_takes_a_dip_document_and_other_routes_only_small_bodies(client_a):
    big = {"username": "x", "password": "y", "padding": "z" * (2 * MB)}
    assert client_a.post("/admin/login/", big).status_code != 413
    assert client_a.post("/ppid/keberatan/", big).status_code == 413
    assert client_a.post("/cari/", big).status_code == 413
    assert client_a.post("/admin/login/", {"f": "z" * (26 * MB)}).status_code == 413


def test_the_body_ceiling_runs_before_anything_reads_the_body():
    order = settings.MIDDLEWARE
    ceiling = order.index("core.request_body.RequestBodyLimitMiddleware")
    assert order.index("tenants.middleware.OpdTenantMiddleware") < ceiling
    for reader in (
        "core.middleware.StripNulBytesMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
    ):
        assert ceiling < order.index(reader)


def test_refused_bodies_are_charged_to_the_scopes_the_ppid_forms_count_in():
    scopes = {prefix: scope for prefix, _limit, scope in settings.REQUEST_BODY_LIMITS}
    assert scopes["/ppid/permohonan/"] == ppid_views.REQUEST_SCOPE
    assert scopes["/ppid/keberatan/"] == ppid_views.OBJECTION_SCOPE
