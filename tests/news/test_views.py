"""What citizens see of an OPD's news: lists, articles, drafts, schedules, dates, sharing."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from news.models import Article
from tests.news.factories import make_article

pytestmark = pytest.mark.django_db


def test_home_shows_pinned_latest_and_announcements(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_article("Berita sematan", is_pinned=True)
        make_article("Berita biasa")
        make_article("Pengumuman penting", category="pengumuman")
    html = client_a.get("/").content.decode()
    assert "Berita sematan" in html
    assert "Berita biasa" in html
    assert "Pengumuman penting" in html
    assert opd_a.name in html
    assert 'href="/ppid/"' in html
    assert 'href="/halaman/profil/"' in html


def test_home_shows_contact_and_social_links(opd_a, client_a):
    opd_a.phone = "0254-123456"
    opd_a.instagram_url = "https://instagram.com/alpha"
    opd_a.save()
    html = client_a.get("/").content.decode()
    assert "0254-123456" in html
    assert "https://instagram.com/alpha" in html


def test_list_is_paginated_by_ten(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        for number in range(12):
            make_article(f"Artikel nomor {number:02d}",
                         published_at=timezone.now() - timedelta(hours=number + 1))  # fmt: skip
    first = client_a.get("/berita/").content.decode()
    second = client_a.get("/berita/?page=2").content.decode()
    assert "Artikel nomor 00" in first and "Artikel nomor 09" in first
    assert "Artikel nomor 10" not in first
    assert "Artikel nomor 10" in second and "Artikel nomor 11" in second
    assert client_a.get("/berita/?page=99").status_code == 404


def test_category_page_lists_only_its_articles(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_article("Agenda rapat", category="agenda")
        make_article("Berita lain")
    html = client_a.get("/berita/kategori/agenda/").content.decode()
    assert "Agenda rapat" in html and "Berita lain" not in html
    assert client_a.get("/berita/kategori/tidak-ada/").status_code == 404


def test_article_page_shows_body_date_in_indonesian_and_share_links(opd_a, in_opd, client_a):
    published = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    with in_opd(opd_a):
        make_article("Banjir surut", published_at=published, body="<h2>Situasi</h2><p>Aman</p>")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: published + timedelta(days=1))
        response = client_a.get("/berita/banjir-surut/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Senin, 23 November 2026" in html
    assert "<h2>Situasi</h2>" in html
    assert "https://wa.me/?text=" in html
    assert "facebook.com/sharer" in html
    assert "x.com/intent/post" in html
    assert "data-copy-url=" in html


def test_article_page_has_open_graph_and_twitter_meta(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_article("Sosialisasi", summary="Ringkasan untuk WhatsApp")
    html = client_a.get("/berita/sosialisasi/").content.decode()
    assert '<meta property="og:title" content="Sosialisasi">' in html
    assert '<meta property="og:description" content="Ringkasan untuk WhatsApp">' in html
    assert '<meta property="og:url" content="http://alpha.localhost/berita/sosialisasi/">' in html
    assert '<meta name="twitter:card"' in html


def test_related_articles_come_from_the_same_category(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_article("Utama")
        make_article("Saudara sekategori")
        make_article("Agenda lain", category="agenda")
    html = client_a.get("/berita/utama/").content.decode()
    assert "Saudara sekategori" in html
    assert "Agenda lain" not in html


def test_drafts_and_scheduled_articles_are_404_and_unlisted(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_article("Masih draf", status=Article.Status.DRAFT)
        make_article("Terjadwal besok", published_at=timezone.now() + timedelta(days=1))
    assert client_a.get("/berita/masih-draf/").status_code == 404
    assert client_a.get("/berita/terjadwal-besok/").status_code == 404
    for url in ("/", "/berita/", "/berita/feed/", "/sitemap.xml", "/cari/?q=draf+terjadwal"):
        html = client_a.get(url).content.decode()
        assert "Masih draf" not in html and "Terjadwal besok" not in html, url


def test_a_scheduled_article_appears_by_itself_at_its_time(opd_a, in_opd, client_a):
    moment = timezone.now() + timedelta(hours=2)
    with in_opd(opd_a):
        make_article("Rilis terjadwal", published_at=moment)
    assert client_a.get("/berita/rilis-terjadwal/").status_code == 404
    assert "Rilis terjadwal" not in client_a.get("/").content.decode()
    later = moment + timedelta(seconds=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        patch.setattr("core.pagecache.time.time", lambda: later.timestamp())
        assert client_a.get("/berita/rilis-terjadwal/").status_code == 200
        assert "Rilis terjadwal" in client_a.get("/").content.decode()


def test_hostile_body_written_through_the_orm_renders_without_payload(opd_a, in_opd, client_a):
    payload = (
        '<p>Aman</p><script>alert("x")</script><img src="x" onerror="alert(1)">'
        '<a href="JAVASCRIPT:alert(1)">tautan</a><iframe src="https://evil.example"></iframe>'
    )
    with in_opd(opd_a):
        article = make_article("Serangan")
        # Bypass save() so that the payload really sits in the database.
        Article.objects.filter(pk=article.pk).update(body=payload)
    html = client_a.get("/berita/serangan/").content.decode()
    assert "<p>Aman</p>" in html
    assert "alert" not in html
    assert "<iframe" not in html
    assert "javascript:" not in html.lower()


def test_citizen_pages_use_no_inline_script_or_style(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_article("Tanpa skrip")
    for url in ("/", "/berita/", "/berita/tanpa-skrip/", "/cari/?q=skrip", "/halaman/profil/"):
        html = client_a.get(url).content.decode()
        assert "<script>" not in html and "<style" not in html, url
        assert " style=" not in html and " onclick=" not in html, url


def test_a_draft_is_previewed_through_its_signed_link_only(opd_a, in_opd, client_a):
    from core.preview import make_token

    with in_opd(opd_a):
        draft = make_article("Draf rahasia", status=Article.Status.DRAFT)
        other = make_article("Draf lain", status=Article.Status.DRAFT)
        token = make_token("article", draft.pk)
    assert client_a.get("/berita/draf-rahasia/").status_code == 404
    response = client_a.get(f"/berita/pratinjau/{token}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Draf rahasia" in html and "Pratinjau" in html and other.title not in html
    assert '<meta name="robots" content="noindex' in html
    assert response["X-Robots-Tag"].startswith("noindex")
    assert "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response
    # A tampered token and the old unsigned address open nothing.
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    assert client_a.get(f"/berita/pratinjau/{forged}/").status_code == 404
    assert client_a.get(f"/berita/pratinjau/{draft.pk}/").status_code == 404


def test_a_preview_link_expires(opd_a, in_opd, client_a, settings):
    from unittest import mock

    from core import preview

    with in_opd(opd_a):
        draft = make_article("Draf lama", status=Article.Status.DRAFT)
        token = preview.make_token("article", draft.pk)
    with mock.patch.object(preview, "PREVIEW_MAX_AGE", -1):
        assert client_a.get(f"/berita/pratinjau/{token}/").status_code == 404


def test_a_preview_link_works_only_on_its_own_opd(opd_a, opd_b, in_opd, client_a, client_b):
    from core.preview import make_token

    with in_opd(opd_a):
        draft = make_article("Draf A", status=Article.Status.DRAFT, pk=4242)
        token = make_token("article", draft.pk)
    with in_opd(opd_b):
        make_article("Draf B", status=Article.Status.DRAFT, pk=4242)
    response = client_b.get(f"/berita/pratinjau/{token}/")
    assert response.status_code == 404
    assert "Draf B" not in response.content.decode()
    # A page token does not open an article with the same id either.
    with in_opd(opd_a):
        page_token = make_token("page", draft.pk)
    assert client_a.get(f"/berita/pratinjau/{page_token}/").status_code == 404


def test_cover_image_is_responsive(opd_a, in_opd, client_a, storage_backend):
    from tests.news.factories import image_bytes, uploaded

    with in_opd(opd_a):
        make_article(
            "Bersampul",
            cover=uploaded("foto.jpg", image_bytes(size=(2000, 1000))),
            cover_alt="Petugas di lokasi",
        )
    html = client_a.get("/berita/bersampul/").content.decode()
    base = storage_backend.public_url("alpha/berita/sampul/")
    assert f'<source type="image/webp" srcset="{base}' in html
    assert " 480w" in html and " 960w" in html and " 1600w" in html
    assert 'width="1600" height="800"' in html
    assert 'alt="Petugas di lokasi"' in html
    assert 'sizes="' in html
    share_base = "http://alpha.localhost" + base if base.startswith("/") else base
    assert f'<meta property="og:image" content="{share_base}' in html
    listing = client_a.get("/berita/").content.decode()
    assert 'alt="Petugas di lokasi"' in listing
