"""Objections to the pemda's Atasan PPID: filed at the portal (`/ppid/keberatan/`) against any
request of the pemda, answered on the console, with the decision letter on both sides.

Requests are made through the real services (an OPD's site, PPID Utama's front door); the
objection form, tracking and the console are driven over HTTP on the main domain."""

import datetime
import re
import threading

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.utils import formats, timezone

from accounts import roles as opd_roles
from audit.models import AuditEvent
from ppid import services as ppid_services
from ppid.models import InformationRequest
from ppidutama import disposition, objections, roles
from ppidutama.lookup import find_request
from ppidutama.models import PemdaObjection, RegistrationCounter, RequestRecord
from tests.core.test_admin_language import VisibleText, english_on
from tests.factories import login_console, make_operator
from tests.pemda.helpers import make_identity
from tests.ppid.conftest import VALID_REQUEST, petugas, submit, token
from workdays import counting as workdays
from workdays.models import LocalHoliday

pytestmark = pytest.mark.django_db

FORM = "/ppid/keberatan/"
TRACK = "/ppid/keberatan/lacak/"
CONSOLE_LIST = "/admin/keberatan-pemda/"
NO_MATCH = "Nomor pendaftaran atau kode pelacakan tidak cocok dengan permohonan."


# --- Helpers --------------------------------------------------------------------------------


def at_noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def opd_request(opd, in_opd, *, decided_on=None, received_on=None, due_date=None):
    """A request filed on `opd`'s site, optionally decided on `decided_on`; returns
    (number, tracking code)."""
    with in_opd(opd):
        submission = submit(opd)
        request = submission.record
        if decided_on is not None:
            ppid_services.respond_to_request(
                opd=opd,
                request=request,
                by=petugas(f"petugas-{request.sequence}"),
                decision="ditolak",
                notice="Informasi dikecualikan.",
                refusal_ground="pasal_17",
                refusal_basis="Pasal 17 huruf a; uji konsekuensi terlampir.",
            )
            InformationRequest.objects.filter(pk=request.pk).update(decided_at=at_noon(decided_on))
        changes = {}
        if received_on is not None:
            changes["received_at"] = at_noon(received_on)
        if due_date is not None:
            changes["due_date"] = due_date
        if changes:
            InformationRequest.objects.filter(pk=request.pk).update(**changes)
        request.refresh_from_db()
    # What the OPD side tells the pemda about its requests (ppidutama.models.RequestRecord).
    RequestRecord.objects.update_or_create(
        opd=opd,
        source_id=request.pk,
        defaults={
            "number": request.number,
            "year": request.year,
            "status": request.status,
            "received_at": request.received_at,
            "due_date": request.due_date,
            "decided_at": request.decided_at,
            "is_open": request.is_open,
        },
    )
    return request.number, submission.tracking_code


def objection_data(number, code, **overrides):
    return {
        "request_number": number,
        "tracking_code": code,
        "ground": "a",
        "reason": "Informasi itu bukan informasi yang dikecualikan.",
        "submission_token": token(),
        "website": "",
        **overrides,
    }


def file_at_portal(client, number, code, **overrides):
    """Post the form; returns (response, receipt page or None)."""
    response = client.post(FORM, objection_data(number, code, **overrides))
    if response.status_code != 302:
        return response, None
    return response, client.get(response["Location"]).content.decode()


def tracking_code_on(receipt: str) -> str:
    return re.search(r'class="ppid-code">([^<]+)<', receipt).group(1)


def long_date(day: datetime.date) -> str:
    return formats.date_format(day, "l, j F Y")


def kominfo_user(username, *, role=None, permissions=()):
    """A Kominfo console user (public schema) with one of the PPID roles or loose permissions."""
    user = get_user_model().objects.create_user(
        username, f"{username}@kominfo.example.org", "x", is_staff=True
    )
    if role is not None:
        roles.sync_roles()
        user.groups.add(Group.objects.get(name=role))
    for codename in permissions:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


@pytest.fixture
def atasan_console(portal_client, public_tenant):
    return login_console(portal_client, kominfo_user("sekda", role=roles.ATASAN_PPID))


@pytest.fixture
def utama_console(public_tenant):
    return login_console(
        Client(HTTP_HOST="localhost"), kominfo_user("kominfo-ppid", role=roles.PPID_UTAMA)
    )


