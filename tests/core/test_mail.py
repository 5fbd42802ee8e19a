"""Every e-mail is a template pair sent through core.mail, which survives a mail server that is
down and never writes a message's content into the log."""

import dataclasses
import datetime
import logging
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.template import engines
from django.utils import timezone

from console.activity import opd_activity
from core.mail import queue_mail, render_mail
from guard.models import ContentHold
from guard.services import inspect_html
from news.models import Article
from ppid.models import InformationRequest, Objection
from tests.factories import point_mail_at_a_closed_port
from tests.mainsite.helpers import index_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def greeting(settings, tmp_path):
    """A template pair of our own, found before the project's templates."""
    folder = tmp_path / "uji" / "email"
    folder.mkdir(parents=True)
    (folder / "greeting_subject.txt").write_text(
        "{% load i18n %}\n  {% blocktranslate %}Salam untuk {{ name }}{% endblocktranslate %}\n\n"
    )
    (folder / "greeting_body.txt").write_text(
        "{% load i18n %}{% blocktranslate %}Yth. {{ name }},{% endblocktranslate %}\n\n"
        "{{ note }}\n\n"
    )
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]
    return "uji/email/greeting"


def test_subject_and_body_come_from_the_template_pair_as_plain_text(greeting, run_tasks):
    queued = queue_mail(
        template=greeting,
        context={"name": "Siti O'Brien & <Keluarga>", "note": "Rapat pukul 09.00 & 13.00"},
        to=["siti@example.org"],
        reply_to=["ppid@alpha.example.org"],
        attachments=[("surat.txt", "isi surat", "text/plain")],
    )
    assert queued is not None and mail.outbox == []
    assert run_tasks() == {"succeeded": 1}
    [message] = mail.outbox
    assert message.subject == "Salam untuk Siti O'Brien & <Keluarga>"
    assert message.body == "Yth. Siti O'Brien & <Keluarga>,\n\nRapat pukul 09.00 & 13.00\n"
    assert message.from_email == django_settings.DEFAULT_FROM_EMAIL
    assert message.to == ["siti@example.org"]
    assert message.reply_to == ["ppid@alpha.example.org"]
    assert message.attachments == [("surat.txt", "isi surat", "text/plain")]


def test_a_sent_message_keeps_only_its_record(greeting, run_tasks):
    queued = queue_mail(
        template=greeting,
        context={"name": "Siti Rahayu", "note": "NIK 3273011501900001"},
        to=["siti@example.org"],
        attachments=[("ktp.txt", "3273011501900001", "text/plain")],
    )
    run_tasks()
    queued.refresh_from_db()
    assert queued.sent_at is not None
    assert (queued.body, queued.to, queued.attachments.count()) == ("", [], 0)
    assert queued.subject == "Salam untuk Siti Rahayu" and queued.template == greeting


def test_the_queue_carries_only_the_message_id_and_its_schema(greeting, opd_a, in_opd, task_queue):
    with in_opd(opd_a):
        queued = queue_mail(
            template=greeting, context={"name": "Siti", "note": "-"}, to=["siti@example.org"]
        )
    [job] = task_queue.jobs.values()
    assert job["task_name"] == "core.mail.deliver_mail"
    assert job["args"] == {"schema": opd_a.schema_name, "mail_id": queued.pk}


def test_nobody_to_mail_sends_nothing(greeting, task_queue):
    context = {"name": "Siti", "note": "-"}
    assert queue_mail(template=greeting, context=context, to=[]) is None
    assert queue_mail(template=greeting, context=context, to=[""]) is None
    assert task_queue.jobs == {}


def test_a_mail_server_that_is_down_is_retried_with_back_off_and_never_logs_the_content(
    greeting, settings, caplog, run_tasks, task_queue
):
    point_mail_at_a_closed_port(settings)
    queued = queue_mail(
        template=greeting,
        context={"name": "Siti Rahayu", "note": "NIK 3273011501900001"},
        to=["siti@example.org", "ppid@alpha.example.org"],
    )
    with caplog.at_level(logging.INFO):
        assert run_tasks() == {"todo": 1}
    [job] = task_queue.jobs.values()
    assert job["attempts"] == 1
    wait = job["scheduled_at"] - timezone.now()
    assert datetime.timedelta(seconds=3) < wait <= datetime.timedelta(seconds=5)
    assert (
        f"Could not send the uji/email/greeting e-mail #{queued.pk} to 2 recipient(s): "
        "ConnectionRefusedError" in caplog.text
    )
    for personal in ("Siti Rahayu", "3273011501900001", "siti@example.org"):
        assert personal not in caplog.text
    queued.refresh_from_db()
    assert queued.sent_at is None and queued.to


# Words an untranslated or half-translated English template would leave behind.
ENGLISH = re.compile(
    r"\b(the|and|of|to|is|are|for|with|your|you|dear|please|request|reminder|account|"
    r"password|click|here|regards|sincerely|thanks?|hello|has|been|was|held|sent)\b",
    re.IGNORECASE,
)
SPAM_BODY = (
    '<p>Rapat koordinasi.</p><p><span style="font-size:0px">'
    '<a href="https://gacor88.example/">slot gacor maxwin</a></span></p>'
)


