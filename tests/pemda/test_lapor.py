"""The pemda's SP4N-LAPOR! address, set once in the console, on every OPD's contact and PPID
pages; nothing shows while it is empty."""

import re

import pytest
from django.core.exceptions import ValidationError

from pemda.models import PemdaIdentity, validate_lapor_url
from pemda.services import forget_pemda
from tests.news.test_performance import real_queries
from tests.pemda.test_console import CHANGE_URL, console_change_data

pytestmark = pytest.mark.django_db

LAPOR = "https://www.lapor.go.id/instansi/pemerintah-kota-uji"
CALL = "Sampaikan pengaduan melalui SP4N-LAPOR!"
PAGES = ("/halaman/kontak/", "/ppid/", "/ppid/permohonan/", "/ppid/keberatan/")
REFUSED = "Alamat SP4N-LAPOR! harus diawali https:// dan berada di lapor.go.id"


def lapor_block(page: str) -> str:
    match = re.search(r'<aside class="card lapor[^"]*".*?</aside>', page, re.S)
    return match.group(0) if match else ""


def save_lapor_url(console, url: str):
    return console.post(CHANGE_URL, console_change_data(console.get(CHANGE_URL), lapor_url=url))


@pytest.mark.parametrize(
    "url",
    ["https://www.lapor.go.id/", "https://lapor.go.id/", "https://WWW.Lapor.go.id/instansi/x",
     "https://prov.lapor.go.id/", "https://www.lapor.go.id:443/"],
)  # fmt: skip
def test_an_https_address_on_lapor_go_id_is_accepted(url):
    validate_lapor_url(url)


@pytest.mark.parametrize(
    "url",
    ["http://www.lapor.go.id/", "https://lapor.go.id.example.org/", "https://evillapor.go.id/",
     "https://www.lapor.go.id@example.org/", "https://admin@www.lapor.go.id/",
     "https://www.lapor.go.id:8443/", "https://laporgub.jatengprov.go.id/", "ftp://lapor.go.id/"],
)  # fmt: skip
def test_another_address_is_refused(url):
    with pytest.raises(ValidationError) as refusal:
        validate_lapor_url(url)
    assert REFUSED in str(refusal.value)


def test_the_console_saves_the_address_and_it_shows_on_every_opds_pages(
    console, identity, client_a, client_b
):
    assert 'name="lapor_url"' in console.get(CHANGE_URL).content.decode()
    assert save_lapor_url(console, LAPOR).status_code == 302
    identity.refresh_from_db()
    assert identity.lapor_url == LAPOR
    for client in (client_a, client_b):
        for path in PAGES:
            response = client.get(path)
            assert response.status_code == 200, path
            block = lapor_block(response.content.decode())
            assert f'<a class="button" href="{LAPOR}" rel="noopener external">{CALL}</a>' in block
            assert "pelayanan publik" in block and "permohonan informasi" in block
            # Strict CSP: nothing to run or fetch.
            assert "<script" not in block and "<img" not in block
            assert not re.search(r"\son[a-z]+=", block), path


@pytest.mark.parametrize(
    "url",
    ["http://www.lapor.go.id/", "https://lapor.go.id.example.org/", "https://example.org/"],
)
def test_the_console_refuses_another_address_with_a_message_and_saves_nothing(
    console, identity, url
):
    response = save_lapor_url(console, url)
    assert response.status_code == 200
    assert REFUSED in str(response.context["adminform"].form.errors["lapor_url"])
    identity.refresh_from_db()
    assert identity.lapor_url == ""


def test_nothing_shows_while_the_address_is_empty(identity, client_a, client_b):
    for client in (client_a, client_b):
        for path in PAGES:
            page = client.get(path).content.decode()
            assert "lapor-judul" not in page and CALL not in page, path


def test_without_an_identity_nothing_shows(public_tenant, client_a):
    for path in PAGES:
        assert CALL not in client_a.get(path).content.decode()


def test_the_cached_pages_follow_the_address_when_set_and_cleared(
    console, identity, client_a, client_b
):
    for client in (client_a, client_b):
        for path in ("/halaman/kontak/", "/ppid/"):
            client.get(path)
            assert client.get(path).headers["X-Page-Cache"] == "hit", path
    assert save_lapor_url(console, LAPOR).status_code == 302
    for client in (client_a, client_b):
        for path in ("/halaman/kontak/", "/ppid/"):
            response = client.get(path)
            assert response.headers["X-Page-Cache"] == "miss", path
            assert CALL in response.content.decode()
            assert client.get(path).headers["X-Page-Cache"] == "hit"
    assert save_lapor_url(console, "").status_code == 302
    assert PemdaIdentity.objects.get().lapor_url == ""
    for client in (client_a, client_b):
        for path in ("/halaman/kontak/", "/ppid/"):
            response = client.get(path)
            assert response.headers["X-Page-Cache"] == "miss", path
            assert CALL not in response.content.decode()


@pytest.mark.parametrize("path", ["/halaman/kontak/", "/ppid/"])
def test_the_link_costs_no_query(identity, client_a, path, django_assert_max_num_queries):
    """The address comes with the cached identity every page reads already."""
    client_a.get("/berita/")  # warms the identity's entry and the shared layout's caches
    with django_assert_max_num_queries(100) as without:
        assert CALL not in client_a.get(path).content.decode()
    PemdaIdentity.objects.filter(pk=identity.pk).update(lapor_url=LAPOR)
    forget_pemda()
    client_a.get("/berita/")  # warms the identity's entry again
    with django_assert_max_num_queries(100) as with_link:
        response = client_a.get(path)
    assert response.headers["X-Page-Cache"] == "miss" and CALL in response.content.decode()
    assert len(real_queries(with_link)) == len(real_queries(without))


def test_a_warm_page_with_the_link_costs_no_query(identity, client_a, django_assert_num_queries):
    PemdaIdentity.objects.filter(pk=identity.pk).update(lapor_url=LAPOR)
    client_a.get("/halaman/kontak/")
    with django_assert_num_queries(0):
        response = client_a.get("/halaman/kontak/")
    assert response.headers["X-Page-Cache"] == "hit" and CALL in response.content.decode()
