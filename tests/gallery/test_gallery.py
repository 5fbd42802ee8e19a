"""The gallery (issue #18): albums of photos and YouTube videos on the OPD's site."""

import io
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image

from gallery.forms import photo_file
from gallery.models import Album, Photo, Video, youtube_id
from publishing.services import publish_content
from tests.core.test_uploads import png_bomb
from tests.news.factories import image_bytes, uploaded

pytestmark = pytest.mark.django_db

ALBUM_ADD = "/admin/gallery/album/add/"
VIDEO_ADD = "/admin/gallery/video/add/"


def files_under(root) -> list[str]:
    return sorted(str(path) for path in root.rglob("*") if path.is_file()) if root.exists() else []


def make_album(title="Kerja bakti alpha", slug="kerja-bakti-alpha", photos=2, **fields) -> Album:
    album = Album(
        title=title,
        slug=slug,
        description=fields.pop("description", "Warga bergotong royong."),
        **fields,
    )
    publish_content(album)
    for number in range(photos):
        photo = Photo(album=album, alt_text=f"Foto rahasia {title} {number}",
                      caption=f"Keterangan {number}", position=number)  # fmt: skip
        photo.image = photo_file(uploaded("a.jpg", image_bytes(size=(1000, 700))))
        photo.save()
    return album


def make_video(title="Video alpha", video_id="dQw4w9WgXcQ", **fields) -> Video:
    video = Video(title=title, youtube_id=video_id, **fields)
    publish_content(video)
    return video


@pytest.fixture
def album_a(opd_a, in_opd):
    with in_opd(opd_a):
        return make_album()


@pytest.fixture
def video_a(opd_a, in_opd):
    with in_opd(opd_a):
        return make_video()


