"""The OPD's two-level menu: its default, what citizens see, what it costs, what operators do."""

import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from accounts import roles
from navigation import defaults, services
from navigation.models import MenuItem
from news.models import Category
from pages.models import Page
from tests.factories import make_operator

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/navigation/menuitem/"


def tree():
    """The menu as citizens get it: [(label, url, [(label, url), ...]), ...]."""
    return [
        (item["label"], item["url"], [(child["label"], child["url"]) for child in item["children"]])
        for item in services.site_menu()
    ]


def nav_html(response) -> str:
    html = response.content.decode()
    return html[html.index('<nav class="site-nav js-menu"') : html.index("</nav>")]


def test_a_new_opd_gets_the_default_menu(opd_a, in_opd):
    with in_opd(opd_a):
        assert tree() == [
            ("Profil", "", [
                ("Profil", "/halaman/profil/"),
                ("Visi dan Misi", "/halaman/visi-dan-misi/"),
                ("Tugas Pokok dan Fungsi", "/halaman/tugas-pokok-dan-fungsi/"),
                ("Struktur Organisasi", "/halaman/struktur-organisasi/"),
            ]),
            ("Informasi Publik", "", [
                ("Daftar Informasi Publik", "/ppid/"),
                ("Permohonan Informasi", "/ppid/permohonan/"),
                ("Lacak Permohonan", "/ppid/permohonan/lacak/"),
                ("Keberatan", "/ppid/keberatan/"),
                ("Statistik dan Laporan", "/ppid/statistik/"),
                ("Unduhan", "/unduhan/"),
                ("FAQ", "/faq/"),
            ]),
            ("Publikasi", "", [
                ("Berita", "/berita/"),
                ("Pengumuman", "/berita/kategori/pengumuman/"),
                ("Agenda", "/agenda/"),
                ("Galeri", "/galeri/"),
            ]),
            ("Layanan", "/layanan/", []),
            ("Kontak", "/halaman/kontak/", []),
        ]  # fmt: skip


def test_seeding_twice_changes_nothing(opd_a, in_opd):
    with in_opd(opd_a):
        count = MenuItem.objects.count()
        MenuItem.objects.filter(target="news:list").delete()
        defaults.seed_defaults()
        assert MenuItem.objects.count() == count - 1


def test_the_page_shows_the_two_level_menu_with_its_buttons(client_a):
    nav = nav_html(client_a.get("/"))
    assert 'aria-controls="menu-utama"' in nav and 'aria-expanded="false"' in nav
    assert re.search(r'<button type="button" class="site-nav__link site-nav__opener" '
                     r'aria-expanded="false" aria-controls="menu-\d+"', nav)  # fmt: skip
    # Served as the script leaves it (closed disclosures: nothing moves when it runs); without
    # JavaScript the <noscript> style sheet shows every link (tests/e2e/test_menu.py).
    assert re.search(r'class="site-nav__sub" id="menu-\d+" hidden', nav)
    assert 'href="/static/css/menu-nojs.css"' in client_a.get("/").content.decode()
    for href in ("/halaman/visi-dan-misi/", "/ppid/permohonan/", "/berita/kategori/pengumuman/"):
        assert f'href="{href}"' in nav
    # PPID one tap away beside the Menu button.
    assert '<a class="site-nav__shortcut" href="/ppid/">PPID</a>' in nav
    assert 'src="/static/js/menu.js" defer' in client_a.get("/").content.decode()


def test_current_page_is_marked(client_a):
    nav = nav_html(client_a.get("/halaman/kontak/"))
    assert 'href="/halaman/kontak/" aria-current="page"' in nav


