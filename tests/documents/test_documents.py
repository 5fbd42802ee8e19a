"""The document library ("Unduhan"): categories, uploads judged by their bytes, the citizen
pages and the file itself, search, sitemap, menu and demo, each OPD's apart."""

import re

import pytest
from django.core.exceptions import ValidationError

from accounts import roles
from core import filetypes
from documents import demo as documents_demo
from documents.models import Document, DocumentCategory
from tests.documents.factories import PDF_BYTES, make_document, ooxml, uploaded, zip_of
from tests.factories import make_operator
from tests.news.factories import image_bytes

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/documents/document/add/"
JS_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >> endobj\n"
    b"3 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)
OPEN_ACTION_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /Launch /F (cmd.exe) >> >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)
DOCX = ooxml("word")


def real_queries(captured):
    return [q["sql"] for q in captured.captured_queries if not q["sql"].startswith("SET ")]


def stored_files(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file() and "unduhan" in p.parts)


@pytest.fixture
def operator_a(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        user = make_operator("penulis", role=roles.OPERATOR_BERITA)
        client_a.category = DocumentCategory.objects.get(slug="formulir")
        client_a.force_login(user)
    return client_a


def form(client, upload, **overrides):
    data = {
        "title": "Formulir Permohonan KTP",
        "category": client.category.pk,
        "description": "<p>Isi formulir ini.</p>",
        "file": upload,
        "is_published": "on",
        "published_at_0": "2026-01-05",
        "published_at_1": "09:00:00",
    }
    data.update(overrides)
    return data


# --- categories ---------------------------------------------------------------------------


def test_a_new_opd_gets_the_default_categories(opd_a, in_opd):
    with in_opd(opd_a):
        assert list(DocumentCategory.objects.values_list("name", flat=True)) == [
            "Formulir",
            "Peraturan",
            "Laporan",
            "Lainnya",
        ]


# --- uploads ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "file_type"),
    [
        ("formulir.pdf", PDF_BYTES, filetypes.PDF),
        ("formulir.docx", DOCX, filetypes.DOCX),
        ("anggaran.xlsx", ooxml("xl"), filetypes.XLSX),
        ("paparan.pptx", ooxml("ppt"), filetypes.PPTX),
        ("berkas.zip", zip_of({"a.txt": b"halo"}), filetypes.ZIP),
        ("peta.png", image_bytes("PNG"), filetypes.PNG),
    ],
)
def test_an_accepted_upload_is_stored_under_a_generated_name(
    opd_a, in_opd, operator_a, media_root, name, data, file_type
):
    response = operator_a.post(ADD_URL, form(operator_a, uploaded(name, data)))
    assert response.status_code == 302, response.content.decode()[:3000]
    with in_opd(opd_a):
        document = Document.objects.get()
    assert document.file_type == file_type
    assert document.original_filename == name
    assert re.fullmatch(r"unduhan/\d{4}/\d{2}/[0-9a-f]{32}\.\w+", document.file.name)
    (path,) = stored_files(media_root)
    assert document.file_size == path.stat().st_size
    if file_type != filetypes.PNG:  # images are re-encoded
        assert path.read_bytes() == data
    assert opd_a.schema_name in path.parts


