"""Object storage: public media readable by anyone at S3_PUBLIC_URL; an unreachable or slow store
is a clear error, never a half-saved record, never a broken page, and logged once."""

import logging
import socket
import threading
import time
from urllib.request import urlopen

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from accounts import roles
from core import storage
from core.storage_config import BACKUP_PREFIX, s3_storages
from library.models import Image as LibraryImage
from news.models import Article, Category
from tests.factories import make_operator
from tests.news.factories import image_bytes, make_article, uploaded
from tests.news.test_admin import ADD_URL, article_form
from tests.s3_server import empty_buckets

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/editor/unggah-gambar/"
UNAVAILABLE = "Penyimpanan berkas sedang tidak dapat dihubungi"


@pytest.fixture
def editor_a(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        client_a.force_login(make_operator("penulis", role=roles.OPERATOR_BERITA))
    return client_a


@pytest.fixture
def silent_s3(settings):
    """An S3 endpoint that accepts connections and never answers (a store that hangs)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted = []

    def accept():
        while True:
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    endpoint = f"http://127.0.0.1:{listener.getsockname()[1]}"
    settings.STORAGES = {
        **settings.STORAGES,
        **s3_storages(
            endpoint_url=endpoint,
            access_key="x",
            secret_key="y",
            region="us-east-1",
            bucket="media",
            private_bucket="private",
            timeout=1,
        ),
    }
    yield
    listener.close()
    for connection in accepted:
        connection.close()


@pytest.mark.parametrize("storage_backend", ["s3"], indirect=True)
def test_public_media_on_s3_are_served_to_anyone_from_the_public_url(editor_a, storage_backend):
    response = editor_a.post(UPLOAD_URL, {"upload": uploaded("a.png", image_bytes("PNG"))})
    url = response.json()["url"]
    prefix = f"{storage_backend.server.endpoint_url}/portal-media/"
    assert url.startswith(f"{prefix}alpha/pustaka/gambar/")
    with urlopen(url) as anonymous:
        assert anonymous.status == 200
        assert anonymous.read() == storage_backend.files()[url.removeprefix(prefix)]


def test_an_upload_while_s3_is_down_is_a_clear_error_and_the_outage_is_logged_once(
    editor_a, unreachable_s3, caplog
):
    with caplog.at_level(logging.WARNING, logger="core.storage"):
        for _ in range(3):
            response = editor_a.post(UPLOAD_URL, {"upload": uploaded("a.jpg", image_bytes())})
            assert response.status_code == 503
            assert UNAVAILABLE in response.json()["error"]["message"]
    outage_lines = [r for r in caplog.records if r.name == "core.storage"]
    assert len(outage_lines) == 1 and outage_lines[0].levelno == logging.ERROR


def test_a_slow_s3_is_an_error_after_its_time_out_not_a_hung_worker(editor_a, silent_s3):
    started = time.monotonic()
    response = editor_a.post(UPLOAD_URL, {"upload": uploaded("a.jpg", image_bytes())})
    assert response.status_code == 503
    assert UNAVAILABLE in response.json()["error"]["message"]
    assert time.monotonic() - started < 15


def test_a_cover_upload_while_s3_is_down_is_a_form_error_and_saves_no_article(
    opd_a, in_opd, client_a, unreachable_s3
):
    with in_opd(opd_a):
        client_a.force_login(make_operator("penulis", role=roles.OPERATOR_BERITA))
        client_a.category = Category.objects.get(slug="berita")
    data = article_form(client_a, cover_alt_text="Warga antre")
    data["cover_upload"] = uploaded("sampul.jpg", image_bytes(size=(900, 600)))
    response = client_a.post(ADD_URL, data)
    assert response.status_code == 200
    assert UNAVAILABLE in str(response.context["adminform"].form.errors["cover_upload"])
    with in_opd(opd_a):
        assert not Article.objects.exists()
        assert not LibraryImage.objects.exists()


def test_pages_keep_rendering_while_s3_is_down(
    opd_a, in_opd, client_a, portal_client, unreachable_s3
):
    cover = "berita/sampul/ada.jpg"
    rendition = {"width": 480, "height": 320, "webp": "berita/sampul/ada-480.webp",
                 "jpg": "berita/sampul/ada-480.jpg"}  # fmt: skip
    meta = {"source": cover, "width": 480, "height": 320, "renditions": [rendition],
            "share": "berita/sampul/ada-share.jpg"}  # fmt: skip
    opd_a.logo = "alpha/identitas/logo.png"
    opd_a.save()
    with in_opd(opd_a):
        make_article("Bersampul", cover=cover, cover_meta=meta, cover_alt="Sampul")
    for path in ("/", "/berita/", "/berita/bersampul/"):
        response = client_a.get(path)
        assert response.status_code == 200, path
        assert "/portal-media/alpha/" in response.content.decode()
    assert portal_client.get("/").status_code == 200


def test_files_written_before_a_failed_row_save_are_removed(opd_a, in_opd, storage_backend):
    with in_opd(opd_a):
        make_article("Pertama", slug="sama")
        with pytest.raises(IntegrityError), transaction.atomic():
            make_article(
                "Kedua", slug="sama", cover=uploaded("s.jpg", image_bytes(size=(1000, 600)))
            )
    assert storage_backend.files() == {}


def test_backups_share_the_private_bucket_under_a_prefix_no_schema_can_take(s3_server, settings):
    config = {**s3_server.settings, "backup_bucket": ""}
    settings.STORAGES = {**settings.STORAGES, **s3_storages(**config)}
    try:
        name = storage.storage("backups").save("alpha/uji.bin", ContentFile(b"x"))
        keys = storage.storage("backups").bucket.objects.filter(Prefix=f"{BACKUP_PREFIX}/")
        assert [item.key for item in keys] == [f"{BACKUP_PREFIX}/{name}"]
        assert not BACKUP_PREFIX[0].isalpha()  # schema names start with a letter
    finally:
        empty_buckets(s3_server)