@pytest.fixture
def bystander(public_tenant):
    """A console user with other work (the activity dashboard's OPD records), not PPID."""
    return login_console(
        Client(HTTP_HOST="localhost"), kominfo_user("redaksi", permissions=("view_opd",))
    )


def file_directly(number, code, **overrides):
    found = find_request(number, code)
    fields = {"ground": "c", "reason": "Tidak ditanggapi.", "submission_token": token()}
    return objections.file_objection(found=found, **{**fields, **overrides})


# --- The whole journey ----------------------------------------------------------------------


def test_an_objection_goes_from_the_portal_to_the_atasan_ppid_and_back_as_a_letter(
    opd_a, in_opd, portal_client, atasan_console
):
    make_identity()
    today = timezone.localdate()
    number, code = opd_request(opd_a, in_opd, decided_on=today)
    citizen = Client(HTTP_HOST="localhost")

    page = citizen.get(FORM)
    assert page.status_code == 200
    assert 'name="submission_token"' in page.content.decode()
    response, receipt = file_at_portal(citizen, number, code, reason="Data <b>anggaran</b>.")
    objection = PemdaObjection.objects.get()
    year = objection.filed_at.year
    assert objection.number == f"PEMDA/PPID/KEB/{year}/0001"
    assert response["Location"] == "/ppid/keberatan/tanda-terima/"
    assert objection.number in receipt and number in receipt and opd_a.name in receipt
    objection_code = tracking_code_on(receipt)
    assert objection.check_tracking_code(objection_code)
    assert objection_code not in objection.tracking_code_hash
    # Shown once: the receipt page again only leads to tracking.
    again = citizen.get("/ppid/keberatan/tanda-terima/")
    assert again.status_code == 302 and again["Location"] == TRACK

    # Facts of the request at filing; nothing of the applicant in the public schema.
    assert objection.opd == opd_a and objection.request_number == number
    assert objection.request_status == "ditolak" and objection.request_decided_on == today
    assert objection.filing_deadline == workdays.add_working_days(today, 30)
    assert objection.due_date == workdays.add_working_days(today, 30)
    stored = " ".join(str(value) for value in PemdaObjection.objects.values().get().values())
    for personal in ("Budi", VALID_REQUEST["identity_number"], VALID_REQUEST["email"]):
        assert personal not in stored

    tracked = citizen.post(TRACK, {"number": objection.number, "code": objection_code})
    assert tracked.status_code == 200
    text = tracked.content.decode()
    assert "Diterima" in text and "belum memberikan tanggapan" in text
    assert "Komisi Informasi" not in text

    listing = atasan_console.get(CONSOLE_LIST)
    assert listing.status_code == 200 and objection.number in listing.content.decode()
    detail = atasan_console.get(f"{CONSOLE_LIST}{objection.pk}/").content.decode()
    assert number in detail and opd_a.name in detail and "Ditolak" in detail
    assert "Data &lt;b&gt;anggaran&lt;/b&gt;." in detail
    answer_url = f"{CONSOLE_LIST}{objection.pk}/tanggapi/"
    assert atasan_console.get(answer_url).status_code == 200
    answered = atasan_console.post(
        answer_url, {"outcome": "diterima", "response": "PPID Alpha memberikan salinannya."}
    )
    assert answered.status_code == 302
    assert answered["Location"] == f"{CONSOLE_LIST}{objection.pk}/surat/"
    objection.refresh_from_db()
    assert objection.status == "ditanggapi" and objection.outcome == "diterima"
    assert objection.answered_by.username == "sekda"

    letter = atasan_console.get(answered["Location"])
    assert letter.status_code == 200
    deadline = workdays.add_working_days(timezone.localdate(objection.answered_at), 14)
    assert objection.dispute_deadline() == deadline
    for shown in (
        letter.content.decode(),
        citizen.post(TRACK, {"number": objection.number, "code": objection_code}).content.decode(),
    ):
        assert "PEMERINTAH KOTA UJI" in shown and "Jl. Balai Kota No. 1" in shown
        assert "/lambang-pemda/" in shown
        assert objection.number in shown and number in shown
        assert "KEBERATAN DITERIMA" in shown
        assert "PPID Alpha memberikan salinannya." in shown
        assert "Data &lt;b&gt;anggaran&lt;/b&gt;." in shown
        assert "Komisi Informasi" in shown and "14 (empat belas) hari kerja" in shown
        assert "Pasal 37 ayat (2)" in shown and long_date(deadline) in shown
        assert not re.search(r"<script(?![^>]*\bsrc=)|\sstyle=|\son[a-z]+=", shown)


