import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from console.models import ActivityLevel
from demo import catalogue as demo
from demo.catalogue import DEMO_OPDS, DEMO_PASSWORD
from tenants.models import Opd
from tests.factories import verify_two_factor

pytestmark = pytest.mark.django_db


def test_the_demo_lists_the_32_opds_of_kota_serang_with_the_evaluated_activity():
    assert len(DEMO_OPDS) == 32
    assert len({opd.slug for opd in DEMO_OPDS}) == 32

    def with_activity(activity):
        return [opd.short_name for opd in DEMO_OPDS if opd.activity == activity]

    assert with_activity(ActivityLevel.ACTIVE) == ["Kec. Kasemen"]
    assert sorted(with_activity(ActivityLevel.BARELY_ACTIVE)) == sorted(
        ["BPKAD", "Dinkes", "DP3AKB", "Disdaginkukm", "Dishub", "Distan", "Kec. Taktakan", "Setda"]
    )
    assert len(with_activity(ActivityLevel.INACTIVE)) == 23


def test_seed_demo_is_idempotent_and_gives_working_log_ins(monkeypatch, in_opd):
    monkeypatch.setattr(
        "demo.management.commands.seed_demo.DEMO_OPDS",
        [o for o in demo.DEMO_OPDS if o.slug in ("bpbd", "kec-kasemen")],
    )
    call_command("seed_demo")
    snapshot = _snapshot(in_opd)
    call_command("seed_demo")
    assert _snapshot(in_opd) == snapshot
    # The pemda-level PPID's two demo requests: one with PPID Utama, one forwarded to BPBD.
    from ppidutama.models import PemdaRequest

    assert sorted(PemdaRequest.objects.values_list("stage", flat=True)) == [
        "diteruskan",
        "ppid_utama",
    ]

    bpbd = Opd.objects.get(slug="bpbd")
    assert bpbd.name == "Badan Penanggulangan Bencana Daerah Kota Serang"
    assert bpbd.kind == Opd.Kind.BADAN
    assert Opd.objects.get(slug="kec-kasemen").schema_name == "kec_kasemen"

    for host, username in (
        ("bpbd.localhost", "admin"),
        ("bpbd.localhost", "berita"),
        ("bpbd.localhost", "ppid"),
        ("kec-kasemen.localhost", "admin"),
        ("localhost", "kominfo"),
        ("localhost", "ppidutama"),
        ("localhost", "sekda"),
    ):
        response = Client(HTTP_HOST=host).post(
            "/admin/login/", {"username": username, "password": DEMO_PASSWORD, "next": "/admin/"}
        )
        assert response.status_code == 302, (host, username)


def _snapshot(in_opd):
    rows = {"opds": sorted(Opd.objects.values_list("slug", "updated_at"))}
    for opd in Opd.objects.exclude(schema_name="public"):
        with in_opd(opd):
            rows[opd.slug] = sorted(get_user_model().objects.values_list("username", "password"))
    return rows


def test_the_full_demo_reproduces_the_2024_evaluation_on_the_console(portal_client):
    call_command("seed_demo")
    demo_slugs = {demo_opd.slug for demo_opd in DEMO_OPDS}
    assert Opd.objects.filter(slug__in=demo_slugs).count() == 32
    portal_client.post(
        "/admin/login/", {"username": "kominfo", "password": DEMO_PASSWORD, "next": "/admin/"}
    )
    verify_two_factor(portal_client, get_user_model().objects.get(username="kominfo"))
    export = portal_client.get("/admin/aktivitas/", {"format": "csv"}).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(export)))[1:]
    # slug -> status, leaving out the test OPDs alpha and beta
    statuses = {row[1]: row[3] for row in rows if row[1] in demo_slugs}
    assert len(statuses) == 32

    def having(status):
        return sorted(slug for slug, value in statuses.items() if value == status)

    assert having("Aktif") == ["kec-kasemen"]
    assert having("Kurang aktif") == sorted(
        ["bpkad", "dinkes", "dp3akb", "disdaginkukm", "dishub", "distan", "kec-taktakan", "setda"]
    )
    assert len(having("Tidak aktif")) == 23


SHOWCASE_SLUGS = ("bpbd", "dinkes", "disdukcapil")


def test_the_showcase_opds_get_full_content_with_drawn_pictures(
    monkeypatch, media_root, in_opd, django_assert_max_num_queries
):
    """One seed (it takes a while) for the three showcase OPDs and a lighter one."""
    from demo.content import SHOWCASES
    from library.models import Image as LibraryImage
    from news.models import Article
    from pages.models import Official, Page
    from ppid.models import PublicInformation
    from tests.news.test_performance import real_queries

    monkeypatch.setattr(
        "demo.management.commands.seed_demo.DEMO_OPDS",
        [o for o in demo.DEMO_OPDS if o.slug in (*SHOWCASE_SLUGS, "kec-kasemen")],
    )
    call_command("seed_demo")
    for opd in Opd.objects.filter(slug__in=SHOWCASE_SLUGS):
        assert opd.logo and opd.logo.name.startswith(f"{opd.schema_name}/identitas/")
        for field in ("address", "phone", "email", "opening_hours", "map_url", "instagram_url"):
            assert getattr(opd, field), (opd.slug, field)
        with in_opd(opd):
            articles = list(Article.objects.published().select_related("cover_photo", "category"))
            assert 8 <= len(articles) <= 12
            assert sum(article.is_pinned for article in articles) == 1
            assert {"berita", "pengumuman", "agenda", "artikel"} <= {
                article.category.slug for article in articles
            }
            # Every cover went through the media library's upload path: renditions, alt text.
            for article in articles:
                cover = article.cover_photo
                assert cover is not None and cover.alt_text.startswith("Ilustrasi ")
                assert len(cover.renditions["renditions"]) == 3
                assert cover.file.storage.exists(cover.renditions["share"])
            assert LibraryImage.objects.count() == len(articles)
            for page_slug in ("profil", "visi-dan-misi", "tugas-pokok-dan-fungsi", "kontak"):
                page = Page.objects.get(slug=page_slug)
                assert page.is_published and len(page.body_text) > 200, page_slug
            officials = list(Official.objects.all())
            assert len(officials) >= 5 and all(official.photo for official in officials)
            assert PublicInformation.objects.published().count() >= 7

    # Each site shows its own pinned article and no other OPD's.
    pinned = {slug: next(a.title for a in c.articles if a.pinned) for slug, c in SHOWCASES.items()}
    for slug in (*SHOWCASE_SLUGS, "kec-kasemen"):
        html = Client(HTTP_HOST=f"{slug}.localhost").get("/").content.decode()
        for other, title in pinned.items():
            assert (title in html) == (slug == other), (slug, title)

    # The full home costs what any home costs (tests/homepage/test_home.py).
    from django.core.cache import caches

    from tests.homepage.test_home import HOME_MAX_QUERIES

    for alias in ("default", "shared"):
        caches[alias].clear()
    with django_assert_max_num_queries(2 * HOME_MAX_QUERIES) as captured:
        response = Client(HTTP_HOST="bpbd.localhost").get("/")
    assert response.status_code == 200
    assert len(real_queries(captured)) <= HOME_MAX_QUERIES, real_queries(captured)
