"""The editorial workflow in the OPD admin: submit for review, approve, send back with a note,
the OPD's switch to publish without review, and what each role sees on the dashboard."""

import pytest

from accounts import roles
from core import registry
from core.models import OutgoingMail
from mainsite.models import PublishedItem
from news import dashboard as news_dashboard
from news.models import Article, Category
from tests.factories import make_operator
from tests.news.factories import make_article

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/news/article/add/"


def article_form(category, **fields):
    return {
        "title": "Jembatan desa selesai diperbaiki",
        "category": category.pk,
        "summary": "Jembatan kembali dapat dilalui.",
        "body": "<p>Perbaikan selesai lebih cepat.</p>",
        "cover_alt": "",
        "published_at_0": "2026-01-05",
        "published_at_1": "08:00:00",
        **fields,
    }


@pytest.fixture
def people(opd_a, in_opd):
    with in_opd(opd_a):
        author = make_operator("penulis", role=roles.OPERATOR_BERITA, email="penulis@example.org")
        editor = make_operator("kepala", role=roles.ADMIN_OPD, email="kepala@example.org")
        category = Category.objects.get(slug="berita")
    return author, editor, category


def mails(opd, in_opd, template):
    with in_opd(opd):
        return list(OutgoingMail.objects.filter(template=template))


def test_an_operator_submits_and_the_admin_opd_approves(opd_a, in_opd, client_a, people):
    author, editor, category = people
    with in_opd(opd_a):
        client_a.force_login(author)
    # The operator cannot publish by posting a status: it is not part of their form.
    response = client_a.post(ADD_URL, article_form(category, status="published", _ajukan="1"))
    assert response.status_code == 302
    with in_opd(opd_a):
        article = Article.objects.get()
    assert article.status == Article.Status.REVIEW
    assert not PublishedItem.objects.filter(opd=opd_a).exists()
    [request_mail] = mails(opd_a, in_opd, "news/email/review_requested")
    assert "kepala@example.org" in request_mail.to
    assert "penulis@example.org" not in request_mail.to
    assert f"/admin/news/article/{article.pk}/change/" in request_mail.body
    assert client_a.get("/berita/jembatan-desa-selesai-diperbaiki/").status_code == 404

    with in_opd(opd_a):
        client_a.force_login(editor)
    page = client_a.get(f"/admin/news/article/{article.pk}/change/").content.decode()
    assert "Setujui dan terbitkan" in page and "Kembalikan ke penulis" in page
    assert "Status: Menunggu tinjauan" in page
    response = client_a.post(
        f"/admin/news/article/{article.pk}/change/",
        article_form(category, status="review", review_note="", _setujui="1"),
    )
    assert response.status_code == 302
    with in_opd(opd_a):
        article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert PublishedItem.objects.filter(opd=opd_a, source_id=article.pk).exists()
    [published_mail] = mails(opd_a, in_opd, "news/email/published")
    assert published_mail.to == ["penulis@example.org"]
    client_a.logout()
    assert client_a.get("/berita/jembatan-desa-selesai-diperbaiki/").status_code == 200


def test_sending_back_needs_a_note_the_author_then_reads(opd_a, in_opd, client_a, people):
    author, editor, category = people
    with in_opd(opd_a):
        article = make_article("Perlu diperbaiki", status=Article.Status.REVIEW, author=author)
    url = f"/admin/news/article/{article.pk}/change/"
    with in_opd(opd_a):
        client_a.force_login(editor)
    form = article_form(category, title="Perlu diperbaiki", status="review", _kembalikan="1")
    response = client_a.post(url, {**form, "review_note": "  "})
    assert response.status_code == 200
    assert "Tulis catatan untuk penulis" in response.content.decode()
    with in_opd(opd_a):
        article.refresh_from_db()
    assert article.status == Article.Status.REVIEW

    response = client_a.post(url, {**form, "review_note": "Tambahkan tanggal kegiatan."})
    assert response.status_code == 302
    with in_opd(opd_a):
        article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.review_note == "Tambahkan tanggal kegiatan."
    [mail] = mails(opd_a, in_opd, "news/email/sent_back")
    assert mail.to == ["penulis@example.org"] and "Tambahkan tanggal kegiatan." in mail.body

    with in_opd(opd_a):
        client_a.force_login(author)
    page = client_a.get(url).content.decode()
    assert "Tambahkan tanggal kegiatan." in page and "Dikembalikan" in page
    assert "Ajukan untuk ditinjau" in page


def test_the_dashboard_counts_what_waits_for_each_role(opd_a, in_opd, rf, people):
    author, editor, _category = people
    with in_opd(opd_a):
        make_article("Menunggu satu", status=Article.Status.REVIEW, author=author)
        make_article("Menunggu dua", status=Article.Status.REVIEW, author=author)
        make_article(
            "Kembali", status=Article.Status.DRAFT, author=author, review_note="Perbaiki judul."
        )
        request = rf.get("/admin/")
        request.user = editor
        editor_items = registry.dashboard_items(request)
        request.user = author
        author_items = registry.dashboard_items(request)
    [waiting] = [item for item in editor_items if "tinjauan" in item.label]
    assert waiting.label == "2 berita menunggu tinjauan" and waiting.count == 2
    assert waiting.url == "/admin/news/article/?tinjauan=menunggu"
    assert not [item for item in author_items if "tinjauan" in item.label]
    [returned] = [item for item in author_items if "dikembalikan" in item.label]
    assert returned.label == "1 draf Anda dikembalikan"
    assert f"author__id__exact={author.pk}" in returned.url