def email_templates() -> set[str]:
    """Every `<app>/email/<name>` pair in the project's template folders (partials excluded)."""
    names = set()
    for folder in engines["django"].template_dirs:
        for body in Path(folder).glob("*/email/*_body.txt"):
            names.add(str(body.relative_to(folder)).removesuffix("_body.txt"))
    return names


@pytest.fixture
def realistic_mails(opd_a):
    """(template, context) for every e-mail, filled the way its call site fills it."""
    index_article(opd_a, 1, "Rapat banjir", days_ago=45)
    barely_active = next(row for row in opd_activity() if row.opd == opd_a)
    request = InformationRequest(
        number="ALPHA/PPID/2026/0007",
        applicant_name="Siti Nur'aini",
        email="siti@example.org",
        received_at=timezone.make_aware(datetime.datetime(2026, 3, 2, 10)),
        due_date=datetime.date(2026, 3, 16),
        status=InformationRequest.Status.REFUSED,
        notice="Informasi yang Anda minta memuat data pribadi & rahasia negara.",
        refusal_ground=InformationRequest.RefusalGround.EXCLUDED,
        refusal_basis="Pasal 17 huruf h; uji konsekuensi terlampir.",
        extension_days=5,
        extension_reason="Dokumen tersimpan di gudang arsip.",
    )
    granted = InformationRequest(
        number="ALPHA/PPID/2026/0008",
        applicant_name="Budi Santoso",
        status=InformationRequest.Status.GRANTED,
        notice="Dokumen terlampir.",
    )
    objection = Objection(
        request=request,
        number="ALPHA/PPID/KEB/2026/0001",
        due_date=datetime.date(2026, 5, 4),
        outcome=Objection.Outcome.REJECTED,
        response="Pengecualian informasi tetap berlaku.",
    )
    findings = inspect_html(SPAM_BODY, allowed_domains=["go.id"])
    hold = ContentHold(
        pk=41,
        opd=opd_a,
        kind=Article.guard_kind,
        title="Rapat koordinasi penanggulangan banjir rob di pesisir utara Kota Uji tahun 2026",
        findings=[finding.as_dict() for finding in findings],
    )
    ppid = {"opd": opd_a, "ppid_url": "http://alpha.localhost/ppid/"}
    user = get_user_model()(username="sari@alpha.example.org", first_name="Sari", last_name="Dewi")
    reminder = {"opd": opd_a, "admin_url": "http://alpha.localhost/admin/"}
    never_published = dataclasses.replace(barely_active, last_published_at=None)
    staff_url = "http://alpha.localhost/admin/ppid/informationrequest/7/change/"
    reviewer = get_user_model()(username="kepala", first_name="Rina", last_name="Wulandari")
    article = Article(
        title="Jadwal pemadaman bergilir",
        author=user,
        status=Article.Status.REVIEW,
        review_note="Tambahkan sumber dari PLN & jam per wilayah.",
        published_at=timezone.make_aware(datetime.datetime(2026, 12, 3, 8)),
    )
    article_url = "http://alpha.localhost/admin/news/article/3/change/"
    assert barely_active.last_published_at is not None
    return [
        (
            "ppid/email/request_receipt",
            {
                **ppid,
                "request": request,
                "code": "K7QM-2PXD-9RTA",
                "track_url": "http://alpha.localhost/ppid/permohonan/lacak/",
            },
        ),
        ("ppid/email/extension_notice", {**ppid, "request": request}),
        (
            "ppid/email/decision",
            {**ppid, "request": request, "objection_url": "http://alpha.localhost/ppid/keberatan/"},
        ),
        (
            "ppid/email/decision",
            {**ppid, "request": granted, "objection_url": "http://alpha.localhost/ppid/keberatan/"},
        ),
        (
            "ppid/email/objection_receipt",
            {
                **ppid,
                "objection": objection,
                "code": "H3WN-8CVB-4LEK",
                "track_url": "http://alpha.localhost/ppid/keberatan/lacak/",
            },
        ),
        ("ppid/email/objection_answer", {**ppid, "objection": objection}),
        (
            "guard/email/hold_opd",
            {"hold": hold, "console_url": "http://localhost/admin/guard/contenthold/41/change/"},
        ),
        (
            "guard/email/hold_kominfo",
            {"hold": hold, "console_url": "http://localhost/admin/guard/contenthold/41/change/"},
        ),
        (
            "accounts/email/invitation",
            {
                "opd": opd_a,
                "user": user,
                "set_password_url": "http://alpha.localhost/admin/atur-sandi/MQ/c5x-0a1b2c/",
                "admin_url": "http://alpha.localhost/admin/",
            },
        ),
        (
            "accounts/email/password_reset",
            {
                "user": user,
                "site_name": opd_a.name,
                "set_password_url": "http://alpha.localhost/admin/atur-sandi/MQ/c5x-0a1b2c/",
                "login_url": "http://alpha.localhost/admin/",
            },
        ),
        (
            "accounts/email/password_reset",
            {
                "user": user,
                "site_name": None,
                "set_password_url": "http://localhost/admin/atur-sandi/MQ/c5x-0a1b2c/",
                "login_url": None,
            },
        ),
        *(
            (
                f"ppid/email/{template}",
                {**ppid, "request": request, "days_left": days_left, "url": staff_url},
            )
            for template in ("staff_new_request", "staff_request_deadline")
            for days_left in (2, 0)
        ),
        *(
            (
                f"ppid/email/{template}",
                {**ppid, "objection": objection, "days_left": days_left, "url": staff_url},
            )
            for template in ("staff_new_objection", "staff_objection_deadline")
            for days_left in (2, 0)
        ),
        *(
            (
                f"news/email/{template}",
                {"article": article, "by": reviewer, "opd": opd_a, "url": article_url},
            )
            for template in ("review_requested", "sent_back", "published")
        ),
        *pemda_ppid_mails(opd_a),
        ("console/email/reminder", {**reminder, "activity": barely_active}),
        ("console/email/reminder", {**reminder, "activity": never_published}),
    ]


