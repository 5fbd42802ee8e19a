"""A published item whose slug changes keeps its old address: a 301 to the new one, made by one
generic mechanism for every publishable content type with a slug (issue #19)."""

import pytest

from core import registry
from news.models import Article
from pages.models import Page
from publishing.services import publish_content
from redirects import receivers
from redirects.models import Redirect
from tests.agenda.factories import make_event
from tests.gallery.test_gallery import make_album
from tests.news.factories import make_article
from tests.publicservices.factories import make_service
from tests.redirects.factories import make_redirect

pytestmark = pytest.mark.django_db


def make_page(title="Sejarah dinas", slug="sejarah", **fields):
    page = Page(title=title, slug=slug, body="<p>Isi</p>", **fields)
    publish_content(page)
    return page


FACTORIES = {
    "article": lambda: make_article("Banjir bandang di hulu"),
    "page": make_page,
    "service": lambda: make_service("Penerbitan KTP-el", steps=0),
    "event": lambda: make_event("Rapat koordinasi"),
    "album": lambda: make_album(photos=0),
}


def test_every_publishable_with_a_slug_follows_renames():
    followed = {
        publishable.kind
        for publishable in registry.publishables()
        if receivers.follows_slugs(publishable.model)
    }
    assert {"article", "page", "service", "event", "album"} <= followed
    # DIP entries and documents have no slug of their own in their address.
    assert "information" not in followed


@pytest.mark.parametrize("kind", sorted(FACTORIES))
def test_renaming_a_published_item_redirects_its_old_address(kind, opd_a, in_opd, client_a):
    with in_opd(opd_a):
        item = FACTORIES[kind]()
        old_url = item.get_absolute_url()
        item.slug = "alamat-baru-sekali"
        publish_content(item)
        new_url = item.get_absolute_url()
        redirect = Redirect.objects.get()
    assert (redirect.old_path, redirect.target) == (old_url, new_url)
    assert redirect.source == Redirect.Source.SLUG_CHANGE
    response = client_a.get(old_url)
    assert response.status_code == 301 and response["Location"] == new_url
    assert client_a.get(new_url).status_code == 200


def test_a_plain_save_is_followed_too(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        article = make_article("Judul lama")
        article.slug = "judul-baru"
        article.save()
    assert client_a.get("/berita/judul-lama/")["Location"] == "/berita/judul-baru/"


def test_a_draft_renamed_leaves_no_redirect(opd_a, in_opd):
    with in_opd(opd_a):
        article = make_article("Masih draf", status=Article.Status.DRAFT)
        article.slug = "draf-baru"
        publish_content(article)
        assert not Redirect.objects.exists()


def test_saving_without_a_new_slug_adds_nothing(opd_a, in_opd):
    with in_opd(opd_a):
        article = make_article("Tetap")
        article.title = "Tetap, judul diperbaiki"
        publish_content(article)
        article.save(update_fields=["title"])
        assert not Redirect.objects.exists()


def test_chains_are_re_pointed_to_the_newest_address(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_redirect("/2019/05/03/judul/", "/berita/pertama/", source=Redirect.Source.IMPORT)
        article = make_article("Pertama")
        for slug in ("kedua", "ketiga"):
            article.slug = slug
            publish_content(article)
        mapping = dict(Redirect.objects.values_list("old_path", "target"))
    assert mapping == {
        "/2019/05/03/judul/": "/berita/ketiga/",
        "/berita/pertama/": "/berita/ketiga/",
        "/berita/kedua/": "/berita/ketiga/",
    }
    for old in mapping:
        assert client_a.get(old)["Location"] == "/berita/ketiga/"


def test_renaming_back_leaves_no_loop(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        article = make_article("Bolak balik")
        article.slug = "sementara"
        publish_content(article)
        article.slug = "bolak-balik"
        publish_content(article)
        mapping = dict(Redirect.objects.values_list("old_path", "target"))
    assert mapping == {"/berita/sementara/": "/berita/bolak-balik/"}
    assert client_a.get("/berita/bolak-balik/").status_code == 200


def test_renames_in_alpha_leave_beta_alone(opd_a, opd_b, in_opd, client_b):
    with in_opd(opd_a):
        article = make_article("Hanya alpha")
        article.slug = "hanya-alpha-baru"
        publish_content(article)
    with in_opd(opd_b):
        assert not Redirect.objects.exists()
    assert client_b.get("/berita/hanya-alpha/").status_code == 404
