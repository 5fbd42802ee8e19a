"""Kominfo sets the identity once in the console; every site shows the change at once."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_tenants.utils import schema_context
from PIL import Image

from pemda.models import PemdaIdentity
from tests.news.factories import image_bytes
from tests.pemda.helpers import make_identity
from tests.tenants.test_console import console_change_data as console_form_data

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/pemda/pemdaidentity/"
ADD_URL = f"{LIST_URL}add/"
CHANGE_URL = f"{LIST_URL}1/change/"


def new_identity_data(**overrides):
    return {
        "name": "Pemerintah Kota Serang",
        "region_name": "Kota Serang",
        "address": "Jl. Jenderal Sudirman No. 5",
        "phone": "(0254) 200 001",
        "email": "info@serangkota.go.id",
        "portal_url": "https://serangkota.go.id/",
        "instagram_url": "@pemkotserang",
        "links-TOTAL_FORMS": "2",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
        "links-0-order": "0",
        "links-0-title": "LAPOR!",
        "links-0-url": "https://www.lapor.go.id/",
        "links-1-order": "1",
        "links-1-title": "JDIH",
        "links-1-url": "https://jdih.serangkota.go.id/",
        **overrides,
    }


def console_change_data(response, **overrides):
    """The change form as posted back unchanged (the shared helper leaves out an order of 0,
    which the browser sends)."""
    data = console_form_data(response)
    for number in range(int(data["links-TOTAL_FORMS"])):
        data.setdefault(f"links-{number}-order", "0")
    return {**data, **overrides}


def svg_upload(content: bytes, name="lambang.svg"):
    return SimpleUploadedFile(name, content, content_type="image/svg+xml")


def stored_arms(identity) -> bytes:
    with schema_context("public"), identity.coat_of_arms.open("rb") as stored:
        return stored.read()


def test_the_list_is_the_one_form(console, public_tenant):
    assert console.get(LIST_URL)["Location"] == ADD_URL
    make_identity()
    assert console.get(LIST_URL)["Location"] == CHANGE_URL


def test_kominfo_creates_the_identity_with_its_links_in_one_page(console, client_a):
    page = console.get(ADD_URL).content.decode()
    assert "_addanother" not in page
    response = console.post(ADD_URL, new_identity_data())
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert response["Location"] == CHANGE_URL
    identity = PemdaIdentity.objects.get()
    assert identity.instagram_url == "https://www.instagram.com/pemkotserang"
    assert list(identity.links.values_list("title", flat=True)) == ["LAPOR!", "JDIH"]
    footer = client_a.get("/").content.decode().split("<footer")[1]
    assert "Pemerintah Kota Serang" in footer and "LAPOR!" in footer


def test_there_is_one_identity_no_second_and_no_delete(console, identity):
    assert console.get(ADD_URL).status_code == 403
    assert console.get(f"{LIST_URL}1/delete/").status_code == 403
    page = console.get(CHANGE_URL).content.decode()
    assert "_addanother" not in page and "deletelink" not in page


def test_a_change_shows_at_once_on_every_cached_site(console, identity, client_a, client_b):
    citizen_on_portal = Client(HTTP_HOST="localhost")  # portal_client is Kominfo's, logged in
    for client in (client_a, client_b, citizen_on_portal):
        client.get("/")
        assert client.get("/").headers["X-Page-Cache"] == "hit"
    data = console_change_data(console.get(CHANGE_URL), name="Pemerintah Kota Serang Baru")
    assert console.post(CHANGE_URL, data).status_code == 302
    for client in (client_a, client_b, citizen_on_portal):
        response = client.get("/")
        assert response.headers["X-Page-Cache"] == "miss"
        assert "Pemerintah Kota Serang Baru" in response.content.decode()


def test_a_changed_common_link_alone_shows_at_once(console, identity, client_a):
    client_a.get("/")
    data = console_change_data(console.get(CHANGE_URL), **{"links-0-title": "LAPOR! Kota Uji"})
    assert console.post(CHANGE_URL, data).status_code == 302
    assert "LAPOR! Kota Uji" in client_a.get("/").content.decode()


def test_an_svg_with_script_is_saved_cleaned(console, identity):
    hostile = (
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script>'
        b'<a href="javascript:alert(3)"><circle r="4"/></a><rect width="5" height="5"/></svg>'
    )
    data = console_change_data(console.get(CHANGE_URL), coat_of_arms=svg_upload(hostile))
    assert console.post(CHANGE_URL, data).status_code == 302
    identity.refresh_from_db()
    assert identity.coat_of_arms.name.endswith(".svg")
    assert "lambang.svg" not in identity.coat_of_arms.name  # a generated name
    stored = stored_arms(identity)
    assert b"<rect" in stored and b"alert" not in stored and b"javascript" not in stored


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (svg_upload(b"<html><script>alert(1)</script></html>", "x.svg"), "bukan SVG"),
        (svg_upload(b'<!DOCTYPE svg [<!ENTITY x "y">]><svg/>'), "DTD atau entitas"),
        (
            svg_upload(
                b"<svg xmlns='http://www.w3.org/2000/svg'>" + b"<g>" * 40 + b"</g>" * 40 + b"</svg>"
            ),
            "bersarang",
        ),  # fmt: skip
        (SimpleUploadedFile("foto.jpg", image_bytes("JPEG"), "image/jpeg"), "SVG, PNG atau WebP"),
        (SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\nrusak", "image/png"), "bukan gambar"),
    ],
    ids=["html", "dtd", "deep", "jpeg", "broken-png"],
)
def test_what_is_not_acceptable_is_refused_with_a_message_and_nothing_saved(
    console, identity, upload, message
):
    before = identity.coat_of_arms.name
    data = console_change_data(
        console.get(CHANGE_URL), name="Nama yang tidak boleh tersimpan", coat_of_arms=upload
    )
    response = console.post(CHANGE_URL, data)
    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors["coat_of_arms"])
    identity.refresh_from_db()
    assert identity.coat_of_arms.name == before
    assert identity.name == "Pemerintah Kota Uji"


def test_a_png_is_reencoded_and_shrunk(console, identity):
    big = image_bytes("PNG", size=(1024, 1024))
    upload = SimpleUploadedFile("lambang.png", big, "image/png")
    data = console_change_data(console.get(CHANGE_URL), coat_of_arms=upload)
    assert console.post(CHANGE_URL, data).status_code == 302
    identity.refresh_from_db()
    assert identity.coat_of_arms.name.endswith(".png")
    with Image.open(io.BytesIO(stored_arms(identity))) as stored:
        assert stored.format == "PNG" and stored.size == (512, 512)


def test_a_webp_is_accepted(console, identity):
    upload = SimpleUploadedFile("lambang.webp", image_bytes("WEBP", size=(64, 64)), "image/webp")
    data = console_change_data(console.get(CHANGE_URL), coat_of_arms=upload)
    assert console.post(CHANGE_URL, data).status_code == 302
    identity.refresh_from_db()
    assert identity.coat_of_arms.name.endswith(".webp")


def test_a_png_that_is_too_big_is_refused(console, identity):
    noise = Image.frombytes("RGB", (800, 800), os.urandom(800 * 800 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    assert len(buffer.getvalue()) > 1024 * 1024
    upload = SimpleUploadedFile("lambang.png", buffer.getvalue(), "image/png")
    response = console.post(
        CHANGE_URL, console_change_data(console.get(CHANGE_URL), coat_of_arms=upload)
    )
    assert response.status_code == 200
    assert "melebihi batas" in str(response.context["adminform"].form.errors["coat_of_arms"])


def test_opd_operators_never_see_the_pemda_identity(admin_a, identity):
    assert admin_a.get(LIST_URL).status_code == 404
    assert admin_a.get(CHANGE_URL).status_code == 404


def test_an_edited_statement_shows_at_once_on_its_cached_page(console, identity, client_a):
    assert client_a.get("/kebijakan-privasi/").headers["X-Page-Cache"] == "miss"
    assert client_a.get("/kebijakan-privasi/").headers["X-Page-Cache"] == "hit"
    data = console_change_data(
        console.get(CHANGE_URL), privacy_statement="<p>Kebijakan yang diperbarui.</p>"
    )
    assert console.post(CHANGE_URL, data).status_code == 302
    assert "Kebijakan yang diperbarui." in client_a.get("/kebijakan-privasi/").content.decode()
