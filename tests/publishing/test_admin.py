"""The OPD admin saves and deletes publishable content through the publishing service."""

import pytest

from accounts import roles
from audit.models import AuditEvent
from mainsite.models import PublishedItem
from news.models import Article, Category
from tests.factories import make_operator
from tests.news.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_a(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        # Admin OPD publishes directly; an Operator Berita submits for review (tests/news).
        client_a.force_login(make_operator("redaktur", role=roles.ADMIN_OPD))
    return client_a


def deletions_of(pk):
    return AuditEvent.objects.filter(
        object_type="news.Article", object_id=str(pk), action=AuditEvent.Action.DELETE
    )


def test_an_article_saved_in_the_admin_is_published_on_the_portal(opd_a, in_opd, editor_a):
    with in_opd(opd_a):
        category = Category.objects.get(slug="berita")
    response = editor_a.post(
        "/admin/news/article/add/",
        {
            "title": "Posko banjir dibuka",
            "summary": "Posko di kantor kecamatan.",
            "body": "<p>Posko dibuka 24 jam.</p>",
            "category": category.pk,
            "status": Article.Status.PUBLISHED,
            "published_at_0": "2026-01-05",
            "published_at_1": "08:00:00",
        },
    )
    assert response.status_code == 302
    item = PublishedItem.objects.get(opd=opd_a, title="Posko banjir dibuka")
    event = AuditEvent.objects.get(object_type="news.Article", object_id=str(item.source_id))
    assert event.action == AuditEvent.Action.CREATE and event.actor == "redaktur"


def test_deleting_in_the_admin_removes_the_article_from_the_portal(opd_a, in_opd, editor_a):
    with in_opd(opd_a):
        article = make_article("Akan dihapus")
    assert PublishedItem.objects.filter(opd=opd_a, source_id=article.pk).exists()
    response = editor_a.post(f"/admin/news/article/{article.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not PublishedItem.objects.filter(opd=opd_a, source_id=article.pk).exists()
    assert deletions_of(article.pk).get().actor == "redaktur"


def test_the_bulk_delete_action_goes_through_the_service_for_each_article(opd_a, in_opd, editor_a):
    with in_opd(opd_a):
        articles = [make_article("Pertama"), make_article("Kedua")]
    response = editor_a.post(
        "/admin/news/article/",
        {
            "action": "delete_selected",
            "_selected_action": [article.pk for article in articles],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not PublishedItem.objects.filter(opd=opd_a).exists()
    for article in articles:
        assert deletions_of(article.pk).exists()
    with in_opd(opd_a):
        assert not Article.objects.filter(pk__in=[a.pk for a in articles]).exists()
