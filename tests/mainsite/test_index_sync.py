"""What an OPD publishes reaches the portal's index, and only what it publishes."""

import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from mainsite.models import PublishedItem
from news.models import Article
from publishing.services import delete_content, publish_content
from tests.news.factories import image_bytes, make_article, uploaded

pytestmark = pytest.mark.django_db


def indexed(opd):
    return list(PublishedItem.objects.filter(opd=opd).values_list("title", flat=True))


def test_publishing_indexes_the_article_with_its_opd_url(opd_a, in_opd, portal_client):
    with in_opd(opd_a):
        article = make_article("Jembatan baru dibuka", summary="Warga menyambut gembira.")
    item = PublishedItem.objects.get(opd=opd_a, source_id=article.pk)
    assert item.kind == Article.guard_kind
    assert item.url == f"http://alpha.localhost/berita/{article.slug}/"
    assert item.summary == "Warga menyambut gembira."
    assert item.category == "Berita"
    assert "Jembatan baru dibuka" in portal_client.get("/").content.decode()


def test_the_cover_rendition_is_indexed(opd_a, in_opd):
    with in_opd(opd_a):
        make_article("Bersampul", cover=uploaded("foto.jpg", image_bytes(size=(1000, 600))))
    item = PublishedItem.objects.get(opd=opd_a, title="Bersampul")
    assert item.image_url.startswith("/media/alpha/")
    assert item.image_url.endswith("-480.jpg")


def test_drafts_are_not_indexed_and_unpublishing_removes(opd_a, in_opd):
    with in_opd(opd_a):
        draft = make_article("Masih draf", status=Article.Status.DRAFT)
        published = make_article("Sudah terbit")
    assert indexed(opd_a) == ["Sudah terbit"]
    with in_opd(opd_a):
        published.status = Article.Status.DRAFT
        publish_content(published)
        draft.status = Article.Status.PUBLISHED
        publish_content(draft)
    assert indexed(opd_a) == ["Masih draf"]


def test_edits_update_and_deletion_removes(opd_a, in_opd, portal_client):
    with in_opd(opd_a):
        article = make_article("Judul lama")
        article.title = "Judul baru"
        publish_content(article)
    assert indexed(opd_a) == ["Judul baru"]
    with in_opd(opd_a):
        delete_content(article)
    assert indexed(opd_a) == []
    assert "Judul baru" not in portal_client.get("/berita/").content.decode()


def test_a_scheduled_article_reaches_the_portal_when_its_time_comes(
    opd_a, in_opd, portal_client, monkeypatch
):
    with in_opd(opd_a):
        make_article("Terjadwal", published_at=timezone.now() + timedelta(days=1))
    assert indexed(opd_a) == ["Terjadwal"]
    assert "Terjadwal" not in portal_client.get("/berita/").content.decode()
    PublishedItem.objects.filter(opd=opd_a).update(
        published_at=timezone.now() - timedelta(seconds=1)
    )
    # A day later: the cached portal page expires at the publication time by itself.
    later = time.time() + 86400 + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert "Terjadwal" in portal_client.get("/berita/").content.decode()


def test_one_opds_articles_are_indexed_under_that_opd_only(opd_a, opd_b, in_opd):
    with in_opd(opd_a):
        make_article("Kabar Alpha", pk=900)
    with in_opd(opd_b):
        make_article("Kabar Beta", pk=900)
    assert indexed(opd_a) == ["Kabar Alpha"]
    assert indexed(opd_b) == ["Kabar Beta"]


def test_rebuild_restores_the_index_from_the_opds_own_content(opd_a, opd_b, in_opd, capsys):
    with in_opd(opd_a):
        make_article("Satu")
        make_article("Dua")
        make_article("Draf", status=Article.Status.DRAFT)
    PublishedItem.objects.all().delete()
    PublishedItem.objects.create(
        opd=opd_b,
        kind="article",
        source_id=1,
        title="Basi",
        url="http://x/",
        published_at=timezone.now(),
    )
    call_command("rebuild_portal_index")
    assert sorted(indexed(opd_a)) == ["Dua", "Satu"]
    assert indexed(opd_b) == []
    assert "alpha: 2 article" in capsys.readouterr().out
    assert PublishedItem.objects.search("satu").filter(opd=opd_a).exists()


def test_rebuild_leaves_the_planner_fresh_statistics(opd_a, in_opd):
    with in_opd(opd_a):
        for title in ("Satu", "Dua", "Tiga"):
            make_article(title)
    call_command("rebuild_portal_index")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'tenants_publisheditem'")
        assert cursor.fetchone()[0] == PublishedItem.objects.count() == 3


def test_the_checklist_follows_the_opds_pages(opd_a, in_opd):
    from pages.models import Official, Page
    from tenants.models import Opd

    with in_opd(opd_a):
        Page.objects.filter(slug="profil").update(body="")  # start from the seeded empty pages
        profile = Page.objects.get(slug="profil")
        profile.body = "<p>Profil dinas alpha.</p>"
        profile.save()
        structure = Page.objects.get(slug="struktur-organisasi")
        structure.body = "<p>Bagan</p>"
        structure.save()
    checklist = Opd.objects.get(pk=opd_a.pk).content_checklist
    assert checklist["profil"] is True
    assert checklist["visi_misi"] is False
    assert checklist["struktur"] is False  # no officials yet
    with in_opd(opd_a):
        Official.objects.create(name="Budi", position="Kepala Dinas")
    assert Opd.objects.get(pk=opd_a.pk).content_checklist["struktur"] is True
