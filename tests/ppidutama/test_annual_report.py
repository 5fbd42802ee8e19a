"""The Pasal 56 annual report (Perki 1/2021) of the pemda and of each OPD, from the records."""

import datetime
import io

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ppidutama import reports
from ppidutama.models import AnnualReportNarrative, RequestRecord
from tests.factories import login_console
from tests.mainsite.helpers import bare_opd
from tests.ppidutama.conftest import moment, seed_objection, seed_request

pytestmark = pytest.mark.django_db

URL = "/admin/ppid/laporan-tahunan/"
OPD_URL = "/admin/ppid/informationrequest/laporan-tahunan/"
D = datetime.date


@pytest.fixture
def ppid_utama(portal_client, console_user_with):
    return login_console(portal_client, console_user_with("ppidutama.view_requestrecord"))


@pytest.fixture
def seeded(opd_a, opd_b):
    """2025 at alpha: granted in 5 working days, refused (Pasal 17) late in 13, one pending,
    one objection upheld; at beta: partly granted in 3, not held in 2; and one of 2024."""
    seed_request(opd_a, 1, received=D(2025, 2, 3), due=D(2025, 2, 17),
                 status="dikabulkan_seluruhnya", decided=D(2025, 2, 10))  # fmt: skip
    refused = seed_request(opd_a, 2, received=D(2025, 3, 3), due=D(2025, 3, 17),
                           status="ditolak", decided=D(2025, 3, 20), ground="pasal_17")  # fmt: skip
    seed_request(opd_a, 3, received=D(2025, 8, 4), due=D(2025, 8, 19), status="diproses")
    seed_objection(opd_a, refused, 1, filed=D(2025, 3, 24), due=D(2025, 5, 8), outcome="diterima")
    seed_request(opd_b, 1, received=D(2025, 9, 1), due=D(2025, 9, 15),
                 status="dikabulkan_sebagian", decided=D(2025, 9, 4))  # fmt: skip
    seed_request(opd_b, 2, received=D(2025, 10, 6), due=D(2025, 10, 20),
                 status="tidak_dikuasai", decided=D(2025, 10, 8))  # fmt: skip
    seed_request(opd_b, 3, received=D(2024, 11, 4), due=D(2024, 11, 18),
                 status="dikabulkan_seluruhnya", decided=D(2024, 11, 5))  # fmt: skip


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def test_the_figures_match_the_requests_of_both_opds(seeded, opd_a, opd_b):
    report = reports.annual_report(2025)
    semester_1, semester_2, year = report.figures
    assert (semester_1.received, semester_2.received, year.received) == (2, 3, 5)
    assert (year.granted, year.partially_granted, year.refused, year.not_held, year.pending) == (
        1, 1, 1, 1, 1,
    )  # fmt: skip
    assert year.refused_by_ground == {"pasal_17": 1}
    assert (year.decided, year.decided_on_time, year.decided_late) == (4, 3, 1)
    assert (year.longest_decision_days, year.objections_received, year.objections_upheld) == (
        13, 1, 1,
    )  # fmt: skip
    by_opd = {item.opd.slug: item.year for item in report.per_opd}
    assert (by_opd["alpha"].received, by_opd["alpha"].average_decision_days) == (3, 9.0)
    assert (by_opd["beta"].received, by_opd["beta"].average_decision_days) == (2, 2.5)
    assert by_opd["beta"].objections_received == 0
    assert report.due_date == D(2026, 3, 31)
    assert reports.annual_report(2024).figures[2].received == 1


def test_the_pemda_page_has_a_table_per_opd_and_the_deadline(ppid_utama, seeded):
    response = ppid_utama.get(URL, {"tahun": 2025})
    assert response.status_code == 200
    page = response.content.decode()
    assert "31 Maret 2026" in page
    assert "Pasal 56" in page
    rows = {row[0]: row for row in response.context["opd_rows"]}
    assert rows["Dinas Alpha Kota Uji"][1:5] == [3, 1, 0, 1]
    assert rows["Badan Beta Kota Uji"][1:5] == [2, 0, 1, 0]
    assert "Diisi oleh PPID" in page  # the narrative parts, to be written by the PPID
    assert "ppidutama-report" in page and "ppid-noprint" in page  # print-ready
    for text in ("Budi Santoso", "3273011501900001", "tidak ditanggapi oleh"):
        assert text not in page


