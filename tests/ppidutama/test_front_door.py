"""The pemda's PPID front door and the disposisi, as citizens and PPID staff see them."""

import pytest
from django.core.exceptions import ValidationError
from django_tenants.utils import schema_context, tenant_context

from audit.models import AuditEvent
from ppid.models import InformationRequest
from ppidutama import disposition
from ppidutama.models import HeldApplicant, Hop, PemdaRequest
from tests.ppid.conftest import VALID_REQUEST, petugas, token
from tests.ppidutama.conftest import console_user, file_with_utama

pytestmark = pytest.mark.django_db

NOTE = "Mohon dijawab; menyangkut data kebencanaan"


def form_data(addressee: str, **overrides) -> dict:
    return {**VALID_REQUEST, "submission_token": token(), "addressee": addressee, **overrides}


def track(client, number, code):
    return client.post("/ppid/lacak/", {"number": number, "code": code})


def opd_requests(opd):
    with schema_context(opd.schema_name):
        return list(InformationRequest.objects.order_by("pk"))


def forward(pemda_request, to_opd, user, note=NOTE):
    return disposition.forward(request=pemda_request, to_opd=to_opd, note=note, by=user)


# The citizen's form ------------------------------------------------------------------------------


def test_the_front_door_lists_the_active_opds_and_i_do_not_know(portal_client, opd_a, opd_b):
    opd_b.is_active = False
    opd_b.save()
    page = portal_client.get("/ppid/permohonan/").content.decode()
    assert "Saya tidak tahu" in page
    assert opd_a.name in page
    assert f'value="{opd_b.slug}"' not in page


def test_a_request_without_an_opd_goes_to_ppid_utama(portal_client, opd_a, opd_b, mailoutbox):
    data = form_data("tidak-tahu")
    response = portal_client.post("/ppid/permohonan/", data)
    assert response.status_code == 302
    receipt = portal_client.get(response.url).content.decode()
    pemda_request = PemdaRequest.objects.get()
    assert pemda_request.number in receipt and "PPID Utama" in receipt
    assert pemda_request.number.startswith("PEMDA/PPID/")
    assert (
        HeldApplicant.objects.get(request=pemda_request).identity_number
        == (VALID_REQUEST["identity_number"])
    )
    # Nothing of it in any OPD's schema.
    assert opd_requests(opd_a) == [] and opd_requests(opd_b) == []
    # The receipt is shown once.
    assert pemda_request.number not in portal_client.get(response.url, follow=True).content.decode()


def test_a_request_to_an_opd_is_registered_by_that_opd_only(portal_client, opd_a, opd_b):
    response = portal_client.post("/ppid/permohonan/", form_data(opd_a.slug))
    assert response.status_code == 302
    (request,) = opd_requests(opd_a)
    assert request.applicant_name == VALID_REQUEST["applicant_name"]
    assert opd_requests(opd_b) == []
    assert not PemdaRequest.objects.exists() and not HeldApplicant.objects.exists()
    assert request.number in portal_client.get(response.url).content.decode()


def test_a_double_submit_keeps_one_request(portal_client, opd_a):
    data = form_data("tidak-tahu")
    first = portal_client.post("/ppid/permohonan/", data)
    second = portal_client.post("/ppid/permohonan/", data)
    assert first.status_code == second.status_code == 302
    assert PemdaRequest.objects.count() == 1


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"identity_number": "123"}, "NIK harus terdiri atas 16 angka."),
        ({"phone": "12ab"}, "Nomor telepon tidak valid."),
        ({"addressee": "opd-yang-tidak-ada"}, "bukan salah satu dari pilihan"),
        ({"information_requested": ""}, "Bidang ini tidak boleh kosong."),
    ],
)
def test_bad_input_says_what_is_wrong_and_saves_nothing(portal_client, opd_a, overrides, message):
    response = portal_client.post("/ppid/permohonan/", {**form_data("tidak-tahu"), **overrides})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PemdaRequest.objects.exists() and opd_requests(opd_a) == []


# Disposisi ---------------------------------------------------------------------------------------


