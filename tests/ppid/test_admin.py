import csv
import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ppid import services
from ppid.models import InformationRequest, Objection, PublicInformation
from tests.ppid.conftest import (
    EXE_BYTES,
    JAVASCRIPT_PDF,
    PDF_BYTES,
    PNG_BYTES,
    petugas,
    submit,
    token,
)

pytestmark = pytest.mark.django_db
ADMIN = "/admin/ppid/informationrequest/"


@pytest.fixture
def officer(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        user = petugas(first_name="Sri", last_name="Wahyuni")
        client_a.force_login(user)
    return user


def test_news_operators_get_403_on_ppid_admin(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        user = petugas("berita", role="Operator Berita")
        request = submit(opd_a).record
        client_a.force_login(user)
    for url in (
        ADMIN,
        f"{ADMIN}{request.pk}/change/",
        f"{ADMIN}{request.pk}/tanggapi/",
        f"{ADMIN}{request.pk}/berkas/identitas/",
        f"{ADMIN}laporan-tahunan/",
        "/admin/ppid/publicinformation/",
    ):
        assert client_a.get(url).status_code == 403, url


def test_admin_opd_role_can_work_on_requests(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        user = petugas("kepala", role="Admin OPD")
        client_a.force_login(user)
    assert client_a.get(ADMIN).status_code == 200


def test_request_list_shows_days_left_overdue_first_without_n_plus_one(
    opd_a, in_opd, client_a, officer
):
    with in_opd(opd_a):
        fresh = submit(opd_a).record
        late = submit(opd_a).record
        closed = submit(opd_a).record
        InformationRequest.objects.filter(pk=late.pk).update(
            due_date=timezone.localdate() - datetime.timedelta(days=10)
        )
        services.respond_to_request(
            opd=opd_a, request=closed, by=officer, decision="dikabulkan_seluruhnya", notice="Ok"
        )
    response = client_a.get(ADMIN)
    rows = list(response.context["cl"].result_list)
    assert [r.pk for r in rows] == [late.pk, fresh.pk, closed.pk]
    html = response.content.decode()
    assert "terlambat" in html
    with CaptureQueriesContext(connection) as few:
        client_a.get(ADMIN)
    with in_opd(opd_a):
        for _ in range(10):
            submit(opd_a)
    with CaptureQueriesContext(connection) as many:
        assert client_a.get(ADMIN).status_code == 200
    assert len(many) == len(few)  # no query per row


def test_operator_processes_extends_and_decides_with_a_timeline(
    opd_a, in_opd, client_a, officer, django_capture_on_commit_callbacks, run_tasks, storage_backend
):
    with in_opd(opd_a):
        request = submit(opd_a).record
    assert client_a.post(f"{ADMIN}{request.pk}/proses/", {"note": "Cek arsip"}).status_code == 302
    response = client_a.post(f"{ADMIN}{request.pk}/perpanjang/", {"days": 9, "reason": "x"})
    assert response.status_code == 200  # more than 7 days: form error
    assert (
        client_a.post(
            f"{ADMIN}{request.pk}/perpanjang/", {"days": 7, "reason": "Koordinasi bidang"}
        ).status_code
        == 302
    )
    response = client_a.post(
        f"{ADMIN}{request.pk}/tanggapi/", {"decision": "ditolak", "notice": "Ditolak."}
    )
    assert response.status_code == 200
    assert "alasan" in response.content.decode().lower()
    attachment = SimpleUploadedFile("surat.pdf", PDF_BYTES)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(
            f"{ADMIN}{request.pk}/tanggapi/",
            {
                "decision": "ditolak",
                "notice": "Permohonan ditolak.",
                "refusal_ground": "pasal_17",
                "refusal_basis": "Pasal 17 huruf b; uji konsekuensi 5 Januari 2026",
                "attachment": attachment,
            },
        )
    assert response.status_code == 302
    page = client_a.get(f"{ADMIN}{request.pk}/change/").content.decode()
    assert page.count("Sri Wahyuni") >= 3
    for text in ("Cek arsip", "Koordinasi bidang", "Diperpanjang", "Ditolak"):
        assert text in page
    assert run_tasks() == {"succeeded": 4}  # receipt, staff notice, extension, decision
    assert mail.outbox[-1].attachments[0][1] == PDF_BYTES
    download = client_a.get(f"{ADMIN}{request.pk}/berkas/lampiran/")
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_id_scan_is_served_only_to_ppid_staff(
    opd_a, in_opd, client_a, client_b, officer, storage_backend
):
    with in_opd(opd_a):
        request = submit(opd_a, id_scan=SimpleUploadedFile("ktp.png", PNG_BYTES)).record
    response = client_a.get(f"{ADMIN}{request.pk}/berkas/identitas/")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PNG_BYTES
    client_a.logout()
    assert client_a.get(f"{ADMIN}{request.pk}/berkas/identitas/").status_code == 302
    assert client_b.get(f"{ADMIN}{request.pk}/berkas/identitas/").status_code == 302


def test_mark_processing_admin_action(opd_a, in_opd, client_a, officer):
    with in_opd(opd_a):
        request = submit(opd_a).record
    client_a.post(ADMIN, {"action": "mark_processing", "_selected_action": [request.pk]})
    with in_opd(opd_a):
        request.refresh_from_db()
        assert request.status == "diproses"
        assert request.events.last().by_id == officer.pk


def test_objection_is_answered_from_the_admin(opd_a, in_opd, client_a, officer):
    with in_opd(opd_a):
        request = services.respond_to_request(
            opd=opd_a,
            request=submit(opd_a).record,
            by=officer,
            decision="ditolak",
            notice="x",
            refusal_ground="pasal_6",
            refusal_basis="Pasal 6 ayat (3) huruf c",
        )
        objection = services.file_objection(
            opd=opd_a, request=request, ground="a", reason="y", submission_token=token()
        ).record
    assert client_a.get("/admin/ppid/objection/").status_code == 200
    url = f"/admin/ppid/objection/{objection.pk}/tanggapi/"
    response = client_a.post(url, {"outcome": "ditolak", "response": "Keberatan ditolak."})
    assert response.status_code == 302
    with in_opd(opd_a):
        assert Objection.objects.get().status == Objection.Status.ANSWERED


def dip_post(**overrides):
    data = {
        "number": "010",
        "title": "Rencana Kerja 2026",
        "year": 2026,
        "category": "berkala",
        "is_published": "on",
        "summary": "Renja",
        "holder": "Sekretariat",
        "responsible_person": "Kasubag Program",
        "produced_when": "Januari 2026",
        "produced_where": "Kantor",
        "available_format": "softcopy",
        "retention_period": "5 tahun",
        "link": "",
        "exclusion_legal_basis": "",
        "exclusion_consequence": "",
        "exclusion_tested_on": "",
    }
    data.update(overrides)
    return data


def test_dip_upload_checks_content_and_keeps_original_name(
    opd_a, in_opd, client_a, officer, storage_backend
):
    add = "/admin/ppid/publicinformation/add/"
    bad = client_a.post(add, dip_post(file=SimpleUploadedFile("renja.pdf", EXE_BYTES)))
    assert bad.status_code == 200 and "file" in bad.context["adminform"].form.errors
    big = SimpleUploadedFile("renja.pdf", b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024))
    too_big = client_a.post(add, dip_post(file=big))
    assert too_big.status_code == 200 and "melebihi" in str(
        too_big.context["adminform"].form.errors
    )
    with in_opd(opd_a):
        assert not PublicInformation.objects.exists()
    ok = client_a.post(add, dip_post(file=SimpleUploadedFile("Renja 2026.pdf", PDF_BYTES)))
    assert ok.status_code == 302
    with in_opd(opd_a):
        entry = PublicInformation.objects.get()
        assert entry.original_filename == "Renja 2026.pdf" and entry.file_type == "pdf"
    assert storage_backend.files() == {f"alpha/{entry.file.name}": PDF_BYTES}


def test_a_dip_document_with_javascript_is_refused(opd_a, in_opd, client_a, officer):
    add = "/admin/ppid/publicinformation/add/"
    response = client_a.post(add, dip_post(file=SimpleUploadedFile("renja.pdf", JAVASCRIPT_PDF)))
    assert response.status_code == 200
    assert "konten aktif (JavaScript)" in str(response.context["adminform"].form.errors["file"])
    with in_opd(opd_a):
        assert not PublicInformation.objects.exists()


def test_excluding_in_the_admin_requires_the_consequence_test(opd_a, in_opd, client_a, officer):
    response = client_a.post(
        "/admin/ppid/publicinformation/add/", dip_post(category="dikecualikan")
    )
    assert response.status_code == 200
    assert "exclusion_consequence" in response.context["adminform"].form.errors


def test_stale_periodic_information_is_flagged(opd_a, in_opd, client_a, officer):
    with in_opd(opd_a):
        from tests.ppid.test_public import make_entry

        old = make_entry(title="Laporan lama")
        make_entry(number="002", title="Laporan baru")
        PublicInformation.objects.filter(pk=old.pk).update(
            updated_at=timezone.now() - datetime.timedelta(days=200)
        )
        assert list(PublicInformation.objects.stale()) == [old]
    response = client_a.get("/admin/ppid/publicinformation/", {"usang": "ya"})
    assert [e.pk for e in response.context["cl"].result_list] == [old.pk]
    assert "belum diperbarui lebih dari 6 bulan" in response.content.decode()


def test_annual_report_html_and_csv(opd_a, in_opd, client_a, officer):
    with in_opd(opd_a):
        granted = submit(opd_a).record
        services.respond_to_request(
            opd=opd_a, request=granted, by=officer, decision="dikabulkan_seluruhnya", notice="Ok"
        )
        refused = submit(opd_a).record
        services.respond_to_request(
            opd=opd_a,
            request=refused,
            by=officer,
            decision="ditolak",
            notice="x",
            refusal_ground="pasal_17",
            refusal_basis="Pasal 17 huruf a",
        )
        submit(opd_a)
    year = timezone.localdate().year
    page = client_a.get(f"{ADMIN}laporan-tahunan/", {"tahun": year})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Pasal 56" in html and "Kendala eksternal dan internal" in html
    assert "<script>" not in html and " style=" not in html
    response = client_a.get(f"{ADMIN}laporan-tahunan/", {"tahun": year, "format": "csv"})
    rows = {r[0]: r[1:] for r in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))}
    assert rows["Permohonan diterima"][-1] == "3"
    assert rows["Dikabulkan seluruhnya"][-1] == "1"
    assert rows["Ditolak"][-1] == "1"
    assert rows["Ditolak: Informasi yang dikecualikan (Pasal 17 UU 14/2008)"][-1] == "1"
    assert rows["Masih diproses"][-1] == "1"
    assert rows["Rata-rata waktu pemberitahuan tertulis (hari kerja)"][-1] == "0.0"
    assert "laporan-ppid-alpha" in response["Content-Disposition"]