def test_the_dashboard_links_filter_the_list(opd_a, in_opd, client_a, people):
    author, editor, _category = people
    with in_opd(opd_a):
        make_article("Menunggu", status=Article.Status.REVIEW, author=author)
        make_article("Sudah terbit", author=author)
    with in_opd(opd_a):
        client_a.force_login(editor)
    page = client_a.get("/admin/news/article/?tinjauan=menunggu").content.decode()
    assert "Menunggu" in page and "Sudah terbit" not in page


def test_an_opd_without_review_lets_operators_publish(opd_a, in_opd, client_a, people, review_off):
    author, _editor, category = people
    with in_opd(opd_a):
        client_a.force_login(author)
    page = client_a.get(ADD_URL).content.decode()
    assert "Ajukan untuk ditinjau" not in page and 'name="_terbitkan"' in page
    response = client_a.post(ADD_URL, article_form(category, status="draft", _terbitkan="1"))
    assert response.status_code == 302
    with in_opd(opd_a):
        assert Article.objects.get().status == Article.Status.PUBLISHED


def test_the_opd_admin_switches_review_off_in_its_settings(opd_a, in_opd, client_a, people):
    _author, editor, _category = people
    with in_opd(opd_a):
        client_a.force_login(editor)
    page = client_a.get("/admin/pages/page/identitas/").content.decode()
    assert 'name="require_article_review"' in page


def test_review_in_one_opd_is_invisible_in_another(opd_a, opd_b, in_opd, rf, client_b, people):
    author, _editor, _category = people
    with in_opd(opd_a):
        make_article("Rahasia A", status=Article.Status.REVIEW, author=author, pk=5151)
    with in_opd(opd_b):
        editor_b = make_operator("kepala", role=roles.ADMIN_OPD, pk=author.pk)
        request = rf.get("/admin/")
        request.user = editor_b
        # The news app's own items (the home page's to-do of an empty OPD is another matter).
        assert news_dashboard.dashboard_items(request) == []
        assert not Article.objects.filter(pk=5151).exists()
    with in_opd(opd_b):
        client_b.force_login(editor_b)
    assert client_b.get("/admin/news/article/5151/change/").status_code == 302
    assert "Rahasia A" not in client_b.get("/admin/news/article/").content.decode()


def test_an_operator_cannot_approve_by_posting_the_button(opd_a, in_opd, client_a, people):
    author, _editor, category = people
    with in_opd(opd_a):
        article = make_article("Belum boleh", status=Article.Status.REVIEW, author=author)
        client_a.force_login(author)
    response = client_a.post(
        f"/admin/news/article/{article.pk}/change/",
        article_form(category, title="Belum boleh", _setujui="1"),
    )
    assert response.status_code == 403
    with in_opd(opd_a):
        article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def test_each_step_is_in_the_audit_log(opd_a, in_opd, people):
    from audit.models import AuditEvent
    from news import workflow

    author, editor, _category = people
    with in_opd(opd_a):
        article = make_article("Diaudit", status=Article.Status.DRAFT, author=author)
        workflow.submit_for_review(article=article, by=author)
        workflow.send_back(article=article, by=editor, note="Lengkapi sumber.")
        workflow.submit_for_review(article=article, by=author)
        workflow.approve(article=article, by=editor)
        reasons = list(article.history.values_list("history_change_reason", flat=True))
    events = AuditEvent.objects.filter(object_id=str(article.pk), opd=opd_a).order_by("pk")
    statuses = [event.changes.get("status") for event in events if "status" in event.changes]
    assert statuses[-4:] == [
        ["draft", "review"],
        ["review", "draft"],
        ["draft", "review"],
        ["review", "published"],
    ]
    assert events.last().action == AuditEvent.Action.PUBLISH
    sent_back = [event for event in events if "review_note" in event.changes]
    assert sent_back[0].changes["review_note"] == ["", "Lengkapi sumber."]
    assert reasons[:4] == [
        "Disetujui dan diterbitkan",
        "Diajukan untuk ditinjau",
        "Dikembalikan ke penulis",
        "Diajukan untuk ditinjau",
    ]


def test_where_news_is_reviewed_operators_cannot_change_what_is_out(
    opd_a, in_opd, client_a, people
):
    author, _editor, category = people
    with in_opd(opd_a):
        article = make_article("Sudah terbit", author=author)
        client_a.force_login(author)
    url = f"/admin/news/article/{article.pk}/change/"
    page = client_a.get(url).content.decode()
    assert 'name="_save"' not in page and "Sudah terbit" in page
    response = client_a.post(url, article_form(category, title="Diubah diam-diam"))
    assert response.status_code == 403
    assert (
        client_a.post(f"/admin/news/article/{article.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    with in_opd(opd_a):
        article.refresh_from_db()
    assert article.title == "Sudah terbit"