def test_ppid_utama_forwards_with_the_applicant_and_the_clock(utama, opd_a, opd_b, portal_client):
    client, user = utama
    receipt = file_with_utama()
    pemda_request = PemdaRequest.objects.get(number=receipt.number)
    page = client.get(f"/admin/ppid/utama/{pemda_request.pk}/").content.decode()
    assert VALID_REQUEST["identity_number"] in page

    response = client.post(
        f"/admin/ppid/utama/{pemda_request.pk}/",
        {"action": "forward", "to_opd": opd_a.pk, "note": NOTE},
    )
    assert response.status_code == 302
    pemda_request.refresh_from_db()
    assert pemda_request.stage == PemdaRequest.Stage.FORWARDED and pemda_request.opd == opd_a
    (request,) = opd_requests(opd_a)
    assert request.pemda_number == pemda_request.number
    assert request.received_at == pemda_request.received_at
    assert request.due_date == pemda_request.due_date
    assert request.identity_number == VALID_REQUEST["identity_number"]
    # The applicant's data left the public schema, and went nowhere else.
    assert not HeldApplicant.objects.exists()
    assert opd_requests(opd_b) == []
    # PPID Utama's page no longer shows it either.
    page = client.get(f"/admin/ppid/utama/{pemda_request.pk}/").content.decode()
    assert VALID_REQUEST["identity_number"] not in page
    # Every hop is in the audit log, without the note.
    events = AuditEvent.objects.filter(object_type="ppidutama.PemdaRequest")
    assert {event.changes.get("langkah") for event in events} == {"diterima", "diteruskan"}
    assert not any(NOTE in str(event.changes) for event in events)

    # The citizen sees the hop, not the internal note.
    tracked = track(portal_client, receipt.number, receipt.tracking_code).content.decode()
    assert f"Diteruskan ke PPID Pelaksana {opd_a.name}" in tracked
    assert NOTE not in tracked
    # The hop, then the OPD's registration: in that order.
    assert tracked.index("Diteruskan ke PPID Pelaksana") < tracked.index("Diterima PPID Pelaksana")


def test_forwarding_to_a_deactivated_opd_is_refused_and_moves_nothing(utama, opd_a):
    client, user = utama
    receipt = file_with_utama()
    pemda_request = PemdaRequest.objects.get(number=receipt.number)
    opd_a.is_active = False
    opd_a.save()
    response = client.post(
        f"/admin/ppid/utama/{pemda_request.pk}/", {"action": "forward", "to_opd": opd_a.pk}
    )
    assert response.status_code == 200
    with pytest.raises(ValidationError):
        forward(pemda_request, opd_a, user)
    pemda_request.refresh_from_db()
    assert pemda_request.is_with_utama and HeldApplicant.objects.filter(request=pemda_request)
    assert opd_requests(opd_a) == []


def test_a_request_cannot_be_forwarded_twice(utama, opd_a, opd_b):
    _client, user = utama
    receipt = file_with_utama()
    pemda_request = PemdaRequest.objects.get(number=receipt.number)
    forward(pemda_request, opd_a, user)
    with pytest.raises(ValidationError):
        forward(pemda_request, opd_b, user)
    assert len(opd_requests(opd_a)) == 1 and opd_requests(opd_b) == []


def test_the_opd_hands_it_on_and_keeps_nothing_of_the_applicant(
    utama, opd_a, opd_b, client_a, client_b, portal_client
):
    _client, user = utama
    receipt = file_with_utama()
    forward(PemdaRequest.objects.get(number=receipt.number), opd_a, user)
    (request_a,) = opd_requests(opd_a)
    with tenant_context(opd_a):
        client_a.force_login(petugas())
    step = f"/admin/ppid/informationrequest/{request_a.pk}/alihkan/"
    assert opd_b.name in client_a.get(step).content.decode()
    # A reason is required.
    assert client_a.post(step, {"to": opd_b.slug, "reason": ""}).status_code == 200
    assert opd_requests(opd_b) == []
    response = client_a.post(step, {"to": opd_b.slug, "reason": "Dikuasai OPD beta"})
    assert response.status_code == 302

    (request_a,) = opd_requests(opd_a)
    assert request_a.status == InformationRequest.Status.HANDED_OVER
    assert request_a.applicant_name == request_a.identity_number == request_a.email == ""
    (request_b,) = opd_requests(opd_b)
    assert request_b.identity_number == VALID_REQUEST["identity_number"]
    assert request_b.due_date == request_a.due_date and request_b.pemda_number == receipt.number
    # OPD alpha's admin no longer shows the applicant; OPD beta's does, to its PPID.
    assert (
        VALID_REQUEST["identity_number"]
        not in client_a.get(
            f"/admin/ppid/informationrequest/{request_a.pk}/change/"
        ).content.decode()
    )
    with tenant_context(opd_b):
        client_b.force_login(petugas())
    assert (
        VALID_REQUEST["identity_number"]
        in client_b.get(f"/admin/ppid/informationrequest/{request_b.pk}/change/").content.decode()
    )
    hops = list(Hop.objects.filter(request__number=receipt.number).values_list("kind", flat=True))
    assert hops == ["diterima", "diteruskan", "dialihkan"]
    tracked = track(portal_client, receipt.number, receipt.tracking_code).content.decode()
    assert f"Diteruskan ke PPID Pelaksana {opd_b.name}" in tracked
    assert "Dikuasai OPD beta" not in tracked


