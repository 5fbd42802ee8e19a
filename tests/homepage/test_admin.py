"""The home page in the OPD admin: in Indonesian, one layout screen a non-technical operator
understands, the to-do on the first screen, and nothing of another OPD."""

import re

import pytest
from django.core.files.base import ContentFile

from accounts import roles
from homepage.models import HomePage, QuickLink
from library.services import add_image
from tests.factories import make_operator
from tests.homepage.factories import make_quick_link, make_welcome, portrait, set_layout

pytestmark = pytest.mark.django_db

LAYOUT_URL = "/admin/homepage/homelayout/1/change/"
HEADLINE_URL = "/admin/homepage/headline/1/change/"
WELCOME_URL = "/admin/homepage/welcome/1/change/"
LINKS_URL = "/admin/homepage/quicklink/"
ENGLISH = ("Save and continue", "Change ", "Add quick", "Delete", "History", "home page")


def layout_post(client, *, order, hidden=(), headline="sorotan", move=""):
    data = {"headline": headline}
    for number, key in enumerate(order, start=1):
        data[f"urutan_{key}"] = number
        if key not in hidden:
            data[f"tampil_{key}"] = "on"
    if move:
        data["pindah"] = move
    return client.post(LAYOUT_URL, data)


def stored_layout(opd, in_opd):
    with in_opd(opd):
        return [(e["key"], e["visible"]) for e in HomePage.current().layout]


DEFAULT_ORDER = [
    "tautan",
    "sambutan",
    "berita",
    "pengumuman",
    "agenda",
    "ppid",
    "galeri",
    "maklumat",
    "kontak",
]


def test_every_home_admin_screen_is_in_indonesian(admin_a):
    index = admin_a.get("/admin/").content.decode()
    for name in ("Beranda situs", "Tata letak beranda", "Sambutan kepala", "Judul utama beranda",
                 "Tautan cepat (layanan unggulan)"):  # fmt: skip
        assert name in index
    for url in (LAYOUT_URL, HEADLINE_URL, WELCOME_URL, LINKS_URL, f"{LINKS_URL}add/"):
        response = admin_a.get(url, follow=True)
        assert response.status_code == 200, url
        html = response.content.decode()
        for english in ENGLISH:
            assert english not in html, (url, english)
    layout = admin_a.get(LAYOUT_URL).content.decode()
    for text in ("Judul utama (paling atas)", "Berita disematkan", "Gambar banner", "Tampilkan",
                 "Naik", "Turun", "Lihat beranda", "Simpan tata letak", "Sambutan kepala",
                 "Layanan unggulan (tautan cepat)", "Kotak PPID"):  # fmt: skip
        assert text in layout


def test_the_layout_screen_saves_order_and_visibility(admin_a, opd_a, in_opd):
    order = [
        "kontak",
        "ppid",
        "maklumat",
        "tautan",
        "sambutan",
        "berita",
        "pengumuman",
        "galeri",
        "agenda",
    ]
    response = layout_post(admin_a, order=order, hidden=("berita",), headline="banner")
    assert response.status_code == 302
    assert stored_layout(opd_a, in_opd) == [(key, key != "berita") for key in order]
    with in_opd(opd_a):
        assert HomePage.current().headline == "banner"
    layout = admin_a.get(LAYOUT_URL).content.decode()
    rows = re.findall(r'<th scope="row">([^<]+)<', layout)
    assert rows[0] == "Kontak" and rows[1] == "Kotak PPID (permohonan informasi)"


def test_up_and_down_buttons_move_one_section_a_step(admin_a, opd_a, in_opd):
    layout_post(admin_a, order=DEFAULT_ORDER, move="berita:naik")
    keys = [key for key, _visible in stored_layout(opd_a, in_opd)]
    assert keys == [
        "tautan",
        "berita",
        "sambutan",
        "pengumuman",
        "agenda",
        "ppid",
        "galeri",
        "maklumat",
        "kontak",
    ]
    layout_post(admin_a, order=keys, move="tautan:turun")
    keys = [key for key, _visible in stored_layout(opd_a, in_opd)]
    assert keys == [
        "berita",
        "tautan",
        "sambutan",
        "pengumuman",
        "agenda",
        "ppid",
        "galeri",
        "maklumat",
        "kontak",
    ]


def test_a_number_typed_moves_the_section_there(admin_a, opd_a, in_opd):
    data = {"headline": "sorotan"}
    for number, key in enumerate(DEFAULT_ORDER, start=1):
        data[f"urutan_{key}"] = number
        data[f"tampil_{key}"] = "on"
    data["urutan_kontak"] = 1
    admin_a.post(LAYOUT_URL, data)
    keys = [key for key, _visible in stored_layout(opd_a, in_opd)]
    assert keys == ["kontak", *DEFAULT_ORDER[:-1]]