def test_a_new_page_is_not_appended_to_the_menu(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        Page.objects.create(title="Layanan Kami", slug="layanan")
    assert "/halaman/layanan/" not in nav_html(client_a.get("/"))


def test_renaming_and_unpublishing_a_page_follow_in_the_menu(opd_a, in_opd, client_a):
    assert "Visi dan Misi" in nav_html(client_a.get("/berita/"))
    with in_opd(opd_a):
        page = Page.objects.get(slug="visi-dan-misi")
        page.title = "Visi, Misi dan Nilai"
        page.save()
    assert "Visi, Misi dan Nilai" in nav_html(client_a.get("/berita/"))
    with in_opd(opd_a):
        page.is_published = False
        page.save()
    assert "Visi, Misi" not in nav_html(client_a.get("/berita/"))
    with in_opd(opd_a):
        key = f"pages:{page.pk}"
        page.delete()
        # The item stays for the operator to see, marked; it is not shown to citizens.
        assert not MenuItem.objects.get(target=key).is_available


def test_renaming_a_category_follows_in_the_menu(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        Category.objects.filter(slug="pengumuman").update(name="x")  # no signal: not seen
        category = Category.objects.get(slug="pengumuman")
        category.name = "Pengumuman Resmi"
        category.save()
    assert ">Pengumuman Resmi<" in nav_html(client_a.get("/"))


def test_a_group_whose_children_all_disappeared_is_not_shown(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        for page in Page.objects.filter(
            slug__in=["profil", "visi-dan-misi", "tugas-pokok-dan-fungsi", "struktur-organisasi"]
        ):
            page.is_published = False
            page.save()  # fmt: skip
    assert ">Profil<" not in nav_html(client_a.get("/"))


def test_one_opds_menu_never_shows_on_another_site(opd_a, in_opd, client_a, client_b):
    with in_opd(opd_a):
        MenuItem.objects.create(label="Khusus Alpha", url="/halaman/khusus/", position=95)
    client_b.get("/")  # B's menu cached first
    assert "Khusus Alpha" in nav_html(client_a.get("/"))
    assert "Khusus Alpha" not in nav_html(client_b.get("/"))
    assert "Khusus Alpha" not in nav_html(client_b.get("/berita/"))


@pytest.mark.parametrize("url", ["/", "/berita/", "/berita/kabar-menu/", "/halaman/profil/"])
def test_a_warm_menu_costs_no_query(opd_a, in_opd, client_a, django_assert_max_num_queries, url):
    from tests.news.factories import make_article

    with in_opd(opd_a):
        make_article("Kabar menu")
    assert client_a.get(url).status_code == 200
    from core import pagecache

    with in_opd(opd_a):
        pagecache.invalidate()  # the page is rendered again; the menu comes from its cache
    with django_assert_max_num_queries(100) as captured:
        client_a.get(url)
    assert not [q for q in captured.captured_queries if "navigation_menuitem" in q["sql"]]


def test_a_cold_menu_costs_one_query(opd_a, in_opd, django_assert_max_num_queries):
    with in_opd(opd_a):
        cache.clear()
        with django_assert_max_num_queries(2) as captured:
            services.site_menu()
        real = [q for q in captured.captured_queries if not q["sql"].startswith("SET ")]
        assert len(real) == 1
        with django_assert_max_num_queries(0):
            services.site_menu()


# --- the two-level rule and the links ---


def test_only_two_levels(opd_a, in_opd):
    with in_opd(opd_a):
        profil = MenuItem.objects.get(label="Profil", parent=None)
        child = profil.children.first()
        grandchild = MenuItem(target="news:list", parent=child)
        with pytest.raises(ValidationError) as error:
            grandchild.full_clean()
        assert "Menu hanya dua tingkat" in str(error.value)
        profil.parent = MenuItem.objects.get(label="Publikasi")
        with pytest.raises(ValidationError) as error:
            profil.full_clean()
        assert "punya sub-menu" in str(error.value)


@pytest.mark.parametrize(
    ("url", "valid"),
    [
        ("/halaman/layanan/", True),
        ("https://lapor.go.id/", True),
        ("http://lapor.go.id/", False),
        ("javascript:alert(1)", False),
        ("//jahat.example/", False),
        ("lapor.go.id", False),
        ("/ada spasi/", False),
    ],
)
def test_custom_links_are_a_path_or_https(opd_a, in_opd, url, valid):
    with in_opd(opd_a):
        item = MenuItem(label="Tautan", url=url)
        if valid:
            item.full_clean()
        else:
            with pytest.raises(ValidationError) as error:
                item.full_clean()
            assert "Tautan harus" in str(error.value) or "tidak sah" in str(error.value)


# --- the admin ---


@pytest.fixture
def editor_a(opd_a, in_opd, client_a):
    """An Operator Berita of alpha: the content editor role gets the menu too."""
    with in_opd(opd_a):
        client_a.force_login(make_operator("redaksi", role=roles.OPERATOR_BERITA))
    return client_a


def test_the_admin_shows_the_tree_in_indonesian(editor_a):
    response = editor_a.get(CHANGELIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Menu situs" in html and "Tambah item menu" in html and "Beranda" in html
    assert html.index("Profil") < html.index("Visi dan Misi") < html.index("Informasi Publik")
    assert "navigation.menuitem" not in html.lower()


def test_a_ppid_officer_does_not_get_the_menu(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        client_a.force_login(make_operator("petugas", role=roles.PETUGAS_PPID))
    assert client_a.get(CHANGELIST).status_code == 403


def test_moving_an_item_up_reorders_the_menu(opd_a, in_opd, editor_a, client):
    with in_opd(opd_a):
        kontak = MenuItem.objects.get(parent=None, target__startswith="pages:")
    visitor = type(editor_a)(HTTP_HOST=f"{opd_a.slug}.localhost")
    assert nav_html(visitor.get("/")).index(">Publikasi<") < nav_html(visitor.get("/")).index(
        ">Kontak<"
    )  # cached before the change
    assert editor_a.get(f"{CHANGELIST}{kontak.pk}/geser/naik/").status_code == 405
    response = editor_a.post(f"{CHANGELIST}{kontak.pk}/geser/naik/")
    assert response.status_code == 302
    with in_opd(opd_a):
        assert [label for label, _url, _children in tree()][-2:] == ["Kontak", "Layanan"]
    nav = nav_html(visitor.get("/"))
    assert nav.index(">Kontak<") < nav.index(">Layanan<")


def test_adding_a_page_by_its_label_and_grouping_it(opd_a, in_opd, editor_a):
    with in_opd(opd_a):
        page = Page.objects.create(title="Layanan Kami", slug="layanan")
        profil = MenuItem.objects.get(label="Profil", parent=None)
    form = editor_a.get(f"{CHANGELIST}add/").content.decode()
    assert f'<option value="pages:{page.pk}">Layanan Kami</option>' in form
    assert "Tautan lain" in form and 'optgroup label="Halaman"' in form
    response = editor_a.post(
        f"{CHANGELIST}add/",
        {"target": f"pages:{page.pk}", "url": "", "label": "", "parent": profil.pk, "position": 50},
    )
    assert response.status_code == 302, response.content.decode()
    editor_a.logout()
    nav = nav_html(editor_a.get("/"))
    assert nav.index("Struktur Organisasi") < nav.index('href="/halaman/layanan/">Layanan Kami')
    assert nav.index("Layanan Kami") < nav.index("Informasi Publik")


def test_the_form_refuses_a_third_level_and_a_bad_link_in_indonesian(opd_a, in_opd, editor_a):
    with in_opd(opd_a):
        child = MenuItem.objects.get(target="news:list")
    response = editor_a.post(
        f"{CHANGELIST}add/",
        {"target": "__tautan_lain__", "url": "javascript:alert(1)", "label": "X",
         "parent": child.pk, "position": 1},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tautan harus berupa alamat di situs ini" in html
    # Only top items are offered as parents.
    assert f'<option value="{child.pk}"' not in html
    response = editor_a.post(
        f"{CHANGELIST}add/",
        {"target": "__tautan_lain__", "url": "https://lapor.go.id/", "label": "LAPOR!",
         "parent": "", "position": 95},
    )  # fmt: skip
    assert response.status_code == 302
    editor_a.logout()
    assert '<a class="site-nav__link" href="https://lapor.go.id/">LAPOR!</a>' in nav_html(
        editor_a.get("/")
    )


def test_one_opds_items_are_not_in_anothers_admin(opd_a, opd_b, in_opd, editor_a, client_b):
    with in_opd(opd_a):
        MenuItem.objects.create(label="Khusus Alpha", url="/x/", position=95)
    with in_opd(opd_b):
        client_b.force_login(make_operator("kepala", role=roles.ADMIN_OPD))
        alpha_item = None
    html = client_b.get(CHANGELIST).content.decode()
    assert "Khusus Alpha" not in html
    with in_opd(opd_a):
        alpha_item = MenuItem.objects.get(label="Khusus Alpha")
    with in_opd(opd_b):
        assert not MenuItem.objects.filter(pk=alpha_item.pk, label="Khusus Alpha").exists()
    assert "Khusus Alpha" in editor_a.get(CHANGELIST).content.decode()


# --- "Letak di menu" on the page form ---


def page_form_data(**fields):
    return {"title": "Layanan Kami", "slug": "layanan", "body": "<p>Isi</p>",
            "is_published": "on", "menu_place": "", **fields}  # fmt: skip


def test_the_page_form_places_a_new_page_under_a_top_item(opd_a, in_opd, editor_a):
    with in_opd(opd_a):
        profil = MenuItem.objects.get(label="Profil", parent=None)
    form = editor_a.get("/admin/pages/page/add/").content.decode()
    assert "Letak di menu" in form and "Tidak tampil di menu" in form
    assert f'<option value="{profil.pk}">Di bawah “Profil”</option>' in form
    response = editor_a.post("/admin/pages/page/add/", page_form_data(menu_place=str(profil.pk)))
    assert response.status_code == 302, response.content.decode()
    with in_opd(opd_a):
        page = Page.objects.get(slug="layanan")
        assert page.show_in_menu
        item = MenuItem.objects.get(target=f"pages:{page.pk}")
        assert item.parent == profil and item.position > 40
    editor_a.logout()
    nav = nav_html(editor_a.get("/"))
    assert (
        nav.index("Struktur Organisasi") < nav.index("Layanan Kami") < nav.index("Informasi Publik")
    )


def test_the_page_form_takes_a_page_off_the_menu_and_a_new_page_stays_off(opd_a, in_opd, editor_a):
    response = editor_a.post("/admin/pages/page/add/", page_form_data())
    assert response.status_code == 302
    with in_opd(opd_a):
        page = Page.objects.get(slug="layanan")
        assert not page.show_in_menu
        assert not MenuItem.objects.filter(target=f"pages:{page.pk}").exists()
        kontak = Page.objects.get(slug="kontak")
    form = editor_a.get(f"/admin/pages/page/{kontak.pk}/change/").content.decode()
    assert '<option value="top" selected>' in form
    response = editor_a.post(
        f"/admin/pages/page/{kontak.pk}/change/",
        page_form_data(title="Kontak", slug="kontak", menu_place=""),
    )
    assert response.status_code == 302, response.content.decode()
    editor_a.logout()
    assert 'href="/halaman/kontak/"' not in nav_html(editor_a.get("/"))


def test_an_opd_provisioned_from_the_console_gets_its_menu_with_site_addresses(
    opd_a, in_opd, client
):
    """Seeding runs in a request on the main domain (the public URLconf)."""
    from django.urls import set_urlconf

    set_urlconf("portal.urls_public")
    try:
        with in_opd(opd_a):
            MenuItem.objects.all().delete()
            defaults.seed_defaults()
    finally:
        set_urlconf(None)
    with in_opd(opd_a):
        assert ("Berita", "/berita/") in tree()[2][2]


def test_an_item_added_without_a_position_goes_last(opd_a, in_opd, editor_a):
    response = editor_a.post(
        f"{CHANGELIST}add/",
        {"target": "ppid:home", "url": "", "label": "", "parent": "", "position": ""},
    )
    assert response.status_code == 302, response.content.decode()
    with in_opd(opd_a):
        assert [label for label, _url, _children in tree()][-1] == "PPID"


def test_moving_an_item_is_in_the_audit_log(opd_a, in_opd, editor_a):
    from audit.models import AuditEvent

    with in_opd(opd_a):
        kontak = MenuItem.objects.get(parent=None, target__startswith="pages:")
    before = AuditEvent.objects.filter(opd=opd_a).count()
    editor_a.post(f"{CHANGELIST}{kontak.pk}/geser/naik/")
    assert AuditEvent.objects.filter(opd=opd_a).count() > before
