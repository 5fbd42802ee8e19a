"""Fuzzing the public forms, the search and filter parameters and the Host header: whatever
arrives, the answer is never a server error."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Any text a browser (or a bot) can send, NUL and control characters included.
anything = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
short = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@pytest.fixture(autouse=True)
def many_submissions_allowed(settings):
    settings.PPID_SUBMISSIONS_PER_HOUR = 100_000


def assert_no_server_error(response):
    assert response.status_code < 500, response.content[:500]


@FUZZ
@given(host=st.one_of(anything, st.from_regex(r"[a-z0-9.\-:_]{0,80}", fullmatch=True)))
def test_any_host_header(opd_a, host):
    assert_no_server_error(Client(HTTP_HOST=host).get("/"))


@FUZZ
@given(q=anything, page=short)
def test_opd_search_and_lists(client_a, q, page):
    for path in ("/cari/", "/berita/", "/ppid/", "/berita/feed/"):
        assert_no_server_error(client_a.get(path, {"q": q, "page": page}))
    assert_no_server_error(client_a.get("/ppid/", {"tahun": page, "kategori": q, "format": q}))
    assert_no_server_error(client_a.get("/ppid/statistik/", {"tahun": q}))


@FUZZ
@given(q=anything, kind=short, page=short)
def test_portal_search_and_directory(portal_client, q, kind, page):
    assert_no_server_error(portal_client.get("/cari/", {"q": q, "page": page}))
    assert_no_server_error(portal_client.get("/opd/", {"q": q, "jenis": kind, "page": page}))
    assert_no_server_error(portal_client.get("/berita/", {"kategori": kind, "page": page}))


REQUEST_FIELDS = (
    "applicant_name", "identity_type", "identity_number", "address", "phone", "email",
    "occupation", "information_requested", "purpose", "obtain_method", "delivery_method",
    "submission_token", "website",
)  # fmt: skip
VALID = {
    "applicant_name": "Budi",
    "identity_type": "nik",
    "identity_number": "3273011501900001",
    "address": "Jl. Merdeka 1",
    "phone": "081234567890",
    "email": "budi@example.org",
    "occupation": "Peneliti",
    "information_requested": "Anggaran",
    "purpose": "Penelitian",
    "obtain_method": "salinan",
    "delivery_method": "email",
    "submission_token": "abcdefghijklmnopqrstuvwxyz",
    "website": "",
}


@FUZZ
@given(
    fuzzed=st.dictionaries(st.sampled_from(REQUEST_FIELDS), anything, max_size=len(REQUEST_FIELDS))
)
def test_information_request_form(client_a, fuzzed):
    # Valid values with some of them replaced, so the fuzz reaches past the first error.
    assert_no_server_error(client_a.post("/ppid/permohonan/", {**VALID, **fuzzed}))


@FUZZ
@given(number=anything, code=anything, ground=short, reason=anything, token=short)
def test_tracking_and_objection_forms(client_a, number, code, ground, reason, token):
    for path in ("/ppid/permohonan/lacak/", "/ppid/keberatan/lacak/"):
        assert_no_server_error(client_a.post(path, {"number": number, "code": code}))
    data = {
        "request_number": number,
        "tracking_code": code,
        "ground": ground,
        "reason": reason,
        "submission_token": token,
    }
    assert_no_server_error(client_a.post("/ppid/keberatan/", data))
