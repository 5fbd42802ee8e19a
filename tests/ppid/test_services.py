import datetime
import logging

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from ppid import services
from ppid.models import (
    InformationRequest,
    Objection,
    RegistrationCounter,
    RequestEvent,
    hash_tracking_code,
)
from tests.factories import point_mail_at_a_closed_port
from tests.ppid.conftest import petugas, submit, token
from workdays.counting import add_working_days

pytestmark = pytest.mark.django_db
Status = InformationRequest.Status


def test_submission_gets_number_deadline_hashed_code_and_receipt_mail(opd_a, in_opd, run_tasks):
    with in_opd(opd_a):
        first = submit(opd_a)
        second = submit(opd_a)
    assert run_tasks() == {"succeeded": 4}  # each: the receipt, the staff's notice
    year = timezone.localdate().year
    assert first.record.number == f"ALPHA/PPID/{year}/0001"
    assert second.record.number == f"ALPHA/PPID/{year}/0002"
    request = first.record
    assert request.status == Status.RECEIVED
    assert request.due_date == add_working_days(timezone.localdate(), 10)
    assert request.tracking_code_hash == hash_tracking_code(first.tracking_code)
    assert first.tracking_code not in request.tracking_code_hash
    assert request.check_tracking_code(first.tracking_code)
    assert request.check_tracking_code(first.tracking_code.lower().replace("-", ""))
    assert not request.check_tracking_code("AAAA-BBBB-CCCC")
    receipt = mail.outbox[0]
    assert receipt.to == ["budi@example.org"]
    assert request.number in receipt.body
    assert first.tracking_code in receipt.body
    assert "Dinas Alpha Kota Uji" in receipt.body


def test_a_request_is_registered_when_the_mail_server_is_down(
    opd_a, in_opd, settings, caplog, run_tasks, task_queue
):
    point_mail_at_a_closed_port(settings)
    with caplog.at_level(logging.INFO), in_opd(opd_a):
        submission = submit(opd_a)
        # The receipt and the staff's notice, both to be tried again, later.
        assert run_tasks() == {"todo": 2}
        assert InformationRequest.objects.filter(pk=submission.record.pk).exists()
    assert [job["attempts"] for job in task_queue.jobs.values()] == [1, 1]
    assert "ppid/email/request_receipt" in caplog.text
    for personal in ("budi@example.org", "Budi Santoso", submission.tracking_code):
        assert personal not in caplog.text
    assert submission.tracking_code not in str(list(task_queue.jobs.values()))


def test_the_same_form_token_never_registers_twice(opd_a, in_opd):
    with in_opd(opd_a):
        same = token()
        first = submit(opd_a, submission_token=same)
        with pytest.raises(services.DuplicateSubmission) as duplicate:
            submit(opd_a, submission_token=same)
        assert duplicate.value.record == first.record
        assert InformationRequest.objects.count() == 1
        assert RegistrationCounter.objects.get().last_number == 1


def test_a_failed_submission_gives_its_number_back(opd_a, in_opd):
    with in_opd(opd_a):
        submit(opd_a)
        with pytest.raises(ValidationError):
            submit(opd_a, email="bukan-email")
        assert submit(opd_a).record.sequence == 2
        assert InformationRequest.objects.count() == 2


def test_numbers_are_per_opd(opd_a, opd_b, in_opd):
    with in_opd(opd_a):
        submit(opd_a)
        submit(opd_a)
    with in_opd(opd_b):
        assert submit(opd_b).record.number.endswith("/0001")
        assert submit(opd_b).record.number.startswith("BETA/PPID/")


