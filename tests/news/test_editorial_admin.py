"""The article and page forms an operator works with: publish controls first, scheduling said
plainly, scheduled unpublishing, and revisions with a readable diff and restore."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts import roles
from mainsite.models import PublishedItem
from news.models import Article, Category
from news.tasks import retire_expired_articles
from pages.models import Page
from publishing.services import publish_content
from tests.factories import make_operator
from tests.news.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        user = make_operator("kepala", role=roles.ADMIN_OPD)
        client_a.force_login(user)
    return client_a


def test_the_add_form_starts_with_the_publish_controls(editor):
    page = editor.get("/admin/news/article/add/").content.decode()
    publishing = page.index("publish-controls")
    assert publishing < page.index('name="title"') < page.index('name="body"')
    # Buttons at the top too, before the first field.
    assert page.index('name="_save"') < page.index('name="title"')
    assert 'name="_terbitkan"' in page
    # No empty "Riwayat" section on a new article; the slug is an advanced, collapsed field.
    assert "Riwayat" not in page.split('<div class="submit-row">', 1)[1]
    assert page.index('name="slug"') > page.index('name="cover_alt_text"')
    assert "collapse" in page[page.index("Lanjutan") - 300 : page.index("Lanjutan")]
    assert "css/admin-editorial" in page


def test_a_scheduled_article_says_when_it_goes_live(opd_a, in_opd, editor):
    with in_opd(opd_a):
        category = Category.objects.get(slug="berita")
    response = editor.post(
        "/admin/news/article/add/",
        {
            "title": "Lomba desa",
            "category": category.pk,
            "summary": "",
            "body": "<p>Lomba.</p>",
            "cover_alt": "",
            "status": "published",
            "published_at_0": "2099-12-03",
            "published_at_1": "08:00:00",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Terbit otomatis pada 3 Desember 2099 pukul 08.00 WIB" in page
    assert "berhasil" not in page
    with in_opd(opd_a):
        article = Article.objects.get(title="Lomba desa")
    listing = page[page.index("<tbody") :]
    row = listing[listing.index("Lomba desa") :].split("</tr>", 1)[0]
    assert "Terjadwal" in row and "Terbit<" not in row
    change = editor.get(f"/admin/news/article/{article.pk}/change/").content.decode()
    assert "Status: Terjadwal" in change
    assert '<option value="published" selected>Terjadwal</option>' in change
    # "Lihat di situs" opens the signed preview, not the 404 of an unpublished address.
    assert "/berita/pratinjau/" in change
    assert editor.get("/berita/lomba-desa/").status_code == 404


def test_an_expired_article_leaves_every_list(opd_a, in_opd, client_a):
    now = timezone.now()
    with in_opd(opd_a):
        article = make_article(
            "Pengumuman lama",
            category="pengumuman",
            published_at=now - timedelta(days=3),
            unpublish_at=now + timedelta(days=1),
        )
    assert PublishedItem.objects.filter(opd=opd_a, source_id=article.pk).exists()
    assert client_a.get("/berita/pengumuman-lama/").status_code == 200
    with in_opd(opd_a):
        Article.objects.filter(pk=article.pk).update(unpublish_at=now - timedelta(minutes=1))
        assert retire_expired_articles() == 1
        assert retire_expired_articles() == 0
    assert not PublishedItem.objects.filter(opd=opd_a, source_id=article.pk).exists()
    for url in ("/berita/pengumuman-lama/",):
        assert client_a.get(url).status_code == 404
    for url in ("/berita/", "/berita/feed/", "/sitemap.xml", "/cari/?q=pengumuman", "/"):
        assert "pengumuman-lama" not in client_a.get(url).content.decode(), url


def test_saving_an_expired_article_keeps_it_off_the_portal(opd_a, in_opd):
    now = timezone.now()
    with in_opd(opd_a):
        article = make_article("Sudah lewat", published_at=now - timedelta(days=3))
        article.unpublish_at = now - timedelta(hours=1)
        publish_content(article)
    assert not PublishedItem.objects.filter(opd=opd_a, source_id=article.pk).exists()


def test_unpublishing_must_come_after_publishing(opd_a, in_opd, editor):
    with in_opd(opd_a):
        category = Category.objects.get(slug="berita")
    response = editor.post(
        "/admin/news/article/add/",
        {
            "title": "Terbalik",
            "category": category.pk,
            "body": "<p>x</p>",
            "status": "published",
            "published_at_0": "2099-12-03",
            "published_at_1": "08:00:00",
            "unpublish_at_0": "2099-12-01",
            "unpublish_at_1": "08:00:00",
        },
    )
    assert response.status_code == 200
    assert "harus sesudah waktu terbit" in response.content.decode()


def test_revisions_show_who_what_and_restore(opd_a, in_opd, editor):
    with in_opd(opd_a):
        category = Category.objects.get(slug="berita")
        article = make_article("Versi pertama", body="<p>Baris lama.</p><p>Tetap.</p>")
    url = f"/admin/news/article/{article.pk}/change/"
    response = editor.post(
        url,
        {
            "title": "Versi kedua",
            "category": category.pk,
            "summary": article.summary,
            "body": "<p>Baris baru.</p><p>Tetap.</p>",
            "status": "published",
            "published_at_0": timezone.localtime(article.published_at).strftime("%Y-%m-%d"),
            "published_at_1": timezone.localtime(article.published_at).strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 302
    history = editor.get(f"/admin/news/article/{article.pk}/history/").content.decode()
    assert "Riwayat revisi" in history and "kepala" in history and "Versi pertama" in history
    with in_opd(opd_a):
        newest, first = article.history.all()[:2]
    diff = editor.get(
        f"/admin/news/article/{article.pk}/riwayat/{newest.history_id}/"
    ).content.decode()
    assert "<del>Versi pertama</del>" in diff and "<ins>Versi kedua</ins>" in diff
    assert "Judul" in diff and "Isi" in diff
    assert "<del>Baris lama.</del>" in diff and "<ins>Baris baru.</ins>" in diff
    assert "&lt;p&gt;" not in diff and "<p>Tetap.</p>" in diff
    restore = f"/admin/news/article/{article.pk}/riwayat/{first.history_id}/pulihkan/"
    assert editor.get(restore).status_code == 405
    assert editor.post(restore).status_code == 302
    with in_opd(opd_a):
        article.refresh_from_db()
        assert article.title == "Versi pertama" and "Baris lama." in article.body
        assert article.history.count() == 3
    assert PublishedItem.objects.get(opd=opd_a, source_id=article.pk).title == "Versi pertama"


def test_page_revisions_and_preview(opd_a, in_opd, editor, client_a):
    with in_opd(opd_a):
        page = Page(title="Tata tertib", slug="tata-tertib", body="<p>A</p>", is_published=False)
        publish_content(page)
    change = editor.get(f"/admin/pages/page/{page.pk}/change/").content.decode()
    assert change.index("publish-controls") < change.index('name="title"')
    assert "/halaman/pratinjau/" in change
    token = change.split("/halaman/pratinjau/", 1)[1].split("/", 1)[0]
    client_a.logout()
    assert client_a.get("/halaman/tata-tertib/").status_code == 404
    preview = client_a.get(f"/halaman/pratinjau/{token}/")
    assert preview.status_code == 200 and "Tata tertib" in preview.content.decode()
    assert "no-store" in preview["Cache-Control"]
    with in_opd(opd_a):
        assert page.history.count() == 1


def test_revisions_of_one_opd_stay_there(opd_a, opd_b, in_opd, client_b):
    with in_opd(opd_a):
        make_article("Hanya di A", pk=6161)
    with in_opd(opd_b):
        assert not Article.history.filter(title="Hanya di A").exists()
        user = make_operator("kepala", role=roles.ADMIN_OPD)
        client_b.force_login(user)
    assert client_b.get("/admin/news/article/6161/history/").status_code in (302, 404)


def test_the_history_page_runs_few_queries(opd_a, in_opd, editor, django_assert_max_num_queries):
    """A fixed number, however many revisions (session, user, article, revisions and their
    authors in one query; each query preceded by SET search_path)."""
    with in_opd(opd_a):
        article = make_article("Banyak revisi")
    url = f"/admin/news/article/{article.pk}/history/"
    counts = []
    for _round in range(2):
        with in_opd(opd_a):
            for number in range(5):
                article.title = f"Banyak revisi {number}"
                publish_content(article)
        with django_assert_max_num_queries(14) as captured:
            assert editor.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[1] <= counts[0]  # the first request also warms per-process caches


def test_the_hourly_job_retires_expired_articles_in_every_opd(
    opd_a, opd_b, in_opd, run_tasks, task_queue
):
    from news.tasks import retire_expired_articles_everywhere

    now = timezone.now()
    with in_opd(opd_a):
        article = make_article("Lowongan ditutup", published_at=now - timedelta(days=2))
        Article.objects.filter(pk=article.pk).update(unpublish_at=now - timedelta(minutes=5))
    with in_opd(opd_b):
        kept = make_article("Masih berlaku", published_at=now - timedelta(days=2))
    run_tasks()
    retire_expired_articles_everywhere.defer()
    run_tasks()
    jobs = [
        job
        for job in task_queue.jobs.values()
        if job["task_name"].endswith(".retire_expired_articles")
    ]
    assert sorted(job["args"]["schema"] for job in jobs) == [opd_a.schema_name, opd_b.schema_name]
    assert all(job["status"] == "succeeded" for job in task_queue.jobs.values())
    assert not PublishedItem.objects.filter(opd=opd_a, source_id=article.pk).exists()
    assert PublishedItem.objects.filter(opd=opd_b, source_id=kept.pk).exists()


def test_a_held_page_reads_ditahan_in_the_list(opd_a, in_opd, editor):
    from tests.guard.test_hold import SPAM_BODY

    with in_opd(opd_a):
        page = Page(title="Halaman titipan", slug="halaman-titipan", body=SPAM_BODY)
        assert publish_content(page).held
    listing = editor.get("/admin/pages/page/").content.decode()
    row = listing[listing.index("Halaman titipan") :].split("</tr>", 1)[0]
    assert "Ditahan" in row
