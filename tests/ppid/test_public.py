import csv
import datetime
import io
import re
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from core import pagecache
from ppid.models import InformationRequest, Objection, PublicInformation
from tests.ppid.conftest import (
    EXE_BYTES,
    JAVASCRIPT_PDF,
    PDF_BYTES,
    VALID_REQUEST,
    image_bytes,
    petugas,
    png_declaring,
    submit,
    token,
)

pytestmark = pytest.mark.django_db


def make_entry(**fields):
    values = {
        "number": "001",
        "title": "Laporan Keuangan 2025",
        "summary": "Realisasi anggaran",
        "holder": "Sekretariat",
        "responsible_person": "Kasubag Keuangan",
        "produced_when": "Januari 2026",
        "produced_where": "Kantor Dinas",
        "retention_period": "5 tahun",
        "year": 2025,
        "category": PublicInformation.Category.PERIODIC,
    }
    values.update(fields)
    entry = PublicInformation(**values)
    entry.full_clean()
    entry.save()
    return entry


def excluded_entry(**fields):
    return make_entry(
        number="X01",
        title="Dokumen Penyelidikan Internal",
        category=PublicInformation.Category.EXCLUDED,
        exclusion_legal_basis="UU 14/2008 Pasal 17 huruf a",
        exclusion_consequence="Menghambat proses penegakan hukum",
        exclusion_tested_on=datetime.date(2026, 1, 5),
        **fields,
    )


def form_data(**overrides):
    data = {**VALID_REQUEST, "submission_token": token(), "website": ""}
    data.update(overrides)
    return data


# --- Daftar Informasi Publik -------------------------------------------------------------