def album_post(**overrides):
    data = {
        "title": "Album baru",
        "slug": "album-baru",
        "description": "Keterangan",
        "is_published": "on",
        "published_at_0": timezone.localtime().strftime("%d-%m-%Y"),
        "published_at_1": "00:00:00",
        "cover": "",
        "new_photos_alt_text": "Warga mengikuti senam pagi",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


# --- citizen pages ----------------------------------------------------------------------------


def test_index_and_album_show_photos_as_renditions(album_a, video_a, client_a):
    html = client_a.get("/galeri/").content.decode()
    assert "Kerja bakti alpha" in html
    assert 'type="image/webp"' in html and "srcset=" in html
    assert 'width="1000" height="700"' in html
    assert "Video alpha" in html
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html
    response = client_a.get("/galeri/kerja-bakti-alpha/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('loading="lazy"') == 2
    assert "Keterangan 1" in html
    assert 'alt="Foto rahasia Kerja bakti alpha 0"' in html


def test_pages_load_nothing_from_another_host_and_keep_the_strict_csp(album_a, video_a, client_a):
    for url in ("/galeri/", "/galeri/kerja-bakti-alpha/", "/"):
        response = client_a.get(url)
        html = response.content.decode()
        # src/srcset only ever point at the OPD's own host (no i.ytimg.com thumbnail, no iframe).
        for value in re.findall(r'(?:src|srcset)="([^"]*)"', html):
            assert "://" not in value, (url, value)
        assert "<iframe" not in html
        # The site's own strict policy, unchanged: scripts from the site only, and frames only
        # from youtube-nocookie.com (the editor's click-to-load videos), nothing for i.ytimg.com.
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "ytimg" not in policy and "unsafe-inline" not in policy
        assert "ytimg" not in html


def test_unpublished_and_future_albums_are_hidden(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_album("Draf album", "draf-album", photos=0, is_published=False)
        make_album("Album besok", "album-besok", photos=0,
                   published_at=timezone.now() + timedelta(days=1))  # fmt: skip
        make_video("Video draf", is_published=False)
    assert client_a.get("/galeri/draf-album/").status_code == 404
    assert client_a.get("/galeri/album-besok/").status_code == 404
    html = client_a.get("/galeri/").content.decode()
    assert "Draf album" not in html and "Album besok" not in html and "Video draf" not in html


def test_the_home_page_shows_a_strip_of_latest_photos(album_a, client_a):
    html = client_a.get("/").content.decode()
    assert "Galeri foto" in html
    assert 'href="/galeri/kerja-bakti-alpha/"' in html


def test_album_is_in_search_and_sitemap(album_a, client_a):
    assert "/galeri/kerja-bakti-alpha/" in client_a.get("/sitemap.xml").content.decode()
    assert "Kerja bakti alpha" in client_a.get("/cari/?q=gotong+royong").content.decode()


def test_hostile_text_is_escaped(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_album("<script>alert(1)</script>", "jahat", photos=0,
                   description='<img src=x onerror="alert(2)">')  # fmt: skip
    html = client_a.get("/galeri/jahat/").content.decode()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html


# --- isolation --------------------------------------------------------------------------------


def test_alpha_album_url_is_404_on_beta(album_a, client_a, client_b):
    assert client_a.get("/galeri/kerja-bakti-alpha/").status_code == 200
    assert client_b.get("/galeri/kerja-bakti-alpha/").status_code == 404


@pytest.mark.parametrize("url", ["/", "/galeri/", "/sitemap.xml", "/cari/?q=kerja+bakti"])
def test_alpha_gallery_is_not_listed_on_beta(album_a, video_a, client_b, url):
    response = client_b.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kerja bakti" not in html and "kerja-bakti-alpha" not in html
    assert "Foto rahasia" not in html and "Video alpha" not in html and "dQw4w9WgXcQ" not in html


def test_alpha_photo_file_is_not_served_on_beta(album_a, opd_a, in_opd, client_a, client_b):
    with in_opd(opd_a):
        name = album_a.photos.first().image.name
    assert client_a.get(f"/media/alpha/{name}").status_code == 200
    assert client_b.get(f"/media/alpha/{name}").status_code == 404
    assert client_b.get(f"/media/{name}").status_code == 404


def test_alpha_ids_are_unknown_on_betas_admin(album_a, video_a, opd_b, in_opd, client_b):
    from accounts import roles
    from tests.factories import make_operator

    with in_opd(opd_b):
        client_b.force_login(make_operator("kepalab", role=roles.ADMIN_OPD))
    for url in (
        f"/admin/gallery/album/{album_a.pk}/change/",
        f"/admin/gallery/video/{video_a.pk}/change/",
    ):
        response = client_b.get(url, follow=True)
        assert "Kerja bakti" not in response.content.decode()
        assert "Video alpha" not in response.content.decode()
    html = client_b.get("/admin/gallery/album/").content.decode()
    assert "Kerja bakti" not in html


# --- admin: uploading photos ------------------------------------------------------------------


def test_many_photos_at_once_each_become_a_photo(admin_a, opd_a, in_opd, media_root):
    files = [uploaded(f"f{n}.jpg", image_bytes(size=(800, 600))) for n in range(3)]
    response = admin_a.post(ALBUM_ADD, album_post(new_photos=files))
    assert response.status_code == 302, response.content.decode()[:3000]
    with in_opd(opd_a):
        album = Album.objects.get(slug="album-baru")
        photos = list(album.photos.all())
    assert len(photos) == 3
    assert {photo.alt_text for photo in photos} == {"Warga mengikuti senam pagi"}
    assert all(photo.image.name.startswith("galeri/") for photo in photos)
    assert all(photo.renditions["renditions"] for photo in photos)
    assert all("/alpha/galeri/" in path for path in files_under(media_root))


def test_photos_without_alt_text_are_refused(admin_a, opd_a, in_opd, media_root):
    files = [uploaded("f.jpg", image_bytes(size=(300, 200)))]
    response = admin_a.post(ALBUM_ADD, album_post(new_photos=files, new_photos_alt_text=" "))
    assert response.status_code == 200
    assert "Isi teks alternatif" in response.content.decode()
    with in_opd(opd_a):
        assert not Album.objects.exists() and not Photo.objects.exists()
    assert files_under(media_root) == []


def test_alt_text_is_required_on_a_photo():
    photo = Photo(alt_text="   ")
    with pytest.raises(ValidationError, match="teks alternatif"):
        photo.clean()


def polyglot_gif_js() -> bytes:
    return b"GIF89a/*\x01\x00\x01\x00\x00\x00\x00;*/=1;alert(document.domain);"


def gif_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (1, 2, 3)).save(buffer, "GIF")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bukan.jpg", b"%PDF-1.4 bukan gambar"),
        ("halaman.png", b"<html><script>alert(1)</script></html>"),
        ("bom.png", png_bomb()),
        ("poliglot.gif", polyglot_gif_js()),
        ("animasi.gif", gif_bytes()),
    ],
)
def test_bad_uploads_are_refused_with_nothing_saved(admin_a, opd_a, in_opd, media_root, name, data):
    files = [uploaded("baik.jpg", image_bytes(size=(300, 200))), uploaded(name, data)]
    response = admin_a.post(ALBUM_ADD, album_post(new_photos=files))
    html = response.content.decode()
    assert response.status_code == 200
    assert name in html
    assert ("JPEG, PNG atau WebP" in html) or ("terlalu besar" in html)
    with in_opd(opd_a):
        assert not Album.objects.exists() and not Photo.objects.exists()
    assert files_under(media_root) == []


def test_a_polyglot_jpeg_is_stored_without_its_payload(admin_a, opd_a, in_opd, media_root):
    data = image_bytes(size=(300, 200)) + b"<script>alert(1)</script>"
    response = admin_a.post(ALBUM_ADD, album_post(new_photos=[uploaded("x.jpg", data)]))
    assert response.status_code == 302
    for path in files_under(media_root):
        with open(path, "rb") as stored:
            assert b"<script>" not in stored.read()


# --- videos -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtube.com/watch?v=dQw4w9WgXcQ&t=10s",
        "https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ?si=abc",
        "www.youtube.com/shorts/dQw4w9WgXcQ",
    ],
)
def test_youtube_urls_give_the_video_id(url):
    assert youtube_id(url) == "dQw4w9WgXcQ"


