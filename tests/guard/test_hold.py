"""Suspicious content is held as a draft (never lost, never published), reported to the OPD's
admins and Kominfo, and released or rejected by Kominfo in the console."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from accounts import roles
from guard import services as guard
from guard.models import AllowedLinkDomain, ContentHold
from mainsite.models import PublishedItem
from news.models import Article
from pages.models import Page
from ppid.models import PublicInformation
from publishing.services import publish_content
from tests.conftest import PASSWORD
from tests.factories import login_console, make_operator
from tests.news.factories import make_article

pytestmark = pytest.mark.django_db

SPAM_BODY = (
    '<p>Rapat koordinasi penanggulangan banjir.</p><p><span style="font-size:0px">'
    '<a href="https://gacor88.example/">slot gacor maxwin</a></span></p>'
)


def ppid_entry(**fields):
    values = {
        "number": "001",
        "title": "Laporan keuangan",
        "summary": "Ringkasan laporan",
        "holder": "Sekretariat",
        "responsible_person": "Sekretaris",
        "produced_when": "2025",
        "produced_where": "Kota Uji",
        "retention_period": "5 tahun",
        "year": 2025,
        "category": PublicInformation.Category.PERIODIC,
        **fields,
    }
    entry = PublicInformation(**values)
    publish_content(entry)
    return entry


@pytest.fixture
def kominfo(public_tenant):
    return get_user_model().objects.create_superuser("kominfo", "kominfo@example.org", PASSWORD)


@pytest.fixture
def opd_a_admin(opd_a, in_opd):
    with in_opd(opd_a):
        return make_operator("admin-a", role=roles.ADMIN_OPD, email="admin-a@example.org")


def test_a_published_article_with_an_injected_link_is_saved_as_a_draft_and_held(
    opd_a, in_opd, kominfo, opd_a_admin, django_capture_on_commit_callbacks, run_tasks
):
    with django_capture_on_commit_callbacks(execute=True), in_opd(opd_a):
        article = make_article("Rapat banjir", body=SPAM_BODY)
    assert run_tasks() == {"succeeded": 2}
    with in_opd(opd_a):
        article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert "gacor88.example" in article.body  # the operator's text is kept
    hold = ContentHold.objects.get(opd=opd_a, kind="article", object_id=article.pk)
    assert hold.is_open and hold.title == "Rapat banjir"
    assert {f["code"] for f in hold.findings} >= {"hidden_content", "external_link", "spam_link"}
    assert not PublishedItem.objects.filter(opd=opd_a, source_id=article.pk).exists()
    recipients = [sorted(message.to) for message in mail.outbox]
    # Every Admin OPD of alpha (the provisioned one too), then Kominfo.
    assert recipients == [
        ["admin-a@example.org", "admin@alpha.example.org"],
        ["kominfo@example.org"],
    ]
    assert all("Rapat banjir" in message.subject for message in mail.outbox)
    assert f"/admin/guard/contenthold/{hold.pk}/change/" in mail.outbox[1].body


@pytest.mark.parametrize(
    "href",
    ["https:///evil.example/", "/\\/evil.example/", "http:evil.example/", "https:evil.example/"],
)
def test_links_browsers_resolve_to_another_host_are_held_on_publish(opd_a, in_opd, href):
    """The sanitiser keeps these hrefs as written; the guard reads them as browsers do."""
    with in_opd(opd_a):
        article = make_article("Tautan", body=f'<p><a href="{href}">lihat</a></p>')
        article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    (hold,) = ContentHold.objects.filter(opd=opd_a, object_id=article.pk)
    assert "evil.example" in hold.findings[0]["message"]


def test_kominfo_alert_address_replaces_the_superusers(
    opd_a, in_opd, kominfo, settings, django_capture_on_commit_callbacks, run_tasks
):
    settings.KOMINFO_ALERT_EMAILS = ["csirt@kominfo.example.org"]
    with django_capture_on_commit_callbacks(execute=True), in_opd(opd_a):
        make_article("Spam", body=SPAM_BODY)
    run_tasks()
    assert mail.outbox[-1].to == ["csirt@kominfo.example.org"]


def test_clean_content_and_drafts_are_not_held(opd_a, in_opd):
    with in_opd(opd_a):
        clean = make_article("Bersih", body='<p><a href="https://bps.go.id/">BPS</a></p>')
        draft = make_article("Draf", body=SPAM_BODY, status=Article.Status.DRAFT)
        clean.refresh_from_db()
    assert clean.status == Article.Status.PUBLISHED
    assert not ContentHold.objects.filter(object_id__in=[clean.pk, draft.pk]).exists()


def test_pages_and_ppid_entries_are_held_as_unpublished(opd_a, in_opd):
    with in_opd(opd_a):
        page = Page(title="Profil", slug="profil-2", body=SPAM_BODY)
        publish_content(page)
        entry = ppid_entry(link="https://slot-resmi.example/laporan.pdf")
        page.refresh_from_db()
        entry.refresh_from_db()
    assert page.is_published is False and entry.is_published is False
    assert set(ContentHold.objects.values_list("kind", flat=True)) == {"page", "document"}


def test_a_link_kominfo_allows_is_not_held(opd_a, in_opd):
    AllowedLinkDomain.objects.create(domain="antaranews.com", note="Kantor berita")
    with in_opd(opd_a):
        entry = ppid_entry(link="https://www.antaranews.com/berita/1")
        entry.refresh_from_db()
    assert entry.is_published is True


def test_an_edit_that_injects_a_published_article_unpublishes_it(opd_a, in_opd):
    with in_opd(opd_a):
        article = make_article("Awal")
        article.body = SPAM_BODY
        outcome = publish_content(article)
        article.refresh_from_db()
    assert outcome.held and article.status == Article.Status.DRAFT
    assert not PublishedItem.objects.filter(opd=opd_a, source_id=article.pk).exists()


def test_the_opd_admin_sees_why_the_article_was_not_published(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        user = make_operator("penulis", role=roles.ADMIN_OPD)
        from news.models import Category

        category = Category.objects.get(slug="berita")
        client_a.force_login(user)
    response = client_a.post(
        "/admin/news/article/add/",
        {
            "title": "Berita dari admin",
            "slug": "",
            "category": category.pk,
            "summary": "Ringkasan",
            "body": SPAM_BODY,
            "cover_alt": "",
            "status": "published",
            "published_at_0": "2026-01-05",
            "published_at_1": "09:00:00",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "TIDAK diterbitkan" in page
    # One clear warning: no green "berhasil ditambahkan" beside it.
    assert "berhasil" not in page and "messagelist" in page
    with in_opd(opd_a):
        article = Article.objects.get(title="Berita dari admin")
    assert article.status == Article.Status.DRAFT
    again = client_a.get(f"/admin/news/article/{article.pk}/change/").content.decode()
    assert "menunggu pemeriksaan Kominfo" in again
    assert "Status: Ditahan" in again
    listing = client_a.get("/admin/news/article/").content.decode()
    row = listing[listing.index("Berita dari admin") :].split("</tr>", 1)[0]
    assert "Ditahan" in row and "Draf" not in row


def test_kominfo_releases_a_hold_and_the_content_is_published(
    opd_a, in_opd, kominfo, portal_client
):
    with in_opd(opd_a):
        article = make_article("Tautan mitra", body='<p><a href="https://mitra.example/">x</a></p>')
    hold = ContentHold.objects.get(object_id=article.pk, kind="article")
    login_console(portal_client, kominfo)
    response = portal_client.post(
        "/admin/guard/contenthold/",
        {"action": "release", "_selected_action": [hold.pk]},
        follow=True,
    )
    assert response.status_code == 200
    hold.refresh_from_db()
    assert hold.status == ContentHold.Status.RELEASED and hold.resolved_by == "kominfo"
    with in_opd(opd_a):
        article.refresh_from_db()
        assert article.status == Article.Status.PUBLISHED
        assert PublishedItem.objects.filter(opd=opd_a, source_id=article.pk).exists()
        # Saving exactly the reviewed content again keeps it published ...
        article.is_pinned = True
        publish_content(article)
        article.refresh_from_db()
        assert article.status == Article.Status.PUBLISHED
        # ... any new injection is held again.
        article.body += '<p><a href="https://lain.example/">y</a></p>'
        publish_content(article)
        article.refresh_from_db()
        assert article.status == Article.Status.DRAFT
    assert ContentHold.objects.filter(object_id=article.pk, status="ditahan").count() == 1


def test_the_console_shows_the_findings(opd_a, in_opd, kominfo, portal_client):
    with in_opd(opd_a):
        make_article("Spam", body=SPAM_BODY)
    hold = ContentHold.objects.get()
    login_console(portal_client, kominfo)
    page = portal_client.get(f"/admin/guard/contenthold/{hold.pk}/change/").content.decode()
    assert "gacor88.example" in page
    assert "http://alpha.localhost/admin/news/article/" in page


def test_a_rejected_hold_stays_a_draft(opd_a, in_opd):
    with in_opd(opd_a):
        article = make_article("Spam", body=SPAM_BODY)
    hold = ContentHold.objects.get()
    guard.reject_hold(hold=hold, by="kominfo")
    hold.refresh_from_db()
    assert hold.status == ContentHold.Status.REJECTED
    with in_opd(opd_a):
        article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_content_fixed_by_the_opd_settles_the_hold(opd_a, in_opd):
    with in_opd(opd_a):
        article = make_article("Spam", body=SPAM_BODY)
        article.body = "<p>Rapat koordinasi penanggulangan banjir.</p>"
        article.status = Article.Status.PUBLISHED
        publish_content(article)
        article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert ContentHold.objects.get().status == ContentHold.Status.CLEARED


def test_scan_content_finds_what_was_written_around_the_guard(opd_a, opd_b, in_opd):
    with in_opd(opd_a):
        article = make_article("Berita lama")
        # An injection straight into the database (SQL injection, a stolen DB password).
        Article.objects.filter(pk=article.pk).update(body=SPAM_BODY)
    with in_opd(opd_b):
        make_article("Berita bersih")

    call_command("scan_content", "--dry-run", stdout=(dry := _Output()))
    assert "alpha" in dry.text and "would hold" in dry.text and "hidden_content" in dry.text
    assert "(dry run)" in dry.text
    with in_opd(opd_a):
        article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED

    call_command("scan_content", "--slug", "alpha", stdout=(real := _Output()))
    assert "held" in real.text and "1 OPD scanned, 1 suspicious item(s), 1 held" in real.text
    with in_opd(opd_a):
        article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert ContentHold.objects.get().object_id == article.pk


class _Output:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass
