"""Publishing is one service: screen, save, hold or settle, index, invalidate, audit, in one
transaction, with e-mail after the commit."""

import pytest
from django.core import mail

from audit.models import AuditEvent
from core.models import OutgoingMail
from guard.models import ContentHold
from mainsite.models import PublishedItem
from news.models import Article, Category
from pages.models import Page
from publishing import services
from publishing.services import delete_content, publish_content

pytestmark = pytest.mark.django_db

SPAM_BODY = '<p>Info</p><p><a href="https://gacor88.example/">slot gacor maxwin</a></p>'


def new_article(title, **fields):
    return Article(title=title, category=Category.objects.get(slug="berita"), **fields)


def actions_for(article):
    return list(
        AuditEvent.objects.filter(object_type="news.Article", object_id=str(article.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_publishing_an_article_saves_indexes_and_audits_it(opd_a, in_opd):
    with in_opd(opd_a):
        article = new_article("Jembatan dibuka", body="<p>Isi</p>", status="published")
        outcome = publish_content(article)
    assert outcome.action == AuditEvent.Action.CREATE and not outcome.held
    assert PublishedItem.objects.filter(opd=opd_a, source_id=article.pk).exists()
    assert actions_for(article) == [AuditEvent.Action.CREATE]


def test_the_transition_names_the_audit_event_and_an_unchanged_save_writes_none(opd_a, in_opd):
    with in_opd(opd_a):
        article = new_article("Kabar", body="<p>Isi</p>")
        publish_content(article)
        article.status = Article.Status.PUBLISHED
        assert publish_content(article).action == AuditEvent.Action.PUBLISH
        assert publish_content(article).action is None
        article.status = Article.Status.DRAFT
        assert publish_content(article).action == AuditEvent.Action.UNPUBLISH
    assert actions_for(article) == [
        AuditEvent.Action.CREATE,
        AuditEvent.Action.PUBLISH,
        AuditEvent.Action.UNPUBLISH,
    ]
    assert not PublishedItem.objects.filter(opd=opd_a, source_id=article.pk).exists()


def test_a_hold_is_written_to_the_audit_log_and_its_mail_queued_with_it(
    opd_a, in_opd, run_tasks, task_queue
):
    with in_opd(opd_a):
        article = new_article("Rapat", body=SPAM_BODY, status="published")
        outcome = publish_content(article)
    assert mail.outbox == []  # nothing leaves in the request: the worker sends it
    assert outcome.held and article.status == Article.Status.DRAFT
    hold_event = AuditEvent.objects.get(object_id=str(article.pk), action=AuditEvent.Action.HOLD)
    assert set(hold_event.changes["findings"]) >= {"external_link", "spam_link"}
    assert hold_event.opd == opd_a
    assert ContentHold.objects.filter(opd=opd_a, object_id=article.pk).exists()
    queued = OutgoingMail.objects.filter(template__startswith="guard/email/hold_")
    assert {job["args"]["mail_id"] for job in task_queue.jobs.values()} == {
        message.pk for message in queued
    }
    run_tasks()
    assert any("Rapat" in message.subject for message in mail.outbox)


def test_a_failure_part_way_leaves_nothing_behind(opd_a, in_opd, monkeypatch):
    def broken_index(entry, **kwargs):
        raise RuntimeError("the index is unavailable")

    monkeypatch.setattr(services, "index_item", broken_index)
    with in_opd(opd_a), pytest.raises(RuntimeError):
        publish_content(new_article("Setengah jadi", body="<p>Isi</p>", status="published"))
    with in_opd(opd_a):
        assert not Article.objects.filter(title="Setengah jadi").exists()
    assert not AuditEvent.objects.filter(object_repr="Setengah jadi").exists()


def test_deleting_removes_the_index_entry_and_is_audited(opd_a, in_opd):
    with in_opd(opd_a):
        article = new_article("Dihapus", body="<p>Isi</p>", status="published")
        publish_content(article)
        pk = article.pk
        delete_content(article)
        assert not Article.objects.filter(pk=pk).exists()
    assert not PublishedItem.objects.filter(opd=opd_a, source_id=pk).exists()
    assert AuditEvent.objects.filter(object_id=str(pk), action=AuditEvent.Action.DELETE).exists()


def test_pages_go_through_the_same_service_without_a_portal_entry(opd_a, in_opd):
    with in_opd(opd_a):
        page = Page(title="Layanan", slug="layanan-baru", body="<p>Isi</p>")
        assert publish_content(page).action == AuditEvent.Action.CREATE
    assert not PublishedItem.objects.filter(opd=opd_a, kind="page").exists()


def test_publishing_in_one_opd_leaves_the_other_untouched(opd_a, opd_b, in_opd):
    with in_opd(opd_a):
        article = new_article("Hanya alpha", body="<p>Isi</p>", status="published", pk=9100)
        publish_content(article)
    with in_opd(opd_b):
        assert not Article.objects.filter(pk=9100).exists()
    assert not PublishedItem.objects.filter(opd=opd_b).exists()
    assert AuditEvent.objects.get(object_id="9100").opd == opd_a


def test_only_registered_content_can_be_published(opd_a, in_opd):
    with in_opd(opd_a), pytest.raises(LookupError):
        publish_content(Category(name="Bukan konten", slug="bukan"))
