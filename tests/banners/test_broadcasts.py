"""Emergency broadcasts show on every site of the pemda: the content guard screens them and none
runs for more than BROADCAST_MAX_DAYS."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts import roles
from banners.models import EmergencyBanner
from tenants.models import Opd
from tests.conftest import PASSWORD
from tests.factories import login_console, make_operator

pytestmark = pytest.mark.django_db

BROADCAST_URL = "/admin/siaran/"


@pytest.fixture
def bpbd(opd_a, in_opd, client_a):
    Opd.objects.filter(pk=opd_a.pk).update(can_broadcast=True)
    with in_opd(opd_a):
        client_a.force_login(make_operator("bpbd", role=roles.ADMIN_OPD))
    return client_a


@pytest.fixture
def console(portal_client, public_tenant):
    user = get_user_model().objects.create_superuser("kominfo", "k@example.org", PASSWORD)
    return login_console(portal_client, user)


def broadcast(**overrides):
    now = timezone.localtime()
    return {
        "level": "warning",
        "text": "Siaga banjir dari BPBD",
        "link": "",
        "starts_at": (now - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M"),
        "expires_at": (now + timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"),
        **overrides,
    }


def test_a_genuine_broadcast_with_an_allowed_link_goes_out(bpbd):
    response = bpbd.post(BROADCAST_URL, broadcast(link="https://bpbd.bantenprov.go.id/siaga"))
    assert response.status_code == 302
    assert EmergencyBanner.objects.filter(text="Siaga banjir dari BPBD").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("link", "https://evil.example/"),
        ("link", "https://bpbd.go.id.evil.example/"),
        ("link", "https://desa.go.id/?p=slot-gacor"),
        ("text", "Info banjir: daftar slot gacor maxwin sekarang"),
        ("text", "Info pengungsian di www.evil.example"),
        ("text", "Ga\u200bcor hari ini"),
    ],
)
def test_a_broadcast_with_spam_or_a_foreign_link_is_refused(bpbd, field, value):
    response = bpbd.post(BROADCAST_URL, broadcast(**{field: value}))
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any("spam judi" in error or "tidak ada dalam daftar" in error for error in errors)
    assert not EmergencyBanner.objects.exists()


def test_a_broadcast_longer_than_the_cap_is_refused(bpbd, settings):
    settings.BROADCAST_MAX_DAYS = 7
    response = bpbd.post(BROADCAST_URL, broadcast(expires_at="2099-12-31T23:59"))
    assert response.status_code == 200
    (error,) = response.context["form"].errors["expires_at"]
    assert "paling lama 7 hari" in error
    assert not EmergencyBanner.objects.exists()
    in_six_days = timezone.localtime() + timedelta(days=6)
    response = bpbd.post(BROADCAST_URL, broadcast(expires_at=f"{in_six_days:%Y-%m-%dT%H:%M}"))
    assert response.status_code == 302


def test_the_console_caps_and_screens_broadcasts_too(console):
    now = timezone.localtime()
    data = {
        "level": "danger",
        "text": "Peringatan dini banjir rob",
        "link": "https://evil.example/",
        "starts_at_0": f"{now:%Y-%m-%d}",
        "starts_at_1": f"{now:%H:%M:%S}",
        "expires_at_0": "2099-12-31",
        "expires_at_1": "12:00:00",
    }
    response = console.post("/admin/banners/emergencybanner/add/", data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"link", "expires_at"}
    assert not EmergencyBanner.objects.exists()


def test_the_upgrade_caps_broadcasts_left_on_for_good(public_tenant, settings):
    settings.BROADCAST_MAX_DAYS = 7
    now = timezone.now()
    forever = now.replace(year=2099)

    def banner(text, starts_at, expires_at):
        return EmergencyBanner.objects.create(
            text=text, starts_at=starts_at, expires_at=expires_at, issued_by=public_tenant
        )

    running = banner("Sejak lama", now - timedelta(days=30), forever)
    scheduled = banner("Terjadwal", now + timedelta(days=2), forever)
    short = banner("Singkat", now, now + timedelta(days=1))
    migration = importlib.import_module("banners.migrations.0002_cap_broadcast_lifetime")
    migration.cap_broadcasts(apps, None)
    for item in (running, scheduled, short):
        item.refresh_from_db()
    # Still showing after the upgrade, but for a week at most.
    assert now + timedelta(days=6) < running.expires_at <= timezone.now() + timedelta(days=7)
    assert scheduled.expires_at == scheduled.starts_at + timedelta(days=7)
    assert short.expires_at == now + timedelta(days=1)


@pytest.mark.parametrize("end", ["²", "abc", "-1", "0", "99999999999999999999", ""])
def test_ending_an_unknown_broadcast_is_a_form_error(bpbd, end):
    """`str.isdigit()` took "²" for a number and the database query failed (a 500)."""
    banner = EmergencyBanner.objects.create(
        text="Siaga",
        expires_at=timezone.now() + timedelta(hours=1),
        issued_by=Opd.objects.get(slug="alpha"),
    )
    response = bpbd.post(BROADCAST_URL, {"end": end})
    assert response.status_code == 200
    assert "Siaran yang akan diakhiri tidak dikenal." in response.content.decode()
    banner.refresh_from_db()
    assert banner.expires_at > timezone.now()