def test_the_answer_is_in_the_audit_log_without_the_reason_or_the_response(
    opd_a, in_opd, atasan_console
):
    number, code = opd_request(opd_a, in_opd, decided_on=timezone.localdate())
    objection = file_directly(number, code, reason="Alasan rahasia pengaju").objection
    atasan_console.post(
        f"{CONSOLE_LIST}{objection.pk}/tanggapi/",
        {"outcome": "ditolak", "response": "Tanggapan panjang atasan"},
    )
    events = AuditEvent.objects.filter(
        object_type="ppidutama.PemdaObjection", object_id=str(objection.pk)
    ).order_by("pk")
    assert [event.action for event in events] == ["create", "change"]
    change = events[1]
    assert change.actor == "sekda"
    assert change.changes["status"] == ["diterima", "ditanggapi"]
    assert change.changes["outcome"] == ["", "ditolak"]
    logged = " ".join(str(event.changes) for event in events)
    assert "rahasia" not in logged and "Tanggapan panjang" not in logged
    assert "tracking_code_hash" not in logged and "submission_token" not in logged


def test_an_objection_to_a_request_ppid_utama_decided_itself(
    portal_client, public_tenant, atasan_console
):
    applicant = dict(VALID_REQUEST)
    receipt = disposition.submit_to_utama(submission_token=token(), **applicant)
    request = disposition.PemdaRequest.objects.get(number=receipt.number)
    early = Client(HTTP_HOST="localhost")
    response, _ = file_at_portal(early, receipt.number, receipt.tracking_code)
    assert "belum dapat diajukan" in response.content.decode()
    disposition.decide(
        request=request,
        decision="tidak_dikuasai",
        notice="Tidak dikuasai pemda.",
        by=get_user_model().objects.get(username="sekda"),
    )
    response, page = file_at_portal(portal_client, receipt.number, receipt.tracking_code)
    assert response.status_code == 302
    objection = PemdaObjection.objects.get()
    assert objection.opd is None and objection.request_number == receipt.number
    assert "PPID Utama" in atasan_console.get(f"{CONSOLE_LIST}{objection.pk}/").content.decode()


def test_the_atasan_ppid_is_told_of_a_new_objection_without_its_reason(
    opd_a, in_opd, atasan_console, utama_console, portal_client
):
    from core.models import OutgoingMail

    number, code = opd_request(opd_a, in_opd, decided_on=timezone.localdate())
    file_at_portal(portal_client, number, code, reason="Alasan pribadi pengaju")
    objection = PemdaObjection.objects.get()
    mail = OutgoingMail.objects.get(template="ppidutama/email/objection_new")
    assert mail.to == ["sekda@kominfo.example.org"]
    assert objection.number in mail.subject and number in mail.body
    assert f"http://localhost/admin/keberatan-pemda/{objection.pk}/" in mail.body.replace(
        ":8000", ""
    )
    assert formats.date_format(objection.due_date, "j F Y") in mail.body
    assert "Alasan pribadi" not in mail.body and "Budi" not in mail.body


def test_the_pemda_annual_report_counts_the_objections_to_its_atasan_ppid(
    opd_a, in_opd, atasan_console
):
    from ppidutama.reports import annual_report

    today = timezone.localdate()
    upheld = file_directly(*opd_request(opd_a, in_opd, decided_on=today)).objection
    file_directly(*opd_request(opd_a, in_opd, decided_on=today))
    atasan_console.post(answer_url(upheld), {"outcome": "diterima", "response": "Diterima."})
    year = upheld.filed_at.year
    pemda = annual_report(year).figures[2]
    assert (pemda.objections_received, pemda.objections_answered) == (2, 1)
    assert (pemda.objections_upheld, pemda.objections_rejected) == (1, 0)
    # The OPD's own report counts the objections to its own atasan only.
    assert annual_report(year, opd=opd_a).figures[2].objections_received == 0


