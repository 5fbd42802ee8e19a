"""The editor's image upload: permission, type, size, bombs, re-encoding, random names; every
upload lands in the OPD's media library (with its renditions beside it)."""

import io
import re
import struct
import zlib

import pytest
from PIL import Image

from accounts import roles
from core.images import validated_image_file
from library.models import Image as LibraryImage
from tests.factories import make_operator
from tests.news.factories import animated_gif, image_bytes, jpeg_with_exif, uploaded

pytestmark = pytest.mark.django_db

URL = "/editor/unggah-gambar/"


@pytest.fixture
def editor_a(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        user = make_operator("penulis", role=roles.OPERATOR_BERITA)
        client_a.force_login(user)
    return client_a


def stored_files(storage_backend) -> dict[str, bytes]:
    return storage_backend.files()


RENDITION = re.compile(r"-(\d+|share)\.(jpg|webp)$")


def source_files(storage_backend) -> dict[str, bytes]:
    """The stored uploads themselves, without the renditions the library makes of them."""
    return {
        name: data for name, data in storage_backend.files().items() if not RENDITION.search(name)
    }


def only_image(storage_backend) -> Image.Image:
    (data,) = source_files(storage_backend).values()
    return Image.open(io.BytesIO(data))


def png_bomb(width=100_000, height=100_000) -> bytes:
    """A tiny PNG whose header claims billions of pixels."""

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))  # fmt: skip

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_anonymous_upload_is_refused(client_a, storage_backend):
    response = client_a.post(URL, {"upload": uploaded("a.jpg", image_bytes())})
    assert response.status_code == 403
    assert response.json()["error"]["message"]
    assert stored_files(storage_backend) == {}


def test_operator_without_permission_is_refused(opd_a, in_opd, client_a, storage_backend):
    with in_opd(opd_a):
        user = make_operator("ppid", role=roles.PETUGAS_PPID)
        client_a.force_login(user)
    response = client_a.post(URL, {"upload": uploaded("a.jpg", image_bytes())})
    assert response.status_code == 403
    assert "tidak berhak" in response.json()["error"]["message"]
    assert stored_files(storage_backend) == {}


def test_an_operator_of_b_cannot_upload_into_a(opd_b, in_opd, client_b, storage_backend):
    from django.test import Client

    with in_opd(opd_b):
        user = make_operator("penulis", role=roles.OPERATOR_BERITA)
        client_b.force_login(user)
    on_a = Client(HTTP_HOST="alpha.localhost")
    on_a.cookies = client_b.cookies
    response = on_a.post(URL, {"upload": uploaded("a.jpg", image_bytes())})
    assert response.status_code == 403
    assert stored_files(storage_backend) == {}


def test_a_permitted_upload_is_reencoded_under_a_random_name(
    opd_a, in_opd, editor_a, storage_backend
):
    response = editor_a.post(URL, {"upload": uploaded("Foto Kepala Dinas.jpg", jpeg_with_exif())})
    assert response.status_code == 200
    url = response.json()["url"]
    files = source_files(storage_backend)
    assert len(files) == 1
    ((name, data),) = files.items()
    assert name.startswith("alpha/pustaka/gambar/")
    with in_opd(opd_a):
        (image,) = LibraryImage.objects.all()
        assert f"alpha/{image.file.name}" == name
        assert image.uploaded_by.username == "penulis" and image.renditions["renditions"]
    stem = name.rsplit("/", 1)[-1].split(".")[0]
    assert "Kepala" not in name and len(stem) == 32
    assert url == storage_backend.public_url(name)
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
    assert b"KameraRahasia" not in data


@pytest.mark.parametrize(
    ("name", "data", "extension"),
    [
        ("a.png", image_bytes("PNG"), "png"),
        ("a.webp", image_bytes("WEBP"), "webp"),
        ("a.gif", image_bytes("GIF"), "gif"),
    ],
)
def test_png_webp_and_gif_are_accepted(editor_a, storage_backend, name, data, extension):
    response = editor_a.post(URL, {"upload": uploaded(name, data, "image/" + extension)})
    assert response.status_code == 200
    assert response.json()["url"].endswith("." + extension)


def test_large_images_are_scaled_down(editor_a, storage_backend):
    response = editor_a.post(URL, {"upload": uploaded("besar.jpg", image_bytes(size=(3000, 1500)))})
    assert response.status_code == 200
    with only_image(storage_backend) as image:
        assert image.size == (2400, 1200)


def camera_photo(orientation=1) -> bytes:
    """A 4032×3024 phone photo: red on the left half, blue on the right, as stored; with
    `orientation`, the EXIF tag that tells viewers how to turn it."""
    image = Image.new("RGB", (4032, 3024), (200, 20, 20))
    image.paste((20, 20, 200), (2016, 0, 4032, 3024))
    exif = Image.Exif()
    exif[0x0112] = orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif)
    return buffer.getvalue()


def test_a_camera_photo_is_stored_at_the_largest_width(editor_a, storage_backend):
    response = editor_a.post(URL, {"upload": uploaded("kamera.jpg", camera_photo())})
    assert response.status_code == 200
    with only_image(storage_backend) as image:
        assert image.size == (2400, 1800)
        rgb = image.convert("RGB")
        assert rgb.getpixel((100, 900))[0] > 150 and rgb.getpixel((2300, 900))[2] > 150


