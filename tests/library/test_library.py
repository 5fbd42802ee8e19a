"""The media library: upload several images with their alt texts, the grid, search, the
editor's panel, PDFs, and nothing of OPD A listed, chosen or served in OPD B."""

import pytest
from django.core.exceptions import ValidationError

from accounts import roles
from library.models import Document, Image
from library.services import add_document, add_image
from news.models import Article, Category
from tests.factories import make_operator
from tests.news.factories import image_bytes, uploaded
from tests.news.test_performance import real_queries

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/library/image/"
UPLOAD_URL = "/admin/library/image/add/"
PICKER_URL = "/admin/library/image/sisipkan/"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def writer_a(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        user = make_operator("penulis", role=roles.OPERATOR_BERITA)
        client_a.force_login(user)
    client_a.user = user
    return client_a


@pytest.fixture
def writer_b(opd_b, in_opd, client_b):
    with in_opd(opd_b):
        client_b.force_login(make_operator("penulis", role=roles.OPERATOR_BERITA))
    return client_b


def photo(name="foto.jpg", size=(900, 600), colour=(30, 120, 60)):
    return uploaded(name, image_bytes(size=size, colour=colour))


def test_several_images_are_uploaded_at_once_each_with_its_alt_text(opd_a, in_opd, writer_a):
    response = writer_a.post(
        UPLOAD_URL,
        {
            "files": [photo("a.jpg"), photo("b.jpg", size=(3000, 2000))],
            "file_alt": ["Apel pagi", "Posko banjir"],
            "alt_text": "",
        },
    )
    assert response.status_code == 302
    with in_opd(opd_a):
        images = list(Image.objects.order_by("pk"))
    assert [image.alt_text for image in images] == ["Apel pagi", "Posko banjir"]
    assert images[1].width == 2400 and images[1].uploaded_by == writer_a.user
    assert all(image.renditions["renditions"] for image in images)


def test_without_javascript_one_alt_text_serves_every_file_numbered(opd_a, in_opd, writer_a):
    response = writer_a.post(
        UPLOAD_URL, {"files": [photo("a.jpg"), photo("b.jpg")], "alt_text": "Rapat warga"}
    )
    assert response.status_code == 302
    with in_opd(opd_a):
        alts = sorted(Image.objects.values_list("alt_text", flat=True))
    assert alts == ["Rapat warga (1)", "Rapat warga (2)"]


def test_a_bad_file_is_named_and_the_good_ones_are_kept(opd_a, in_opd, writer_a):
    response = writer_a.post(
        UPLOAD_URL,
        {
            "files": [photo("baik.jpg"), uploaded("rusak.jpg", b"bukan gambar")],
            "file_alt": ["Baik", "Rusak"],
        },
        follow=True,
    )
    html = response.content.decode()
    assert "rusak.jpg" in html.lower() and "1 gambar tersimpan" in html
    with in_opd(opd_a):
        assert list(Image.objects.values_list("alt_text", flat=True)) == ["Baik"]


def test_an_image_without_alt_text_is_refused_on_the_upload_page(opd_a, in_opd, writer_a):
    response = writer_a.post(UPLOAD_URL, {"files": [photo()], "alt_text": ""}, follow=True)
    assert "teks alternatif" in response.content.decode()
    with in_opd(opd_a):
        assert not Image.objects.exists()


def test_the_grid_shows_thumbnails_and_alt_texts_and_searches(
    opd_a, in_opd, writer_a, django_assert_max_num_queries
):
    with in_opd(opd_a):
        for number in range(6):
            add_image(upload=photo(), alt_text=f"Kegiatan {number}")
        add_image(upload=photo(), alt_text="Pelantikan pejabat")
    with django_assert_max_num_queries(24) as captured:
        response = writer_a.get(LIST_URL)
    # Domain, session, user, two permission look-ups, two counts, the images with uploaders.
    assert len(real_queries(captured)) <= 8, real_queries(captured)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="library-grid__item"') == 7
    assert "Pelantikan pejabat" in html and "-480.jpg" in html
    html = writer_a.get(LIST_URL, {"q": "pelantikan"}).content.decode()
    assert html.count('class="library-grid__item"') == 1


def test_the_alt_text_is_edited_and_required_on_the_change_page(opd_a, in_opd, writer_a):
    with in_opd(opd_a):
        image = add_image(upload=photo(), alt_text="", require_alt_text=False)
    url = f"/admin/library/image/{image.pk}/change/"
    assert writer_a.post(url, {"alt_text": ""}).status_code == 200
    assert writer_a.post(url, {"alt_text": "Kantor dinas"}).status_code == 302
    with in_opd(opd_a):
        image.refresh_from_db()
    assert image.alt_text == "Kantor dinas"


def test_the_editor_panel_lists_images_to_insert(
    opd_a, in_opd, writer_a, django_assert_max_num_queries
):
    with in_opd(opd_a):
        image = add_image(upload=photo(), alt_text="Jembatan baru")
        add_image(upload=photo(), alt_text="Pasar pagi")
    with django_assert_max_num_queries(16) as captured:
        response = writer_a.get(PICKER_URL)
    # Domain, session, user, two permission look-ups, the images.
    assert len(real_queries(captured)) <= 6, real_queries(captured)
    html = response.content.decode()
    assert "Sisipkan" in html and 'data-alt="Jembatan baru"' in html
    assert image.picture()["src"] in html
    assert "Pasar pagi" not in writer_a.get(PICKER_URL, {"q": "jembatan"}).content.decode()


def test_the_article_editor_offers_the_library_panel(writer_a):
    html = writer_a.get("/admin/news/article/add/").content.decode()
    assert "Sisipkan gambar dari pustaka" in html
    assert f'data-picker-url="{PICKER_URL}"' in html
    assert "js/library-editor.js" in html


def test_petugas_ppid_cannot_use_the_library(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        client_a.force_login(make_operator("ppid", role=roles.PETUGAS_PPID))
    assert client_a.get(LIST_URL).status_code == 403
    assert client_a.get(PICKER_URL).status_code == 403


def test_a_pdf_is_checked_by_its_bytes(opd_a, in_opd):
    with in_opd(opd_a):
        document = add_document(upload=uploaded("a.pdf", PDF, "application/pdf"), title="SOP")
        assert document.size == len(PDF) and document.file.name.endswith(".pdf")
        with pytest.raises(ValidationError):
            add_document(upload=uploaded("a.pdf", image_bytes()), title="Bukan PDF")
        with pytest.raises(ValidationError):
            add_document(
                upload=uploaded("a.pdf", PDF.replace(b"/Catalog", b"/Catalog /OpenAction 3 0 R")),
                title="Aktif",
            )
        assert Document.objects.count() == 1


# Isolation: OPD A's library in OPD B.


@pytest.fixture
def image_in_a(opd_a, in_opd):
    with in_opd(opd_a):
        return add_image(upload=photo(), alt_text="Rahasia alpha")


def test_an_image_of_a_is_not_listed_in_b(image_in_a, writer_b):
    assert "Rahasia alpha" not in writer_b.get(LIST_URL).content.decode()
    assert "Rahasia alpha" not in writer_b.get(PICKER_URL).content.decode()
    assert "Rahasia alpha" not in writer_b.get("/admin/news/article/add/").content.decode()
    assert writer_b.get(f"/admin/library/image/{image_in_a.pk}/change/").status_code == 302


def test_an_image_of_a_cannot_be_chosen_in_b(opd_b, in_opd, image_in_a, writer_b):
    with in_opd(opd_b):
        category = Category.objects.get(slug="berita")
    response = writer_b.post(
        "/admin/news/article/add/",
        {
            "title": "Pinjam gambar",
            "category": category.pk,
            "body": "<p>x</p>",
            "cover_photo": str(image_in_a.pk),
            "status": Article.Status.DRAFT,
            "published_at_0": "2026-01-05",
            "published_at_1": "09:00:00",
        },
    )
    assert response.status_code == 200
    assert "cover_photo" in response.context["adminform"].form.errors
    with in_opd(opd_b):
        assert not Article.objects.exists()


def test_an_image_file_of_a_is_not_served_in_b(image_in_a, client_a, client_b):
    path = f"/media/alpha/{image_in_a.file.name}"
    thumb = f"/media/alpha/{image_in_a.renditions['renditions'][0]['jpg']}"
    assert client_a.get(path).status_code == 200
    assert client_b.get(path).status_code == 404
    assert client_b.get(thumb).status_code == 404
    assert client_b.get(f"/media/{image_in_a.file.name}").status_code == 404