def next_working_day(day: datetime.date) -> datetime.date:
    while not workdays.is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def test_the_atasan_ppid_is_reminded_once_three_working_days_before_the_answer_is_due(
    opd_a, opd_b, in_opd, atasan_console, run_tasks
):
    from core.models import OutgoingMail
    from ppidutama.tasks import remind_atasan_ppid_deadlines

    today = timezone.localdate()
    soon, later, answered = (
        file_directly(*opd_request(opd, in_opd, decided_on=today)).objection
        for opd in (opd_a, opd_b, opd_a)
    )
    day = next_working_day(today)
    PemdaObjection.objects.filter(pk__in=[soon.pk, answered.pk]).update(
        due_date=workdays.add_working_days(day, 3)
    )
    PemdaObjection.objects.filter(pk=later.pk).update(due_date=workdays.add_working_days(day, 4))
    atasan_console.post(answer_url(answered), {"outcome": "ditolak", "response": "Ditolak."})
    weekend = day + datetime.timedelta(days=(5 - day.weekday()) % 7)
    assert objections.send_deadline_reminders(today=weekend) == 0

    assert objections.send_deadline_reminders(today=day) == 1
    assert objections.send_deadline_reminders(today=day) == 0
    mail = OutgoingMail.objects.get(template="ppidutama/email/objection_deadline")
    assert soon.number in mail.subject and mail.to == ["sekda@kominfo.example.org"]
    assert "sisa 3 hari kerja" in mail.body and "Tidak ditanggapi" not in mail.body
    # The daily job runs the same service in the public schema: nobody is reminded twice.
    remind_atasan_ppid_deadlines.defer(schema="public")
    assert run_tasks().get("failed", 0) == 0
    assert OutgoingMail.objects.filter(template="ppidutama/email/objection_deadline").count() == 1


# --- Double submits and numbers -------------------------------------------------------------