def test_a_banner_needs_alt_text(admin_a, opd_a, in_opd):
    with in_opd(opd_a):
        image = add_image(upload=ContentFile(portrait("0"), name="a.jpg"),
                          alt_text="", require_alt_text=False)  # fmt: skip
    data = {"headline": "banner", "banner_image": image.pk, "banner_alt": "", "banner_link": "/"}
    response = admin_a.post(HEADLINE_URL, data)
    assert response.status_code == 200
    assert "Teks alternatif wajib diisi untuk gambar banner." in response.content.decode()
    data["banner_alt"] = "Kantor kami"
    assert admin_a.post(HEADLINE_URL, data).status_code == 302
    data["banner_link"] = "javascript:alert(1)"
    assert "diawali https://" in admin_a.post(HEADLINE_URL, data).content.decode()


def test_the_welcome_form_crops_the_uploaded_photo(admin_a, opd_a, in_opd):
    photo = ContentFile(portrait("2"), name="kepala.jpg")
    data = {
        "welcome_name": "Kepala Uji",
        "welcome_position": "Kepala",
        "welcome_text": "<p>Halo <script>x</script>warga</p>",
        "welcome_photo": photo,
    }
    assert admin_a.post(WELCOME_URL, data).status_code == 302
    with in_opd(opd_a):
        home = HomePage.current()
    assert "<script>" not in home.welcome_text
    assert [r["width"] for r in home.welcome_photo_renditions["renditions"]] == [240, 480]


def test_quick_links_refuse_a_javascript_address(admin_a, opd_a, in_opd):
    data = {"title": "Jahat", "url": "javascript:alert(1)", "icon": "layanan", "position": 1}
    assert admin_a.post(f"{LINKS_URL}add/", data).status_code == 200
    data["url"] = "https://oss.go.id/"
    assert admin_a.post(f"{LINKS_URL}add/", data).status_code == 302
    with in_opd(opd_a):
        assert list(QuickLink.objects.values_list("url", flat=True)) == ["https://oss.go.id/"]


# The to-do on the admin's first screen.


def test_the_dashboard_lists_what_the_home_page_lacks(admin_a, opd_a, in_opd):
    index = admin_a.get("/admin/").content.decode()
    assert "Sambutan kepala belum diisi" in index
    assert "Tautan layanan belum diisi" in index
    assert "Alamat dan kontak kantor belum diisi" in index
    assert "Belum ada berita disematkan untuk judul utama beranda" in index
    assert 'href="/admin/homepage/welcome/"' in index
    assert 'href="/admin/homepage/quicklink/"' in index
    with in_opd(opd_a):
        make_quick_link()
        make_welcome(photo=False)
    index = admin_a.get("/admin/").content.decode()
    assert "Sambutan kepala belum diisi" not in index
    assert "Tautan layanan belum diisi" not in index


def test_a_hidden_section_is_no_to_do(admin_a, opd_a, in_opd):
    with in_opd(opd_a):
        set_layout(("sambutan", False), headline="")
    index = admin_a.get("/admin/").content.decode()
    assert "Sambutan kepala belum diisi" not in index
    assert "judul utama beranda" not in index
    assert "Tautan layanan belum diisi" in index


def test_an_operator_who_cannot_fill_a_section_sees_no_to_do_for_it(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        client_a.force_login(make_operator("ppid", role=roles.PETUGAS_PPID))
    index = client_a.get("/admin/").content.decode()
    assert "belum diisi" not in index
    assert client_a.get(LAYOUT_URL).status_code == 403


def test_another_opds_home_never_shows_in_this_admin(admin_a, opd_b, in_opd):
    with in_opd(opd_b):
        make_quick_link("Tautan rahasia beta")
        make_welcome("Kepala Rahasia Beta", photo=False)
    for url in (LINKS_URL, WELCOME_URL, LAYOUT_URL, "/admin/"):
        html = admin_a.get(url, follow=True).content.decode()
        assert "Tautan rahasia beta" not in html and "Kepala Rahasia Beta" not in html


def test_the_layout_screen_says_which_sections_are_empty_and_where_to_fill_them(
    admin_a, opd_a, in_opd
):
    with in_opd(opd_a):
        make_quick_link()
    layout = admin_a.get(LAYOUT_URL).content.decode()
    rows = dict(re.findall(r'<th scope="row">([^<]+)(.*?)</th>', layout))
    assert "Belum ada isi" not in rows["Layanan unggulan (tautan cepat)"]
    assert "Belum ada isi" in rows["Sambutan kepala"]
    assert 'href="/admin/homepage/welcome/"' in rows["Sambutan kepala"]
    assert "Belum ada isi" not in rows["Kotak PPID (permohonan informasi)"]
