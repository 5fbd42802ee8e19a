"""The checklist facts of the service catalogue, recorded on the OPD's public row."""

import pytest

from core import registry
from library.services import add_image
from tenants.models import Opd
from tests.news.factories import image_bytes, uploaded
from tests.publicservices.factories import make_maklumat, make_service

pytestmark = pytest.mark.django_db


def checklist(opd):
    return Opd.objects.get(pk=opd.pk).content_checklist


def test_the_items_replace_the_old_maklumat_page(db):
    items = {item.key: item for item in registry.checklist_items()}
    assert items["maklumat"].service_units_only and items["layanan"].service_units_only
    assert "servicemaklumat" in str(items["maklumat"].admin_url)
    from pages.checklist import PAGE_ITEMS

    assert "maklumat" not in PAGE_ITEMS


def test_maklumat_needs_text_and_a_scan(opd_a, in_opd):
    with in_opd(opd_a):
        maklumat = make_maklumat()
        assert checklist(opd_a)["maklumat"] is False
        maklumat.scan_image = add_image(upload=uploaded("s.jpg", image_bytes()), alt_text="scan")
        maklumat.save()
    assert checklist(opd_a)["maklumat"] is True


def test_layanan_needs_a_published_service_with_its_standard(opd_a, in_opd):
    with in_opd(opd_a):
        make_service("Tanpa standar", slug="kosong", requirements="", duration="")
        assert checklist(opd_a)["layanan"] is False
        make_service("Belum terbit", slug="draf", is_published=False)
        assert checklist(opd_a)["layanan"] is False
        make_service("Lengkap", slug="lengkap")
    assert checklist(opd_a)["layanan"] is True
