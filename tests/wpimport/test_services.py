"""The import itself: what each WordPress item becomes in the OPD, and what it leaves alone."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PIL import Image as PilImage

from documents.models import Document
from library.models import Image
from mainsite.models import PublishedItem
from news.models import Article, Category, Tag
from pages.models import Page
from redirects.models import Redirect
from wpimport import services
from wpimport.models import ImportedItem, ImportRun
from wpimport.wxr import parse_export

from .test_wxr import FIXTURE

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def jpeg_with_exif() -> bytes:
    exif = PilImage.Exif()
    exif[0x010F] = "KameraRahasia"
    buffer = io.BytesIO()
    PilImage.new("RGB", (80, 60), (20, 90, 160)).save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def uploads() -> dict[str, bytes]:
    return {"2024/02/imunisasi.jpg": jpeg_with_exif(), "2024/01/SK-Kadis-2024.pdf": PDF}


@pytest.fixture
def export():
    return parse_export(FIXTURE)


def counts() -> dict[str, int]:
    models = (Article, Page, Image, Document, Category, Tag, Redirect, ImportedItem, ImportRun)
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def imported(opd_a, in_opd, export):
    with in_opd(opd_a):
        return services.run(export, attachments=uploads())


def test_statuses_map_to_published_scheduled_and_draft(opd_a, in_opd, imported):
    with in_opd(opd_a):
        titles = dict(Article.objects.values_list("title", "status"))
        assert titles["Pekan Imunisasi Nasional di Puskesmas Sukamaju"] == "published"
        assert titles["Draf laporan stunting"] == "draft"
        assert titles["Menunggu tinjauan"] == "draft"
        assert "Catatan internal" not in titles  # private
        assert "Berita lama yang dihapus" not in titles  # trash
    assert imported.skipped["private"] == 1
    assert imported.skipped["trash"] == 1


def test_sticky_categories_tags_and_dates(opd_a, in_opd, imported):
    with in_opd(opd_a):
        article = Article.objects.get(title__startswith="Pekan Imunisasi")
        assert article.is_pinned
        assert article.category.name == "Imunisasi & Vaksinasi"
        assert set(article.tags.values_list("name", flat=True)) == {"Posyandu"}
        assert article.published_at.tzinfo is not None
        jakarta = article.published_at.astimezone(ZoneInfo("Asia/Jakarta"))
        assert jakarta.date() == datetime(2024, 2, 15).date()
        other = Article.objects.get(title="Posyandu Balita Serentak")
        assert set(other.tags.values_list("name", flat=True)) == {"Posyandu", "Stunting"}
        assert Tag.objects.filter(name="Posyandu").count() == 1


def test_pages_keep_their_order_and_their_parents(opd_a, in_opd, imported):
    with in_opd(opd_a):
        # The OPD's own seeded "Profil" page stays; the imported one gets another slug.
        ids = ImportedItem.objects.filter(wp_kind="page").values("target_pk")
        pages = list(Page.objects.filter(pk__in=ids).order_by("menu_order"))
        assert [page.title for page in pages] == ["Profil", "Visi dan Misi"]
        assert pages[0].show_in_menu and not pages[1].show_in_menu
        assert pages[0].parent is None and pages[1].parent == pages[0]


def test_the_fixtures_nested_categories_keep_their_parents(opd_a, in_opd, imported):
    with in_opd(opd_a):
        kegiatan = Category.objects.get(slug="kegiatan")
        assert kegiatan.parent.slug == "berita"  # the OPD's own "Berita", matched by slug
        assert Category.objects.get(slug="imunisasi").parent == kegiatan
        assert Category.objects.get(slug="berita").parent is None


def test_attachments_become_reencoded_images_and_documents(opd_a, in_opd, imported):
    with in_opd(opd_a):
        image = Image.objects.get()
        with image.file.open("rb") as file:
            assert not PilImage.open(file).getexif()
        document = Document.objects.get()
        assert document.file_type == "pdf"
        article = Article.objects.get(title__startswith="Pekan Imunisasi")
        assert article.cover_photo == image
        assert "imunisasi-300x200.jpg" not in article.body
        assert image.file.url in article.body


def test_old_addresses_answer_301(opd_a, in_opd, client_a, imported):
    with in_opd(opd_a):
        article = Article.objects.get(title__startswith="Pekan Imunisasi")
        page = Page.objects.get(pk=ImportedItem.objects.get(wp_kind="page", wp_key="30").target_pk)
    for old, new in [
        ("/?p=10", article.get_absolute_url()),
        ("/2024/02/15/pekan-imunisasi-nasional/", article.get_absolute_url()),
        ("/?page_id=30", page.get_absolute_url()),
        ("/profil/", page.get_absolute_url()),
        ("/feed/", "/berita/feed/"),
    ]:
        response = client_a.get(old)
        assert response.status_code == 301, old
        assert response["Location"].endswith(new), old
    assert client_a.get("/category/imunisasi/").status_code == 301
    assert client_a.get("/tag/posyandu/")["Location"].endswith("/cari/?q=Posyandu")
    assert client_a.get("/wp-content/uploads/2024/02/imunisasi.jpg").status_code == 301


def test_importing_again_creates_no_duplicates_and_updates_changes(opd_a, in_opd, export, imported):
    with in_opd(opd_a):
        before = counts()
        again = services.run(export, attachments=uploads())
        after = counts()
    assert after == {**before, "ImportRun": before["ImportRun"] + 1}
    assert sum(again.created.values()) == 0
    changed = FIXTURE.read_text().replace(
        "Posyandu Balita Serentak", "Posyandu Balita Serentak 2024"
    )
    with in_opd(opd_a):
        report = services.run(parse_export(changed.encode()), attachments=uploads())
        assert Article.objects.filter(title="Posyandu Balita Serentak 2024").count() == 1
        assert Article.objects.count() == before["Article"]
    assert report.updated["article"] == 1


def test_importing_again_restores_the_old_category_and_tag_addresses(
    opd_a, in_opd, client_a, export, imported
):
    with in_opd(opd_a):
        terms = Redirect.objects.filter(old_path__regex=r"^/(category/imunisasi|tag/posyandu)/?$")
        assert terms.delete()[0] == 2
        again = services.run(export, attachments=uploads())
    assert again.created.get("redirect", 0) == 2
    assert client_a.get("/category/imunisasi/").status_code == 301
    assert client_a.get("/tag/posyandu/")["Location"].endswith("/cari/?q=Posyandu")


def test_a_dry_run_writes_nothing(opd_a, in_opd, export):
    with in_opd(opd_a):
        before = counts()
        report = services.plan(export, attachments=uploads())
        assert counts() == before
    assert report.dry_run
    assert report.created["article"] == 4
    assert report.created["image"] == 1
    assert report.created["document"] == 1


def test_importing_into_one_opd_leaves_the_other_alone(opd_a, opd_b, in_opd, imported):
    with in_opd(opd_b):
        assert not Article.objects.filter(title__startswith="Pekan Imunisasi").exists()
        assert not ImportedItem.objects.exists()
        assert not Redirect.objects.exists()


def test_a_future_post_is_scheduled(opd_a, in_opd):
    text = FIXTURE.read_text().replace("2024-03-05 02:00:00", "2099-03-05 02:00:00")
    with in_opd(opd_a):
        services.run(parse_export(text.encode()), attachments=uploads())
        article = Article.objects.get(title="Posyandu Balita Serentak")
        assert article.status == Article.Status.PUBLISHED
        assert article.is_scheduled
        assert article not in Article.objects.published()


def test_problems_are_reported_before_anything_is_written(opd_a, in_opd, export):
    with in_opd(opd_a):
        report = services.plan(export, attachments={})
    problems = "\n".join(report.problems)
    assert "[contact-form-7]" in problems  # an unknown shortcode
    assert "jadwal-imunisasi" in problems  # an internal link to nothing imported
    assert "Berkas lampiran tidak ada" in problems
    assert "Kategori bersarang diratakan" not in problems  # nested categories are kept
    assert report.skipped["missing_attachment"] == 2


def test_a_duplicate_slug_gets_a_unique_one_and_is_reported(opd_a, in_opd, export):
    with in_opd(opd_a):
        Article.objects.create(
            title="Sudah ada", slug="posyandu-balita-serentak", category=Category.objects.first()
        )
        report = services.run(export, attachments=uploads())
        article = Article.objects.get(title="Posyandu Balita Serentak")
    assert article.slug == "posyandu-balita-serentak-2"
    assert any("posyandu-balita-serentak-2" in problem for problem in report.problems)


def test_a_later_export_adds_only_what_is_new(opd_a, in_opd, export, imported):
    text = FIXTURE.read_text()
    item = text[text.index("<item>", text.index("Posyandu Balita Serentak") - 400) :]
    item = item[: item.index("</item>") + len("</item>")]
    newer = (
        item.replace("<wp:post_id>11</wp:post_id>", "<wp:post_id>99</wp:post_id>")
        .replace("Posyandu Balita Serentak", "Posyandu Remaja")
        .replace("posyandu-balita-serentak", "posyandu-remaja")
    )
    with in_opd(opd_a):
        before = Article.objects.count()
        report = services.run(
            parse_export(text.replace("</channel>", newer + "</channel>").encode()),
            attachments=uploads(),
        )
        assert Article.objects.count() == before + 1
    assert report.created["article"] == 1
    assert report.unchanged["article"] == 4


def test_the_public_schema_only_gets_the_portal_index_of_the_published_items(
    opd_a, opd_b, in_opd, imported
):
    assert not PublishedItem.objects.filter(opd=opd_b).exists()
    titles = set(PublishedItem.objects.filter(opd=opd_a).values_list("title", flat=True))
    assert "Pekan Imunisasi Nasional di Puskesmas Sukamaju" in titles
    assert "Draf laporan stunting" not in titles


def test_the_run_and_its_report_are_kept_with_the_opd(opd_a, in_opd, imported):
    with in_opd(opd_a):
        run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.DONE and not run.dry_run
    assert run.finished_at is not None
    assert run.report["created"]["article"] == 4
    assert run.report["skipped"]["private"] == 1


def test_an_attachment_that_is_not_an_image_is_reported_and_left_out(opd_a, in_opd, export):
    with in_opd(opd_a):
        report = services.run(
            export, attachments={**uploads(), "2024/02/imunisasi.jpg": b"<?php echo 1; ?>"}
        )
        assert not Image.objects.exists()
        article = Article.objects.get(title__startswith="Pekan Imunisasi")
        assert article.cover_photo is None
    assert report.skipped["bad_attachment"] == 1
    assert any("imunisasi.jpg ditolak" in problem for problem in report.problems)


def test_a_gallery_shows_the_imported_images(opd_a, in_opd):
    text = FIXTURE.read_text()
    start = text.index("<content:encoded>", text.index("Posyandu Balita Serentak"))
    end = text.index("</content:encoded>", start)
    body = '<content:encoded><![CDATA[Foto kegiatan:\n\n[gallery ids="20,77"]\n\nSelesai.]]>'
    with in_opd(opd_a):
        services.run(
            parse_export((text[:start] + body + text[end:]).encode()), attachments=uploads()
        )
        article = Article.objects.get(title="Posyandu Balita Serentak")
        assert Image.objects.get().file.url in article.body
    assert "wpimport-galeri" not in article.body


def test_the_author_display_name_becomes_the_byline(opd_a, in_opd, client_a, imported):
    with in_opd(opd_a):
        bylines = dict(Article.objects.values_list("title", "byline"))
        article = Article.objects.get(title__startswith="Pekan Imunisasi")
    assert bylines["Pekan Imunisasi Nasional di Puskesmas Sukamaju"] == "Tim Humas"
    assert "Oleh Tim Humas" in client_a.get(article.get_absolute_url()).content.decode()


def test_importing_again_keeps_what_an_operator_changed_here(opd_a, in_opd, export, imported):
    with in_opd(opd_a):
        article = Article.objects.get(title="Posyandu Balita Serentak")
        article.summary = "Ringkasan yang ditulis ulang operator."
        article.save()
        changed = FIXTURE.read_text().replace("Posyandu Balita Serentak", "Judul dari WordPress")
        report = services.run(parse_export(changed.encode()), attachments=uploads())
        article.refresh_from_db()
    assert article.title == "Posyandu Balita Serentak"
    assert article.summary == "Ringkasan yang ditulis ulang operator."
    assert report.updated["article"] == 0
    assert any("tidak ditimpa" in problem for problem in report.problems)


@pytest.fixture
def image_workers(monkeypatch):
    """Images prepared by two worker processes even for the fixture's one image."""
    monkeypatch.setattr("wpimport.images.MIN_IMAGES", 1)
    monkeypatch.setattr("wpimport.images.worker_count", lambda: 2)


