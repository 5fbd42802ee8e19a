"""The OPD's back office for news: editor configuration, slugs, author, filters, covers."""

import io

import pytest
from django.conf import settings

from accounts import roles
from library.models import Document as LibraryDocument
from library.models import Image as LibraryImage
from library.services import add_image
from news.models import Article, Category, Tag
from tests.factories import make_operator
from tests.news.factories import animated_gif, image_bytes, make_article, uploaded

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/news/article/add/"
PDF_BYTES = (
    (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )
    + b"%"
    + b"x" * 1500
    + b"\n"
)


@pytest.fixture
def operator_a(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        user = make_operator("penulis", role=roles.OPERATOR_BERITA)
        category = Category.objects.get(slug="berita")
        client_a.force_login(user)
    client_a.user = user
    client_a.category = category
    return client_a


def article_form(client, **overrides):
    data = {
        "title": "Judul dari admin",
        "slug": "",
        "category": client.category.pk,
        "summary": "Ringkasan",
        "body": "<p>Isi <strong>tebal</strong></p>",
        "cover_photo": "",
        "cover_alt_text": "",
        "status": Article.Status.PUBLISHED,
        "published_at_0": "2026-01-05",
        "published_at_1": "09:00:00",
        "is_pinned": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_editor_config_removes_markdown_and_fullpage_together():
    config = settings.CKEDITOR_5_CONFIGS["default"]
    remove = config["removePlugins"]
    assert ("Markdown" in remove) == ("FullPage" in remove)
    assert "Markdown" in remove and "FullPage" in remove
    assert "HtmlEmbed" in remove and "SourceEditing" in remove
    assert "GeneralHtmlSupport" not in remove


def test_the_editor_widget_renders_in_the_admin(operator_a):
    html = operator_a.get(ADD_URL).content.decode()
    assert "django_ckeditor_5" in html
    assert 'data-upload-url="/editor/unggah-gambar/"' in html


def test_a_body_saved_via_the_admin_is_html_and_stamped_with_its_author(opd_a, in_opd, operator_a):
    response = operator_a.post(ADD_URL, article_form(operator_a))
    assert response.status_code == 302, response.content.decode()[:2000]
    with in_opd(opd_a):
        article = Article.objects.get()
    assert article.body.startswith("<")
    assert article.slug == "judul-dari-admin"
    assert article.author == operator_a.user


def test_hostile_html_posted_via_the_admin_is_removed_on_save(opd_a, in_opd, operator_a):
    body = (
        '<p onclick="x()">Aman</p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">a</a><img src="data:image/png;base64,AA">'
    )
    operator_a.post(ADD_URL, article_form(operator_a, body=body))
    with in_opd(opd_a):
        stored = Article.objects.get().body
    assert "<p>Aman</p>" in stored
    assert "script" not in stored and "javascript" not in stored and "onclick" not in stored
    assert "data:" not in stored


def test_duplicate_slug_within_an_opd_is_a_form_error(opd_a, in_opd, operator_a):
    with in_opd(opd_a):
        make_article("Sudah ada", slug="kabar")
    response = operator_a.post(ADD_URL, article_form(operator_a, slug="kabar"))
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    with in_opd(opd_a):
        assert Article.objects.count() == 1


def test_same_slug_in_another_opd_is_fine(opd_b, in_opd, opd_a, operator_a):
    with in_opd(opd_b):
        make_article("Di beta", slug="kabar")
    response = operator_a.post(ADD_URL, article_form(operator_a, slug="kabar"))
    assert response.status_code == 302
    with in_opd(opd_a):
        assert Article.objects.get().slug == "kabar"


def test_reserved_slug_is_a_form_error(operator_a):
    response = operator_a.post(ADD_URL, article_form(operator_a, slug="feed"))
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors


def test_cover_upload_makes_renditions(opd_a, in_opd, operator_a, storage_backend):
    data = article_form(operator_a, cover_alt_text="Warga antre")
    data["cover_upload"] = uploaded("../../etc/sampul asli.jpg", image_bytes(size=(1800, 1200)))
    response = operator_a.post(ADD_URL, data)
    assert response.status_code == 302
    with in_opd(opd_a):
        article = Article.objects.select_related("cover_photo").get()
        image = article.cover_photo
    assert image.alt_text == "Warga antre" and image.uploaded_by == operator_a.user
    meta = image.renditions
    assert [r["width"] for r in meta["renditions"]] == [480, 960, 1600]
    files = storage_backend.files(prefix="alpha/pustaka/gambar/")
    names = {name.rsplit("/", 1)[-1] for name in files}
    assert any(name.endswith("-480.webp") for name in names)
    assert any(name.endswith("-1600.jpg") for name in names)
    assert any(name.endswith("-share.jpg") for name in names)
    assert not any("asli" in name for name in names)
    from PIL import Image

    with Image.open(io.BytesIO(files[f"alpha/{meta['share']}"])) as share:
        assert share.size == (1200, 630)
    assert article.cover_image()["alt"] == "Warga antre"


def test_cover_that_is_not_an_image_is_a_form_error(opd_a, in_opd, operator_a, media_root):
    data = article_form(operator_a, cover_alt_text="x")
    data["cover_upload"] = uploaded("sampul.jpg", b"<html><script>alert(1)</script></html>")
    response = operator_a.post(ADD_URL, data)
    assert response.status_code == 200
    assert "cover_upload" in response.context["adminform"].form.errors
    with in_opd(opd_a):
        assert not Article.objects.exists()
        assert not LibraryImage.objects.exists()


def test_a_long_animated_cover_is_a_form_error(opd_a, in_opd, operator_a, storage_backend):
    data = article_form(operator_a, cover_alt_text="Animasi")
    data["cover_upload"] = uploaded("sampul.gif", animated_gif(), "image/gif")
    response = operator_a.post(ADD_URL, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["cover_upload"] == [
        "Animasi terlalu besar untuk diproses (60 bingkai). Unggah gambar diam atau animasi "
        "yang lebih kecil."
    ]
    with in_opd(opd_a):
        assert not Article.objects.exists()
    assert storage_backend.files() == {}


def test_a_small_animated_cover_is_stored_as_a_still(opd_a, in_opd, operator_a, storage_backend):
    from PIL import Image

    data = article_form(operator_a, cover_alt_text="Animasi")
    data["cover_upload"] = uploaded(
        "sampul.gif", animated_gif(frames=4, size=(600, 400)), "image/gif"
    )
    assert operator_a.post(ADD_URL, data).status_code == 302
    with in_opd(opd_a):
        article = Article.objects.get()
        name = article.cover_photo.file.name
    with Image.open(io.BytesIO(storage_backend.files()[f"alpha/{name}"])) as cover:
        assert getattr(cover, "n_frames", 1) == 1


def test_cover_needs_alt_text(opd_a, in_opd, operator_a):
    data = article_form(operator_a)
    data["cover_upload"] = uploaded("sampul.jpg", image_bytes())
    response = operator_a.post(ADD_URL, data)
    assert response.status_code == 200
    assert "cover_alt_text" in response.context["adminform"].form.errors
    with in_opd(opd_a):
        assert not Article.objects.exists()


def test_a_form_error_keeps_the_chosen_cover_file(
    opd_a, in_opd, operator_a, review_off, media_root
):
    """The defect: an error elsewhere on the form (here a missing title) dropped the cover file.
    The valid upload is now in the library at once, shown chosen, and the fixed form, posted
    without the file, saves the article with that cover."""
    data = article_form(operator_a, title="", cover_alt_text="Petugas membagikan masker")
    data["cover_upload"] = uploaded("sampul.jpg", image_bytes(size=(1000, 600)))
    response = operator_a.post(ADD_URL, data)
    assert response.status_code == 200
    assert "title" in response.context["adminform"].form.errors
    with in_opd(opd_a):
        (image,) = LibraryImage.objects.all()
        assert not Article.objects.exists()
    html = response.content.decode()
    assert f'name="cover_photo" value="{image.pk}" checked' in html
    assert image.picture()["thumb_url"] in html
    assert (media_root / "alpha" / image.file.name).exists()

    fixed = article_form(operator_a, title="Pembagian masker", cover_alt_text="")
    fixed["cover_photo"] = str(image.pk)
    assert operator_a.post(ADD_URL, fixed).status_code == 302
    with in_opd(opd_a):
        article = Article.objects.get()
        assert article.cover_photo_id == image.pk
        assert article.cover_image()["alt"] == "Petugas membagikan masker"
    assert operator_a.get(f"/berita/{article.slug}/").status_code in (200, 302)


def test_a_cover_missing_its_alt_text_is_kept_until_the_alt_text_is_given(
    opd_a, in_opd, operator_a, media_root
):
    data = article_form(operator_a)
    data["cover_upload"] = uploaded("sampul.jpg", image_bytes(size=(800, 600)))
    response = operator_a.post(ADD_URL, data)
    assert "cover_alt_text" in response.context["adminform"].form.errors
    with in_opd(opd_a):
        (image,) = LibraryImage.objects.all()
    fixed = article_form(operator_a, cover_alt_text="Banjir di Kampung Baru")
    fixed["cover_photo"] = str(image.pk)
    assert operator_a.post(ADD_URL, fixed).status_code == 302
    with in_opd(opd_a):
        image.refresh_from_db()
        assert image.alt_text == "Banjir di Kampung Baru"
        assert Article.objects.get().cover_photo == image


def test_a_cover_is_chosen_from_the_library_with_its_alt_text(opd_a, in_opd, operator_a):
    with in_opd(opd_a):
        image = add_image(upload=uploaded("a.jpg", image_bytes(size=(700, 500))), alt_text="Kantor")
    response = operator_a.get(ADD_URL)
    assert f'name="cover_photo" value="{image.pk}"' in response.content.decode()
    data = article_form(operator_a, cover_photo=str(image.pk))
    assert operator_a.post(ADD_URL, data).status_code == 302
    with in_opd(opd_a):
        assert Article.objects.get().cover_image()["alt"] == "Kantor"


@pytest.mark.parametrize("value", ["²", "١٢", "-1", "abc"])
def test_a_cover_that_is_no_library_number_is_a_form_error(opd_a, in_opd, operator_a, value):
    # "²".isdigit() is True, and int("²") raises: the form must not read it as an id.
    response = operator_a.post(ADD_URL, article_form(operator_a, cover_photo=value))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    with in_opd(opd_a):
        assert not Article.objects.exists()


def test_a_cover_uploaded_before_the_library_stays_until_replaced(
    opd_a, in_opd, operator_a, review_off
):
    with in_opd(opd_a):
        article = make_article(
            "Lama", cover=uploaded("a.jpg", image_bytes(size=(600, 400))), cover_alt="Foto lama"
        )
    url = f"/admin/news/article/{article.pk}/change/"
    html = operator_a.get(url).content.decode()
    assert 'name="cover_photo" value="lama" checked' in html
    data = article_form(operator_a, title="Lama", cover_photo="lama")
    assert operator_a.post(url, data).status_code == 302
    with in_opd(opd_a):
        article.refresh_from_db()
        assert article.cover_image()["alt"] == "Foto lama"
    data = article_form(operator_a, title="Lama", cover_photo="")
    assert operator_a.post(url, data).status_code == 302
    with in_opd(opd_a):
        article.refresh_from_db()
        assert article.cover_image() is None and not article.cover


def test_a_pdf_is_attached_and_listed_with_size_and_type(opd_a, in_opd, operator_a, review_off):
    data = article_form(operator_a, attachment_title="Laporan kegiatan 2026")
    data["attachment_upload"] = uploaded("laporan.pdf", PDF_BYTES, "application/pdf")
    assert operator_a.post(ADD_URL, data).status_code == 302
    with in_opd(opd_a):
        article = Article.objects.get()
        (document,) = article.attachments.all()
    assert document.title == "Laporan kegiatan 2026" and document.size == len(PDF_BYTES)
    html = operator_a.get(f"/berita/{article.slug}/").content.decode()
    assert "Lampiran" in html and "Laporan kegiatan 2026" in html
    assert document.file.url in html and "PDF, 1" in html


def test_a_pdf_with_active_content_is_a_form_error(opd_a, in_opd, operator_a):
    data = article_form(operator_a, title="", attachment_title="Formulir")
    data["attachment_upload"] = uploaded(
        "formulir.pdf", PDF_BYTES.replace(b"/Type /Catalog", b"/Type /Catalog /JavaScript 2 0 R")
    )
    response = operator_a.post(ADD_URL, data)
    assert "attachment_upload" in response.context["adminform"].form.errors
    with in_opd(opd_a):
        assert not LibraryDocument.objects.exists()


def test_list_has_filters_search_and_preview_links(opd_a, in_opd, operator_a):
    with in_opd(opd_a):
        make_article("Draf uji", status=Article.Status.DRAFT)
    response = operator_a.get("/admin/news/article/", {"q": "draf"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Draf uji" in html
    assert "/berita/pratinjau/" in html
    filters = [spec.title for spec in response.context["cl"].filter_specs]
    assert {"status", "kategori", "penulis", "bulan terbit"} <= {str(t) for t in filters}
    assert operator_a.get("/admin/news/article/", {"bulan": "2026-01"}).status_code == 200


def test_default_categories_are_seeded(opd_a, in_opd):
    with in_opd(opd_a):
        names = list(Category.objects.values_list("name", flat=True))
    assert names == ["Berita", "Pengumuman", "Agenda", "Artikel"]


def test_seeding_defaults_twice_changes_nothing(opd_a, in_opd):
    from news.defaults import seed_defaults

    with in_opd(opd_a):
        seed_defaults()
        assert Category.objects.count() == 4


@pytest.mark.parametrize(
    ("url", "data", "field"),
    [
        ("/admin/news/category/add/", {"name": "Slot Gacor Maxwin", "slug": "info"}, "name"),
        ("/admin/news/category/add/", {"name": "Info", "slug": "slot-gacor-maxwin"}, "slug"),
        ("/admin/news/category/add/", {"name": "S\u200blot G\u0430cor", "slug": "x"}, "name"),
        ("/admin/news/tag/add/", {"name": "Bocoran RTP", "slug": "bocoran"}, "name"),
        ("/admin/news/tag/add/", {"name": "Info www.gacor88.example", "slug": "i"}, "name"),
    ],
)
def test_spam_category_and_tag_names_are_a_form_error(opd_a, in_opd, admin_a, url, data, field):
    response = admin_a.post(url, {"order": 0, **data})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors[field]
    assert any("spam judi" in error or "tidak ada dalam daftar" in error for error in errors)
    with in_opd(opd_a):
        assert not Category.objects.filter(slug=data["slug"]).exists()
        assert not Tag.objects.filter(slug=data["slug"]).exists()


def test_genuine_category_and_tag_names_are_saved(opd_a, in_opd, admin_a):
    response = admin_a.post(
        "/admin/news/category/add/", {"name": "Pengumuman Lelang", "slug": "lelang", "order": 5}
    )
    assert response.status_code == 302
    response = admin_a.post("/admin/news/tag/add/", {"name": "Judi Online", "slug": "judi-online"})
    assert response.status_code == 302
    with in_opd(opd_a):
        assert Category.objects.filter(slug="lelang").exists()
        assert Tag.objects.filter(slug="judi-online").exists()
