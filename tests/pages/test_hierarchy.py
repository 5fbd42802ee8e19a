"""Pages under other pages: the parent an operator picks, and what citizens see of the tree."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import Page

pytestmark = pytest.mark.django_db

CHANGE_URL = "/admin/pages/page/{pk}/change/"


def page_form(page, **overrides):
    data = {
        "title": page.title,
        "slug": page.slug,
        "body": page.body or "<p>Isi</p>",
        "is_published": "on" if page.is_published else "",
        "parent": page.parent_id or "",
    }
    data.update(overrides)
    return data


def tree():
    """Profil › Visi dan Misi › Misi Pertama, in OPD alpha's seeded pages."""
    profil = Page.objects.get(slug="profil")
    visi = Page.objects.get(slug="visi-dan-misi")
    visi.parent = profil
    visi.save()
    misi = Page.objects.create(title="Misi Pertama", slug="misi-pertama", parent=visi)
    return profil, visi, misi


def test_a_page_cannot_be_its_own_parent_or_under_its_child(opd_a, in_opd):
    with in_opd(opd_a):
        profil, visi, misi = tree()
        for parent in (profil, visi, misi):
            profil.parent = parent
            with pytest.raises(ValidationError) as error:
                profil.full_clean()
            assert "halaman ini sendiri" in error.value.message_dict["parent"][0]


def test_a_tree_deeper_than_three_levels_is_refused(opd_a, in_opd):
    with in_opd(opd_a):
        _profil, _visi, misi = tree()
        page = Page(title="Terlalu dalam", slug="terlalu-dalam", parent=misi)
        with pytest.raises(ValidationError) as error:
            page.full_clean()
        assert "paling dalam 3 tingkat" in error.value.message_dict["parent"][0]
        # A page with children of its own cannot go under another either.
        kontak = Page.objects.get(slug="kontak")
        profil = Page.objects.get(slug="profil")
        profil.parent = kontak
        with pytest.raises(ValidationError):
            profil.full_clean()


def test_the_admin_refuses_a_cycle_and_saves_nothing(opd_a, in_opd, admin_a):
    with in_opd(opd_a):
        profil, visi, misi = tree()
    response = admin_a.post(CHANGE_URL.format(pk=profil.pk), page_form(profil, parent=misi.pk))
    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    with in_opd(opd_a):
        assert Page.objects.get(pk=profil.pk).parent_id is None


def test_the_admin_offers_other_pages_but_not_the_page_or_those_under_it(opd_a, in_opd, admin_a):
    with in_opd(opd_a):
        profil, visi, misi = tree()
    response = admin_a.get(CHANGE_URL.format(pk=visi.pk))
    choices = set(response.context["adminform"].form.fields["parent"].queryset)
    assert profil in choices
    assert visi not in choices and misi not in choices
    response = admin_a.post(
        CHANGE_URL.format(pk=misi.pk), page_form(misi, parent=profil.pk, title="Misi")
    )
    assert response.status_code == 302
    with in_opd(opd_a):
        assert Page.objects.get(pk=misi.pk).parent == profil


def test_the_admin_form_of_a_offers_none_of_bs_pages(opd_a, opd_b, in_opd, admin_a):
    with in_opd(opd_b):
        Page.objects.create(title="Halaman khusus beta", slug="khusus-beta", pk=9292)
    with in_opd(opd_a):
        profil = Page.objects.get(slug="profil")
    response = admin_a.get("/admin/pages/page/add/")
    html = response.content.decode()
    titles = {page.title for page in response.context["adminform"].form.fields["parent"].queryset}
    assert "Halaman khusus beta" not in titles and "Halaman khusus beta" not in html
    assert "Profil" in titles
    # A parent's id of B (that may exist in A too, or not at all) is A's page or nothing.
    response = admin_a.post(CHANGE_URL.format(pk=profil.pk), page_form(profil, parent=9292))
    assert "parent" in response.context["adminform"].form.errors


def test_the_change_list_shows_each_pages_parent(opd_a, in_opd, admin_a):
    with in_opd(opd_a):
        tree()
    html = admin_a.get("/admin/pages/page/").content.decode()
    assert "halaman induk" in html.lower()
    assert "column-parent" in html


def test_citizens_see_the_breadcrumb_and_the_published_children(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        profil, visi, misi = tree()
        Page.objects.create(
            title="Draf di bawah", slug="draf-bawah", parent=visi, is_published=False
        )
    html = client_a.get("/halaman/misi-pertama/").content.decode()
    crumb = breadcrumb_of(html)
    assert 'href="/halaman/profil/"' in crumb and 'href="/halaman/visi-dan-misi/"' in crumb
    assert crumb.index("Profil") < crumb.index("Visi dan Misi") < crumb.index("Misi Pertama")
    html = client_a.get("/halaman/visi-dan-misi/").content.decode()
    assert "Halaman dalam bagian ini" in html
    assert 'href="/halaman/misi-pertama/"' in html
    assert "Draf di bawah" not in html and "draf-bawah" not in html
    assert "Halaman dalam bagian ini" not in client_a.get("/halaman/misi-pertama/").content.decode()


def test_an_unpublished_parent_is_left_out_of_the_breadcrumb(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        _profil, visi, _misi = tree()
        Page.objects.filter(pk=visi.pk).update(is_published=False)
    crumb = breadcrumb_of(client_a.get("/halaman/misi-pertama/").content.decode())
    assert 'href="/halaman/profil/"' in crumb
    assert "visi-dan-misi" not in crumb and "Misi Pertama" in crumb


def test_children_come_in_menu_order(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        profil = Page.objects.get(slug="profil")
        Page.objects.create(title="Zeta", slug="zeta", parent=profil, menu_order=1)
        Page.objects.create(title="Alfa", slug="alfa", parent=profil, menu_order=2)
    html = client_a.get("/halaman/profil/").content.decode()
    assert html.index("/halaman/zeta/") < html.index("/halaman/alfa/")


def breadcrumb_of(html: str) -> str:
    start = html.index('class="breadcrumb"')
    return html[start : html.index("</nav>", start)]


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_page_runs_the_same_queries_with_one_or_five_children(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        _profil, visi, _misi = tree()
    client_a.get("/")  # warm the shared layout's caches (menu, banners)
    one_child = queries_for(client_a, "/halaman/visi-dan-misi/")
    deepest = queries_for(client_a, "/halaman/misi-pertama/")
    with in_opd(opd_a):
        for number in range(4):
            Page.objects.create(title=f"Misi {number}", slug=f"misi-{number}", parent=visi)
    client_a.get("/")
    assert queries_for(client_a, "/halaman/visi-dan-misi/") == one_child
    assert deepest == one_child