def test_the_opd_returns_it_to_ppid_utama(utama, opd_a, client_a):
    client, user = utama
    receipt = file_with_utama()
    pemda_request = PemdaRequest.objects.get(number=receipt.number)
    forward(pemda_request, opd_a, user)
    (request_a,) = opd_requests(opd_a)
    with tenant_context(opd_a):
        client_a.force_login(petugas())
    response = client_a.post(
        f"/admin/ppid/informationrequest/{request_a.pk}/alihkan/",
        {"to": "ppid-utama", "reason": "Bukan informasi kami"},
    )
    assert response.status_code == 302
    pemda_request.refresh_from_db()
    assert pemda_request.is_with_utama and pemda_request.opd is None
    assert HeldApplicant.objects.get(request=pemda_request).email == VALID_REQUEST["email"]
    page = client.get(f"/admin/ppid/utama/{pemda_request.pk}/").content.decode()
    assert "Bukan informasi kami" in page and VALID_REQUEST["identity_number"] in page


def test_only_forwarded_requests_can_be_handed_over(opd_a, client_a):
    from tests.ppid.conftest import submit

    with tenant_context(opd_a):
        own = submit(opd_a).record
        client_a.force_login(petugas())
    response = client_a.post(
        f"/admin/ppid/informationrequest/{own.pk}/alihkan/", {"to": "ppid-utama", "reason": "x"}
    )
    assert response.status_code == 200
    assert "Hanya permohonan yang diteruskan PPID Utama" in response.content.decode()
    assert not PemdaRequest.objects.exists()


def test_ppid_utama_answers_itself_and_the_citizen_sees_the_decision(utama, portal_client):
    client, _user = utama
    receipt = file_with_utama()
    pemda_request = PemdaRequest.objects.get(number=receipt.number)
    url = f"/admin/ppid/utama/{pemda_request.pk}/"
    # A refusal needs its ground.
    response = client.post(url, {"action": "decide", "decision": "ditolak", "notice": "Tidak"})
    assert response.status_code == 200
    response = client.post(
        url, {"action": "decide", "decision": "dikabulkan_seluruhnya", "notice": "Terlampir"}
    )
    assert response.status_code == 302
    tracked = track(portal_client, receipt.number, receipt.tracking_code).content.decode()
    assert "Dikabulkan seluruhnya" in tracked and "Terlampir" in tracked
    assert "keberatan kepada Atasan PPID paling lambat" in tracked


# Tracking, permissions, queries ------------------------------------------------------------------


def test_tracking_with_a_wrong_code_says_nothing(portal_client, opd_a):
    receipt = file_with_utama()
    wrong = track(portal_client, receipt.number, "AAAA-BBBB-CCCC").content.decode()
    unknown = track(portal_client, "PEMDA/PPID/1999/0001", "AAAA-BBBB-CCCC").content.decode()
    assert "tidak cocok" in wrong and "tidak cocok" in unknown
    assert receipt.number not in wrong.replace(f'value="{receipt.number}"', "")
    assert "Diterima PPID Utama" not in wrong


def test_any_opd_request_is_tracked_at_the_portal(portal_client, opd_a):
    from tests.ppid.conftest import submit

    with schema_context(opd_a.schema_name):
        submission = submit(opd_a)
    tracked = track(portal_client, submission.record.number, submission.tracking_code)
    page = tracked.content.decode()
    assert f"PPID Pelaksana {opd_a.name}" in page and "Diterima" in page


