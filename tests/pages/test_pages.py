"""The OPD's own pages, its officials and its identity, edited by its admin."""

import pytest
from PIL import Image

from accounts import roles
from pages.models import Official, Page
from tenants.models import Opd
from tests.factories import make_operator
from tests.news.factories import animated_gif, image_bytes, jpeg_with_exif, uploaded

pytestmark = pytest.mark.django_db

IDENTITY_URL = "/admin/pages/page/identitas/"


def test_provisioning_seeds_the_default_pages_in_menu_order(opd_a, in_opd):
    with in_opd(opd_a):
        titles = list(Page.objects.in_menu().values_list("title", flat=True))
    assert titles == [
        "Profil",
        "Visi dan Misi",
        "Tugas Pokok dan Fungsi",
        "Struktur Organisasi",
        "Kontak",
    ]


def test_seeding_pages_twice_changes_nothing(opd_a, in_opd):
    from pages.defaults import seed_defaults

    with in_opd(opd_a):
        page = Page.objects.get(slug="profil")
        page.body = "<p>Sudah diisi</p>"
        page.save()
        seed_defaults()
        assert Page.objects.count() == 5
        assert Page.objects.get(slug="profil").body == "<p>Sudah diisi</p>"


def test_menu_shows_pages_news_and_ppid(client_a):
    html = client_a.get("/").content.decode()
    for href in ('href="/halaman/profil/"', 'href="/halaman/kontak/"', 'href="/berita/"',
                 'href="/ppid/"'):  # fmt: skip
        assert href in html