def pemda_ppid_mails(opd) -> list:
    """The pemda-level PPID's mails (ppidutama): to a citizen who asked PPID Utama, and to the
    Atasan PPID."""
    from pemda.models import PemdaIdentity
    from ppidutama.models import HeldApplicant, PemdaObjection, PemdaRequest

    pemda = PemdaIdentity(name="Pemerintah Kota Uji", region_name="Kota Uji")
    request = PemdaRequest(
        number="PEMDA/PPID/2026/0004",
        received_at=timezone.make_aware(datetime.datetime(2026, 3, 2, 10)),
        due_date=datetime.date(2026, 3, 16),
        decision="ditolak",
        refusal_ground="pasal_17",
        notice="Informasi yang Anda minta dikecualikan.",
    )
    applicant = HeldApplicant(applicant_name="Siti Nur'aini", email="siti@example.org")
    objection = PemdaObjection(
        number="PEMDA/PPID/KEB/2026/0002",
        request_number="PEMDA/PPID/2026/0004",
        opd=opd,
        ground="a",
        due_date=datetime.date(2026, 5, 4),
    )
    track_url = "http://localhost/ppid/lacak/"
    console_url = "http://localhost/admin/keberatan-pemda/2/"
    return [
        (
            "ppidutama/email/receipt",
            {
                "pemda": pemda,
                "request": request,
                "applicant": applicant,
                "code": "K7QM-2PXD-9RTA",
                "track_url": track_url,
            },
        ),
        (
            "ppidutama/email/decision",
            {"pemda": pemda, "request": request, "applicant": applicant, "track_url": track_url},
        ),
        (
            "ppidutama/email/decision",
            {"pemda": None, "request": request, "applicant": applicant, "track_url": track_url},
        ),
        ("ppidutama/email/objection_new", {"objection": objection, "url": console_url}),
        *(
            (
                "ppidutama/email/objection_deadline",
                {"objection": objection, "days_left": days_left, "url": console_url},
            )
            for days_left in (2, 0)
        ),
    ]


def test_every_email_reads_as_indonesian_plain_text(realistic_mails, monkeypatch):
    assert {template for template, _context in realistic_mails} == email_templates()
    # A variable the template names but the context lacks shows up instead of vanishing.
    monkeypatch.setattr(engines["django"].engine, "string_if_invalid", "<TIDAK ADA %s>")
    for template, context in realistic_mails:
        subject, body = render_mail(template, context)
        text = f"{subject}\n{body}"
        readable = re.sub(r"\S+@\S+|https?://\S+", "", text)
        assert subject and "\n" not in subject, template
        assert body.startswith("Yth.") or "kominfo" in template, template
        assert body.endswith("\n") and not body.endswith("\n\n"), template
        assert "\n\n\n" not in body, template
        for leftover in ("{{", "}}", "{%", "%}", "{#", "%(", "<TIDAK ADA", "None", "&#", "&amp;"):
            assert leftover not in text, (template, leftover, text)
        assert not ENGLISH.findall(readable), (template, ENGLISH.findall(readable), text)
    receipt = render_mail(*realistic_mails[0])[1]
    assert "Yth. Siti Nur'aini," in receipt
    assert "Tanggal diterima: 2 Maret 2026" in receipt
    assert "Kode pelacakan: K7QM-2PXD-9RTA\n" in receipt
    reminder = render_mail(*realistic_mails[-2])[1]
    last = timezone.localtime(realistic_mails[-2][1]["activity"].last_published_at)
    assert f"Berita terakhir terbit: {last:%d-%m-%Y}." in reminder
    assert "Berita terakhir terbit: belum pernah." in render_mail(*realistic_mails[-1])[1]