def test_images_prepared_by_worker_processes_are_stored_as_the_import_stores_them(
    opd_a, in_opd, export, image_workers
):
    with in_opd(opd_a):
        services.run(export, attachments=uploads())
        image = Image.objects.get()
        storage = image.file.storage
        assert storage.exists(image.file.name)
        with image.file.open("rb") as file:
            assert not PilImage.open(file).getexif()
        names = [image.renditions["share"]] + [
            rendition[kind]
            for rendition in image.renditions["renditions"]
            for kind in ("webp", "jpg")
        ]
        assert all(storage.exists(name) for name in names)
        assert image.renditions["source"] == image.file.name
        assert (image.width, image.height) == (80, 60)
        article = Article.objects.get(title__startswith="Pekan Imunisasi")
        assert article.cover_photo == image
        assert image.file.url in article.body


def test_an_image_a_worker_rejects_is_reported_and_left_out(opd_a, in_opd, export, image_workers):
    with in_opd(opd_a):
        report = services.run(
            export, attachments={**uploads(), "2024/02/imunisasi.jpg": b"\xff\xd8not a jpeg"}
        )
        assert not Image.objects.exists()
    assert report.skipped["bad_attachment"] == 1
    assert any("imunisasi.jpg ditolak" in problem for problem in report.problems)
