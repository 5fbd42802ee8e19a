"""Password reset by e-mail on each OPD's host and on the console: no account enumeration, rate
limits, links on the right host, isolation between OPDs, and no way around the second step."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import password_reset, roles
from tests.conftest import PASSWORD
from tests.factories import make_operator

pytestmark = pytest.mark.django_db

FORGOT = "/admin/lupa-sandi/"
SENT = "/admin/lupa-sandi/terkirim/"
NEW_PASSWORD = "kata-sandi-baru-2026!"


def ask(client, email):
    return client.post(FORGOT, {"email": email})


def reset_link(message) -> str:
    return re.search(r"http://\S+/admin/atur-sandi/\S+/", message.body).group(0)


def set_new_password(client, link, password=NEW_PASSWORD):
    path = link.split("localhost", 1)[1].lstrip(":0123456789")
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    return client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"new_password1": password, "new_password2": password},
    )


def log_in(client, username, password, **extra):
    return client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/", **extra}
    )


def deferred_user_ids(task_queue):
    return [
        job["args"]["user_ids"]
        for job in task_queue.jobs.values()
        if job["task_name"] == "accounts.tasks.send_password_reset"
    ]


@pytest.fixture
def sari(opd_a, in_opd):
    with in_opd(opd_a):
        return make_operator("sari", role=roles.ADMIN_OPD, email="sari@alpha.example.org")


@pytest.mark.parametrize("host", ["alpha.localhost", "localhost"])
def test_the_log_in_page_links_to_password_reset(host, opd_a, public_tenant):
    page = Client(HTTP_HOST=host).get("/admin/login/").content.decode()
    assert f'href="{FORGOT}"' in page
    assert "Lupa kata sandi?" in page
    form = Client(HTTP_HOST=host).get(FORGOT)
    assert form.status_code == 200
    assert 'name="email"' in form.content.decode()


def test_an_operator_resets_the_password_on_the_opds_host(sari, client_a, run_tasks, settings):
    settings.PORTAL_PORT = "8123"
    response = ask(client_a, "Sari@Alpha.example.org")
    assert response.status_code == 302
    assert response.url == SENT
    assert "Periksa kotak masuk" in client_a.get(SENT).content.decode()
    assert mail.outbox == []  # the worker writes and sends it
    assert run_tasks() == {"succeeded": 2}  # the reset job, then the e-mail
    (message,) = mail.outbox
    assert message.to == ["sari@alpha.example.org"]
    assert "Dinas Alpha Kota Uji" in message.subject
    link = reset_link(message)
    assert link.startswith("http://alpha.localhost:8123/admin/atur-sandi/")
    assert "http://alpha.localhost:8123/admin/" in message.body

    done = set_new_password(client_a, link)
    assert done.status_code == 302
    assert done.url == "/admin/login/"
    assert "_auth_user_id" not in client_a.session  # setting it does not sign in
    assert log_in(client_a, "sari", PASSWORD).status_code == 200  # the old one is gone
    assert log_in(client_a, "sari", NEW_PASSWORD).status_code == 302
    # The link works once.
    again = Client(HTTP_HOST="alpha.localhost").get(link.split("8123", 1)[1], follow=True)
    assert "Tautan ini tidak berlaku" in again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(sari, client_a, task_queue, run_tasks):
    known = ask(client_a, "sari@alpha.example.org")
    unknown = ask(Client(HTTP_HOST="alpha.localhost"), "siapa@alpha.example.org")
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert known.content == unknown.content
    # The same work either way: one job, whose list of accounts is empty for the unknown one.
    assert deferred_user_ids(task_queue) == [[sari.pk], []]
    run_tasks()
    assert [message.to for message in mail.outbox] == [["sari@alpha.example.org"]]


def test_inactive_and_non_staff_accounts_get_nothing(opd_a, in_opd, client_a, run_tasks):
    with in_opd(opd_a):
        make_operator("lama", email="lama@alpha.example.org", is_active=False)
        make_operator("warga", email="warga@alpha.example.org", is_staff=False)
    for email in ("lama@alpha.example.org", "warga@alpha.example.org"):
        assert ask(client_a, email).url == SENT
    run_tasks()
    assert mail.outbox == []


def test_a_bad_address_is_a_form_error(client_a):
    response = ask(client_a, "bukan-email")
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_an_operator_of_one_opd_cannot_reset_through_another(sari, client_b, run_tasks):
    assert ask(client_b, "sari@alpha.example.org").url == SENT
    run_tasks()
    assert mail.outbox == []


def test_a_link_made_for_one_opd_does_nothing_on_another(
    opd_a, opd_b, in_opd, client_a, client_b, run_tasks
):
    # Same primary key in both OPDs: only the schema tells them apart.
    with in_opd(opd_a):
        make_operator("sari", pk=9001, email="sari@alpha.example.org")
    with in_opd(opd_b):
        make_operator("budi", pk=9001, email="budi@beta.example.org")
    ask(client_a, "sari@alpha.example.org")
    run_tasks()
    link = reset_link(mail.outbox[0])
    page = client_b.get(link.split("localhost", 1)[1], follow=True).content.decode()
    assert "Tautan ini tidak berlaku" in page
    assert 'name="new_password1"' not in page
    assert log_in(client_b, "budi", PASSWORD).status_code == 302  # untouched
    with in_opd(opd_b):
        assert get_user_model().objects.get(pk=9001).check_password(PASSWORD)


def test_requests_for_one_address_are_limited(sari, client_a, run_tasks):
    for attempt in range(password_reset.REQUESTS_PER_ADDRESS + 2):
        # From different clients: the limit is the address's, whoever asks.
        client = Client(HTTP_HOST="alpha.localhost", REMOTE_ADDR=f"10.0.0.{attempt + 1}")
        assert ask(client, "sari@alpha.example.org").url == SENT
    run_tasks()
    assert len(mail.outbox) == password_reset.REQUESTS_PER_ADDRESS


def test_requests_from_one_client_are_limited(client_a, run_tasks):
    for attempt in range(password_reset.REQUESTS_PER_IP):
        assert ask(client_a, f"orang{attempt}@alpha.example.org").status_code == 302
    refused = ask(client_a, "lagi@alpha.example.org")
    assert refused.status_code == 429
    assert "Terlalu banyak permintaan" in refused.content.decode()
    # Another OPD counts its own clients.
    assert ask(Client(HTTP_HOST="beta.localhost"), "x@beta.example.org").status_code == 302


def test_kominfo_resets_on_the_main_domain_and_still_needs_the_code(
    public_tenant, portal_client, run_tasks
):
    kominfo = get_user_model().objects.create_superuser("kominfo", "kominfo@example.org", PASSWORD)
    device = TOTPDevice.objects.create(user=kominfo, name="ponsel", confirmed=True)
    assert ask(portal_client, "kominfo@example.org").url == SENT
    run_tasks()
    (message,) = mail.outbox
    assert "Konsol Kominfo" in message.subject
    link = reset_link(message)
    assert link.startswith("http://localhost/admin/atur-sandi/")

    assert set_new_password(portal_client, link).url == "/admin/login/"
    assert "_auth_user_id" not in portal_client.session
    # The new password alone does not open the console: the second step is still asked for.
    asked = log_in(portal_client, "kominfo", NEW_PASSWORD)
    assert asked.status_code == 200
    assert "_auth_user_id" not in portal_client.session
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    signed_in = log_in(portal_client, "kominfo", NEW_PASSWORD, otp_token=f"{code:06d}")
    assert signed_in.status_code == 302
    assert portal_client.get("/admin/tenants/opd/").status_code == 200


def test_a_kominfo_address_gets_nothing_on_an_opd_host(public_tenant, client_a, run_tasks):
    get_user_model().objects.create_superuser("kominfo", "kominfo@example.org", PASSWORD)
    ask(client_a, "kominfo@example.org")
    run_tasks()
    assert mail.outbox == []


def test_the_reset_job_carries_no_address(sari, client_a, task_queue):
    ask(client_a, "sari@alpha.example.org")
    # The queue lives in the public schema: identifiers only.
    (job,) = task_queue.jobs.values()
    assert "@" not in repr(job["args"])