def test_a_photo_twice_the_width_is_decoded_smaller_and_comes_out_the_same_size():
    """A cover (2000 px at most): libjpeg decodes the 4032 px photo at half its size (2016 px),
    which is then resized, so the stored file is what decoding it whole would have given."""
    content = validated_image_file(uploaded("kamera.jpg", camera_photo()), max_width=2000)
    with Image.open(content) as image:
        assert image.size == (2000, 1500)
        rgb = image.convert("RGB")
        assert rgb.getpixel((50, 750))[0] > 150 and rgb.getpixel((1950, 750))[2] > 150
        assert rgb.getpixel((990, 750))[0] > 150 and rgb.getpixel((1010, 750))[2] > 150


def test_a_camera_photo_taken_upright_is_turned_and_kept_full_width(editor_a, storage_backend):
    """EXIF orientation 6 (turned 90° clockwise when shown): 3024 px wide once upright, which
    is too little to halve, so it is decoded whole and shrunk to 2400 × 3200."""
    response = editor_a.post(URL, {"upload": uploaded("tegak.jpg", camera_photo(orientation=6))})
    assert response.status_code == 200
    with only_image(storage_backend) as image:
        assert image.size == (2400, 3200)
        rgb = image.convert("RGB")
        # Turned clockwise: the stored left half (red) is now on top.
        assert rgb.getpixel((1200, 100))[0] > 150 and rgb.getpixel((1200, 3100))[2] > 150


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF"


def bmp_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "BMP")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("gambar.svg", SVG, "valid"),
        ("halaman.png", HTML, "valid"),
        ("dokumen.jpg", PDF, "valid"),
        ("potong.jpg", image_bytes(size=(400, 400))[:300], "valid"),
        ("peta.bmp", bmp_bytes(), "Jenis berkas tidak didukung"),
        ("bom.png", png_bomb(), "terlalu besar"),
    ],
)
def test_refused_uploads_get_400_with_a_message_and_store_nothing(
    editor_a, storage_backend, name, data, fragment
):
    response = editor_a.post(URL, {"upload": uploaded(name, data)})
    assert response.status_code == 400
    assert fragment in response.json()["error"]["message"]
    assert stored_files(storage_backend) == {}


def test_a_real_decompression_bomb_is_refused(editor_a, storage_backend):
    buffer = io.BytesIO()
    Image.new("1", (20_000, 10_000)).save(buffer, "PNG")
    response = editor_a.post(URL, {"upload": uploaded("bom.png", buffer.getvalue(), "image/png")})
    assert response.status_code == 400
    assert "terlalu besar" in response.json()["error"]["message"]
    assert stored_files(storage_backend) == {}


def test_a_long_animation_is_refused_before_its_frames_are_decoded(editor_a, storage_backend):
    # 60 frames of 1000×1000 are 60 million pixels, over the 40 million cap.
    response = editor_a.post(URL, {"upload": uploaded("anim.gif", animated_gif(), "image/gif")})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == (
        "Animasi terlalu besar untuk diproses (60 bingkai). Unggah gambar diam atau animasi "
        "yang lebih kecil."
    )
    assert stored_files(storage_backend) == {}


def test_a_small_animation_is_stored_as_its_first_frame(editor_a, storage_backend):
    data = animated_gif(frames=5, size=(40, 30))
    response = editor_a.post(URL, {"upload": uploaded("anim.gif", data, "image/gif")})
    assert response.status_code == 200
    with only_image(storage_backend) as image:
        assert image.format == "GIF"
        assert image.size == (40, 30)
        assert getattr(image, "n_frames", 1) == 1


def test_an_animated_webp_is_stored_as_a_still(editor_a, storage_backend):
    frames = [Image.new("RGB", (40, 30), colour) for colour in ("red", "green", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "WEBP", save_all=True, append_images=frames[1:])
    response = editor_a.post(URL, {"upload": uploaded("a.webp", buffer.getvalue(), "image/webp")})
    assert response.status_code == 200
    with only_image(storage_backend) as image:
        assert getattr(image, "n_frames", 1) == 1


def test_oversize_upload_is_refused(editor_a, storage_backend, settings):
    settings.EDITOR_UPLOAD_MAX_BYTES = 1024
    response = editor_a.post(URL, {"upload": uploaded("besar.jpg", image_bytes(size=(800, 800)))})
    assert response.status_code == 400
    assert "melebihi batas" in response.json()["error"]["message"]
    assert stored_files(storage_backend) == {}


def test_a_request_without_file_gets_400(editor_a):
    response = editor_a.post(URL, {})
    assert response.status_code == 400
    assert response.json()["error"]["message"]


def test_get_is_not_allowed(editor_a):
    assert editor_a.get(URL).status_code == 405


def test_the_upload_url_reverses_in_both_urlconfs():
    from django.conf import settings
    from django.urls import reverse

    for urlconf in (settings.ROOT_URLCONF, settings.PUBLIC_SCHEMA_URLCONF):
        assert reverse(settings.CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME, urlconf=urlconf)


def test_the_kominfo_superuser_cannot_upload_on_the_main_domain(portal_client, storage_backend):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("kominfo-uji", "k@x.id", "x")
    portal_client.force_login(admin)
    response = portal_client.post(URL, {"upload": uploaded("a.jpg", image_bytes())})
    assert response.status_code == 403
    assert stored_files(storage_backend) == {}
