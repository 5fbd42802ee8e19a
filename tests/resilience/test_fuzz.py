"""Fuzzing the public forms, the search and filter parameters, the Host header, and the back office
(every changelist's filters, actions and add form, as each operator role and as Kominfo):
whatever arrives, the answer is never a server error. tests/resilience/test_fuzz_production.py
runs this module once more with production settings (DJANGO_DEBUG=0)."""

import pytest
from django.contrib import admin
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from accounts import roles
from core.sites import console_site
from tests.factories import make_operator

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


# The back office, as each role sees it ----------------------------------------------------------

ROLE_NAMES = (roles.ADMIN_OPD, roles.OPERATOR_BERITA, roles.PETUGAS_PPID)
# Parameters every changelist reads, whatever its filters.
CHANGELIST_PARAMETERS = ("q", "o", "p", "e", "all", "_to_field", "_popup")
# The pages of the OPD admin and the console that are not a model's changelist or form.
OPD_ADMIN_PAGES = (
    "/admin/",
    "/admin/siaran/",
    "/admin/log-audit/",
    "/admin/ppid/informationrequest/laporan-tahunan/",
)
CONSOLE_PAGES = ("/admin/", "/admin/aktivitas/", "/admin/siaran/", "/admin/log-audit/")
values = st.one_of(anything, st.integers().map(str), st.sampled_from(["", "0", "-1", "²", "abc"]))


def _registry(site):
    return sorted(site._registry.items(), key=lambda item: item[0]._meta.label)


def _parameters(model_admin, request) -> list[str]:
    """The query parameters the model's changelist reads: its filters' and the common ones."""
    try:
        changelist = model_admin.get_changelist_instance(request)
    except (PermissionDenied, DisallowedModelAdminLookup):
        return list(CHANGELIST_PARAMETERS)
    names = [name for spec in changelist.filter_specs for name in spec.expected_parameters()]
    return [*names, *CHANGELIST_PARAMETERS]


def _form_fields(client, url) -> list[str]:
    response = client.get(url)
    if response.status_code != 200 or not response.context:
        return []
    form = response.context.get("adminform")
    return list(form.form.fields) if form is not None else []


class AdminSurface:
    """What one operator can reach in one admin site: each model's changelist parameters,
    actions and add-form fields. Read once (`surface_of`): Hypothesis replays an example's
    choices and fails as flaky when the lists it samples from changed in between, which the
    examples' own posts can do (an action that disappears once no job is left to abort)."""

    def __init__(self, client, site, user, host):
        request = RequestFactory(HTTP_HOST=host).get("/admin/")
        request.user = user
        self.models = []
        for model, model_admin in _registry(site):
            if not model_admin.has_view_permission(request):
                continue
            path = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
            actions = list(model_admin.get_actions(request)) or ["delete_selected"]
            fields = (
                _form_fields(client, f"{path}add/")
                if model_admin.has_add_permission(request)
                else []
            )
            self.models.append((path, _parameters(model_admin, request), actions, fields))


_surfaces: dict[tuple[str, str], AdminSurface] = {}


def surface_of(client, site, user, host) -> AdminSurface:
    key = (host, user.username)
    if key not in _surfaces:
        _surfaces[key] = AdminSurface(client, site, user, host)
    return _surfaces[key]


def fuzz_admin(client, surface, pages, data):
    for path, parameters, actions, fields in surface.models:
        query = data.draw(st.dictionaries(st.sampled_from(parameters), values, max_size=4))
        assert_no_server_error(client.get(path, query))
        action = {
            "action": data.draw(st.one_of(st.sampled_from(actions), short)),
            "_selected_action": data.draw(st.lists(values, max_size=3)),
            "index": data.draw(st.sampled_from(["0", "", "x"])),
            "select_across": data.draw(st.sampled_from(["0", "1", "x"])),
        }
        assert_no_server_error(client.post(path, action))
        if fields:
            form = data.draw(st.dictionaries(st.sampled_from(fields), values, max_size=6))
            assert_no_server_error(client.post(f"{path}add/", form))
            assert_no_server_error(client.get(f"{path}{data.draw(values)}/change/"))
    for page in pages:
        query = data.draw(st.dictionaries(short, values, max_size=3))
        assert_no_server_error(client.get(page, query))
    broadcast = data.draw(st.dictionaries(st.sampled_from(BROADCAST_FIELDS), values, max_size=5))
    assert_no_server_error(client.post("/admin/siaran/", broadcast))


BROADCAST_FIELDS = ("level", "text", "link", "end", "starts_at", "expires_at", "scope")
# Each example walks every model the user reaches; a failure prints its request and traceback,
# so skip shrinking (minutes on examples this wide).
ADMIN_FUZZ = settings(FUZZ, max_examples=15, phases=(Phase.explicit, Phase.reuse, Phase.generate))


@pytest.mark.parametrize("role", ROLE_NAMES)
@ADMIN_FUZZ
@given(data=st.data())
def test_the_opd_admin_as_each_role(opd_a, in_opd, role, data):
    client = Client(HTTP_HOST="alpha.localhost")
    with in_opd(opd_a):
        user = get_user_model().objects.filter(username=f"fuzz-{role}").first()
        if user is None:
            user = make_operator(f"fuzz-{role}", role=role)
        client.force_login(user)
        surface = surface_of(client, admin.site, user, "alpha.localhost")
        assert surface.models, "the role sees some of the admin"
        fuzz_admin(client, surface, OPD_ADMIN_PAGES, data)


@ADMIN_FUZZ
@given(data=st.data())
def test_the_kominfo_console(public_tenant, settings, data):
    settings.CONSOLE_REQUIRE_2FA = False
    client = Client(HTTP_HOST="localhost")
    user = get_user_model().objects.filter(username="fuzz-kominfo").first()
    if user is None:
        user = get_user_model().objects.create_superuser("fuzz-kominfo", "k@example.org", "x")
    client.force_login(user)
    surface = surface_of(client, console_site, user, "localhost")
    assert surface.models
    fuzz_admin(client, surface, CONSOLE_PAGES, data)
