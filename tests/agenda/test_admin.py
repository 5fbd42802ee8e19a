"""Operators write events in the OPD admin: validation with clear messages, nothing half-saved."""

import pytest

from accounts import roles
from agenda.models import Event
from mainsite.models import PublishedItem
from tests.factories import make_operator

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/agenda/event/add/"


@pytest.fixture
def operator_a(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        client_a.force_login(make_operator("penulis", role=roles.OPERATOR_BERITA))
    return client_a


def event_form(**overrides):
    data = {
        "title": "Apel siaga bencana",
        "slug": "",
        "all_day": "",
        "starts_at_0": "2030-01-05",
        "starts_at_1": "08:00:00",
        "ends_at_0": "2030-01-05",
        "ends_at_1": "10:00:00",
        "place": "Alun-alun",
        "map_url": "",
        "organiser": "",
        "description": "<p>Apel gabungan.</p>",
        "image": "",
        "is_published": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_add_form_is_in_indonesian(operator_a):
    page = operator_a.get(ADD_URL).content.decode()
    for label in ("Judul", "Sepanjang hari", "Mulai", "Selesai", "Tempat", "Tautan peta"):
        assert label in page


def test_an_operator_adds_an_event_and_the_portal_indexes_it(opd_a, in_opd, operator_a):
    assert operator_a.post(ADD_URL, event_form()).status_code == 302
    with in_opd(opd_a):
        event = Event.objects.get()
    assert event.slug == "apel-siaga-bencana" and event.is_published
    item = PublishedItem.objects.get(opd=opd_a, kind="event")
    assert (item.starts_at, item.ends_at) == (event.starts_at, event.ends_at)
    assert item.url.endswith("/agenda/apel-siaga-bencana/")


def test_an_all_day_event_needs_no_time(opd_a, in_opd, operator_a):
    data = event_form(all_day="on", starts_at_1="", ends_at_0="2030-01-07", ends_at_1="")
    assert operator_a.post(ADD_URL, data).status_code == 302
    with in_opd(opd_a):
        event = Event.objects.get()
    assert event.all_day and event.is_multi_day
    assert event.local_end.date().isoformat() == "2030-01-07"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_at_0": "2030-01-04"}, "Waktu selesai tidak boleh sebelum waktu mulai."),
        ({"ends_at_1": "07:00:00"}, "Waktu selesai tidak boleh sebelum waktu mulai."),
        (
            {"all_day": "on", "ends_at_0": "2030-01-04", "ends_at_1": ""},
            "Waktu selesai tidak boleh sebelum waktu mulai.",
        ),
        ({"map_url": "http://peta.example.org/x"}, "Tautan peta harus alamat https://"),
        ({"map_url": "javascript:alert(1)"}, "Tautan peta harus alamat https://"),
        ({"starts_at_0": "bukan tanggal"}, "Masukkan"),
        ({"image": "987654"}, "Pilih"),
        ({"slug": "lalu"}, "dipakai sistem"),
        ({"title": ""}, "tidak boleh kosong"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(
    opd_a, in_opd, operator_a, overrides, message
):
    response = operator_a.post(ADD_URL, event_form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    with in_opd(opd_a):
        assert not Event.objects.exists()
    assert not PublishedItem.objects.filter(kind="event").exists()


def test_unpublishing_takes_the_event_off_the_portal(opd_a, in_opd, operator_a):
    operator_a.post(ADD_URL, event_form())
    with in_opd(opd_a):
        event = Event.objects.get()
    url = f"/admin/agenda/event/{event.pk}/change/"
    assert operator_a.post(url, event_form(is_published="", slug=event.slug)).status_code == 302
    assert not PublishedItem.objects.filter(kind="event").exists()


def test_beta_admin_never_reaches_alpha_events(opd_a, opd_b, in_opd, operator_a, client_b):
    operator_a.post(ADD_URL, event_form())
    with in_opd(opd_a):
        event = Event.objects.get()
    with in_opd(opd_b):
        client_b.force_login(make_operator("kepala", role=roles.ADMIN_OPD))
        assert not Event.objects.exists()
    response = client_b.get(f"/admin/agenda/event/{event.pk}/change/")
    assert response.status_code in (302, 404)
    listing = client_b.get("/admin/agenda/event/").content.decode()
    assert "Apel siaga bencana" not in listing
