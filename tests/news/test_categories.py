"""Categories under other categories: the parent an operator picks, and the category page that
gathers the articles of its subcategories."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import Category
from tests.news.factories import make_article

pytestmark = pytest.mark.django_db

CHANGE_URL = "/admin/news/category/{pk}/change/"


def tree():
    """Berita › Kegiatan › Imunisasi, under OPD alpha's seeded "Berita"."""
    berita = Category.objects.get(slug="berita")
    kegiatan = Category.objects.create(name="Kegiatan", slug="kegiatan", parent=berita)
    imunisasi = Category.objects.create(name="Imunisasi", slug="imunisasi", parent=kegiatan)
    return berita, kegiatan, imunisasi


def category_form(category, **overrides):
    data = {
        "name": category.name,
        "slug": category.slug,
        "order": category.order,
        "parent": category.parent_id or "",
    }
    data.update(overrides)
    return data


def test_a_category_cannot_be_its_own_parent_or_under_its_child(opd_a, in_opd):
    with in_opd(opd_a):
        berita, kegiatan, imunisasi = tree()
        for parent in (berita, kegiatan, imunisasi):
            berita.parent = parent
            with pytest.raises(ValidationError) as error:
                berita.full_clean()
            assert "kategori ini sendiri" in error.value.message_dict["parent"][0]


def test_a_tree_deeper_than_three_levels_is_refused(opd_a, in_opd):
    with in_opd(opd_a):
        _berita, _kegiatan, imunisasi = tree()
        deeper = Category(name="Campak", slug="campak", parent=imunisasi)
        with pytest.raises(ValidationError) as error:
            deeper.full_clean()
        assert "paling dalam 3 tingkat" in error.value.message_dict["parent"][0]


def test_the_admin_refuses_a_cycle_and_saves_nothing(opd_a, in_opd, admin_a):
    with in_opd(opd_a):
        berita, _kegiatan, imunisasi = tree()
    response = admin_a.post(
        CHANGE_URL.format(pk=berita.pk), category_form(berita, parent=imunisasi.pk)
    )
    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    with in_opd(opd_a):
        assert Category.objects.get(pk=berita.pk).parent_id is None


def test_the_admin_offers_neither_the_category_nor_those_under_it(opd_a, in_opd, admin_a):
    with in_opd(opd_a):
        berita, kegiatan, imunisasi = tree()
    choices = set(
        admin_a.get(CHANGE_URL.format(pk=kegiatan.pk))
        .context["adminform"]
        .form.fields["parent"]
        .queryset
    )
    assert berita in choices and kegiatan not in choices and imunisasi not in choices
    response = admin_a.post(
        CHANGE_URL.format(pk=imunisasi.pk), category_form(imunisasi, parent=berita.pk)
    )
    assert response.status_code == 302
    with in_opd(opd_a):
        assert Category.objects.get(pk=imunisasi.pk).parent == berita
    html = admin_a.get("/admin/news/category/").content.decode()
    assert "column-parent" in html


def test_the_admin_form_of_a_offers_none_of_bs_categories(opd_a, opd_b, in_opd, admin_a):
    with in_opd(opd_b):
        Category.objects.create(name="Khusus Beta", slug="khusus-beta", pk=9393)
    response = admin_a.get("/admin/news/category/add/")
    names = {c.name for c in response.context["adminform"].form.fields["parent"].queryset}
    assert "Khusus Beta" not in names and "Khusus Beta" not in response.content.decode()
    assert "Berita" in names
    response = admin_a.post(
        "/admin/news/category/add/", {"name": "Baru", "slug": "baru", "order": 0, "parent": 9393}
    )
    assert "parent" in response.context["adminform"].form.errors


def test_the_category_page_lists_subcategories_and_their_articles(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        _berita, kegiatan, imunisasi = tree()
        make_article("Rapat kerja tahunan", category="kegiatan")
        make_article("Imunisasi di sekolah", category="imunisasi")
        make_article("Lelang pengadaan", category="pengumuman")
        make_article("Draf imunisasi", category="imunisasi", status="draft")
    html = client_a.get("/berita/kategori/berita/").content.decode()
    assert "Subkategori" in html and f'href="{kegiatan.get_absolute_url()}"' in html
    assert "Rapat kerja tahunan" in html and "Imunisasi di sekolah" in html
    assert "Lelang pengadaan" not in html and "Draf imunisasi" not in html
    html = client_a.get("/berita/kategori/kegiatan/").content.decode()
    assert f'href="{imunisasi.get_absolute_url()}"' in html
    assert "Imunisasi di sekolah" in html and "Rapat kerja tahunan" in html
    html = client_a.get("/berita/kategori/imunisasi/").content.decode()
    assert "Rapat kerja tahunan" not in html and "Subkategori" not in html


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_category_page_runs_the_same_queries_with_one_or_five_subcategories(
    opd_a, in_opd, client_a
):
    with in_opd(opd_a):
        berita, kegiatan, _imunisasi = tree()
        make_article("Rapat kerja tahunan", category="kegiatan")
    client_a.get("/")  # warm the shared layout's caches (menu, banners)
    one = queries_for(client_a, "/berita/kategori/berita/")
    with in_opd(opd_a):
        for number in range(4):
            sub = Category.objects.create(name=f"Sub {number}", slug=f"sub-{number}", parent=berita)
            make_article(f"Berita sub {number}", category=sub.slug)
    client_a.get("/")
    assert queries_for(client_a, "/berita/kategori/berita/") == one
