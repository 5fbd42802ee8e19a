"""The pemda's Daftar Informasi Publik on the main domain (`/ppid/informasi/`): every OPD's
published DIP entries, read from the public schema only (ppidutama.DipEntry)."""

import csv
import datetime
import importlib
import io
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import pagecache
from guard.models import ContentHold
from guard.services import release_hold
from ppid.models import PublicInformation
from ppidutama.dip import DipRow, record_entry
from ppidutama.models import DipEntry
from publishing.services import delete_content, publish_content
from tenants import services as tenant_services
from tests.mainsite.helpers import bare_opd
from tests.ppid.conftest import PDF_BYTES, image_bytes, submit

pytestmark = pytest.mark.django_db

PAGE = "/ppid/informasi/"
CSV = "/ppid/informasi.csv"


def publish_entry(**fields):
    """A DIP entry saved the way the OPD admin saves it (publishing.publish_content)."""
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
    publish_content(entry)
    return entry


def publish_excluded(**fields):
    return publish_entry(
        number="X01",
        title="Dokumen Penyelidikan Internal",
        category=PublicInformation.Category.EXCLUDED,
        exclusion_legal_basis="UU 14/2008 Pasal 17 huruf a",
        exclusion_consequence="Menghambat proses penegakan hukum",
        exclusion_tested_on=datetime.date(2026, 1, 5),
        **fields,
    )


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def titles(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def dip_row(source_id, title, **fields) -> DipRow:
    values = {
        "source_id": source_id,
        "number": f"{source_id:03}",
        "title": title,
        "summary": "Ringkasan",
        "holder": "Sekretariat",
        "responsible_person": "Sekretaris",
        "produced_when": "2026",
        "produced_where": "Kantor",
        "available_format": "Softcopy",
        "retention_period": "5 tahun",
        "year": 2026,
        "category": "berkala",
        "url": f"http://x.localhost/ppid/#informasi-{source_id}",
    }
    values.update(fields)
    return DipRow(**values)


def test_the_category_codes_are_the_ppid_apps():
    assert DipEntry.Category.choices == PublicInformation.Category.choices


def test_two_opds_entries_are_listed_with_links_to_their_own_hosts(
    opd_a, opd_b, in_opd, portal_client
):
    with in_opd(opd_a):
        report = publish_entry(file=SimpleUploadedFile("laporan.pdf", PDF_BYTES), file_type="pdf")
    with in_opd(opd_b):
        plan = publish_entry(
            number="R1", title="Rencana Strategis Beta", link="https://jdih.contoh.go.id/r.pdf"
        )
    html = titles(portal_client.get(PAGE))
    assert "Laporan Keuangan 2025" in html and "Rencana Strategis Beta" in html
    assert "Dinas Alpha Kota Uji" in html and "Badan Beta Kota Uji" in html
    assert f'href="http://alpha.localhost/ppid/dokumen/{report.pk}/"' in html
    assert "Unduh dokumen (PDF)" in html
    assert f'href="http://beta.localhost/ppid/dokumen/{plan.pk}/"' in html
    assert f'href="http://beta.localhost/ppid/#informasi-{plan.pk}"' in html
    # The link is reached through the OPD's download address, as on the OPD's own DIP.
    assert "jdih.contoh.go.id" not in html
    assert "<script>" not in html and " style=" not in html and " onclick" not in html


def test_excluded_information_is_listed_with_its_reason_and_no_document(
    opd_a, in_opd, portal_client
):
    with in_opd(opd_a):
        excluded = publish_excluded()
    entry = DipEntry.objects.get(opd=opd_a, source_id=excluded.pk)
    assert entry.document_url == "" and not entry.has_file
    html = titles(portal_client.get(PAGE, {"kategori": "dikecualikan"}))
    assert "Dokumen Penyelidikan Internal" in html
    assert "UU 14/2008 Pasal 17 huruf a" in html and "Menghambat proses penegakan hukum" in html
    assert "5 Januari 2026" in html
    assert "/ppid/dokumen/" not in html


def test_filters_by_opd_category_year_and_text(opd_a, opd_b, in_opd, portal_client):
    with in_opd(opd_a):
        publish_entry()
        publish_entry(number="002", title="Profil Pejabat Alpha", category="setiap_saat")
    with in_opd(opd_b):
        publish_entry(number="B1", title="Rencana Strategis", year=2024, holder="Bidang Program")
    html = titles(portal_client.get(PAGE, {"opd": "beta"}))
    assert "Rencana Strategis" in html and "Laporan Keuangan" not in html
    html = titles(portal_client.get(PAGE, {"kategori": "setiap_saat"}))
    assert "Profil Pejabat Alpha" in html and "Laporan Keuangan" not in html
    html = titles(portal_client.get(PAGE, {"tahun": "2024"}))
    assert "Rencana Strategis" in html and "Profil Pejabat" not in html
    html = titles(portal_client.get(PAGE, {"q": "  STRATEGIS "}))
    assert "Rencana Strategis" in html and "Laporan Keuangan" not in html
    html = titles(portal_client.get(PAGE, {"q": "bidang program"}))
    assert "Rencana Strategis" in html and "Laporan Keuangan" not in html
    html = titles(portal_client.get(PAGE, {"opd": "alpha", "kategori": "berkala", "tahun": 2025}))
    assert "Laporan Keuangan" in html and "Profil Pejabat" not in html
    # The filter's choices: the OPDs with entries and the years there are.
    html = titles(portal_client.get(PAGE))
    assert '<option value="beta">Badan Beta Kota Uji</option>' in html
    assert '<option value="2024">2024</option>' in html


@pytest.mark.parametrize(
    "params, ignored",
    [
        ({"opd": "tidak-ada"}, "OPD"),
        ({"opd": "public"}, "OPD"),
        ({"kategori": "rahasia"}, "Kategori"),
        ({"tahun": "abc"}, "Tahun"),
        ({"tahun": "1999"}, "Tahun"),
        ({"tahun": "9" * 40}, "Tahun"),
        ({"q": "x" * 500}, "Cari"),
        ({"page": "x<script>"}, None),
        ({"page": "999"}, None),
        ({"opd": ["alpha", "beta"], "kategori": "\x00"}, "Kategori"),
    ],
)
def test_bad_filter_values_are_ignored_with_a_notice(opd_a, in_opd, portal_client, params, ignored):
    with in_opd(opd_a):
        publish_entry()
    response = portal_client.get(PAGE, params)
    html = titles(response)
    # The bad filter is left out: the entry still shows.
    assert "Laporan Keuangan 2025" in html
    if ignored:
        assert "tidak dikenali dan diabaikan" in html and ignored in html
    else:
        assert "tidak dikenali" not in html
    assert "x<script>" not in html
    assert len(csv_rows(portal_client.get(CSV, params))) == 2


def test_the_page_is_paginated(opd_a, portal_client):
    for number in range(25):
        record_entry(dip_row(number + 1, f"Informasi nomor {number + 1:02}"), opd=opd_a)
    first = titles(portal_client.get(PAGE))
    second = titles(portal_client.get(PAGE, {"page": 2}))
    assert "Informasi nomor 01" in first and "Informasi nomor 25" not in first
    assert "Informasi nomor 25" in second and "Informasi nomor 01" not in second
    assert "25 informasi" in first
    assert 'href="?page=2" rel="next"' in first
    filtered = titles(portal_client.get(PAGE, {"opd": "alpha"}))
    assert 'href="?opd=alpha&amp;page=2" rel="next"' in filtered
    # The CSV holds every row, not a page of them.
    assert len(csv_rows(portal_client.get(CSV))) == 26


def test_csv_has_the_dip_columns_and_the_opd(opd_a, opd_b, in_opd, portal_client):
    with in_opd(opd_a):
        report = publish_entry(title='=HYPERLINK("http://jahat")', link="https://contoh.go.id/")
        publish_excluded()
    with in_opd(opd_b):
        publish_entry(title="Rencana Strategis Beta")
    rows = csv_rows(portal_client.get(CSV))
    header, *body = rows
    assert header[:3] == ["OPD", "Nomor", "Judul"]
    assert "Pejabat/unit yang menguasai informasi" in header
    assert "Jangka waktu penyimpanan" in header and "Dokumen" in header
    assert len(body) == 3
    by_title = {row[2]: dict(zip(header, row, strict=True)) for row in body}
    formula = by_title['\'=HYPERLINK("http://jahat")']
    assert formula["OPD"] == "Dinas Alpha Kota Uji"
    assert formula["Dokumen"] == f"http://alpha.localhost/ppid/dokumen/{report.pk}/"
    assert formula["Kategori"] == "Informasi Berkala"
    assert formula["Bentuk informasi"] == "Softcopy"
    excluded = by_title["Dokumen Penyelidikan Internal"]
    assert excluded["Dokumen"] == ""
    assert excluded["Dasar hukum pengecualian"] == "UU 14/2008 Pasal 17 huruf a"
    assert excluded["Tanggal uji konsekuensi"] == "2026-01-05"
    assert by_title["Rencana Strategis Beta"]["OPD"] == "Badan Beta Kota Uji"
    # Same filters as the page, also as ?format=csv.
    same = csv_rows(portal_client.get(PAGE, {"format": "csv", "opd": "beta"}))
    assert [row[2] for row in same[1:]] == ["Rencana Strategis Beta"]
    response = portal_client.get(CSV)
    assert response["Content-Disposition"] == 'attachment; filename="dip-pemda.csv"'


def test_unpublished_changed_and_deleted_entries_follow_at_once(opd_a, in_opd, portal_client):
    with in_opd(opd_a):
        entry = publish_entry()
        other = publish_entry(number="002", title="Rencana Strategis")
    for path in (PAGE, CSV):
        assert "Laporan Keuangan 2025" in portal_client.get(path).content.decode()
        assert portal_client.get(path).headers["X-Page-Cache"] == "hit"
    with in_opd(opd_a):
        entry.title = "Laporan Keuangan 2025 (revisi)"
        publish_content(entry)
    assert "(revisi)" in portal_client.get(PAGE).content.decode()
    with in_opd(opd_a):
        entry.is_published = False
        publish_content(entry)
    for path in (PAGE, CSV):
        assert "Laporan Keuangan" not in portal_client.get(path).content.decode()
    with in_opd(opd_a):
        delete_content(other)
    for path in (PAGE, CSV):
        assert "Rencana Strategis" not in portal_client.get(path).content.decode()
    assert not DipEntry.objects.filter(opd=opd_a).exists()
    with in_opd(opd_a):
        entry.is_published = True
        publish_content(entry)
    assert "(revisi)" in portal_client.get(PAGE).content.decode()


def test_drafts_are_never_copied(opd_a, in_opd):
    with in_opd(opd_a):
        publish_entry(is_published=False)
    assert not DipEntry.objects.exists()


def test_a_deactivated_opds_entries_are_not_shown(opd_a, opd_b, in_opd, portal_client):
    with in_opd(opd_a):
        publish_entry(title="Informasi Alpha")
    with in_opd(opd_b):
        publish_entry(title="Informasi Beta")
    assert "Informasi Alpha" in portal_client.get(PAGE).content.decode()
    tenant_services.set_opd_active(opd=opd_a, active=False)
    html = titles(portal_client.get(PAGE))
    assert "Informasi Alpha" not in html and "Informasi Beta" in html
    assert '<option value="alpha">' not in html
    assert "Informasi Alpha" not in portal_client.get(CSV).content.decode("utf-8-sig")
    # Choosing it by hand shows nothing of it either.
    assert "Informasi Alpha" not in portal_client.get(PAGE, {"opd": "alpha"}).content.decode()
    tenant_services.set_opd_active(opd=opd_a, active=True)
    assert "Informasi Alpha" in portal_client.get(PAGE).content.decode()


def test_nothing_private_reaches_the_main_domain(opd_a, in_opd, portal_client, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    with in_opd(opd_a):
        entry = publish_entry(file=SimpleUploadedFile("Laporan.pdf", PDF_BYTES), file_type="pdf")
        stored_name = entry.file.name
        submission = submit(
            opd_a,
            id_scan=SimpleUploadedFile("ktp.png", image_bytes(), content_type="image/png"),
        )
        scan_name = submission.record.id_scan.name
    assert scan_name
    pages = [
        portal_client.get(PAGE).content.decode(),
        portal_client.get(PAGE, {"q": "Budi"}).content.decode(),
        portal_client.get(CSV).content.decode("utf-8-sig"),
    ]
    for body in pages:
        assert stored_name not in body and scan_name not in body
        assert "/media/" not in body and "private" not in body
        assert "Budi Santoso" not in body and "3273011501900001" not in body
        assert "budi@example.org" not in body
    # The request (with its ID scan) has no row in the pemda's DIP, and a DIP row holds the
    # OPD's download address only, never a storage path.
    assert list(DipEntry.objects.values_list("document_url", flat=True)) == [
        f"http://alpha.localhost/ppid/dokumen/{entry.pk}/"
    ]
    # No download of OPD files on the main domain.
    assert portal_client.get(f"/ppid/dokumen/{entry.pk}/").status_code == 404
    assert portal_client.get(f"/ppid/informasi/{entry.pk}/").status_code == 404


def test_an_opds_entries_never_appear_on_another_opds_dip(
    opd_a, opd_b, in_opd, client_a, client_b, portal_client
):
    with in_opd(opd_a):
        publish_entry(title="Hanya milik Alpha", pk=700)
    with in_opd(opd_b):
        publish_entry(title="Hanya milik Beta", pk=700)
    assert "Hanya milik Alpha" in client_a.get("/ppid/").content.decode()
    for path in ("/ppid/", "/ppid/dip.csv", "/ppid/?q=Alpha"):
        assert "Hanya milik Alpha" not in client_b.get(path).content.decode("utf-8-sig"), path
    # Same source id in both OPDs: two rows, each under its own OPD.
    assert set(DipEntry.objects.values_list("opd__slug", "source_id", "title")) == {
        ("alpha", 700, "Hanya milik Alpha"),
        ("beta", 700, "Hanya milik Beta"),
    }
    # The pemda's DIP page is not on the OPDs' hosts.
    assert client_b.get(PAGE).status_code == 404
    html = portal_client.get(PAGE, {"opd": "beta"}).content.decode()
    assert "Hanya milik Beta" in html and "Hanya milik Alpha" not in html


def test_rebuild_writes_every_opds_entries_anew(opd_a, opd_b, in_opd, capsys):
    with in_opd(opd_a):
        publish_entry()
        publish_excluded()
        # Saved around publishing (a shell, an import): the rebuild catches up.
        PublicInformation.objects.create(
            number="009", title="Disimpan langsung", summary="s", holder="h",
            responsible_person="r", produced_when="w", produced_where="p",
            retention_period="5", year=2026, category="serta_merta",
        )  # fmt: skip
        publish_entry(number="010", title="Draf", is_published=False)
    DipEntry.objects.filter(opd=opd_a, number="001").delete()
    record_entry(dip_row(99, "Basi"), opd=opd_b)
    call_command("rebuild_portal_index")
    assert set(DipEntry.objects.filter(opd=opd_a).values_list("number", flat=True)) == {
        "001",
        "X01",
        "009",
    }
    assert not DipEntry.objects.filter(opd=opd_b).exists()
    assert "alpha:" in (out := capsys.readouterr().out) and "3 dip-pemda" in out


def test_query_count_is_fixed_whatever_the_number_of_opds(opd_a, in_opd, portal_client):
    with in_opd(opd_a):
        publish_entry()
    portal_client.get("/")  # warm the shared layout's caches

    def queries(*args) -> list[str]:
        """The statements of one uncached request (the test connection's search_path
        settings left out)."""
        pagecache.invalidate("public")
        with CaptureQueriesContext(connection) as captured:
            assert portal_client.get(*args).status_code == 200
        return [q["sql"] for q in captured.captured_queries if not q["sql"].startswith("SET ")]

    one, one_csv = queries(PAGE), queries(CSV)
    for number in range(12):
        opd = bare_opd(f"dinas-{number}", name=f"Dinas Nomor {number}")
        for source_id in range(1, 4):
            record_entry(dip_row(source_id, f"Informasi {number}-{source_id}"), opd=opd)
    assert len(queries(PAGE)) == len(one)
    assert len(queries(CSV)) == len(one_csv)
    filtered = queries(PAGE, {"opd": "dinas-3", "kategori": "berkala", "q": "informasi"})
    assert len(filtered) == len(one)
    # The OPD choices, the years, the count and one page of entries, plus the portal's
    # scheduled-item lookup of the page cache.
    paged = queries(PAGE, {"tahun": 2026, "page": 2})
    assert len(paged) <= 5, paged
    assert sum('"ppidutama_dipentry"' in sql for sql in paged) == 4
    # The CSV: the OPD choices, the years and the rows.
    assert sum('"ppidutama_dipentry"' in sql for sql in queries(CSV)) == 3
    # Another combination of filters under the same content version: the choices are kept.
    with CaptureQueriesContext(connection) as captured:
        assert portal_client.get(PAGE, {"q": "informasi 3-"}).status_code == 200
    assert sum('"ppidutama_dipentry"' in q["sql"] for q in captured.captured_queries) == 2


def test_the_upgrade_copies_the_published_entries_an_opd_had(opd_a, opd_b, in_opd):
    migration = importlib.import_module("ppid.migrations.0008_pemda_dip_of_existing_entries")
    with in_opd(opd_a):
        fields = {
            "summary": "s", "holder": "h", "responsible_person": "r", "produced_when": "w",
            "produced_where": "p", "retention_period": "5", "year": 2025,
        }  # fmt: skip
        linked = PublicInformation.objects.create(
            number="1",
            title="Bertautan",
            category="berkala",
            link="https://contoh.go.id/",
            **fields,
        )
        PublicInformation.objects.create(
            number="2", title="Dikecualikan", category="dikecualikan",
            exclusion_legal_basis="Pasal 17 huruf h", exclusion_consequence="Data pribadi",
            exclusion_tested_on=datetime.date(2026, 1, 5), available_format="keduanya", **fields,
        )  # fmt: skip
        PublicInformation.objects.create(
            number="3", title="Draf", category="berkala", is_published=False, **fields
        )
        migration.copy_published_entries(apps, SimpleNamespace(connection=connection))
    with in_opd(opd_b):
        # An OPD without DIP entries: nothing to copy.
        migration.copy_published_entries(apps, SimpleNamespace(connection=connection))
    # In the public schema (no DIP there) the migration does not run at all (the router).
    rows = {entry.title: entry for entry in DipEntry.objects.all()}
    assert set(rows) == {"Bertautan", "Dikecualikan"}
    assert rows["Bertautan"].document_url == f"http://alpha.localhost/ppid/dokumen/{linked.pk}/"
    assert rows["Bertautan"].url == f"http://alpha.localhost/ppid/#informasi-{linked.pk}"
    assert not rows["Bertautan"].has_file
    excluded = rows["Dikecualikan"]
    assert excluded.document_url == "" and excluded.exclusion_legal_basis == "Pasal 17 huruf h"
    assert excluded.available_format == "Softcopy dan hardcopy"
    # What publishing writes is the same row.
    with in_opd(opd_a):
        publish_content(PublicInformation.objects.get(number="2"))
    after = DipEntry.objects.get(title="Dikecualikan")
    columns = [f.name for f in DipEntry._meta.concrete_fields if f.name not in ("id", "updated_at")]
    assert [getattr(after, c) for c in columns] == [getattr(excluded, c) for c in columns]


def test_an_entry_the_content_guard_holds_leaves_the_pemda_dip_until_released(
    opd_a, in_opd, portal_client
):
    with in_opd(opd_a):
        entry = publish_entry(title="Laporan bersih")
    assert "Laporan bersih" in portal_client.get(PAGE).content.decode()
    with in_opd(opd_a):
        entry.link = "https://slot-resmi.example/laporan.pdf"
        assert publish_content(entry).held
    assert not DipEntry.objects.exists()
    assert "Laporan bersih" not in portal_client.get(PAGE).content.decode()
    release_hold(hold=ContentHold.objects.get(object_id=entry.pk), by="kominfo")
    assert DipEntry.objects.get().title == "Laporan bersih"
    assert "Laporan bersih" in portal_client.get(PAGE).content.decode()
