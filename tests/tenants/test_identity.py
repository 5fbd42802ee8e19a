"""The OPD's identity: social links saved as the networks' https addresses, thumbnails of the
current logo and header with the size they need, on the OPD admin and in the console."""

import pytest
from django.contrib.auth import get_user_model

from accounts import roles
from tenants import social
from tenants.models import Opd
from tests.conftest import PASSWORD
from tests.factories import login_console, make_operator
from tests.news.factories import jpeg_with_exif, uploaded
from tests.pages.test_pages import IDENTITY_URL, identity_form
from tests.tenants.test_console import console_change_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("network", "typed", "saved"),
    [
        ("instagram", "http://instagram.com/dinkes.kota", "https://www.instagram.com/dinkes.kota"),
        ("instagram", "instagram.com/dinkes.kota", "https://www.instagram.com/dinkes.kota"),
        ("instagram", "@dinkes.kota", "https://www.instagram.com/dinkes.kota"),
        ("instagram", "dinkes_kota", "https://www.instagram.com/dinkes_kota"),
        ("instagram", " https://www.instagram.com/dinkes/ ", "https://www.instagram.com/dinkes/"),
        ("instagram", "HTTP://M.Instagram.com/dinkes", "https://www.instagram.com/dinkes"),
        ("facebook", "m.facebook.com/dinkes.kota", "https://www.facebook.com/dinkes.kota"),
        ("facebook", "@dinkeskota", "https://www.facebook.com/dinkeskota"),
        ("x", "twitter.com/dinkeskota", "https://x.com/dinkeskota"),
        ("x", "@dinkeskota", "https://x.com/dinkeskota"),
        ("youtube", "@dinkeskota", "https://www.youtube.com/@dinkeskota"),
        ("youtube", "youtube.com/channel/UC123", "https://www.youtube.com/channel/UC123"),
        ("tiktok", "@dinkeskota", "https://www.tiktok.com/@dinkeskota"),
        ("tiktok", "http://tiktok.com/@dinkeskota", "https://www.tiktok.com/@dinkeskota"),
        ("tiktok", "", ""),
    ],
)
def test_social_links_are_normalised(network, typed, saved):
    assert social.normalise(network, typed) == saved


@pytest.mark.parametrize(
    ("network", "typed"),
    [
        ("instagram", "https://instagram.com.evil.example/alpha"),
        ("instagram", "https://facebook.com/alpha"),
        ("instagram", "javascript:alert(1)"),
        ("instagram", "https://user@instagram.com/alpha"),
        ("x", "ftp://x.com/alpha"),
        ("tiktok", "dua kata"),
    ],
)
def test_other_sites_are_refused(network, typed):
    with pytest.raises(social.NotThisNetwork):
        social.normalise(network, typed)


@pytest.fixture
def admin_a(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        client_a.force_login(make_operator("kepala", role=roles.ADMIN_OPD))
    return client_a


def test_the_opd_admin_saves_an_instagram_handle_as_https(opd_a, opd_b, admin_a):
    data = identity_form(
        instagram_url="@alpha.kota", x_url="http://twitter.com/alphakota", tiktok_url=""
    )
    response = admin_a.post(IDENTITY_URL, data)
    assert response.status_code == 302
    opd_a.refresh_from_db()
    assert opd_a.instagram_url == "https://www.instagram.com/alpha.kota"
    assert opd_a.x_url == "https://x.com/alphakota"
    assert Opd.objects.get(pk=opd_b.pk).instagram_url == ""  # only this OPD's row
    # The browser may submit an account name: the field is not <input type="url">.
    page = admin_a.get(IDENTITY_URL).content.decode()
    assert '<input type="text" name="instagram_url"' in page
    assert "mis. @dinkes.kota" in page


def test_another_sites_address_is_a_form_error(opd_a, admin_a):
    response = admin_a.post(IDENTITY_URL, identity_form(facebook_url="https://x.com/alpha"))
    assert response.status_code == 200
    assert (
        "Ini bukan alamat atau nama akun Facebook."
        in response.context["form"].errors["facebook_url"][0]
    )
    opd_a.refresh_from_db()
    assert opd_a.facebook_url == ""


def test_the_identity_page_shows_thumbnails_and_size_hints(opd_a, admin_a):
    page = admin_a.get(IDENTITY_URL).content.decode()
    assert "minimal 256×256 piksel" in page
    assert "minimal 1200×400 piksel" in page
    assert 'accept="image/png,image/jpeg,image/webp,image/gif"' in page
    assert "image-preview__image" not in page  # nothing uploaded yet
    assert "<title>Identitas situs" in page

    data = identity_form(logo=uploaded("logo.jpg", jpeg_with_exif(size=(600, 600))))
    assert admin_a.post(IDENTITY_URL, data).status_code == 302
    opd_a.refresh_from_db()
    page = admin_a.get(IDENTITY_URL).content.decode()
    assert f'<img class="image-preview__image" src="/media/{opd_a.logo.name}"' in page
    assert 'alt="Logo saat ini" width="96" height="96"' in page
    # The random stored name is not shown as text.
    assert f">{opd_a.logo.name}<" not in page
    assert 'name="logo-clear"' in page
    assert "css/identity" in page


def test_removing_the_logo_with_the_box_under_its_thumbnail(opd_a, admin_a):
    data = identity_form(logo=uploaded("logo.jpg", jpeg_with_exif(size=(600, 600))))
    admin_a.post(IDENTITY_URL, data)
    assert admin_a.post(IDENTITY_URL, identity_form(**{"logo-clear": "on"})).status_code == 302
    opd_a.refresh_from_db()
    assert not opd_a.logo


def test_the_console_shows_the_same_thumbnails_and_normalises(public_tenant, opd_a, portal_client):
    user = get_user_model().objects.create_superuser("kominfo", "k@example.org", PASSWORD)
    console = login_console(portal_client, user)
    url = f"/admin/tenants/opd/{opd_a.pk}/change/"
    data = console_change_data(
        console.get(url),
        logo=uploaded("logo.jpg", jpeg_with_exif(size=(600, 600))),
        instagram_url="instagram.com/alpha",
    )
    assert console.post(url, data).status_code == 302
    opd_a.refresh_from_db()
    assert opd_a.instagram_url == "https://www.instagram.com/alpha"
    page = console.get(url).content.decode()
    assert "image-preview__image" in page
    assert "minimal 256×256 piksel" in page
