"""The Struktur Organisasi page: the head of office first, then each unit in order with its head
and members; portraits cropped to 4:5 renditions or a neutral placeholder."""

import re

import pytest
from PIL import Image

from pages.models import Official, OrgUnit
from tests.news.factories import image_bytes, uploaded

pytestmark = pytest.mark.django_db

STRUCTURE_URL = "/halaman/struktur-organisasi/"


def seed_chart():
    secretariat = OrgUnit.objects.create(name="Sekretariat", order=10)
    upt = OrgUnit.objects.create(name="UPT Laboratorium", order=30)
    field = OrgUnit.objects.create(name="Bidang Pelayanan", order=20)
    Official.objects.create(name="Anggota UPT", position="Analis", unit=upt, order=2)
    Official.objects.create(name="Kepala UPT Lab", position="Kepala UPT", unit=upt, order=1)
    Official.objects.create(name="Kabid Pelayanan", position="Kepala Bidang", unit=field, order=1)
    Official.objects.create(name="Sekretaris Dinas", position="Sekretaris", unit=secretariat)
    Official.objects.create(name="Kepala Dinas Alpha", position="Kepala Dinas", order=1)


def test_officials_are_shown_by_unit_head_of_office_first(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        seed_chart()
    html = client_a.get(STRUCTURE_URL).content.decode()
    order = [
        "Kepala Dinas Alpha",
        "Sekretariat",
        "Sekretaris Dinas",
        "Bidang Pelayanan",
        "Kabid Pelayanan",
        "UPT Laboratorium",
        "Kepala UPT Lab",
        "Anggota UPT",
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    # Each unit's first official is marked as its head.
    unit = re.search(r"UPT Laboratorium</h3>(.*?)</ul>", html, re.S).group(1)
    assert re.search(r'official--head">.*?Kepala UPT Lab', unit, re.S)
    assert not re.search(r'official--head">[^<]*<img[^>]*>\s*<div[^>]*>\s*<p[^>]*>Anggota', unit)
    assert "sedang disiapkan" not in html


def test_an_official_without_a_photo_gets_the_placeholder(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        Official.objects.create(name="Tanpa Foto", position="Kepala")
    html = client_a.get(STRUCTURE_URL).content.decode()
    img = re.search(r"<img class=\"official__photo[^>]*>", html).group(0)
    assert "img/pejabat-tanpa-foto" in img and 'alt=""' in img
    assert 'width="160" height="200" loading="lazy"' in img


def test_a_photo_is_cropped_to_a_fixed_ratio_rendition(
    opd_a, in_opd, admin_a, client_a, media_root
):
    response = admin_a.post(
        "/admin/pages/official/add/",
        {"name": "Siti", "position": "Sekretaris", "order": 2, "unit": "",
         "photo": uploaded("siti.jpg", image_bytes(size=(1200, 800)))},
    )  # fmt: skip
    assert response.status_code == 302
    with in_opd(opd_a):
        official = Official.objects.get()
    meta = official.photo_meta
    assert meta["source"] == official.photo.name
    for extension in ("jpg", "webp"):
        with Image.open(media_root / "alpha" / meta[extension]) as portrait:
            assert portrait.size == (320, 400)
    client_a.logout()
    html = client_a.get(STRUCTURE_URL).content.decode()
    assert f'srcset="/media/alpha/{meta["webp"]}"' in html or meta["webp"] in html
    img = re.search(r"<img class=\"official__photo\"[^>]*>", html).group(0)
    assert meta["jpg"] in img
    assert 'width="320" height="400" loading="lazy"' in img and 'alt="Foto Siti"' in img


def test_the_profile_shows_the_leaders_and_links_the_structure(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        seed_chart()
    html = client_a.get("/halaman/profil/").content.decode()
    assert "Kepala Dinas Alpha" in html
    assert "Kabid Pelayanan" not in html
    assert f'href="{STRUCTURE_URL}"' in html


def test_structure_page_runs_a_fixed_number_of_queries(
    opd_a, in_opd, client_a, django_assert_max_num_queries
):
    with in_opd(opd_a):
        seed_chart()
    client_a.get("/")  # warm the shared layout's caches (menu, banners)
    with in_opd(opd_a):
        for number in range(20):
            unit = OrgUnit.objects.create(name=f"Bidang {number}", order=100 + number)
            for member in range(3):
                Official.objects.create(name=f"Staf {number}-{member}", position="Staf", unit=unit)
    # The page cache's schedule, the page, its published child pages (one query however many),
    # the officials with their units (one query however many), each after its SET search_path.
    with django_assert_max_num_queries(8):
        response = client_a.get(STRUCTURE_URL)
    assert response.status_code == 200
    assert "Staf 19-2" in response.content.decode()


def test_a_unit_change_retires_the_cached_page(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        seed_chart()
    client_a.get(STRUCTURE_URL)
    assert client_a.get(STRUCTURE_URL)["X-Page-Cache"] == "hit"
    with in_opd(opd_a):
        OrgUnit.objects.filter(name="Sekretariat").get().delete()
        unit = OrgUnit.objects.get(name="Bidang Pelayanan")
        unit.name = "Bidang Layanan Publik"
        unit.save()
    response = client_a.get(STRUCTURE_URL)
    assert response.get("X-Page-Cache") != "hit"
    html = response.content.decode()
    assert "Bidang Layanan Publik" in html
    # A unit deleted leaves its officials, now without a unit (the operator reassigns them).
    assert "Sekretaris Dinas" in html


def test_units_and_officials_of_a_are_not_on_b(opd_a, opd_b, in_opd, client_b):
    with in_opd(opd_a):
        seed_chart()
    with in_opd(opd_b):
        OrgUnit.objects.create(name="Bidang Beta", order=1, pk=OrgUnit.objects.count() + 500)
    for url in (STRUCTURE_URL, "/halaman/profil/", "/"):
        html = client_b.get(url).content.decode()
        for text in ("Sekretariat", "Kepala Dinas Alpha", "UPT Laboratorium", "Kabid Pelayanan"):
            assert text not in html, (url, text)


def test_the_unit_admin_lists_only_the_opds_units(opd_a, opd_b, in_opd, admin_a):
    with in_opd(opd_b):
        OrgUnit.objects.create(name="Unit Milik Beta")
    with in_opd(opd_a):
        OrgUnit.objects.create(name="Unit Milik Alpha")
    html = admin_a.get("/admin/pages/orgunit/").content.decode()
    assert "Unit Milik Alpha" in html and "Unit Milik Beta" not in html
    assert "unit kerja" in html.lower()