def test_status_changes_are_audited_as_a_timeline(opd_a, in_opd, run_tasks):
    with in_opd(opd_a):
        user = petugas(first_name="Sri", last_name="Wahyuni")
        request = submit(opd_a).record
        services.start_processing(request=request, by=user, note="Dicari di arsip")
        services.extend_request(
            opd=opd_a, request=request, by=user, days=5, reason="Dokumen di gudang arsip"
        )
        services.respond_to_request(
            opd=opd_a,
            request=request,
            by=user,
            decision=Status.PARTIALLY_GRANTED,
            notice="Sebagian dokumen kami kirim; data pribadi dihitamkan.",
        )
        events = list(RequestEvent.objects.filter(request=request))
    assert [(e.from_status, e.to_status) for e in events] == [
        ("", Status.RECEIVED),
        (Status.RECEIVED, Status.PROCESSING),
        (Status.PROCESSING, Status.EXTENDED),
        (Status.EXTENDED, Status.PARTIALLY_GRANTED),
    ]
    assert events[1].by_id == user.pk and events[1].by_name == "Sri Wahyuni"
    assert events[1].note == "Dicari di arsip"
    assert events[0].by_id is None
    assert all(e.at for e in events)
    run_tasks()
    subjects = [m.subject for m in mail.outbox]
    assert any("Perpanjangan" in s for s in subjects)
    decision = next(m for m in mail.outbox if "Pemberitahuan tertulis" in m.subject)
    assert "data pribadi dihitamkan" in decision.body
    assert "keberatan" in decision.body


def test_extension_adds_at_most_seven_working_days_once(opd_a, in_opd):
    with in_opd(opd_a):
        user = petugas()
        request = submit(opd_a).record
        original_due = request.due_date
        with pytest.raises(ValidationError):
            services.extend_request(opd=opd_a, request=request, by=user, days=8, reason="x")
        with pytest.raises(ValidationError):
            services.extend_request(opd=opd_a, request=request, by=user, days=3, reason=" ")
        request = services.extend_request(
            opd=opd_a, request=request, by=user, days=7, reason="Perlu koordinasi"
        )
        assert request.due_date == add_working_days(original_due, 7)
        assert request.status == Status.EXTENDED
        with pytest.raises(ValidationError, match="satu kali"):
            services.extend_request(opd=opd_a, request=request, by=user, days=1, reason="lagi")


def test_extension_after_the_deadline_is_refused(opd_a, in_opd):
    with in_opd(opd_a):
        user = petugas()
        request = submit(opd_a).record
        InformationRequest.objects.filter(pk=request.pk).update(
            due_date=timezone.localdate() - datetime.timedelta(days=1)
        )
        with pytest.raises(ValidationError, match="terlewati"):
            services.extend_request(opd=opd_a, request=request, by=user, days=3, reason="x")


def test_refusal_requires_a_legal_ground_and_closes_the_request(opd_a, in_opd):
    with in_opd(opd_a):
        user = petugas()
        request = submit(opd_a).record
        with pytest.raises(ValidationError) as error:
            services.respond_to_request(
                opd=opd_a, request=request, by=user, decision=Status.REFUSED, notice="Ditolak."
            )
        assert set(error.value.message_dict) == {"refusal_ground", "refusal_basis"}
        request = services.respond_to_request(
            opd=opd_a,
            request=request,
            by=user,
            decision=Status.REFUSED,
            notice="Ditolak.",
            refusal_ground=InformationRequest.RefusalGround.EXCLUDED,
            refusal_basis="Pasal 17 huruf a; uji konsekuensi 2 Januari 2026.",
        )
        assert request.status == Status.REFUSED and request.decided_at
        with pytest.raises(ValidationError, match="sudah diputuskan"):
            services.respond_to_request(
                opd=opd_a, request=request, by=user, decision=Status.GRANTED, notice="x"
            )
        with pytest.raises(ValidationError):
            services.start_processing(request=request, by=user)


def test_days_left_and_overdue(opd_a, in_opd):
    with in_opd(opd_a):
        request = submit(opd_a).record
        today = datetime.date(2026, 3, 17)
        request.due_date = datetime.date(2026, 4, 8)
        assert request.days_left(today) == 10
        assert not request.is_overdue(today)
        assert request.days_left(datetime.date(2026, 4, 10)) == -2
        assert request.is_overdue(datetime.date(2026, 4, 9))


def decide(opd, request, user, when=None):
    request = services.respond_to_request(
        opd=opd, request=request, by=user, decision=Status.NOT_HELD, notice="Tidak dikuasai."
    )
    if when is not None:
        InformationRequest.objects.filter(pk=request.pk).update(decided_at=when)
        request.refresh_from_db()
    return request