def test_dip_groups_by_category_and_shows_excluded_only_with_its_reason(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_entry()
        make_entry(number="002", title="Profil Pejabat", category="setiap_saat")
        excluded_entry()
        make_entry(number="003", title="Draf tersembunyi", is_published=False)
    response = client_a.get("/ppid/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Informasi Berkala") < html.index("Informasi Tersedia Setiap Saat")
    assert html.index("Informasi Tersedia Setiap Saat") < html.index("Informasi Dikecualikan")
    assert "Dokumen Penyelidikan Internal" in html
    assert "Menghambat proses penegakan hukum" in html
    assert "Draf tersembunyi" not in html
    assert "<script>" not in html and " style=" not in html and " onclick" not in html


def test_dip_filters_by_year_category_and_search(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_entry()
        make_entry(number="002", title="Rencana Strategis", year=2024, category="setiap_saat")
    html = client_a.get("/ppid/", {"tahun": 2024}).content.decode()
    assert "Rencana Strategis" in html and "Laporan Keuangan" not in html
    html = client_a.get("/ppid/", {"kategori": "berkala"}).content.decode()
    assert "Laporan Keuangan" in html and "Rencana Strategis" not in html
    html = client_a.get("/ppid/", {"q": "strategis"}).content.decode()
    assert "Rencana Strategis" in html and "Laporan Keuangan" not in html
    assert client_a.get("/ppid/", {"tahun": "abc"}).status_code == 200


def ppid_queries(client, *args):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(*args).status_code == 200
    return [q["sql"] for q in captured.captured_queries if 'FROM "ppid_' in q["sql"]], len(captured)


def test_dip_query_count_is_fixed(opd_a, in_opd, client_a, django_assert_max_num_queries):
    with in_opd(opd_a):
        make_entry(number="000")
    client_a.get("/ppid/")  # warm the shared layout's caches (menu, banners)
    pagecache.invalidate(opd_a.schema_name)
    ppid_one, total_one = ppid_queries(client_a, "/ppid/")
    with in_opd(opd_a):
        for index in range(1, 13):
            make_entry(number=f"{index:03}", title=f"Informasi {index}")
        excluded_entry()
    ppid_many, total_many = ppid_queries(client_a, "/ppid/")
    # The page's own queries: the years of the filter and the entries, whatever their number.
    assert len(ppid_one) == len(ppid_many) == 2
    assert total_one == total_many
    # Domain lookup + 2 + what the shared layout needs (menu, banners).
    with django_assert_max_num_queries(6):
        assert client_a.get("/ppid/", {"q": "Informasi", "tahun": 2025}).status_code == 200


def test_the_cached_dip_follows_every_change_at_once(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        entry = make_entry()
    for path in ("/ppid/", "/ppid/dip.csv"):
        assert "Laporan Keuangan 2025" in client_a.get(path).content.decode()
        assert client_a.get(path).headers["X-Page-Cache"] == "hit"
    with in_opd(opd_a):
        make_entry(number="002", title="Rencana Strategis")
        entry.title = "Laporan Keuangan 2025 (revisi)"
        entry.save()
    for path in ("/ppid/", "/ppid/dip.csv"):
        body = client_a.get(path).content.decode()
        assert "Rencana Strategis" in body and "(revisi)" in body, path
    with in_opd(opd_a):
        entry.is_published = False
        entry.save()
    assert "Laporan Keuangan" not in client_a.get("/ppid/").content.decode()
    with in_opd(opd_a):
        PublicInformation.objects.filter(number="002").delete()
    assert "Rencana Strategis" not in client_a.get("/ppid/dip.csv").content.decode()


def test_one_opds_cached_dip_never_shows_on_another(opd_a, opd_b, in_opd, client_a, client_b):
    with in_opd(opd_a):
        make_entry(title="Hanya milik Alpha")
    assert "Hanya milik Alpha" in client_a.get("/ppid/").content.decode()
    assert "Hanya milik Alpha" not in client_b.get("/ppid/").content.decode()


def test_dip_csv_contains_all_seven_fields(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_entry(title='=HYPERLINK("http://jahat")')
        excluded_entry()
    response = client_a.get("/ppid/dip.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:9] == [
        "Nomor",
        "Judul",
        "Ringkasan isi informasi",
        "Pejabat/unit yang menguasai informasi",
        "Penanggung jawab pembuatan informasi",
        "Waktu pembuatan",
        "Tempat pembuatan",
        "Bentuk informasi",
        "Jangka waktu penyimpanan",
    ]
    assert len(rows) == 3
    assert rows[1][1].startswith("'=")  # no formula injection
    assert rows[2][12] == "UU 14/2008 Pasal 17 huruf a"
    same = client_a.get("/ppid/", {"format": "csv", "kategori": "dikecualikan"})
    assert len(list(csv.reader(io.StringIO(same.content.decode("utf-8-sig"))))) == 2


def test_document_download_uses_original_name_and_nosniff(opd_a, in_opd, client_a, storage_backend):
    with in_opd(opd_a):
        entry = make_entry(file=SimpleUploadedFile("Laporan Keuangan.pdf", PDF_BYTES))
        entry.original_filename = "Laporan Keuangan.pdf"
        entry.file_type = "pdf"
        entry.save()
        stored = entry.file.name
    assert stored.startswith("ppid/dokumen/") and "Laporan" not in stored
    assert f"alpha/{stored}" in storage_backend.files()
    response = client_a.get(f"/ppid/dokumen/{entry.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert 'filename="Laporan Keuangan.pdf"' in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"


def test_excluded_or_unpublished_entries_are_never_downloadable(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        excluded = excluded_entry()
        hidden = make_entry(number="009", is_published=False, link="https://contoh.go.id/a.pdf")
        # The database itself refuses a public file or link on an excluded entry.
        with pytest.raises(IntegrityError), transaction.atomic():
            PublicInformation.objects.filter(pk=excluded.pk).update(link="https://contoh.go.id/r")
    assert client_a.get(f"/ppid/dokumen/{excluded.pk}/").status_code == 404
    assert client_a.get(f"/ppid/dokumen/{hidden.pk}/").status_code == 404


def test_excluding_an_entry_requires_the_consequence_test(opd_a, in_opd):
    from django.core.exceptions import ValidationError

    with in_opd(opd_a):
        entry = PublicInformation(
            number="X9",
            title="t",
            summary="s",
            holder="h",
            responsible_person="r",
            produced_when="w",
            produced_where="p",
            retention_period="5",
            year=2026,
            category="dikecualikan",
            link="https://contoh.go.id/",
        )
        with pytest.raises(ValidationError) as error:
            entry.full_clean()
        assert {
            "exclusion_legal_basis",
            "exclusion_consequence",
            "exclusion_tested_on",
            "link",
        } <= set(error.value.message_dict)


def test_link_entries_redirect(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        entry = make_entry(link="https://jdih.contoh.go.id/perda-1.pdf")
    response = client_a.get(f"/ppid/dokumen/{entry.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "https://jdih.contoh.go.id/perda-1.pdf"


# --- Information requests -------------------------------------------------------------------


def test_request_form_renders_accessibly(client_a):
    response = client_a.get("/ppid/permohonan/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'autocomplete="email"' in html and 'autocomplete="tel"' in html
    assert 'for="id_applicant_name"' in html
    assert 'name="website"' in html and 'name="submission_token"' in html
    assert "<script>" not in html and " style=" not in html
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_request_form_radios_offer_only_real_choices(client_a):
    html = client_a.get("/ppid/permohonan/").content.decode()
    for name in ("obtain_method", "delivery_method"):
        values = re.findall(rf'name="{name}" value="([^"]*)"', html)
        assert values and "" not in values, (name, values)
    assert "---------" not in html
    response = client_a.post("/ppid/permohonan/", form_data(obtain_method=""))
    assert response.status_code == 200 and "obtain_method" in response.context["form"].errors


def test_submitting_a_request_shows_receipt_once_and_mails_it(opd_a, in_opd, client_a, run_tasks):
    response = client_a.post("/ppid/permohonan/", form_data())
    run_tasks()
    assert response.status_code == 302
    receipt = client_a.get(response["Location"])
    html = receipt.content.decode()
    with in_opd(opd_a):
        request = InformationRequest.objects.get()
    assert request.number in html
    assert "Kode pelacakan" in html
    code = mail.outbox[0].body.split("Kode pelacakan: ")[1].split()[0]
    assert code in html
    assert request.check_tracking_code(code)
    assert "no-store" in receipt["Cache-Control"]
    again = client_a.get("/ppid/permohonan/terkirim/")
    assert again.status_code == 302 and code not in again.content.decode()


def test_double_submit_registers_one_request(opd_a, in_opd, client_a):
    data = form_data()
    first = client_a.post("/ppid/permohonan/", data)
    second = client_a.post("/ppid/permohonan/", data)
    assert first.status_code == second.status_code == 302
    with in_opd(opd_a):
        assert InformationRequest.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"identity_number": "12345"}, "identity_number"),
        ({"identity_number": "327301150190000A"}, "identity_number"),
        ({"identity_number": "3273019901900001"}, "identity_number"),  # day 99
        ({"identity_type": "badan_hukum", "identity_number": "<script>"}, "identity_number"),
        ({"email": "budi@"}, "email"),
        ({"email": "bukan email"}, "email"),
        ({"phone": "12ab"}, "phone"),
        ({"phone": "0812"}, "phone"),
        ({"applicant_name": ""}, "applicant_name"),
        ({"information_requested": ""}, "information_requested"),
        ({"obtain_method": "curi"}, "obtain_method"),
        ({"information_requested": "x" * 100_000}, "information_requested"),
        ({"purpose": "y" * 100_000}, "purpose"),
        ({"address": "z" * 100_000}, "address"),
    ],
)
def test_bad_input_gives_clear_errors_and_saves_nothing(opd_a, in_opd, client_a, overrides, field):
    response = client_a.post("/ppid/permohonan/", form_data(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert "Periksa kembali isian Anda" in response.content.decode()
    with in_opd(opd_a):
        assert not InformationRequest.objects.exists()


def test_legal_entities_give_their_registration_number(opd_a, in_opd, client_a):
    data = form_data(identity_type="badan_hukum", identity_number="AHU-0012345.AH.01.04")
    assert client_a.post("/ppid/permohonan/", data).status_code == 302


def test_honeypot_refuses_bots(opd_a, in_opd, client_a):
    response = client_a.post("/ppid/permohonan/", form_data(website="http://spam.example"))
    assert response.status_code == 200
    assert "Isian tidak dapat diproses" in response.content.decode()
    with in_opd(opd_a):
        assert not InformationRequest.objects.exists()


def test_submissions_are_rate_limited_per_ip(opd_a, in_opd, client_a, settings):
    settings.PPID_SUBMISSIONS_PER_HOUR = 2
    for _ in range(2):
        assert client_a.post("/ppid/permohonan/", form_data()).status_code == 302
    assert client_a.post("/ppid/permohonan/", form_data()).status_code == 429
    other_ip = client_a.post("/ppid/permohonan/", form_data(), REMOTE_ADDR="10.0.0.9")
    assert other_ip.status_code == 302
    with in_opd(opd_a):
        assert InformationRequest.objects.count() == 3


def test_a_form_to_correct_costs_no_submission_but_spam_does(opd_a, in_opd, client_a, settings):
    settings.PPID_SUBMISSIONS_PER_HOUR = 2
    for _ in range(5):
        assert client_a.post("/ppid/permohonan/", form_data(email="budi@")).status_code == 200
    assert (
        client_a.post("/ppid/permohonan/", form_data(website="http://spam.example")).status_code
        == 200
    )
    assert client_a.post("/ppid/permohonan/", form_data()).status_code == 302
    assert client_a.post("/ppid/permohonan/", form_data()).status_code == 429
    with in_opd(opd_a):
        assert InformationRequest.objects.count() == 1


def test_id_scan_is_stored_privately_with_a_generated_name(
    opd_a, in_opd, client_a, storage_backend
):
    scan = SimpleUploadedFile("ktp budi.png", image_bytes("PNG"), content_type="image/png")
    assert client_a.post("/ppid/permohonan/", form_data(id_scan=scan)).status_code == 302
    with in_opd(opd_a):
        stored = InformationRequest.objects.get().id_scan.name
    assert stored.startswith("ppid/identitas/") and "budi" not in stored
    assert f"alpha/{stored}" in storage_backend.files("private")
    assert storage_backend.files("media") == {}
    assert client_a.get(f"/media/alpha/{stored}").status_code == 404
    if storage_backend.server is not None:
        # The private bucket has no public read: its plain URL is refused by the S3 server.
        plain_url = f"{storage_backend.server.endpoint_url}/portal-private/alpha/{stored}"
        with pytest.raises(HTTPError) as refused:
            urlopen(plain_url)
        assert refused.value.code == 403


def test_a_request_with_an_id_scan_while_s3_is_down_is_a_form_error_and_saves_nothing(
    opd_a, in_opd, client_a, unreachable_s3
):
    scan = SimpleUploadedFile("ktp.pdf", PDF_BYTES, content_type="application/pdf")
    response = client_a.post("/ppid/permohonan/", form_data(id_scan=scan))
    assert response.status_code == 200
    assert "Penyimpanan berkas sedang tidak dapat dihubungi" in str(
        response.context["form"].non_field_errors()
    )
    with in_opd(opd_a):
        assert not InformationRequest.objects.exists()
    # The number it would have had is still free: the next request gets it.
    assert client_a.post("/ppid/permohonan/", form_data()).status_code == 302
    with in_opd(opd_a):
        assert InformationRequest.objects.get().sequence == 1


def stored_id_scan(opd, in_opd, storage_backend) -> bytes:
    with in_opd(opd):
        name = InformationRequest.objects.get().id_scan.name
    return storage_backend.files("private")[f"{opd.schema_name}/{name}"]


def assert_id_scan_refused(response, message, in_opd, opd, storage_backend):
    assert response.status_code == 200
    assert response.context["form"].errors["id_scan"] == [message]
    with in_opd(opd):
        assert not InformationRequest.objects.exists()
    assert storage_backend.files("private") == {}


@pytest.mark.parametrize(
    ("name", "data", "format"),
    [
        ("ktp.jpg", image_bytes("JPEG"), "JPEG"),
        ("ktp.png", image_bytes("PNG"), "PNG"),
        ("akta.pdf", PDF_BYTES, None),
    ],
)
def test_a_normal_id_scan_is_accepted(opd_a, in_opd, client_a, storage_backend, name, data, format):
    scan = SimpleUploadedFile(name, data)
    assert client_a.post("/ppid/permohonan/", form_data(id_scan=scan)).status_code == 302
    stored = stored_id_scan(opd_a, in_opd, storage_backend)
    if format is None:
        assert stored == data
    else:
        with Image.open(io.BytesIO(stored)) as image:
            assert image.format == format and image.size == (60, 40)


def test_an_id_scan_declaring_20000_by_20000_pixels_is_refused(
    opd_a, in_opd, client_a, storage_backend
):
    scan = SimpleUploadedFile("ktp.png", png_declaring(20_000, 20_000), content_type="image/png")
    response = client_a.post("/ppid/permohonan/", form_data(id_scan=scan))
    assert_id_scan_refused(
        response, "Dimensi gambar terlalu besar untuk diproses.", in_opd, opd_a, storage_backend
    )


def test_html_appended_to_an_id_scan_is_not_stored(opd_a, in_opd, client_a, storage_backend):
    data = image_bytes("PNG") + b"<html><script>alert(document.cookie)</script></html>"
    scan = SimpleUploadedFile("ktp.png", data, content_type="image/png")
    assert client_a.post("/ppid/permohonan/", form_data(id_scan=scan)).status_code == 302
    stored = stored_id_scan(opd_a, in_opd, storage_backend)
    assert b"<html" not in stored and b"<script" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "PNG" and image.size == (60, 40)


def test_an_id_scans_exif_is_dropped(opd_a, in_opd, client_a, storage_backend):
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"
    scan = SimpleUploadedFile("ktp.jpg", image_bytes("JPEG", exif=exif), content_type="image/jpeg")
    assert client_a.post("/ppid/permohonan/", form_data(id_scan=scan)).status_code == 302
    stored = stored_id_scan(opd_a, in_opd, storage_backend)
    assert b"KameraRahasia" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()


def test_an_id_scan_pdf_with_javascript_is_refused(opd_a, in_opd, client_a, storage_backend):
    scan = SimpleUploadedFile("ktp.pdf", JAVASCRIPT_PDF, content_type="application/pdf")
    response = client_a.post("/ppid/permohonan/", form_data(id_scan=scan))
    assert_id_scan_refused(
        response,
        "PDF ini berisi konten aktif (JavaScript) yang tidak diizinkan. Simpan ulang atau "
        "cetak ulang sebagai PDF biasa, lalu unggah kembali.",
        in_opd,
        opd_a,
        storage_backend,
    )


def test_executable_renamed_pdf_is_refused(opd_a, in_opd, client_a, storage_backend):
    scan = SimpleUploadedFile("ktp.pdf", EXE_BYTES, content_type="application/pdf")
    response = client_a.post("/ppid/permohonan/", form_data(id_scan=scan))
    assert response.status_code == 200
    assert "id_scan" in response.context["form"].errors
    with in_opd(opd_a):
        assert not InformationRequest.objects.exists()
    assert storage_backend.files("private") == {}


def test_a_30_mb_file_is_refused_without_a_server_error(opd_a, in_opd, client_a):
    # Far over the form's body ceiling: refused before it is read (tests/security).
    big = SimpleUploadedFile("ktp.pdf", b"%PDF-1.4\n" + b"0" * (30 * 1024 * 1024))
    response = client_a.post("/ppid/permohonan/", form_data(id_scan=big))
    assert response.status_code == 413
    with in_opd(opd_a):
        assert not InformationRequest.objects.exists()


# --- Tracking -------------------------------------------------------------------------------


def submitted(opd, in_opd):
    with in_opd(opd):
        return submit(opd)


def test_tracking_with_number_and_code_shows_status(opd_a, in_opd, client_a):
    submission = submitted(opd_a, in_opd)
    number = submission.record.number
    response = client_a.post(
        "/ppid/permohonan/lacak/", {"number": number.lower(), "code": submission.tracking_code}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert number in html and "Diterima" in html
    assert "no-store" in response["Cache-Control"]


def test_wrong_code_reveals_exactly_what_an_unknown_number_does(opd_a, in_opd, client_a):
    submission = submitted(opd_a, in_opd)
    wrong = client_a.post(
        "/ppid/permohonan/lacak/", {"number": submission.record.number, "code": "AAAA-BBBB-CCCC"}
    )
    unknown = client_a.post(
        "/ppid/permohonan/lacak/", {"number": "ALPHA/PPID/1999/0001", "code": "AAAA-BBBB-CCCC"}
    )
    assert wrong.status_code == unknown.status_code == 200

    def page(response, number):
        html = response.content.decode().replace(number, "X")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    assert page(wrong, submission.record.number) == page(unknown, "ALPHA/PPID/1999/0001")
    for response in (wrong, unknown):
        assert "Budi" not in response.content.decode()
        assert "tidak cocok" in response.content.decode()


def test_tracking_attempts_are_limited(opd_a, in_opd, client_a):
    submission = submitted(opd_a, in_opd)
    for _ in range(30):
        client_a.post("/ppid/permohonan/lacak/", {"number": "X", "code": "Y"})
    response = client_a.post(
        "/ppid/permohonan/lacak/",
        {"number": submission.record.number, "code": submission.tracking_code},
    )
    assert response.status_code == 429


# --- Objections -----------------------------------------------------------------------------


def objection_data(submission, **overrides):
    data = {
        "request_number": submission.record.number,
        "tracking_code": submission.tracking_code,
        "ground": "e",
        "reason": "Informasi tidak dipenuhi.",
        "submission_token": token(),
        "website": "",
    }
    data.update(overrides)
    return data


def decided(opd, in_opd, *, days_ago=0):
    from ppid import services

    with in_opd(opd):
        submission = submit(opd)
        services.respond_to_request(
            opd=opd,
            request=submission.record,
            by=petugas(),
            decision="tidak_dikuasai",
            notice="Tidak dikuasai.",
        )
        InformationRequest.objects.filter(pk=submission.record.pk).update(
            decided_at=timezone.now() - datetime.timedelta(days=days_ago)
        )
    return submission


def test_objection_form_registers_and_tracks(opd_a, in_opd, client_a):
    submission = decided(opd_a, in_opd)
    response = client_a.post("/ppid/keberatan/", objection_data(submission))
    assert response.status_code == 302
    receipt = client_a.get(response["Location"]).content.decode()
    with in_opd(opd_a):
        objection = Objection.objects.get()
    assert objection.number in receipt
    code = receipt.split('class="ppid-code">')[1].split("<")[0]
    tracked = client_a.post("/ppid/keberatan/lacak/", {"number": objection.number, "code": code})
    assert (
        "Diterima" in tracked.content.decode()
        and submission.record.number in tracked.content.decode()
    )


def test_objection_with_unknown_number_or_wrong_code_is_refused(opd_a, in_opd, client_a):
    submission = decided(opd_a, in_opd)
    for data in (
        objection_data(submission, request_number="ALPHA/PPID/2000/0001"),
        objection_data(submission, tracking_code="AAAA-BBBB-CCCC"),
    ):
        response = client_a.post("/ppid/keberatan/", data)
        assert response.status_code == 200
        assert "tidak cocok" in response.content.decode()
    with in_opd(opd_a):
        assert not Objection.objects.exists()


def test_wrong_codes_on_the_objection_form_lock_it_even_for_the_right_code(
    opd_a, in_opd, client_a, settings
):
    settings.PPID_SUBMISSIONS_PER_HOUR = 1000
    submission = decided(opd_a, in_opd)
    for _ in range(30):
        wrong = objection_data(submission, tracking_code="AAAA-BBBB-CCCC")
        assert client_a.post("/ppid/keberatan/", wrong).status_code == 200
    response = client_a.post("/ppid/keberatan/", objection_data(submission))
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()
    with in_opd(opd_a):
        assert not Objection.objects.exists()
    other_ip = client_a.post("/ppid/keberatan/", objection_data(submission), REMOTE_ADDR="10.0.0.9")
    assert other_ip.status_code == 302


def test_wrong_codes_count_together_wherever_a_code_is_checked(opd_a, in_opd, client_a, settings):
    settings.PPID_SUBMISSIONS_PER_HOUR = 1000
    submission = decided(opd_a, in_opd)
    wrong = {"number": submission.record.number, "code": "AAAA-BBBB-CCCC"}
    for _ in range(10):
        client_a.post("/ppid/permohonan/lacak/", wrong)
        client_a.post("/ppid/keberatan/lacak/", wrong)
        client_a.post("/ppid/keberatan/", objection_data(submission, tracking_code="AAAA-BBBB"))
    right = {"number": submission.record.number, "code": submission.tracking_code}
    assert client_a.post("/ppid/permohonan/lacak/", right).status_code == 429
    assert client_a.post("/ppid/keberatan/", objection_data(submission)).status_code == 429


def test_right_codes_and_other_mistakes_cost_no_code_check(opd_a, in_opd, client_a, settings):
    settings.PPID_SUBMISSIONS_PER_HOUR = 1000
    submission = decided(opd_a, in_opd)
    right = {"number": submission.record.number, "code": submission.tracking_code}
    for _ in range(40):
        assert client_a.post("/ppid/permohonan/lacak/", right).status_code == 200
        assert (
            client_a.post("/ppid/keberatan/", objection_data(submission, ground="")).status_code
            == 200
        )
    assert client_a.post("/ppid/keberatan/", objection_data(submission)).status_code == 302


def test_late_objection_is_refused_with_the_deadline(opd_a, in_opd, client_a):
    submission = decided(opd_a, in_opd, days_ago=80)
    response = client_a.post("/ppid/keberatan/", objection_data(submission))
    assert response.status_code == 200
    assert "telah lewat" in response.content.decode()
    with in_opd(opd_a):
        assert not Objection.objects.exists()


# --- Statistics -----------------------------------------------------------------------------


def test_statistics_page(opd_a, in_opd, client_a):
    decided(opd_a, in_opd)
    with in_opd(opd_a):
        submit(opd_a)
    year = timezone.localdate().year
    response = client_a.get("/ppid/statistik/", {"tahun": year})
    assert response.status_code == 200
    table = response.context["table"]
    assert table[0][-1] == 2  # received in the year
    assert {row[0]: row[-1] for row in table}["Informasi tidak dikuasai"] == 1


# --- Isolation ------------------------------------------------------------------------------


def test_opd_b_sees_nothing_of_opd_a(opd_a, opd_b, in_opd, client_a, client_b):
    with in_opd(opd_a):
        entry = make_entry(
            title="Rahasia Alpha", file=SimpleUploadedFile("a.pdf", PDF_BYTES), file_type="pdf"
        )
        submission = submit(opd_a)
    assert "Rahasia Alpha" in client_a.get("/ppid/").content.decode()
    assert "Rahasia Alpha" not in client_b.get("/ppid/").content.decode()
    assert "Rahasia Alpha" not in client_b.get("/ppid/dip.csv").content.decode("utf-8-sig")
    assert client_b.get(f"/ppid/dokumen/{entry.pk}/").status_code == 404
    tracked = client_b.post(
        "/ppid/permohonan/lacak/",
        {"number": submission.record.number, "code": submission.tracking_code},
    )
    assert "tidak cocok" in tracked.content.decode()
    assert "Budi" not in tracked.content.decode()
    objection = client_b.post(
        "/ppid/keberatan/",
        {
            "request_number": submission.record.number,
            "tracking_code": submission.tracking_code,
            "ground": "c",
            "reason": "x",
            "submission_token": token(),
        },
    )
    assert "tidak cocok" in objection.content.decode()
    assert client_b.get("/ppid/statistik/").context["table"][0][-1] == 0


def test_an_oversized_text_body_is_a_400_not_a_500(opd_a, in_opd, client_a):
    # Beyond DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB of non-file fields) Django refuses the body.
    response = client_a.post("/ppid/permohonan/", form_data(purpose="x" * (3 * 1024 * 1024)))
    assert response.status_code == 400
    with in_opd(opd_a):
        assert not InformationRequest.objects.exists()


def test_sitemap_lists_the_public_ppid_pages(opd_a, in_opd, rf):
    from ppid.sitemaps import PpidSitemap

    with in_opd(opd_a):
        sitemap = PpidSitemap()
        locations = [sitemap.location(item) for item in sitemap.items()]
        assert sitemap.lastmod("ppid:dip") is None
    assert locations == ["/ppid/", "/ppid/permohonan/", "/ppid/keberatan/", "/ppid/statistik/"]


def test_the_opd_sitemap_lists_the_ppid_pages(client_a):
    sitemap = client_a.get("/sitemap.xml").content.decode()
    assert "http://alpha.localhost/ppid/" in sitemap
    assert "http://alpha.localhost/ppid/permohonan/" in sitemap