def test_page_shows_its_sanitised_body(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        page = Page.objects.get(slug="visi-dan-misi")
        page.body = '<h2>Visi</h2><p onmouseover="x()">Melayani</p><script>alert(1)</script>'
        page.save()
        Page.objects.filter(pk=page.pk).update(body=page.body + "<iframe src=//x></iframe>")
    html = client_a.get("/halaman/visi-dan-misi/").content.decode()
    assert "<h2>Visi</h2><p>Melayani</p>" in html
    assert "alert" not in html and "iframe" not in html and "onmouseover" not in html


def test_an_empty_page_says_it_is_being_prepared(client_a):
    assert "sedang disiapkan" in client_a.get("/halaman/tugas-pokok-dan-fungsi/").content.decode()


def test_unpublished_and_unknown_pages_are_404(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        Page.objects.create(title="Rahasia", slug="rahasia", is_published=False)
    assert client_a.get("/halaman/rahasia/").status_code == 404
    assert client_a.get("/halaman/tidak-ada/").status_code == 404
    assert 'href="/halaman/rahasia/"' not in client_a.get("/").content.decode()


def test_profile_lists_the_officials(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        Official.objects.create(name="Budi Santoso", position="Kepala Dinas", order=1)
    html = client_a.get("/halaman/profil/").content.decode()
    assert "Budi Santoso" in html and "Kepala Dinas" in html


def test_a_page_of_a_is_not_visible_on_b(opd_a, opd_b, in_opd, client_b):
    with in_opd(opd_a):
        Page.objects.create(title="Layanan khusus alpha", slug="layanan-alpha", pk=9191)
        Official.objects.create(name="Pejabat Alpha", position="Kepala")
    with in_opd(opd_b):
        Page.objects.create(title="Halaman beta", slug="halaman-beta", pk=9191)
    assert client_b.get("/halaman/layanan-alpha/").status_code == 404
    for url in ("/", "/halaman/profil/", "/sitemap.xml", "/cari/?q=layanan"):
        html = client_b.get(url).content.decode()
        assert "Layanan khusus alpha" not in html and "layanan-alpha" not in html, url
        assert "Pejabat Alpha" not in html, url


def test_duplicate_page_slug_is_a_form_error(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        client_a.force_login(make_operator("penulis", role=roles.OPERATOR_BERITA))
    response = client_a.post(
        "/admin/pages/page/add/",
        {"title": "Profil kedua", "slug": "profil", "body": "<p>x</p>", "menu_order": 1,
         "show_in_menu": "on", "is_published": "on"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors


def identity_form(**overrides):
    data = {
        "primary_color": "#7c2d12",
        "address": "Jl. Jenderal Sudirman No. 5, Serang",
        "phone": "0254-200100",
        "email": "info@alpha.example.org",
        "opening_hours": "Senin–Jumat 08.00–16.00",
        "map_url": "https://tanahair.indonesia.go.id/portal-web/alpha",
        "instagram_url": "https://instagram.com/alpha",
        "facebook_url": "",
        "x_url": "",
        "youtube_url": "",
        "tiktok_url": "https://tiktok.com/@alpha",
    }
    data.update(overrides)
    return data


@pytest.fixture
def admin_a(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        client_a.force_login(make_operator("kepala", role=roles.ADMIN_OPD))
    return client_a


def test_the_opd_admin_edits_its_identity(opd_a, opd_b, admin_a, client_a, media_root):
    assert admin_a.get(IDENTITY_URL).status_code == 200
    data = identity_form(logo=uploaded("logo asli.jpg", jpeg_with_exif(size=(900, 900))))
    response = admin_a.post(IDENTITY_URL, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    opd_a.refresh_from_db()
    opd_b.refresh_from_db()
    assert opd_a.phone == "0254-200100"
    assert opd_a.primary_color == "#7c2d12"
    assert opd_b.phone != "0254-200100"
    assert opd_a.logo.name.startswith("alpha/identitas/")
    assert "asli" not in opd_a.logo.name
    stored = media_root / opd_a.logo.name
    with Image.open(stored) as logo:
        assert logo.size == (512, 512)
        assert not logo.getexif()
    client_a.logout()
    html = client_a.get("/").content.decode()
    assert "0254-200100" in html and "https://www.tiktok.com/@alpha" in html
    assert f'src="/media/{opd_a.logo.name}"' in html


def test_identity_refuses_a_logo_that_is_not_an_image(opd_a, admin_a, media_root):
    data = identity_form(logo=uploaded("logo.png", b"<svg><script>alert(1)</script></svg>"))
    response = admin_a.post(IDENTITY_URL, data)
    assert response.status_code == 200
    assert "logo" in response.context["form"].errors
    opd_a.refresh_from_db()
    assert not opd_a.logo
    assert not (media_root / "alpha" / "identitas").exists()


def test_identity_refuses_a_long_animated_header(opd_a, admin_a, media_root):
    data = identity_form(header_image=uploaded("kepala.gif", animated_gif(), "image/gif"))
    response = admin_a.post(IDENTITY_URL, data)
    assert response.status_code == 200
    assert "Animasi terlalu besar" in str(response.context["form"].errors["header_image"])
    opd_a.refresh_from_db()
    assert not opd_a.header_image


def test_identity_refuses_an_invalid_colour(admin_a):
    response = admin_a.post(IDENTITY_URL, identity_form(primary_color="red;}body{"))
    assert response.status_code == 200
    assert "primary_color" in response.context["form"].errors


def test_identity_needs_the_permission(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        client_a.force_login(make_operator("ppid", role=roles.PETUGAS_PPID))
    assert client_a.get(IDENTITY_URL).status_code == 403
    assert client_a.post(IDENTITY_URL, identity_form()).status_code == 403
    assert Opd.objects.get(pk=opd_a.pk).phone != "0254-200100"


def test_identity_is_not_reachable_anonymously(client_a):
    response = client_a.get(IDENTITY_URL)
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_the_opd_admin_never_sees_opd_or_domain_models(admin_a):
    assert admin_a.get("/admin/tenants/opd/").status_code == 404
    assert admin_a.get("/admin/tenants/domain/").status_code == 404


def test_official_photo_is_reencoded(opd_a, in_opd, admin_a, media_root):
    response = admin_a.post(
        "/admin/pages/official/add/",
        {"name": "Siti", "position": "Sekretaris", "order": 2,
         "photo": uploaded("siti.jpg", image_bytes(size=(1200, 1500)))},
    )  # fmt: skip
    assert response.status_code == 302
    with in_opd(opd_a):
        official = Official.objects.get()
    assert official.photo.name.startswith("pejabat/")
    with Image.open(media_root / "alpha" / official.photo.name) as photo:
        assert photo.width == 600


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("map_url", "https://slot-resmi.example/peta"),
        ("map_url", "https://maps.desa.go.id/?q=slot-gacor"),
        ("instagram_url", "https://instagram.com.evil.example/alpha"),
        ("tiktok_url", "http://gacor88.example/"),
        ("address", "Jl. Sudirman 5 — daftar slot gacor maxwin di www.gacor88.example"),
        ("opening_hours", "24 jam, bocoran RTP"),
    ],
)
def test_identity_links_and_text_are_screened_by_the_content_guard(opd_a, admin_a, field, value):
    response = admin_a.post(IDENTITY_URL, identity_form(**{field: value}))
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    # Social links of another site are refused before the guard sees them (tenants.social).
    refusals = ("spam judi", "tidak ada dalam daftar", "bukan alamat atau nama akun")
    assert any(refusal in error for error in errors for refusal in refusals)
    opd_a.refresh_from_db()
    assert getattr(opd_a, field) != value