BAD_UPLOADS = [
    pytest.param("kosong.pdf", b"", "kosong", id="empty"),
    pytest.param("skrip.pdf", JS_PDF, "konten aktif", id="pdf-javascript"),
    pytest.param("buka.pdf", OPEN_ACTION_PDF, "konten aktif", id="pdf-openaction-launch"),
    pytest.param(
        "makro.docx",
        ooxml("word", {"word/vbaProject.bin": b"\xd0\xcf"}),
        "makro",
        id="docm-renamed",
    ),
    pytest.param(
        "makro.xlsx",
        ooxml("xl", content_type="application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
        "makro",
        id="xlsm-content-type",
    ),
    pytest.param(
        "arsip.zip",
        zip_of({"surat.docm": ooxml("word", {"word/vbaProject.bin": b"x"})}),
        "makro",
        id="zip-holding-a-docm",
    ),
    pytest.param("makro.docm", DOCX, "tidak diizinkan", id="docm-extension"),
    pytest.param("laporan.docx", PDF_BYTES, "tidak sesuai", id="mismatched-extension"),
    pytest.param("program.pdf", b"MZ\x90\x00" + b"\x00" * 100, "tidak diizinkan", id="exe"),
    pytest.param("halaman.pdf", b"<html><script>x</script></html>", "tidak", id="html"),
    pytest.param(
        "lama.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "tidak", id="legacy-doc"
    ),  # fmt: skip
    pytest.param("rusak.docx", b"PK\x03\x04" + b"\x00" * 40, "tidak", id="broken-zip"),
    pytest.param("palsu.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "", id="undecodable-png"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_UPLOADS)
def test_a_bad_upload_is_refused_with_a_message_and_nothing_is_kept(
    opd_a, in_opd, operator_a, media_root, name, data, message
):
    response = operator_a.post(ADD_URL, form(operator_a, uploaded(name, data)))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "file" in errors and message in " ".join(errors["file"]), errors
    with in_opd(opd_a):
        assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_a_too_large_upload_is_refused(opd_a, in_opd, operator_a, media_root, settings):
    settings.PPID_MAX_UPLOAD_MB = 0
    response = operator_a.post(ADD_URL, form(operator_a, uploaded("a.pdf", PDF_BYTES)))
    assert "melebihi batas" in " ".join(response.context["adminform"].form.errors["file"])
    with in_opd(opd_a):
        assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_a_good_file_with_another_field_wrong_leaves_no_file(opd_a, in_opd, operator_a, media_root):
    response = operator_a.post(
        ADD_URL, form(operator_a, uploaded("a.pdf", PDF_BYTES), category="999999")
    )
    assert response.status_code == 200
    with in_opd(opd_a):
        assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_hostile_html_in_the_description_is_sanitised(opd_a, in_opd, operator_a, client_a):
    hostile = (
        '<p onclick="alert(1)">Isi<script>alert(2)</script> <a href="javascript:alert(3)">x</a>'
        '</p><img src=x onerror="alert(4)">'
    )
    response = operator_a.post(
        ADD_URL, form(operator_a, uploaded("a.pdf", PDF_BYTES), description=hostile)
    )
    assert response.status_code == 302
    with in_opd(opd_a):
        document = Document.objects.get()
    for bad in ("script", "onclick", "javascript:", "onerror"):
        assert bad not in document.description
    client_a.logout()
    html = client_a.get(document.get_absolute_url()).content.decode()
    assert "alert(" not in html


def test_the_checks_live_in_core_for_every_upload():
    """The macro and empty-file checks guard the PPID's uploads too (core.filetypes)."""
    with pytest.raises(ValidationError) as error:
        filetypes.validate_upload(
            uploaded("a.docx", ooxml("word", {"word/vbaProject.bin": b"x"})),
            allowed=filetypes.DOCUMENT_EXTENSIONS,
            max_mb=5,
        )
    assert error.value.code == "macros"
    with pytest.raises(ValidationError) as error:
        filetypes.validate_upload(
            uploaded("a.pdf", b""), allowed=filetypes.DOCUMENT_EXTENSIONS, max_mb=5
        )
    assert error.value.code == "empty"


def test_the_admin_lists_type_and_size(opd_a, in_opd, operator_a):
    with in_opd(opd_a):
        make_document("Formulir Surat Pindah")
    html = operator_a.get("/admin/documents/document/").content.decode()
    assert "Formulir Surat Pindah" in html and "PDF" in html


# --- citizen pages ------------------------------------------------------------------------


@pytest.fixture
def documents_a(opd_a, in_opd):
    with in_opd(opd_a):
        return {
            "form": make_document("Formulir Permohonan Izin", category="formulir"),
            "report": make_document(
                "Laporan Tahunan 2025", category="laporan", data=DOCX, file_type=filetypes.DOCX
            ),
            "draft": make_document("Draf Rahasia", category="laporan", is_published=False),
        }


def test_the_list_shows_documents_by_category_with_type_and_size(documents_a, client_a):
    html = client_a.get("/unduhan/").content.decode()
    assert "Formulir Permohonan Izin" in html and "Laporan Tahunan 2025" in html
    assert html.index(">Formulir</h2>") < html.index(">Laporan</h2>")
    assert "PDF, " in html and "DOCX, " in html
    assert "Draf Rahasia" not in html
    assert "Peraturan</h2>" not in html  # empty categories are left out


def test_the_list_filters_by_category(documents_a, client_a):
    html = client_a.get("/unduhan/?kategori=laporan").content.decode()
    assert "Laporan Tahunan 2025" in html and "Formulir Permohonan Izin" not in html
    assert 'aria-current="page">Laporan' in html


@pytest.mark.parametrize("value", ["tidak-ada", "<script>", "x" * 5000, "'; drop table"])
def test_an_unknown_category_is_404(documents_a, client_a, value):
    assert client_a.get("/unduhan/", {"kategori": value}).status_code == 404


def test_the_detail_page(documents_a, client_a):
    document = documents_a["report"]
    html = client_a.get(f"/unduhan/{document.pk}/").content.decode()
    assert "Laporan Tahunan 2025" in html and f"/unduhan/{document.pk}/berkas/" in html
    assert "DOCX" in html and "Unduh dokumen" in html


def test_a_pdf_opens_inline(documents_a, client_a):
    response = client_a.get(f"/unduhan/{documents_a['form'].pk}/berkas/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="formulir-permohonan-izin.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_other_files_are_attachments_with_a_safe_name(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        document = make_document(
            '../../etc/"passwd" Laporan\r\n2025', data=DOCX, file_type=filetypes.DOCX
        )
    response = client_a.get(f"/unduhan/{document.pk}/berkas/")
    assert response["Content-Type"] == filetypes.CONTENT_TYPES[filetypes.DOCX]
    assert response["Content-Disposition"] == 'attachment; filename="etcpasswd-laporan-2025.docx"'
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("suffix", ["", "berkas/"])
def test_an_unpublished_or_missing_document_is_404(documents_a, client_a, suffix):
    assert client_a.get(f"/unduhan/{documents_a['draft'].pk}/{suffix}").status_code == 404
    assert client_a.get(f"/unduhan/999999/{suffix}").status_code == 404


def test_a_lost_file_is_404_not_500(documents_a, client_a, opd_a, in_opd):
    document = documents_a["form"]
    with in_opd(opd_a):
        document.file.storage.delete(document.file.name)
    assert client_a.get(f"/unduhan/{document.pk}/berkas/").status_code == 404


def test_search_finds_documents(documents_a, client_a):
    html = client_a.get("/cari/", {"q": "laporan tahunan"}).content.decode()
    assert f"/unduhan/{documents_a['report'].pk}/" in html
    assert "Draf Rahasia" not in client_a.get("/cari/", {"q": "rahasia"}).content.decode()


def test_the_sitemap_lists_published_documents(documents_a, client_a):
    xml = client_a.get("/sitemap.xml").content.decode()
    assert f"/unduhan/{documents_a['form'].pk}/" in xml
    assert f"/unduhan/{documents_a['draft'].pk}/" not in xml


def test_the_menu_offers_unduhan_under_informasi_publik(client_a):
    html = client_a.get("/").content.decode()
    assert 'href="/unduhan/"' in html


def test_an_article_lists_its_attachments_under_lampiran(opd_a, in_opd, client_a):
    """News articles attach PDFs from the media library; the article shows them with their
    type and size under "Lampiran" (templates/news/article_detail.html)."""
    from library.services import add_document
    from tests.news.factories import make_article

    with in_opd(opd_a):
        article = make_article("Rapat koordinasi")
        document = add_document(upload=uploaded("a.pdf", PDF_BYTES), title="Notulen rapat")
        article.attachments.add(document)
    html = client_a.get(article.get_absolute_url()).content.decode()
    section = html[html.index('aria-labelledby="lampiran-judul"') :]
    assert ">Lampiran</h2>" in section and "Notulen rapat" in section and "PDF, " in section


# --- isolation ----------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", "berkas/"])
def test_b_cannot_fetch_a_document_of_a(documents_a, client_b, suffix):
    assert client_b.get(f"/unduhan/{documents_a['form'].pk}/{suffix}").status_code == 404


def test_b_does_not_list_search_or_map_a_documents(documents_a, client_b):
    assert "Formulir Permohonan Izin" not in client_b.get("/unduhan/").content.decode()
    assert "Formulir Permohonan Izin" not in (
        client_b.get("/cari/", {"q": "formulir permohonan"}).content.decode()
    )
    assert (
        "/unduhan/" + str(documents_a["form"].pk)
        not in client_b.get("/sitemap.xml").content.decode()
    )


def test_b_admin_cannot_open_a_document_of_a(documents_a, opd_b, in_opd, client_b):
    with in_opd(opd_b):
        client_b.force_login(make_operator("kepala", role=roles.ADMIN_OPD))
    pk = documents_a["form"].pk
    response = client_b.get(f"/admin/documents/document/{pk}/change/", follow=True)
    assert "Formulir Permohonan Izin" not in response.content.decode()
    changelist = client_b.get("/admin/documents/document/").content.decode()
    assert "Formulir Permohonan Izin" not in changelist


def test_the_same_id_in_two_opds_stays_apart(documents_a, opd_b, in_opd, client_b):
    with in_opd(opd_b):
        make_document("Milik Beta", pk=documents_a["form"].pk)
    html = client_b.get(f"/unduhan/{documents_a['form'].pk}/").content.decode()
    assert "Milik Beta" in html and "Formulir Permohonan Izin" not in html


def test_the_portal_does_not_index_documents(documents_a, portal_client):
    from mainsite.models import PublishedItem

    assert not PublishedItem.objects.filter(kind=Document.guard_kind).exists()


# --- query counts -------------------------------------------------------------------------


@pytest.fixture
def many_documents(opd_a, in_opd):
    with in_opd(opd_a):
        for number in range(12):
            make_document(
                f"Dokumen nomor {number}", category=("formulir", "laporan", "lainnya")[number % 3]
            )
        return Document.objects.first()


# Worst case, cold caches: the domain lookup, the page cache's scheduled publications, the
# pemda identity, the menu and banners, then the page's own queries (categories and documents
# on the list, the document with its category on the detail page).
@pytest.mark.parametrize(
    ("url", "max_queries"),
    [("/unduhan/", 8), ("/unduhan/?kategori=laporan", 8), ("detail", 7), ("file", 3)],
)
def test_document_pages_run_a_fixed_number_of_queries(
    many_documents, client_a, django_assert_max_num_queries, url, max_queries
):
    if url == "detail":
        url = f"/unduhan/{many_documents.pk}/"
    elif url == "file":
        url = f"/unduhan/{many_documents.pk}/berkas/"
    with django_assert_max_num_queries(2 * max_queries) as captured:
        response = client_a.get(url)
    assert response.status_code == 200
    assert len(real_queries(captured)) <= max_queries, real_queries(captured)


# --- demo ---------------------------------------------------------------------------------


def test_the_demo_pdfs_are_valid_and_pass_the_upload_checks():
    data = documents_demo.minimal_pdf(["Judul (uji)", "Baris"])
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    xref = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert data[xref:].startswith(b"xref")
    assert (
        filetypes.validate_upload(
            uploaded("a.pdf", data), allowed=filetypes.DOWNLOAD_EXTENSIONS, max_mb=1
        )
        == filetypes.PDF
    )


def test_the_demo_seeds_documents_once(opd_a, in_opd, client_a):
    class Demo:
        slug = "bpbd"

    with in_opd(opd_a):
        documents_demo.seed_demo_content(Demo())
        documents_demo.seed_demo_content(Demo())
        assert Document.objects.count() == 3
        document = Document.objects.first()
    response = client_a.get(f"/unduhan/{document.pk}/berkas/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


# --- more admin and storage -----------------------------------------------------------------


def test_the_add_form_speaks_indonesian(operator_a):
    html = operator_a.get(ADD_URL).content.decode()
    assert "Judul" in html and "Kategori" in html and "Berkas" in html
    assert "makro" in html  # the file field's help text


def test_editing_without_a_new_file_keeps_the_file_and_its_facts(opd_a, in_opd, operator_a):
    with in_opd(opd_a):
        document = make_document("Laporan Lama", data=DOCX, file_type=filetypes.DOCX)
        name = document.file.name
    data = form(operator_a, "", title="Laporan Baru")
    data.pop("file")
    response = operator_a.post(f"/admin/documents/document/{document.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    with in_opd(opd_a):
        document.refresh_from_db()
    assert document.title == "Laporan Baru" and document.file.name == name
    assert document.file_type == filetypes.DOCX and document.file_size == len(DOCX)


def test_b_admin_cannot_change_a_document_of_a_by_its_id(
    documents_a, opd_a, opd_b, in_opd, client_b
):
    with in_opd(opd_b):
        category = DocumentCategory.objects.get(slug="formulir")
        client_b.force_login(make_operator("kepala", role=roles.ADMIN_OPD))
    client_b.category = category
    pk = documents_a["form"].pk
    client_b.post(
        f"/admin/documents/document/{pk}/change/",
        form(client_b, uploaded("a.pdf", PDF_BYTES), title="Diubah oleh beta"),
    )
    client_b.post(f"/admin/documents/document/{pk}/delete/", {"post": "yes"})
    with in_opd(opd_a):
        assert Document.objects.get(pk=pk).title == "Formulir Permohonan Izin"
    with in_opd(opd_b):
        assert not Document.objects.filter(title="Diubah oleh beta").exists()


def test_a_document_is_served_from_either_storage(opd_a, in_opd, client_a, storage_backend):
    with in_opd(opd_a):
        document = make_document("Formulir di penyimpanan")
    stored = storage_backend.files(prefix=f"{opd_a.schema_name}/unduhan/")
    assert list(stored.values()) == [PDF_BYTES]
    response = client_a.get(f"/unduhan/{document.pk}/berkas/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_an_uploaded_image_is_re_encoded(opd_a, in_opd, operator_a, media_root):
    polyglot = image_bytes("JPEG") + b"<html><script>alert(1)</script></html>"
    response = operator_a.post(ADD_URL, form(operator_a, uploaded("peta.jpg", polyglot)))
    assert response.status_code == 302
    (path,) = stored_files(media_root)
    stored = path.read_bytes()
    assert stored.startswith(b"\xff\xd8\xff") and b"<script>" not in stored
    with in_opd(opd_a):
        document = Document.objects.get()
    assert document.file_type == filetypes.JPEG and document.file_size == len(stored)


def test_nested_archives_are_looked_into_within_a_budget(monkeypatch):
    clean = zip_of({"a.docx": DOCX, "b.zip": zip_of({"c.xlsx": ooxml("xl")})})
    assert not filetypes.office_macros(uploaded("a.zip", clean))
    monkeypatch.setattr(filetypes, "_MACRO_MAX_NESTED_BYTES", len(DOCX))
    assert filetypes.office_macros(uploaded("a.zip", clean))
