"""How citizens see emergency banners: styled by level with a word and an icon (not colour
alone), an alert only for Bahaya, signed by whoever issued it, and closable in the browser
(static/js/banners.js) while the pages stay cached for everyone."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from banners.models import EmergencyBanner
from tenants.models import Opd

pytestmark = pytest.mark.django_db


def make_banner(issued_by, *, level="warning", text="Siaga banjir", everywhere=True, **extra):
    return EmergencyBanner.objects.create(
        level=level,
        text=text,
        issued_by=issued_by,
        everywhere=everywhere,
        starts_at=timezone.now() - timedelta(minutes=1),
        expires_at=timezone.now() + timedelta(hours=2),
        **extra,
    )


def banner_markup(response, banner) -> str:
    html = response.content.decode()
    match = re.search(
        rf'<div class="emergency__item[^"]*"[^>]*data-banner="{banner.pk}-[0-9a-f]+">.*?</button>',
        html,
        re.S,
    )
    assert match, f"banner {banner.pk} not on the page"
    return match.group(0)


@pytest.mark.parametrize(
    ("level", "label", "role"),
    [
        ("info", "Informasi", "status"),
        ("warning", "Waspada", "status"),
        ("danger", "Bahaya", "alert"),
    ],
)
def test_each_level_has_its_style_word_icon_and_role(public_tenant, client_a, level, label, role):
    banner = make_banner(public_tenant, level=level, text="Pemadaman listrik bergilir")
    markup = banner_markup(client_a.get("/"), banner)
    assert f"emergency__item--{level}" in markup
    assert f'role="{role}"' in markup
    assert f'<p class="emergency__level">{label}</p>' in markup
    assert '<svg class="emergency__icon"' in markup and 'aria-hidden="true"' in markup
    assert "Pemadaman listrik bergilir" in markup
    # The close button is revealed by banners.js only: without JavaScript the banner stays.
    assert re.search(r'<button type="button" class="emergency__close" hidden>Tutup', markup)


def test_only_bahaya_is_an_alert(public_tenant, client_a):
    make_banner(public_tenant, level="info", text="Info jadwal")
    make_banner(public_tenant, level="danger", text="Evakuasi segera")
    html = client_a.get("/").content.decode()
    assert html.count('role="alert"') == 1
    assert html.count('role="status"') == 1
    assert 'role="region" aria-label="Siaran darurat"' in html
    assert html.count("js/banners.js") == 1 and "defer" in html


def test_a_kominfo_broadcast_is_signed_by_kominfo(public_tenant, client_a):
    banner = make_banner(public_tenant)
    markup = banner_markup(client_a.get("/"), banner)
    assert "Diterbitkan oleh Dinas Komunikasi dan Informatika" in markup
    assert public_tenant.name not in markup


def test_an_opd_banner_is_signed_with_the_opds_name(opd_b, client_a):
    banner = make_banner(opd_b, text="Siaga banjir dari BPBD")
    markup = banner_markup(client_a.get("/"), banner)
    assert f"Diterbitkan oleh {opd_b.name}" in markup


def test_an_opds_local_banner_shows_on_its_own_site_only(opd_a, client_a, client_b, portal_client):
    make_banner(opd_a, text="Layanan tutup hari ini", everywhere=False)
    broadcast = make_banner(opd_b := Opd.objects.get(slug="beta"), text="Siaga banjir kota")
    assert opd_b.pk == broadcast.issued_by_id
    own = client_a.get("/").content.decode()
    assert "Layanan tutup hari ini" in own and "Siaga banjir kota" in own
    for other in (client_b, portal_client):
        html = other.get("/").content.decode()
        assert "Layanan tutup hari ini" not in html
        assert "Siaga banjir kota" in html


def test_an_edited_banner_gets_a_new_key_and_retires_cached_pages(public_tenant, client_a):
    banner = make_banner(public_tenant, text="Jalan ditutup")
    first = client_a.get("/")
    key = re.search(r'data-banner="([^"]+)"', first.content.decode()).group(1)
    assert client_a.get("/")["X-Page-Cache"] == "hit"
    banner.text = "Jalan dibuka kembali"
    banner.save()
    second = client_a.get("/")
    html = second.content.decode()
    assert "Jalan dibuka kembali" in html and "Jalan ditutup" not in html
    new_key = re.search(r'data-banner="([^"]+)"', html).group(1)
    assert new_key.split("-")[0] == key.split("-")[0] == str(banner.pk)
    assert new_key != key


def test_a_page_with_a_banner_stays_cacheable(public_tenant, client_a):
    make_banner(public_tenant, level="danger")
    client_a.get("/")
    cached = client_a.get("/")
    assert cached["X-Page-Cache"] == "hit"
    assert not cached.cookies


def test_an_opd_chooses_where_its_broadcast_shows(opd_a, in_opd, client_a, client_b):
    from accounts import roles
    from tests.factories import make_operator

    Opd.objects.filter(pk=opd_a.pk).update(can_broadcast=True)
    with in_opd(opd_a):
        client_a.force_login(make_operator("bpbd", role=roles.ADMIN_OPD))
    now = timezone.localtime()
    response = client_a.post(
        "/admin/siaran/",
        {
            "level": "info",
            "text": "Kantor tutup untuk perbaikan",
            "link": "",
            "starts_at": (now - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M"),
            "expires_at": (now + timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 302
    banner = EmergencyBanner.objects.get(text="Kantor tutup untuk perbaikan")
    assert banner.everywhere is False  # an unticked box: this OPD's site only
    assert "Kantor tutup untuk perbaikan" not in client_b.get("/").content.decode()


def test_the_most_severe_banner_comes_first(public_tenant, client_a):
    make_banner(public_tenant, level="info", text="Info paling baru")
    make_banner(public_tenant, level="danger", text="Bahaya lebih lama")
    make_banner(public_tenant, level="warning", text="Waspada")
    html = client_a.get("/").content.decode()
    levels = re.findall(r"emergency__item--(\w+)", html)
    assert levels == ["danger", "warning", "info"]
