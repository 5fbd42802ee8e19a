"""Accounts: log-in throttling per OPD, two-factor authentication, passwords, dormant accounts."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles
from accounts.models import OperatorAccount
from accounts.services import set_password_url
from accounts.two_factor import new_recovery_codes
from core.client_ip import client_ip
from tenants.models import Opd
from tests.conftest import PASSWORD
from tests.factories import login_console, make_operator

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
LOCKED_OUT = "Terlalu banyak percobaan masuk"


def log_in(client, username, password=PASSWORD, **extra):
    data = {"username": username, "password": password, "next": "/admin/", **extra}
    return client.post(LOGIN, data)


def fail_five_times(client, username):
    return [log_in(client, username, "salah-sekali").status_code for _attempt in range(5)]


def current_token(device: TOTPDevice) -> str:
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{code:0{device.digits}d}"


# Log-in throttling -----------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_user_on_that_opd_only(
    opd_a, opd_b, public_tenant, in_opd, client_a
):
    with in_opd(opd_a):
        make_operator("sari", role=roles.ADMIN_OPD)
    with in_opd(opd_b):
        make_operator("sari", role=roles.ADMIN_OPD)

    assert fail_five_times(client_a, "sari") == [200, 200, 200, 200, 429]
    locked = log_in(client_a, "sari")  # even the right password
    assert locked.status_code == 429
    page = locked.content.decode()
    assert LOCKED_OUT in page and "30 menit" in page
    assert "_auth_user_id" not in client_a.session

    with in_opd(opd_a):
        assert AccessAttempt.objects.filter(username="sari").exists()
    with in_opd(opd_b):
        assert not AccessAttempt.objects.exists()
    with in_opd(public_tenant):
        assert not AccessAttempt.objects.exists()
    assert log_in(Client(HTTP_HOST="beta.localhost"), "sari").status_code == 302


def test_a_lock_out_is_per_user_and_ip_together(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_operator("sari", role=roles.ADMIN_OPD)
        make_operator("budi", role=roles.OPERATOR_BERITA)
    fail_five_times(client_a, "sari")
    # A colleague behind the same office address still logs in, and so does sari elsewhere.
    assert log_in(client_a, "budi").status_code == 302
    elsewhere = Client(HTTP_HOST="alpha.localhost", REMOTE_ADDR="10.1.2.3")
    assert log_in(elsewhere, "sari").status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_lock_out(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_operator("sari", role=roles.ADMIN_OPD)
    for number in range(5):
        log_in(client_a, "sari", "salah", HTTP_X_FORWARDED_FOR=f"10.9.9.{number}")
    assert log_in(client_a, "sari", HTTP_X_FORWARDED_FOR="10.9.9.99").status_code == 429


def test_a_few_wrong_passwords_on_many_accounts_lock_that_address_out(opd_a, in_opd, client_a):
    names = [f"pegawai{number}" for number in range(8)]
    with in_opd(opd_a):
        for name in names:
            make_operator(name, role=roles.OPERATOR_BERITA)
    for name in names:  # 4 per account: below axes' 5, 32 in all from one address
        for _attempt in range(4):
            log_in(client_a, name, "salah-sekali")
    for name in names:  # even the right password, for every account
        locked = log_in(client_a, name)
        assert locked.status_code == 429
        assert "ke berbagai akun" in locked.content.decode()
        assert "_auth_user_id" not in client_a.session
    elsewhere = Client(HTTP_HOST="alpha.localhost", REMOTE_ADDR="10.1.2.3")
    assert log_in(elsewhere, names[0]).status_code == 302


def test_the_address_ceiling_uses_the_client_behind_the_trusted_proxy(opd_a, in_opd, settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    settings.LOGIN_FAILURES_PER_IP = 3
    with in_opd(opd_a):
        for name in ("ani", "budi", "citra", "dewi"):
            make_operator(name, role=roles.OPERATOR_BERITA)
    attacker = Client(
        HTTP_HOST="alpha.localhost", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    for name in ("ani", "budi", "citra"):
        log_in(attacker, name, "salah-sekali")
    assert log_in(attacker, "dewi").status_code == 429
    # Another citizen behind the same proxy, and a forged header of the attacker, do not share it.
    other = Client(
        HTTP_HOST="alpha.localhost", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="203.0.113.8"
    )
    assert log_in(other, "dewi").status_code == 302
    forged = Client(
        HTTP_HOST="alpha.localhost",
        REMOTE_ADDR="172.18.0.5",
        HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.7",
    )
    assert log_in(forged, "dewi").status_code == 429


def test_an_offices_typos_behind_one_address_lock_nobody_out(opd_a, in_opd, client_a):
    names = [f"staf{number}" for number in range(10)]
    with in_opd(opd_a):
        for name in names:
            make_operator(name, role=roles.OPERATOR_BERITA)
    for name in names:  # ten colleagues, each mistyping twice before getting it right
        log_in(client_a, name, "salah-ketik")
        log_in(client_a, name, "salah-ketik-lagi")
        office = Client(HTTP_HOST="alpha.localhost")
        assert log_in(office, name).status_code == 302
    assert log_in(client_a, names[0]).status_code == 302


def test_the_client_ip_trusts_only_the_configured_proxies(rf, settings):
    request = rf.get("/", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.PORTAL_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "172.18.0.5"
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.7"
    settings.PORTAL_TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "6.6.6.6"
    assert client_ip(rf.get("/", REMOTE_ADDR="172.18.0.5")) == "172.18.0.5"


def test_the_opd_admin_unlocks_an_account_and_operators_cannot(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_operator("sari", role=roles.OPERATOR_BERITA)
        admin_user = make_operator("kepala", role=roles.ADMIN_OPD)
        writer = make_operator("penulis", role=roles.OPERATOR_BERITA)
    fail_five_times(client_a, "sari")
    with in_opd(opd_a):
        attempt = AccessAttempt.objects.get(username="sari")

    other = Client(HTTP_HOST="alpha.localhost")
    with in_opd(opd_a):
        other.force_login(writer)
    assert other.get("/admin/axes/accessattempt/").status_code == 403

    admin_client = Client(HTTP_HOST="alpha.localhost")
    with in_opd(opd_a):
        admin_client.force_login(admin_user)
    listing = admin_client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "sari" in listing.content.decode()
    unlocked = admin_client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert unlocked.status_code == 302
    assert log_in(client_a, "sari").status_code == 302


def test_kominfo_unlocks_an_operator_from_the_console(
    opd_a, in_opd, client_a, portal_client, kominfo
):
    with in_opd(opd_a):
        make_operator("sari", role=roles.ADMIN_OPD)
    fail_five_times(client_a, "sari")
    login_console(portal_client, kominfo)
    account = OperatorAccount.objects.get(opd=opd_a, username="sari")
    response = portal_client.post(
        "/admin/accounts/operatoraccount/",
        {"action": "unlock_accounts", "_selected_action": [account.pk]},
    )
    assert response.status_code == 302
    assert log_in(client_a, "sari").status_code == 302


def test_kominfo_lock_outs_are_listed_in_the_console(portal_client):
    get_user_model().objects.create_superuser("kominfo", "k@example.org", PASSWORD)
    attacker = Client(HTTP_HOST="localhost")
    assert fail_five_times(attacker, "kominfo")[-1] == 429
    assert LOCKED_OUT in log_in(attacker, "kominfo").content.decode()
    other = get_user_model().objects.create_superuser("kominfo2", "k2@example.org", PASSWORD)
    login_console(portal_client, other)
    page = portal_client.get("/admin/axes/accessattempt/")
    assert page.status_code == 200 and "kominfo" in page.content.decode()


# Two-factor authentication ---------------------------------------------------------------------


@pytest.fixture
def kominfo(db):
    return get_user_model().objects.create_superuser("kominfo", "k@example.org", PASSWORD)


def test_the_console_refuses_a_kominfo_user_without_a_verified_device(kominfo, portal_client):
    assert log_in(portal_client, "kominfo").status_code == 302
    for path in ("/admin/", "/admin/tenants/opd/", "/admin/aktivitas/"):
        response = portal_client.get(path)
        assert response.status_code == 302, path
        assert response.url == "/admin/verifikasi-dua-langkah/"
    assert portal_client.get(LOGIN).url == "/admin/verifikasi-dua-langkah/"


def test_a_kominfo_user_sets_up_an_authenticator_and_gets_recovery_codes(kominfo, portal_client):
    log_in(portal_client, "kominfo")
    page = portal_client.get("/admin/verifikasi-dua-langkah/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "http" not in html.split("<svg", 1)[1].split("</svg>", 1)[0][40:]
    device = TOTPDevice.objects.get(user=kominfo, confirmed=False)
    assert "Kunci:" in html

    wrong = portal_client.post("/admin/verifikasi-dua-langkah/", {"otp_token": "000000"})
    assert "Kode verifikasi salah" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()

    done = portal_client.post(
        "/admin/verifikasi-dua-langkah/", {"otp_token": current_token(device)}
    )
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10 and all(code in done.content.decode() for code in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert portal_client.get("/admin/tenants/opd/").status_code == 200
    # The codes are shown once: the page now only offers new ones.
    assert codes[0] not in portal_client.get("/admin/verifikasi-dua-langkah/").content.decode()


def test_log_in_with_an_authenticator_code(kominfo, portal_client):
    device = TOTPDevice.objects.create(user=kominfo, name="ponsel", confirmed=True)
    asked = log_in(portal_client, "kominfo")
    assert asked.status_code == 200
    assert "verifikasi dua langkah" in asked.content.decode()
    assert "_auth_user_id" not in portal_client.session

    wrong = log_in(portal_client, "kominfo", otp_token="123456")
    assert wrong.status_code == 200
    assert "Kode verifikasi salah" in wrong.content.decode()
    assert "_auth_user_id" not in portal_client.session

    device.refresh_from_db()
    device.throttling_failure_count = 0  # a wrong code throttles the device for a second
    device.save()
    assert log_in(portal_client, "kominfo", otp_token=current_token(device)).status_code == 302
    assert portal_client.get("/admin/tenants/opd/").status_code == 200


def test_a_recovery_code_works_once(kominfo, portal_client):
    TOTPDevice.objects.create(user=kominfo, name="ponsel", confirmed=True)
    codes = new_recovery_codes(kominfo)
    assert log_in(portal_client, "kominfo", otp_token=codes[0]).status_code == 302
    assert portal_client.get("/admin/tenants/opd/").status_code == 200
    assert StaticToken.objects.filter(device__user=kominfo).count() == 9

    again = Client(HTTP_HOST="localhost")
    assert log_in(again, "kominfo", otp_token=codes[0]).status_code == 200
    assert "_auth_user_id" not in again.session


def test_a_session_signed_in_before_its_device_was_added_asks_for_the_code(kominfo, portal_client):
    assert log_in(portal_client, "kominfo").status_code == 302  # no device yet
    device = TOTPDevice.objects.create(user=kominfo, name="ponsel", confirmed=True)
    assert portal_client.get("/admin/").url == "/admin/verifikasi-dua-langkah/"
    page = portal_client.get("/admin/verifikasi-dua-langkah/")
    assert "two-factor-qr" not in page.content.decode()  # a code is asked for, not a new set-up

    wrong = portal_client.post("/admin/verifikasi-dua-langkah/", {"otp_token": "000000"})
    assert "Kode verifikasi salah" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.save()
    code = current_token(device)
    done = portal_client.post(
        "/admin/verifikasi-dua-langkah/", {"otp_token": f"{code[:3]} {code[3:]}"}
    )
    assert done.status_code == 302 and done.url == "/admin/"
    assert portal_client.get("/admin/tenants/opd/").status_code == 200


def test_a_throttled_device_says_wait_even_for_the_right_code(kominfo, portal_client):
    assert log_in(portal_client, "kominfo").status_code == 302
    device = TOTPDevice.objects.create(
        user=kominfo,
        name="ponsel",
        confirmed=True,
        throttling_failure_count=5,  # locked for 16 s after the last failure
        throttling_failure_timestamp=timezone.now(),
    )
    page = portal_client.post(
        "/admin/verifikasi-dua-langkah/", {"otp_token": current_token(device)}
    )
    assert "Terlalu banyak kode salah" in page.content.decode()
    assert portal_client.get("/admin/").status_code == 302


def test_two_factor_is_optional_for_operators_until_kominfo_requires_it(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_operator("sari", role=roles.ADMIN_OPD)
    assert log_in(client_a, "sari").status_code == 302
    assert client_a.get("/admin/").status_code == 200
    assert client_a.get("/admin/verifikasi-dua-langkah/").status_code == 200  # offered

    opd_a.require_2fa_for_operators = True
    opd_a.save()
    response = client_a.get("/admin/news/article/")
    assert response.status_code == 302
    assert response.url == "/admin/verifikasi-dua-langkah/"
    assert "wajib" in client_a.get("/admin/verifikasi-dua-langkah/").content.decode()
    # Other OPDs are not affected.
    with in_opd(Opd.objects.get(slug="beta")):
        make_operator("budi", role=roles.ADMIN_OPD)
    client_b = Client(HTTP_HOST="beta.localhost")
    assert log_in(client_b, "budi").status_code == 302
    assert client_b.get("/admin/").status_code == 200


def test_an_operator_with_a_device_needs_the_code_even_when_not_required(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        user = make_operator("sari", role=roles.ADMIN_OPD)
        device = TOTPDevice.objects.create(user=user, name="ponsel", confirmed=True)
    assert log_in(client_a, "sari").status_code == 200
    assert log_in(client_a, "sari", otp_token=current_token(device)).status_code == 302
    assert client_a.get("/admin/").status_code == 200


def test_the_opd_admin_resets_a_lost_device(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        admin_user = make_operator("kepala", role=roles.ADMIN_OPD)
        user = make_operator("sari", role=roles.OPERATOR_BERITA)
        TOTPDevice.objects.create(user=user, name="ponsel", confirmed=True)
        client_a.force_login(admin_user)
    response = client_a.post(
        "/admin/auth/user/", {"action": "reset_two_factor", "_selected_action": [user.pk]}
    )
    assert response.status_code == 302
    with in_opd(opd_a):
        assert not TOTPDevice.objects.filter(user=user).exists()


# Passwords and dormant accounts ----------------------------------------------------------------


def test_a_weak_password_is_refused_in_indonesian(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        user = make_operator("sari", role=roles.ADMIN_OPD)
        link = set_password_url(opd_a, user).split("localhost", 1)[1]
    form = client_a.get(link, follow=True)
    assert form.status_code == 200
    refused = client_a.post(
        form.redirect_chain[-1][0], {"new_password1": "12345678", "new_password2": "12345678"}
    )
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "terlalu pendek" in page and "10 karakter" in page
    assert "seluruhnya terdiri dari angka" in page


def mirror_with_login(opd, in_opd, username, *, last_login=None, joined_days_ago=0):
    with in_opd(opd):
        user = make_operator(username, role=roles.OPERATOR_BERITA)
        user.last_login = last_login
        user.date_joined = timezone.now() - timedelta(days=joined_days_ago)
        user.save()
    return user


def test_dormant_operators_are_flagged_and_disabled_in_bulk(opd_a, in_opd, portal_client, kominfo):
    now = timezone.now()
    mirror_with_login(opd_a, in_opd, "lama", last_login=now - timedelta(days=120))
    mirror_with_login(opd_a, in_opd, "belum-pernah", joined_days_ago=100)
    mirror_with_login(opd_a, in_opd, "baru-dibuat", joined_days_ago=3)
    mirror_with_login(opd_a, in_opd, "rajin", last_login=now - timedelta(days=2))
    login_console(portal_client, kominfo)

    listing = portal_client.get("/admin/accounts/operatoraccount/", {"tidak_aktif": "ya"})
    assert listing.status_code == 200
    shown = {account.username for account in listing.context["cl"].result_list}
    assert {"lama", "belum-pernah"} <= shown
    assert not {"rajin", "baru-dibuat"} & shown
    assert "tidak masuk &gt; 90 hari" in listing.content.decode()

    dormant = OperatorAccount.objects.filter(OperatorAccount.dormant_q(), opd=opd_a)
    response = portal_client.post(
        "/admin/accounts/operatoraccount/",
        {"action": "deactivate_accounts", "_selected_action": [a.pk for a in dormant]},
    )
    assert response.status_code == 302
    with in_opd(opd_a):
        users = get_user_model().objects
        assert not users.get(username="lama").is_active
        assert not users.get(username="belum-pernah").is_active
        assert users.get(username="rajin").is_active


def test_the_lock_out_clean_up_action_removes_expired_attempts(opd_a, in_opd, client_a, settings):
    """axes' own action is a 500 in the admin (it needs a log-in request's attempt time)."""
    with in_opd(opd_a):
        client_a.force_login(make_operator("kepala-axes", role=roles.ADMIN_OPD))
        long_ago = timezone.now() - settings.AXES_COOLOFF_TIME * 2
        expired = AccessAttempt.objects.create(
            username="lupa", ip_address="10.0.0.9", failures_since_start=3, user_agent="uji"
        )
        AccessAttempt.objects.filter(pk=expired.pk).update(attempt_time=long_ago)
        current = AccessAttempt.objects.create(
            username="baru", ip_address="10.0.0.8", failures_since_start=1, user_agent="uji"
        )
    response = client_a.post(
        "/admin/axes/accessattempt/",
        {"action": "cleanup_expired_attempts", "_selected_action": [expired.pk, current.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "1 percobaan kedaluwarsa dihapus." in response.content.decode()
    with in_opd(opd_a):
        assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["baru"]
