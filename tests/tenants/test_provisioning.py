import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django_tenants.utils import schema_exists

from accounts import roles
from tenants import services
from tenants.models import Domain, Opd

pytestmark = pytest.mark.django_db


def provision(slug="gamma", **overrides):
    fields = {
        "name": "Dinas Gamma Kota Uji",
        "short_name": "Gamma",
        "kind": Opd.Kind.DINAS,
        "slug": slug,
        "admin_name": "Siti Aminah",
        "admin_email": "siti@gamma.example.org",
    }
    fields.update(overrides)
    return services.create_opd(**fields)


def test_provisioning_creates_row_domain_schema_roles_and_first_admin(
    in_opd, django_capture_on_commit_callbacks, run_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = provision()
    assert run_tasks() == {"succeeded": 1}

    opd = Opd.objects.get(slug="gamma")
    assert opd.schema_name == "gamma"
    assert Domain.objects.get(tenant=opd, is_primary=True).domain == "gamma.localhost"
    assert schema_exists("gamma")
    with in_opd(opd):
        assert ContentType.objects.count() > 0
        assert Permission.objects.filter(content_type__app_label="auth").count() > 0
        assert set(Group.objects.values_list("name", flat=True)) == {
            roles.ADMIN_OPD,
            roles.OPERATOR_BERITA,
            roles.PETUGAS_PPID,
        }
        admin = get_user_model().objects.get()
        assert admin.username == "siti@gamma.example.org"
        assert admin.get_full_name() == "Siti Aminah"
        assert admin.is_staff and not admin.is_superuser
        assert not admin.has_usable_password()
        assert list(admin.groups.values_list("name", flat=True)) == [roles.ADMIN_OPD]
        assert admin.has_perm("auth.add_user")
    assert invitation.set_password_url.startswith("http://gamma.localhost/admin/atur-sandi/")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["siti@gamma.example.org"]
    assert invitation.set_password_url in mail.outbox[0].body


def test_roles_carry_the_permissions_of_their_apps(opd_a, in_opd):
    with in_opd(opd_a):
        admin_opd = Group.objects.get(name=roles.ADMIN_OPD).permissions
        assert admin_opd.filter(codename="change_user").exists()
        assert not admin_opd.filter(codename="change_group").exists()
        news_role = Group.objects.get(name=roles.OPERATOR_BERITA).permissions
        assert not news_role.filter(content_type__app_label__in=["auth", "ppid"]).exists()
        ppid_role = Group.objects.get(name=roles.PETUGAS_PPID).permissions
        assert not ppid_role.exclude(content_type__app_label="ppid").exists()
        # Only the OPD admin changes the OPD's identity (logo, colours, contacts).
        assert admin_opd.filter(codename="change_identity").exists()
        assert not news_role.filter(codename="change_identity").exists()


def test_the_new_opd_site_answers_on_its_subdomain():
    provision()
    response = Client(HTTP_HOST="gamma.localhost").get("/")
    assert response.status_code == 200
    assert "Dinas Gamma Kota Uji" in response.content.decode()


@pytest.mark.parametrize(
    "slug",
    [
        "BPBD",  # upper case
        "Dinkes",
        "dinas kesehatan",  # space
        "din'kes",  # quote
        'din"kes',
        "dinkes;drop",
        "pg-catalog",  # would become a pg_ schema
        "pg_toast",
        "www",
        "admin",
        "api",
        "static",
        "media",
        "mail",
        "public",
        "x",  # too short
        "a" * 41,  # too long
        "-dinkes",
        "dinkes-",
        "1dinkes",
        "din_kes",
        "dinkes.evil",
        "",
    ],
)
def test_bad_slugs_are_refused_and_nothing_is_created(slug):
    before = (Opd.objects.count(), Domain.objects.count())
    with pytest.raises(ValidationError):
        provision(slug=slug)
    assert (Opd.objects.count(), Domain.objects.count()) == before


@pytest.mark.parametrize("slug", ["alpha", "ALPHA", "Alpha"])
def test_duplicate_slugs_are_refused_case_insensitively(slug):
    with pytest.raises(ValidationError):
        provision(slug=slug)
    assert Opd.objects.filter(slug__iexact="alpha").count() == 1


def test_a_failure_midway_leaves_no_row_domain_or_schema(monkeypatch):
    def explode():
        raise RuntimeError("seeding failed")

    monkeypatch.setattr(services, "seed_tenant_defaults", explode)
    with pytest.raises(RuntimeError):
        provision(slug="delta")
    assert not Opd.objects.filter(slug="delta").exists()
    assert not Domain.objects.filter(domain="delta.localhost").exists()
    assert not schema_exists("delta")


def test_set_password_link_works_once_and_only_on_its_own_opd():
    invitation = provision()
    path = re.sub(r"^http://[^/]+", "", invitation.set_password_url)
    gamma = Client(HTTP_HOST="gamma.localhost")

    # The same link on another OPD is refused.
    refused = Client(HTTP_HOST="alpha.localhost").get(path, follow=True)
    assert "Tautan ini tidak berlaku" in refused.content.decode()

    form_page = gamma.get(path, follow=True)
    assert form_page.status_code == 200
    assert 'name="new_password1"' in form_page.content.decode()
    done = gamma.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Kata-Sandi-Baru-2026", "new_password2": "Kata-Sandi-Baru-2026"},
    )
    assert done.status_code == 302
    assert done.url == "/admin/login/"
    assert gamma.login(username="siti@gamma.example.org", password="Kata-Sandi-Baru-2026")

    reused = Client(HTTP_HOST="gamma.localhost").get(path, follow=True)
    assert "Tautan ini tidak berlaku" in reused.content.decode()


def test_create_opd_command_uses_the_same_service(capsys):
    call_command(
        "create_opd",
        "kec-uji",
        name="Kecamatan Uji",
        short_name="Kec. Uji",
        kind="kecamatan",
        admin_name="Budi",
        admin_email="budi@example.org",
    )
    out = capsys.readouterr().out
    assert "http://kec-uji.localhost/admin/atur-sandi/" in out
    opd = Opd.objects.get(slug="kec-uji")
    assert opd.schema_name == "kec_uji"
    assert opd.kind == Opd.Kind.KECAMATAN


def test_create_opd_command_reports_a_bad_slug():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="dicadangkan"):
        call_command(
            "create_opd",
            "www",
            name="X",
            short_name="X",
            admin_name="Budi",
            admin_email="budi@example.org",
        )
