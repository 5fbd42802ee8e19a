"""The Kominfo console: creating OPDs and managing any OPD's operator accounts."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db.models.fields.files import FieldFile
from django.test import Client
from PIL import Image

from accounts import roles
from tenants.models import Opd
from tests.conftest import PASSWORD
from tests.factories import login_console, make_operator
from tests.news.factories import animated_gif, jpeg_with_exif, uploaded

pytestmark = pytest.mark.django_db


@pytest.fixture
def console(portal_client):
    user = get_user_model().objects.create_superuser("kominfo", "kominfo@example.org", PASSWORD)
    return login_console(portal_client, user)


NEW_OPD = {
    "name": "Dinas Perhubungan Kota Uji",
    "short_name": "Dishub",
    "kind": "dinas",
    "slug": "dishub",
    "admin_name": "Rina Wati",
    "admin_email": "rina@dishub.example.org",
}


def test_kominfo_creates_an_opd_in_one_form(console, django_capture_on_commit_callbacks, run_tasks):
    with django_capture_on_commit_callbacks(execute=True):
        response = console.post("/admin/tenants/opd/add/", NEW_OPD)
    run_tasks()
    assert response.status_code == 200
    page = response.content.decode()
    assert "http://dishub.localhost/admin/atur-sandi/" in page
    assert "http://dishub.localhost/admin/atur-sandi/" in mail.outbox[0].body

    site = Client(HTTP_HOST="dishub.localhost").get("/")
    assert site.status_code == 200
    assert "Dinas Perhubungan Kota Uji" in site.content.decode()


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("Dishub", "huruf kecil"),
        ("dis hub", "huruf kecil"),
        ("www", "dicadangkan"),
        ("pg-dishub", "dicadangkan"),
        ("alpha", "sudah dipakai"),
    ],
)
def test_a_bad_slug_in_the_console_is_a_form_error(console, slug, message):
    count = Opd.objects.count()
    response = console.post("/admin/tenants/opd/add/", {**NEW_OPD, "slug": slug})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Opd.objects.count() == count


def test_a_broken_creation_form_keeps_what_was_typed(console):
    response = console.post("/admin/tenants/opd/add/", {**NEW_OPD, "admin_email": "bukan-email"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dinas Perhubungan Kota Uji" in page
    assert not Opd.objects.filter(slug="dishub").exists()


def test_the_console_deactivates_and_reactivates_an_opd(console, opd_a, client_a):
    response = console.post(
        "/admin/tenants/opd/", {"action": "deactivate", "_selected_action": [opd_a.pk]}
    )
    assert response.status_code == 302
    assert client_a.get("/").status_code == 503
    console.post("/admin/tenants/opd/", {"action": "reactivate", "_selected_action": [opd_a.pk]})
    assert client_a.get("/").status_code == 200


def test_the_console_cannot_delete_an_opd(console, opd_a):
    assert console.get(f"/admin/tenants/opd/{opd_a.pk}/delete/").status_code == 403


def console_change_data(response, **overrides):
    """The console's OPD change form as the browser would post it back unchanged."""
    forms = [response.context["adminform"].form]
    data = {}
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update(
            {management.add_prefix(key): value for key, value in management.initial.items()}
        )
        forms += formset.formset.forms
    for form in forms:
        for field in form:
            value = field.value()
            if value is True:
                data[field.html_name] = "on"
            elif value not in (None, False) and not isinstance(value, FieldFile):
                data[field.html_name] = value
    data.update(overrides)
    return data


def test_the_console_reencodes_an_opds_logo(console, opd_a, media_root):
    url = f"/admin/tenants/opd/{opd_a.pk}/change/"
    data = console_change_data(
        console.get(url), logo=uploaded("logo asli.jpg", jpeg_with_exif(size=(900, 900)))
    )
    response = console.post(url, data)
    assert response.status_code == 302
    opd_a.refresh_from_db()
    with Image.open(media_root / opd_a.logo.name) as logo:
        assert logo.size == (512, 512)
        assert not logo.getexif()


def test_the_console_refuses_a_long_animated_logo(console, opd_a, media_root):
    url = f"/admin/tenants/opd/{opd_a.pk}/change/"
    data = console_change_data(
        console.get(url), logo=uploaded("logo.gif", animated_gif(), "image/gif")
    )
    response = console.post(url, data)
    assert response.status_code == 200
    assert "Animasi terlalu besar" in str(response.context["adminform"].form.errors["logo"])
    opd_a.refresh_from_db()
    assert not opd_a.logo