def test_the_default_year_is_the_previous_one(ppid_utama, seeded):
    response = ppid_utama.get(URL)
    assert response.context["report"].year == reports.default_report_year()


@pytest.mark.parametrize("value", ["abc", "1900", "99999", "2025.5", "", "9" * 40, "-1"])
def test_a_bad_year_falls_back_to_the_default(ppid_utama, seeded, value):
    for params in ({"tahun": value}, {"tahun": value, "format": "docx"}):
        response = ppid_utama.get(URL, params)
        assert response.status_code == 200
    assert ppid_utama.get(URL, {"tahun": value}).context["report"].year == (
        reports.default_report_year()
    )


def test_an_opd_report_holds_nothing_of_the_other_opd(ppid_utama, seeded, opd_a):
    response = ppid_utama.get(URL, {"tahun": 2025, "opd": opd_a.pk})
    page = response.content.decode()
    assert response.context["report"].figures[2].received == 3
    # The report below its selector (which lists every OPD).
    report = page.split('class="activity-filter ppid-noprint"')[1].split("</form>", 1)[1]
    assert "Dinas Alpha Kota Uji" in report
    assert "Beta" not in report and "BETA" not in report
    assert "Rincian per OPD" not in report
    content = ppid_utama.get(URL, {"tahun": 2025, "opd": opd_a.pk, "format": "docx"}).content
    text = docx_text(content)
    assert "Dinas Alpha Kota Uji" in text
    assert "Beta" not in text and "BETA" not in text


