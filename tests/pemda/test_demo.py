"""The demo pemda: Kota Serang with its drawn placeholder arms, seeded once."""

import pytest
from django_tenants.utils import schema_context

from pemda.demo import seed_demo_identity
from pemda.models import CommonLink, PemdaIdentity

pytestmark = pytest.mark.django_db


def test_the_demo_identity_is_kota_serang_with_placeholder_arms_and_is_seeded_once(
    public_tenant, client_a
):
    identity = seed_demo_identity()
    seed_demo_identity()
    assert PemdaIdentity.objects.count() == 1
    assert identity.name == "Pemerintah Kota Serang"
    assert list(CommonLink.objects.values_list("title", flat=True)) == [
        "LAPOR!", "JDIH Kota Serang", "PPID Pemda",
    ]  # fmt: skip
    with schema_context("public"), identity.coat_of_arms.open("rb") as arms:
        svg = arms.read()
    assert b"CONTOH" in svg and b"<path" in svg
    page = client_a.get("/").content.decode()
    assert "Pemerintah Kota Serang" in page and "/lambang-pemda/?v=" in page
    assert client_a.get("/pernyataan-aksesibilitas/").status_code == 200
    assert (
        'href="https://www.lapor.go.id/" rel="noopener external"'
        in client_a.get("/halaman/kontak/").content.decode()
    )