def test_the_console_lists_and_manages_an_opds_operators(console, opd_a, opd_b, in_opd):
    with in_opd(opd_b):
        make_operator("budi-beta")
    with in_opd(opd_a):
        sari = make_operator("sari", role=roles.OPERATOR_BERITA)

    page = console.get(f"/admin/tenants/opd/{opd_a.pk}/operator/").content.decode()
    assert "sari" in page and "Operator Berita" in page
    assert "budi-beta" not in page

    created = console.post(
        f"/admin/tenants/opd/{opd_a.pk}/operator/",
        {
            "full_name": "Petugas Baru",
            "email": "ppid@alpha.example.org",
            "role": roles.PETUGAS_PPID,
        },
    )
    assert "http://alpha.localhost/admin/atur-sandi/" in created.content.decode()
    with in_opd(opd_a):
        new = get_user_model().objects.get(username="ppid@alpha.example.org")
        assert list(new.groups.values_list("name", flat=True)) == [roles.PETUGAS_PPID]
    with in_opd(opd_b):
        assert not get_user_model().objects.filter(username="ppid@alpha.example.org").exists()

    reset = console.post(f"/admin/tenants/opd/{opd_a.pk}/operator/{sari.pk}/reset/")
    assert "atur-sandi" in reset.content.decode()
    console.post(f"/admin/tenants/opd/{opd_a.pk}/operator/{sari.pk}/deactivate/")
    with in_opd(opd_a):
        sari.refresh_from_db()
        assert not sari.is_active
        assert not sari.has_usable_password()


def test_a_duplicate_operator_email_is_a_form_error(console, opd_a):
    response = console.post(
        f"/admin/tenants/opd/{opd_a.pk}/operator/",
        {"full_name": "Lagi", "email": "admin@alpha.example.org", "role": roles.ADMIN_OPD},
    )
    assert response.status_code == 200
    assert "Sudah ada akun" in response.content.decode()


def test_operator_actions_only_accept_post(console, opd_a, in_opd):
    with in_opd(opd_a):
        sari = make_operator("sari")
    assert (
        console.get(f"/admin/tenants/opd/{opd_a.pk}/operator/{sari.pk}/deactivate/").status_code
        == 405
    )


def test_an_opd_admin_creates_an_operator_on_their_own_site(opd_a, opd_b, in_opd, client_a):
    with in_opd(opd_a):
        client_a.force_login(make_operator("sari", role=roles.ADMIN_OPD))
    response = client_a.post(
        "/admin/auth/user/add/",
        {
            "full_name": "Andi Berita",
            "email": "andi@alpha.example.org",
            "role": roles.OPERATOR_BERITA,
        },
    )
    assert response.status_code == 200
    assert "http://alpha.localhost/admin/atur-sandi/" in response.content.decode()
    with in_opd(opd_a):
        andi = get_user_model().objects.get(username="andi@alpha.example.org")
        assert andi.is_staff and not andi.is_superuser
    with in_opd(opd_b):
        assert not get_user_model().objects.filter(username="andi@alpha.example.org").exists()


def test_an_opd_admin_cannot_make_anyone_superuser(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        client_a.force_login(make_operator("sari", role=roles.ADMIN_OPD))
        target = make_operator("andi", role=roles.OPERATOR_BERITA)
    client_a.post(
        f"/admin/auth/user/{target.pk}/change/",
        {
            "first_name": "Andi",
            "last_name": "",
            "email": "andi@alpha.example.org",
            "groups": [],
            "is_active": "on",
            "is_superuser": "on",
        },
    )
    with in_opd(opd_a):
        target.refresh_from_db()
        assert target.first_name == "Andi"
        assert not target.is_superuser


def test_kominfo_hands_an_opd_over_when_its_operator_leaves(console, opd_a, in_opd):
    with in_opd(opd_a):
        leaving = make_operator("lama", role=roles.ADMIN_OPD)
    response = console.post(
        f"/admin/tenants/opd/{opd_a.pk}/operator/",
        {
            "handover": "1",
            "outgoing": leaving.pk,
            "full_name": "Baru",
            "email": "baru@alpha.example.org",
        },
    )
    assert "http://alpha.localhost/admin/atur-sandi/" in response.content.decode()
    with in_opd(opd_a):
        leaving.refresh_from_db()
        assert not leaving.is_active and not leaving.has_usable_password()
        successor = get_user_model().objects.get(username="baru@alpha.example.org")
        assert list(successor.groups.values_list("name", flat=True)) == [roles.ADMIN_OPD]
        assert successor.is_active and successor.is_staff


def test_a_handover_to_an_existing_email_changes_nothing(console, opd_a, in_opd):
    with in_opd(opd_a):
        leaving = make_operator("lama", role=roles.ADMIN_OPD)
    response = console.post(
        f"/admin/tenants/opd/{opd_a.pk}/operator/",
        {
            "handover": "1",
            "outgoing": leaving.pk,
            "full_name": "X",
            "email": "admin@alpha.example.org",
        },
    )
    assert "Sudah ada akun" in response.content.decode()
    with in_opd(opd_a):
        leaving.refresh_from_db()
        assert leaving.is_active


def test_the_console_sets_whether_an_opd_reviews_its_news(console, opd_a):
    page = console.get(f"/admin/tenants/opd/{opd_a.pk}/change/").content.decode()
    assert 'name="require_article_review"' in page
    assert "Alur kerja redaksi" in page