def test_the_desk_is_only_for_ppid_utama(public_tenant, atasan, opd_a):
    receipt = file_with_utama()
    pk = PemdaRequest.objects.get(number=receipt.number).pk
    client, _user = atasan
    # The Atasan PPID may read, not forward.
    assert client.get(f"/admin/ppid/utama/{pk}/").status_code == 200
    response = client.post(f"/admin/ppid/utama/{pk}/", {"action": "forward", "to_opd": opd_a.pk})
    assert response.status_code == 403
    from django.test import Client

    from tests.factories import login_console

    other = login_console(Client(HTTP_HOST="localhost"), console_user("humas", None))
    assert other.get("/admin/ppid/utama/").status_code == 403
    assert other.get(f"/admin/ppid/utama/{pk}/").status_code == 403
    assert opd_requests(opd_a) == []


def test_an_opd_host_has_no_ppid_utama_desk(client_a, opd_a):
    receipt = file_with_utama()
    pk = PemdaRequest.objects.get(number=receipt.number).pk
    assert client_a.get(f"/admin/ppid/utama/{pk}/").status_code in (302, 404)


def test_the_desk_list_runs_a_fixed_number_of_queries(utama, django_assert_max_num_queries):
    client, _user = utama
    for _ in range(3):
        file_with_utama()
    client.get("/admin/ppid/utama/")
    with django_assert_max_num_queries(14):
        response = client.get("/admin/ppid/utama/")
    assert response.content.decode().count("PEMDA/PPID/") == 3


def test_the_console_home_says_how_many_requests_wait(utama):
    client, _user = utama
    file_with_utama()
    file_with_utama()
    page = client.get("/admin/").content.decode()
    assert "Permohonan kepada PPID Utama (disposisi)" in page and "2 menunggu" in page


def test_the_opd_decides_a_forwarded_request_and_the_citizen_objects_at_the_portal(
    utama, opd_a, client_a, portal_client, mailoutbox, run_tasks
):
    from ppid import services

    _client, user = utama
    receipt = file_with_utama()
    forward(PemdaRequest.objects.get(number=receipt.number), opd_a, user)
    (request_a,) = opd_requests(opd_a)
    with tenant_context(opd_a):
        officer = petugas()
        services.respond_to_request(
            opd=opd_a,
            request=InformationRequest.objects.get(pk=request_a.pk),
            by=officer,
            decision="dikabulkan_seluruhnya",
            notice="Data terlampir",
            refusal_ground="",
            refusal_basis="",
            attachment=None,
        )
    run_tasks()
    (decision,) = [m for m in mailoutbox if "Pemberitahuan tertulis" in m.subject]
    assert receipt.number in decision.subject and receipt.number in decision.body
    assert "http://localhost/ppid/keberatan/" in decision.body
    tracked = track(portal_client, receipt.number, receipt.tracking_code).content.decode()
    assert "Dikabulkan seluruhnya" in tracked and "Data terlampir" in tracked
    # The citizen objects at the portal with the pemda's number and code.
    from ppidutama.models import PemdaObjection
    from tests.ppidutama.test_objections import objection_data

    response = portal_client.post(
        "/ppid/keberatan/", objection_data(receipt.number, receipt.tracking_code)
    )
    assert response.status_code == 302
    objection = PemdaObjection.objects.get()
    assert objection.request_number == receipt.number and objection.opd == opd_a


def test_another_opds_ppid_finds_nothing_of_a_forwarded_request(utama, opd_a, opd_b, client_b):
    _client, user = utama
    receipt = file_with_utama()
    forward(PemdaRequest.objects.get(number=receipt.number), opd_a, user)
    (request_a,) = opd_requests(opd_a)
    with tenant_context(opd_b):
        client_b.force_login(petugas())
    by_id = client_b.get(f"/admin/ppid/informationrequest/{request_a.pk}/change/")
    assert by_id.status_code in (302, 404)
    search = client_b.get(
        "/admin/ppid/informationrequest/", {"q": VALID_REQUEST["applicant_name"]}
    ).content.decode()
    search = search.replace(f'value="{VALID_REQUEST["applicant_name"]}"', "")  # the search box
    assert VALID_REQUEST["applicant_name"] not in search and receipt.number not in search
    # Nor PPID Utama's desk, which lives on the main domain only.
    assert client_b.get("/admin/ppid/utama/").status_code == 404