def test_a_double_submit_lands_on_the_first_receipt(opd_a, in_opd, portal_client):
    number, code = opd_request(opd_a, in_opd, decided_on=timezone.localdate())
    data = objection_data(number, code)
    first = portal_client.post(FORM, data)
    second = portal_client.post(FORM, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert PemdaObjection.objects.count() == 1
    assert RegistrationCounter.objects.get(kind="keberatan").last_number == 1


def test_a_second_objection_while_the_first_is_open_is_refused(opd_a, in_opd, portal_client):
    number, code = opd_request(opd_a, in_opd, decided_on=timezone.localdate())
    file_at_portal(portal_client, number, code)
    response, _ = file_at_portal(portal_client, number, code)
    assert response.status_code == 200
    assert "masih diproses" in response.content.decode()
    assert PemdaObjection.objects.count() == 1


def test_numbers_restart_each_year_and_do_not_share_the_request_counter(opd_a, in_opd):
    number, code = opd_request(opd_a, in_opd, decided_on=timezone.localdate())
    other, other_code = opd_request(opd_a, in_opd, decided_on=timezone.localdate())
    first = file_directly(number, code).objection
    second = file_directly(other, other_code).objection
    assert (first.sequence, second.sequence) == (1, 2)
    assert second.number.endswith("/0002") and second.number.startswith("PEMDA/PPID/KEB/")


def in_own_connection(work):
    outcome = {}

    def run():
        try:
            outcome["value"] = work()
        except Exception as error:  # reported to the test
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def at_once(work, arguments):
    """`work(argument)` for every argument, each in its own thread and database connection (so
    each really commits and competes for the counter's lock), released at the same moment."""
    barrier = threading.Barrier(len(arguments))
    results, errors = [], []

    def run(argument):
        try:
            barrier.wait(timeout=30)
            results.append(work(argument))
        except Exception as error:  # reported to the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def cleanup_committed(tokens, last_event):
    from core.models import OutgoingMail

    def work():
        OutgoingMail.objects.filter(template="ppidutama/email/objection_new").delete()
        PemdaObjection.objects.filter(submission_token__in=tokens).delete()
        RegistrationCounter.objects.filter(kind="keberatan").delete()
        AuditEvent.objects.filter(pk__gt=last_event).delete()

    in_own_connection(work)


def test_concurrent_filings_get_gapless_unique_numbers(opd_a, opd_b, in_opd):
    filers = 8
    # The requests exist in this test's transaction only; the filings need their facts alone.
    found = [
        find_request(*opd_request(opd, in_opd, decided_on=timezone.localdate()))
        for opd in (opd_a, opd_b) * (filers // 2)
    ]
    tokens = [token() for _ in found]
    last_event = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    try:
        results, errors = at_once(
            lambda pair: (
                objections.file_objection(
                    found=pair[0], ground="e", reason="Tidak dipenuhi.", submission_token=pair[1]
                ).objection.number
            ),
            list(zip(found, tokens, strict=True)),
        )
        assert not errors
        committed = in_own_connection(
            lambda: sorted(
                PemdaObjection.objects.filter(submission_token__in=tokens).values_list(
                    "sequence", flat=True
                )
            )
        )
        assert committed == list(range(1, filers + 1))
        assert len(set(results)) == filers
    finally:
        cleanup_committed(tokens, last_event)
    assert in_own_connection(lambda: PemdaObjection.objects.count()) == 0


def test_a_concurrent_double_submit_files_once(opd_a, in_opd):
    found = find_request(*opd_request(opd_a, in_opd, decided_on=timezone.localdate()))
    same = token()
    last_event = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    try:
        results, errors = at_once(
            lambda _: (
                objections.file_objection(
                    found=found, ground="e", reason="Tidak dipenuhi.", submission_token=same
                ).objection.number
            ),
            [1, 2],
        )
        assert len(results) == 1
        assert len(errors) == 1 and isinstance(errors[0], objections.DuplicateSubmission)
        counter = in_own_connection(
            lambda: RegistrationCounter.objects.get(kind="keberatan").last_number
        )
        assert counter == 1
    finally:
        cleanup_committed([same], last_event)


# --- The filing window (UU 14/2008 Pasal 36 ayat (1)) ---------------------------------------


def last_working_day_before(day: datetime.date) -> datetime.date:
    day -= datetime.timedelta(days=1)
    while not workdays.is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def working_days_back(day: datetime.date, count: int) -> datetime.date:
    """The working day from which `count` working days end on `day`."""
    start = day
    while workdays.working_days_between(start, day) < count or not workdays.is_working_day(start):
        start -= datetime.timedelta(days=1)
    return start


def test_an_objection_before_the_decision_and_deadline_cannot_be_filed_yet(
    opd_a, in_opd, portal_client
):
    number, code = opd_request(opd_a, in_opd)
    response, _ = file_at_portal(portal_client, number, code)
    assert response.status_code == 200
    text = response.content.decode()
    assert "belum dapat diajukan" in text
    assert PemdaObjection.objects.count() == 0


def test_a_missed_deadline_opens_the_window(opd_a, in_opd, portal_client):
    today = timezone.localdate()
    missed = last_working_day_before(today)
    number, code = opd_request(opd_a, in_opd, received_on=missed - datetime.timedelta(days=20),
                               due_date=missed)  # fmt: skip
    response, receipt = file_at_portal(portal_client, number, code, ground="c")
    assert response.status_code == 302, response.content.decode()
    objection = PemdaObjection.objects.get()
    assert objection.request_decided_on is None and objection.request_status == "diterima"
    assert objection.filing_deadline == workdays.add_working_days(missed, 30)


def test_the_window_closes_thirty_working_days_after_the_decision(opd_a, in_opd, portal_client):
    today = timezone.localdate()
    # Decided so that the 30th working day is the last one before today: too late now.
    decided_on = working_days_back(last_working_day_before(today), 30)
    number, code = opd_request(opd_a, in_opd, decided_on=decided_on)
    response, _ = file_at_portal(portal_client, number, code)
    assert response.status_code == 200
    text = response.content.decode()
    assert "telah lewat" in text
    assert formats.date_format(last_working_day_before(today), "j F Y") in text
    assert PemdaObjection.objects.count() == 0


def test_the_thirtieth_working_day_is_still_inside(opd_a, in_opd, portal_client):
    today = timezone.localdate()
    if not workdays.is_working_day(today):
        today = last_working_day_before(today)
    decided_on = working_days_back(today, 30)
    number, code = opd_request(opd_a, in_opd, decided_on=decided_on)
    found = find_request(number, code)
    assert objections.check_objection_window(found, today) == today


def test_a_local_holiday_keeps_the_window_open_one_working_day_longer(opd_a, in_opd, portal_client):
    today = timezone.localdate()
    last = last_working_day_before(today)
    decided_on = working_days_back(last, 30)
    number, code = opd_request(opd_a, in_opd, decided_on=decided_on)
    closed, _ = file_at_portal(portal_client, number, code)
    assert "telah lewat" in closed.content.decode()

    # Kominfo adds the city's anniversary, a working day inside the window, in the console.
    holiday = workdays.add_working_days(decided_on, 5)
    LocalHoliday.objects.create(date=holiday, name="Hari jadi kota")
    workdays.clear_local_holidays_cache()
    response, _ = file_at_portal(portal_client, number, code)
    assert response.status_code == 302
    objection = PemdaObjection.objects.get()
    assert objection.filing_deadline > last >= objection.filing_deadline - datetime.timedelta(7)


# --- Wrong codes and bad input --------------------------------------------------------------


def test_a_wrong_code_says_exactly_what_an_unknown_number_says(opd_a, in_opd, portal_client):
    number, code = opd_request(opd_a, in_opd)  # not even decided: nothing may tell it
    token_value = token()

    def page(request_number, tracking_code):
        response = portal_client.post(
            FORM, objection_data(request_number, tracking_code, submission_token=token_value)
        )
        assert response.status_code == 200
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())

    wrong = page(number, "AAAA-BBBB-CCCC")
    unknown = page("ALPHA/PPID/1999/0001", "AAAA-BBBB-CCCC")
    assert wrong.replace(number, "ALPHA/PPID/1999/0001") == unknown
    assert NO_MATCH in wrong
    assert "belum dapat diajukan" not in wrong and "Budi" not in wrong
    assert PemdaObjection.objects.count() == 0


def test_tracking_with_a_wrong_code_says_nothing(opd_a, in_opd, portal_client):
    number, code = opd_request(opd_a, in_opd, decided_on=timezone.localdate())
    objection = file_directly(number, code, reason="Uraian rahasia").objection
    wrong = portal_client.post(TRACK, {"number": objection.number, "code": "AAAA-BBBB-CCCC"})
    unknown = portal_client.post(TRACK, {"number": "PEMDA/PPID/KEB/1999/0001", "code": "X"})
    for response in (wrong, unknown):
        text = response.content.decode()
        assert response.status_code == 200 and "tidak cocok" in text
        assert "Uraian rahasia" not in text and number not in text


def test_wrong_codes_lock_the_form_even_for_the_right_code(opd_a, in_opd, portal_client):
    number, code = opd_request(opd_a, in_opd, decided_on=timezone.localdate())
    for _ in range(30):
        portal_client.post(FORM, objection_data(number, "AAAA-BBBB-CCCC"))
    response = portal_client.post(FORM, objection_data(number, code))
    assert response.status_code == 429
    assert PemdaObjection.objects.count() == 0


def test_filings_per_client_are_limited(opd_a, in_opd, portal_client, settings):
    settings.PPID_SUBMISSIONS_PER_HOUR = 2
    numbers = [opd_request(opd_a, in_opd, decided_on=timezone.localdate()) for _ in range(3)]
    # Forms to correct give their slot back.
    for _ in range(5):
        assert portal_client.post(FORM, objection_data(*numbers[0], ground="")).status_code == 200
    statuses = [file_at_portal(portal_client, *pair)[0].status_code for pair in numbers]
    assert statuses == [302, 302, 429]
    assert PemdaObjection.objects.count() == 2


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"ground": ""}, "ground"),
        ({"ground": "z"}, "ground"),
        ({"reason": ""}, "reason"),
        ({"reason": "x" * 4001}, "reason"),
        ({"request_number": ""}, "request_number"),
        ({"request_number": "A" * 61}, "request_number"),
        ({"tracking_code": "K" * 31}, "tracking_code"),
        ({"submission_token": "pendek"}, None),
        ({"website": "http://spam.example"}, None),
    ],
)
def test_bad_input_is_refused_with_a_message_and_saves_nothing(
    opd_a, in_opd, portal_client, overrides, field
):
    number, code = opd_request(opd_a, in_opd, decided_on=timezone.localdate())
    response = portal_client.post(FORM, objection_data(number, code, **overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors if field is None else field in form.errors
    assert "Periksa kembali isian Anda" in response.content.decode()
    assert PemdaObjection.objects.count() == 0
    assert not RegistrationCounter.objects.filter(kind="keberatan", last_number__gt=0).exists()


def test_an_empty_post_and_a_get_with_junk_are_no_errors(portal_client, public_tenant):
    assert portal_client.post(FORM, {}).status_code == 200
    assert portal_client.post(TRACK, {}).status_code == 200
    assert portal_client.post(TRACK, {"number": "x" * 500, "code": "y" * 500}).status_code == 200
    assert portal_client.get(TRACK, {"number": "\x00"}).status_code in (200, 400)
    assert portal_client.get("/ppid/keberatan/tanda-terima/").status_code == 302
    assert portal_client.put(FORM).status_code == 405


# --- The console: who may do what -----------------------------------------------------------


def answer_url(objection):
    return f"{CONSOLE_LIST}{objection.pk}/tanggapi/"


def test_ppid_utama_follows_objections_but_cannot_answer(opd_a, in_opd, utama_console):
    objection = file_directly(*opd_request(opd_a, in_opd, decided_on=timezone.localdate()))
    objection = objection.objection
    assert utama_console.get(CONSOLE_LIST).status_code == 200
    detail = utama_console.get(f"{CONSOLE_LIST}{objection.pk}/")
    assert detail.status_code == 200 and "Beri tanggapan" not in detail.content.decode()
    assert utama_console.get(answer_url(objection)).status_code == 403
    refused = utama_console.post(answer_url(objection), {"outcome": "diterima", "response": "Ya."})
    assert refused.status_code == 403
    objection.refresh_from_db()
    assert objection.is_open


def test_other_console_users_and_visitors_are_kept_out(opd_a, in_opd, bystander, portal_client):
    objection = file_directly(*opd_request(opd_a, in_opd, decided_on=timezone.localdate()))
    pk = objection.objection.pk
    for url in (CONSOLE_LIST, f"{CONSOLE_LIST}{pk}/", f"{CONSOLE_LIST}{pk}/tanggapi/"):
        assert bystander.get(url).status_code == 403
        anonymous = portal_client.get(url)
        assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    assert (
        bystander.post(f"{CONSOLE_LIST}{pk}/tanggapi/", {"outcome": "diterima"}).status_code == 403
    )


def test_an_opd_operator_reaches_none_of_it(opd_a, in_opd, client_a, client_b):
    objection = file_directly(*opd_request(opd_a, in_opd, decided_on=timezone.localdate()))
    with in_opd(opd_a):
        client_a.force_login(make_operator("kepala", role=opd_roles.ADMIN_OPD, is_superuser=True))
    # The console's pages exist on the main domain only; an OPD's session means nothing there.
    assert client_a.get(CONSOLE_LIST).status_code == 404
    assert client_a.get(f"{CONSOLE_LIST}{objection.objection.pk}/surat/").status_code == 404
    assert client_b.get(CONSOLE_LIST).status_code == 302  # beta's own log-in, nothing else
    main = Client(HTTP_HOST="localhost")
    main.cookies = client_a.cookies
    assert main.get(CONSOLE_LIST).status_code == 302


def test_the_answer_needs_an_outcome_and_a_response(opd_a, in_opd, atasan_console):
    objection = file_directly(*opd_request(opd_a, in_opd, decided_on=timezone.localdate()))
    objection = objection.objection
    for data in (
        {},
        {"outcome": "diterima"},
        {"response": "Tanggapan."},
        {"outcome": "mungkin", "response": "Tanggapan."},
        {"outcome": "diterima", "response": "   "},
        {"outcome": "diterima", "response": "x" * 10001},
    ):
        response = atasan_console.post(answer_url(objection), data)
        assert response.status_code == 200, data
        assert "Periksa kembali isian" in response.content.decode()
    objection.refresh_from_db()
    assert objection.is_open and objection.response == ""
    assert not AuditEvent.objects.filter(
        object_type="ppidutama.PemdaObjection", action="change"
    ).exists()


def test_an_answered_objection_cannot_be_answered_again(opd_a, in_opd, atasan_console):
    objection = file_directly(*opd_request(opd_a, in_opd, decided_on=timezone.localdate()))
    objection = objection.objection
    atasan_console.post(answer_url(objection), {"outcome": "ditolak", "response": "Pertama."})
    again = atasan_console.post(
        answer_url(objection), {"outcome": "diterima", "response": "Kedua."}
    )
    assert again.status_code == 302 and again["Location"].endswith("/surat/")
    objection.refresh_from_db()
    assert (objection.outcome, objection.response) == ("ditolak", "Pertama.")


@pytest.mark.parametrize(
    "path",
    [
        "999999/",
        "999999/tanggapi/",
        "999999/surat/",
        "99999999999999999999999/",
        "0/surat/",
        "abc/",
        "-1/",
    ],
)
def test_bad_ids_on_the_console_are_not_found(atasan_console, path):
    assert atasan_console.get(f"{CONSOLE_LIST}{path}").status_code == 404


def test_the_letter_of_an_open_objection_leads_back_to_it(opd_a, in_opd, atasan_console):
    objection = file_directly(*opd_request(opd_a, in_opd, decided_on=timezone.localdate()))
    pk = objection.objection.pk
    response = atasan_console.get(f"{CONSOLE_LIST}{pk}/surat/")
    assert response.status_code == 302 and response["Location"] == f"{CONSOLE_LIST}{pk}/"


# --- The list: most urgent first ------------------------------------------------------------


def test_open_objections_come_first_the_overdue_at_the_top(opd_a, opd_b, in_opd, atasan_console):
    today = timezone.localdate()
    made = [
        file_directly(*opd_request(opd, in_opd, decided_on=today)).objection
        for opd in (opd_a, opd_b, opd_a)
    ]
    answered, later, overdue = made
    objections.answer_objection(
        objection=answered,
        by=get_user_model().objects.get(username="sekda"),
        outcome="ditolak",
        response="Ditolak.",
    )
    PemdaObjection.objects.filter(pk=overdue.pk).update(due_date=today - datetime.timedelta(10))
    text = atasan_console.get(CONSOLE_LIST).content.decode()
    positions = [text.index(objection.number) for objection in (overdue, later, answered)]
    assert positions == sorted(positions)
    assert "terlambat" in text
    assert "2 keberatan menunggu tanggapan" in text


def test_the_console_pages_cost_a_fixed_number_of_queries(
    opd_a, opd_b, in_opd, atasan_console, django_assert_max_num_queries
):
    def pages():
        atasan_console.get(CONSOLE_LIST)
        return atasan_console.get(f"{CONSOLE_LIST}{PemdaObjection.objects.first().pk}/")

    file_directly(*opd_request(opd_a, in_opd, decided_on=timezone.localdate()))
    with django_assert_max_num_queries(40) as few:
        pages()
    for opd in (opd_a, opd_b, opd_b, opd_a):
        file_directly(*opd_request(opd, in_opd, decided_on=timezone.localdate()))
    with django_assert_max_num_queries(len(few.captured_queries)):
        pages()


def test_the_portal_pages_cost_a_fixed_number_of_queries(
    opd_a, in_opd, portal_client, django_assert_max_num_queries
):
    number, code = opd_request(opd_a, in_opd, decided_on=timezone.localdate())
    objection = file_directly(number, code)
    with django_assert_max_num_queries(8):
        assert portal_client.get(FORM).status_code == 200
    with django_assert_max_num_queries(10):
        portal_client.post(
            TRACK, {"number": objection.objection.number, "code": objection.tracking_code}
        )
    other, other_code = opd_request(opd_a, in_opd, decided_on=timezone.localdate())
    # A filing: the request found in its OPD's schema, the number, the row, the audit event,
    # the Atasan PPID's e-mail and the session: about 30 statements, most with their own SET
    # search_path.
    with django_assert_max_num_queries(62):
        assert portal_client.post(FORM, objection_data(other, other_code)).status_code == 302


def test_the_pages_read_in_indonesian(opd_a, in_opd, atasan_console, portal_client):
    objection = file_directly(*opd_request(opd_a, in_opd, decided_on=timezone.localdate()))
    pk = objection.objection.pk
    pages = [CONSOLE_LIST, f"{CONSOLE_LIST}{pk}/", f"{CONSOLE_LIST}{pk}/tanggapi/"]
    found = {}
    for url in pages:
        parser = VisibleText()
        parser.feed(atasan_console.get(url).content.decode())
        found[url] = english_on(" ".join(parser.parts))
    atasan_console.post(f"{CONSOLE_LIST}{pk}/tanggapi/", {"outcome": "diterima", "response": "Ya."})
    for url, response in (
        (f"{CONSOLE_LIST}{pk}/surat/", atasan_console.get(f"{CONSOLE_LIST}{pk}/surat/")),
        (FORM, portal_client.get(FORM)),
        (
            TRACK,
            portal_client.post(
                TRACK, {"number": objection.objection.number, "code": objection.tracking_code}
            ),
        ),  # fmt: skip
    ):
        parser = VisibleText()
        parser.feed(response.content.decode())
        found[url] = english_on(" ".join(parser.parts))
    assert {url: words for url, words in found.items() if words} == {}


def test_the_console_home_leads_the_ppid_roles_to_the_objections(
    opd_a, in_opd, atasan_console, utama_console, bystander
):
    file_directly(*opd_request(opd_a, in_opd, decided_on=timezone.localdate()))
    for client in (atasan_console, utama_console):
        home = client.get("/admin/").content.decode()
        assert CONSOLE_LIST in home and "1 menunggu tanggapan" in home
    assert CONSOLE_LIST not in bystander.get("/admin/").content.decode()