def test_the_docx_opens_and_holds_the_figures(ppid_utama, seeded):
    response = ppid_utama.get(URL, {"tahun": 2025, "format": "docx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "laporan-layanan-informasi-pemda-2025.docx" in response["Content-Disposition"]
    text = docx_text(response.content)
    assert "Tahun 2025" in text and "31 Maret 2026" in text
    assert "Permohonan diterima | 2 | 3 | 5" in text
    assert "Dinas Alpha Kota Uji | 3 | 1 | 0 | 1 | 0 | 1 | 9,0 | 1 | 1 | 1" in text
    assert "Badan Beta Kota Uji | 2 | 0 | 1 | 0 | 1 | 0 | 2,5 | 0 | 0 | 0" in text
    assert "Keberatan diterima: 1; ditanggapi: 1; dikabulkan: 1; ditolak: 0." in text
    assert "[Diisi oleh PPID:" in text
    assert "Budi Santoso" not in text


def test_the_opd_downloads_its_own_report_as_docx(seeded, admin_a, client_b, opd_b, in_opd):
    response = admin_a.get(OPD_URL, {"tahun": 2025, "format": "docx"})
    assert response.status_code == 200
    text = docx_text(response.content)
    assert "Dinas Alpha Kota Uji" in text
    assert "Permohonan diterima | 2 | 1 | 3" in text
    assert "Beta" not in text
    # The HTML page links it.
    assert "format=docx" in admin_a.get(OPD_URL, {"tahun": 2025}).content.decode()


def test_only_holders_of_the_permission_get_the_report(portal_client, console_user_with, seeded):
    assert portal_client.get(URL).status_code == 302
    login_console(portal_client, console_user_with(username="staf"))
    assert portal_client.get(URL).status_code == 403
    assert portal_client.get(URL, {"format": "docx"}).status_code == 403
    login_console(portal_client, console_user_with(username="root", superuser=True))
    assert portal_client.get(URL).status_code == 200


def test_the_query_count_does_not_grow_with_opds(ppid_utama, seeded):
    ppid_utama.get(URL, {"tahun": 2025})
    with CaptureQueriesContext(connection) as few:
        ppid_utama.get(URL, {"tahun": 2025})
    for number in range(30):
        RequestRecord.objects.create(
            opd=bare_opd(f"dinas-{number}"), source_id=1, number=f"D{number}/PPID/1", year=2025,
            status="diterima", received_at=moment(D(2025, 4, 1)), due_date=D(2025, 4, 15),
        )  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        response = ppid_utama.get(URL, {"tahun": 2025})
    assert response.context["report"].figures[2].received == 35
    assert len(many) == len(few)


@pytest.fixture
def editor(portal_client, console_user_with):
    user = console_user_with(
        "ppidutama.view_requestrecord",
        "ppidutama.change_annualreportnarrative",
        username="penyusun",
    )
    return login_console(portal_client, user)


NARRATIVE = {
    "policy": "Perwali Nomor 12 Tahun 2024 tentang Pengelolaan Informasi.",
    "implementation": "Dua petugas di setiap OPD.",
    "disputes": "Satu sengketa di Komisi Informasi, selesai dengan mediasi.",
    "obstacles": "Jaringan di kecamatan.",
    "recommendations": "Pelatihan petugas PPID Pelaksana.",
}


def test_the_narrative_is_written_once_and_shown_on_the_page_and_the_docx(editor, seeded, opd_a):
    assert 'id="ubah-uraian"' in editor.get(URL, {"tahun": 2025}).content.decode()
    response = editor.post(f"{URL}?tahun=2025", NARRATIVE)
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?tahun=2025"
    page = editor.get(URL, {"tahun": 2025}).content.decode()
    for text in NARRATIVE.values():
        assert text in page
    assert "Diisi oleh PPID" not in page.split('id="ubah-uraian"')[0]
    text = docx_text(editor.get(URL, {"tahun": 2025, "format": "docx"}).content)
    assert NARRATIVE["policy"] in text and NARRATIVE["recommendations"] in text
    assert "[Diisi oleh PPID:" not in text
    # Another year's and an OPD's report have their own (still empty) narrative.
    assert NARRATIVE["policy"] not in editor.get(URL, {"tahun": 2024}).content.decode()
    opd_page = editor.get(URL, {"tahun": 2025, "opd": opd_a.pk}).content.decode()
    assert NARRATIVE["policy"] not in opd_page
    editor.post(f"{URL}?tahun=2025&opd={opd_a.pk}", {**NARRATIVE, "policy": "Kebijakan Alpha"})
    assert "Kebijakan Alpha" in editor.get(URL, {"tahun": 2025, "opd": opd_a.pk}).content.decode()
    assert "Kebijakan Alpha" not in editor.get(URL, {"tahun": 2025}).content.decode()
    assert AnnualReportNarrative.objects.count() == 2


def test_the_opd_docx_carries_its_narrative_and_no_other(editor, seeded, opd_a, opd_b, admin_a):
    editor.post(f"{URL}?tahun=2025&opd={opd_a.pk}", {**NARRATIVE, "policy": "Kebijakan Alpha"})
    editor.post(f"{URL}?tahun=2025&opd={opd_b.pk}", {**NARRATIVE, "policy": "Kebijakan Beta"})
    text = docx_text(admin_a.get(OPD_URL, {"tahun": 2025, "format": "docx"}).content)
    assert "Kebijakan Alpha" in text
    assert "Kebijakan Beta" not in text


def test_a_bad_narrative_saves_nothing(editor, seeded):
    response = editor.post(f"{URL}?tahun=2025", {**NARRATIVE, "obstacles": "x" * 10001})
    assert response.status_code == 200
    assert response.context["narrative_form"].errors["obstacles"]
    assert not AnnualReportNarrative.objects.exists()


def test_viewers_without_the_permission_cannot_write_the_narrative(ppid_utama, seeded):
    assert 'id="ubah-uraian"' not in ppid_utama.get(URL, {"tahun": 2025}).content.decode()
    assert ppid_utama.post(f"{URL}?tahun=2025", NARRATIVE).status_code == 403
    assert not AnnualReportNarrative.objects.exists()