@pytest.mark.parametrize(
    "url",
    [
        "",
        "https://evil.example/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=short",
        'https://www.youtube.com/watch?v=dQw4w9WgXcQ"><script>',
        "https://youtu.be/",
    ],
)
def test_bad_youtube_urls_are_refused(url):
    with pytest.raises(ValidationError, match="YouTube"):
        youtube_id(url)


def test_the_video_form_stores_the_id_and_refuses_other_hosts(admin_a, opd_a, in_opd):
    data = {
        "title": "Video baru",
        "description": "",
        "is_published": "on",
        "published_at_0": timezone.localtime().strftime("%d-%m-%Y"),
        "published_at_1": "00:00:00",
    }
    bad = admin_a.post(VIDEO_ADD, {**data, "youtube_url": "https://vimeo.com/123"})
    assert bad.status_code == 200 and "tidak dikenali" in bad.content.decode()
    with in_opd(opd_a):
        assert not Video.objects.exists()
    good = admin_a.post(VIDEO_ADD, {**data, "youtube_url": "https://youtu.be/dQw4w9WgXcQ"})
    assert good.status_code == 302
    with in_opd(opd_a):
        assert Video.objects.get().youtube_id == "dQw4w9WgXcQ"


# --- query counts -----------------------------------------------------------------------------


def real_queries(captured):
    return [q["sql"] for q in captured.captured_queries if not q["sql"].startswith("SET ")]


# Real queries in the worst case (cold caches), as tests/news/test_performance.py counts them:
# the domain, the next scheduled publication, the emergency banners, the pemda identity and the
# menu, then the index's albums (with their chosen covers), the first photo of the others and
# the videos; the album page its album and its photos.
@pytest.mark.parametrize(
    ("url", "max_queries"), [("/galeri/", 8), ("/galeri/kerja-bakti-alpha/", 7)]
)
def test_gallery_pages_run_a_fixed_number_of_queries(
    opd_a, in_opd, client_a, django_assert_max_num_queries, url, max_queries
):
    with in_opd(opd_a):
        for number in range(4):
            make_album(f"Album {number}", f"album-{number}", photos=3)
        make_album(photos=5)
        make_video()
    with django_assert_max_num_queries(2 * max_queries) as captured:
        response = client_a.get(url)
    assert response.status_code == 200
    assert len(real_queries(captured)) <= max_queries, real_queries(captured)


def test_the_album_change_page_lists_its_photos(album_a, admin_a):
    response = admin_a.get(f"/admin/gallery/album/{album_a.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Foto rahasia Kerja bakti alpha 1" in html
    assert "Unggah banyak foto sekaligus" in html and "Teks alternatif untuk semua foto" in html


def test_one_photo_replaced_in_the_list_is_checked_too(album_a, admin_a, opd_a, in_opd):
    with in_opd(opd_a):
        photos = list(album_a.photos.all())
        names = [photo.image.name for photo in photos]
    data = album_post(
        title=album_a.title,
        slug=album_a.slug,
        new_photos_alt_text="",
        **{
            "photos-TOTAL_FORMS": "2",
            "photos-INITIAL_FORMS": "2",
            "photos-0-id": str(photos[0].pk),
            "photos-0-album": str(album_a.pk),
            "photos-0-alt_text": "Foto baru",
            "photos-0-caption": "",
            "photos-0-position": "0",
            "photos-0-image": uploaded("x.png", b"<svg onload=alert(1)>", "image/png"),
            "photos-1-id": str(photos[1].pk),
            "photos-1-album": str(album_a.pk),
            "photos-1-alt_text": "",
            "photos-1-caption": "",
            "photos-1-position": "1",
        },
    )
    response = admin_a.post(f"/admin/gallery/album/{album_a.pk}/change/", data)
    assert response.status_code == 200
    with in_opd(opd_a):
        assert [photo.image.name for photo in album_a.photos.all()] == names
        assert album_a.photos.filter(alt_text="Foto baru").count() == 0


def test_the_demo_draws_albums_and_a_video_once(opd_a, in_opd, client_a):
    from types import SimpleNamespace

    from gallery.demo import DEMO, seed_demo_content

    assert len(DEMO) >= 3 and "bpbd" in DEMO
    with in_opd(opd_a):
        seed_demo_content(SimpleNamespace(slug="bpbd"))
        seed_demo_content(SimpleNamespace(slug="bpbd"))
        assert Album.objects.count() == 2 and Video.objects.count() == 1
        photos = list(Photo.objects.all())
        assert len(photos) == 5 and all(photo.alt_text and photo.renditions for photo in photos)
    html = client_a.get("/galeri/").content.decode()
    assert "Tanggap darurat banjir" in html


def test_deleting_an_album_removes_its_files(
    opd_a, in_opd, media_root, django_capture_on_commit_callbacks
):
    with in_opd(opd_a):
        album = make_album(photos=2)
        assert files_under(media_root)
        with django_capture_on_commit_callbacks(execute=True):
            album.delete()
        assert not Photo.objects.exists()
    assert files_under(media_root) == []