def test_objection_within_thirty_working_days_is_registered(opd_a, in_opd, run_tasks):
    with in_opd(opd_a):
        request = decide(opd_a, submit(opd_a).record, petugas())
        submission = services.file_objection(
            opd=opd_a,
            request=request,
            ground="e",
            reason="Saya tahu dokumennya ada.",
            submission_token=token(),
        )
    objection = submission.record
    year = timezone.localdate().year
    assert objection.number == f"ALPHA/PPID/KEB/{year}/0001"
    assert objection.due_date == add_working_days(timezone.localdate(), 30)
    assert objection.check_tracking_code(submission.tracking_code)
    run_tasks()
    assert any(submission.tracking_code in m.body for m in mail.outbox)


def test_objection_deadline_counts_from_the_decision(opd_a, in_opd):
    with in_opd(opd_a):
        request = submit(opd_a).record
        request.decided_at = timezone.make_aware(datetime.datetime(2026, 7, 1, 10))
        assert request.objection_deadline() == datetime.date(2026, 8, 12)


def test_late_objection_is_refused_clearly(opd_a, in_opd):
    with in_opd(opd_a):
        long_ago = timezone.now() - datetime.timedelta(days=90)
        request = decide(opd_a, submit(opd_a).record, petugas(), when=long_ago)
        with pytest.raises(ValidationError, match="telah lewat"):
            services.file_objection(
                opd=opd_a, request=request, ground="a", reason="x", submission_token=token()
            )
        assert not Objection.objects.exists()
        assert not RegistrationCounter.objects.filter(kind="keberatan", last_number__gt=0).exists()


def test_objection_on_a_request_still_within_its_deadline_is_refused(opd_a, in_opd):
    with in_opd(opd_a):
        request = submit(opd_a).record
        with pytest.raises(ValidationError, match="masih diproses"):
            services.file_objection(
                opd=opd_a, request=request, ground="c", reason="x", submission_token=token()
            )


def test_objection_after_a_missed_deadline_counts_from_that_deadline(opd_a, in_opd):
    with in_opd(opd_a):
        request = submit(opd_a).record
        missed = timezone.localdate() - datetime.timedelta(days=3)
        InformationRequest.objects.filter(pk=request.pk).update(due_date=missed)
        request.refresh_from_db()
        assert request.objection_deadline() == add_working_days(missed, 30)
        objection = services.file_objection(
            opd=opd_a,
            request=request,
            ground="c",
            reason="Tidak ditanggapi",
            submission_token=token(),
        ).record
        assert objection.ground == "c"
        with pytest.raises(ValidationError, match="masih diproses"):
            services.file_objection(
                opd=opd_a, request=request, ground="g", reason="x", submission_token=token()
            )
        InformationRequest.objects.filter(pk=request.pk).update(
            due_date=timezone.localdate() - datetime.timedelta(days=80)
        )
        with pytest.raises(ValidationError, match="telah lewat"):
            services.file_objection(
                opd=opd_a, request=request, ground="g", reason="x", submission_token=token()
            )


def test_answering_an_objection(opd_a, in_opd, run_tasks):
    with in_opd(opd_a):
        user = petugas()
        request = decide(opd_a, submit(opd_a).record, user)
        objection = services.file_objection(
            opd=opd_a, request=request, ground="e", reason="x", submission_token=token()
        ).record
        with pytest.raises(ValidationError):
            services.answer_objection(
                opd=opd_a, objection=objection, by=user, outcome="diterima", response=""
            )
        objection = services.answer_objection(
            opd=opd_a,
            objection=objection,
            by=user,
            outcome="diterima",
            response="Keberatan diterima; dokumen diberikan.",
        )
        run_tasks()
        assert objection.status == Objection.Status.ANSWERED
        assert objection.answered_by == user
        assert "Komisi Informasi" in mail.outbox[-1].body
        with pytest.raises(ValidationError, match="sudah ditanggapi"):
            services.answer_objection(
                opd=opd_a, objection=objection, by=user, outcome="ditolak", response="x"
            )
