"""The audit log: who changed what, when and from where; each OPD sees only its own events."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from accounts import roles
from audit.models import AuditEvent
from news.models import Article, Category
from publishing.services import delete_content, publish_content
from tests.conftest import PASSWORD
from tests.factories import login_console, make_operator

pytestmark = pytest.mark.django_db

Action = AuditEvent.Action


@pytest.fixture
def admin_a(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        user = make_operator("kepala", role=roles.ADMIN_OPD)
        client_a.force_login(user)
    AuditEvent.objects.all().delete()  # leave the set-up's events out
    return client_a


def test_an_admin_change_is_recorded_with_actor_ip_and_changes(opd_a, in_opd, admin_a):
    response = admin_a.post(
        "/admin/news/category/add/",
        {"name": "Kesehatan", "slug": "kesehatan", "description": "", "order": 3},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=Action.CREATE)
    assert event.opd == opd_a
    assert event.actor == "kepala"
    assert event.ip_address == "203.0.113.9"
    assert event.object_type == "news.Category"
    assert event.object_repr == "Kesehatan"
    assert event.changes["name"] == [None, "Kesehatan"]

    with in_opd(opd_a):
        category = Category.objects.get(slug="kesehatan")
    admin_a.post(
        f"/admin/news/category/{category.pk}/delete/", {"post": "yes"}, REMOTE_ADDR="203.0.113.9"
    )
    deleted = AuditEvent.objects.get(action=Action.DELETE)
    assert (deleted.object_id, deleted.actor) == (str(category.pk), "kepala")


def test_publishing_and_unpublishing_are_named_as_such(opd_a, in_opd):
    with in_opd(opd_a):
        article = Article(
            title="Kabar", category=Category.objects.get(slug="berita"), body="<p>Isi</p>"
        )
        publish_content(article)
        article.status = Article.Status.PUBLISHED
        publish_content(article)
        article.title = "Kabar baru"
        publish_content(article)
        article.status = Article.Status.DRAFT
        publish_content(article)
        delete_content(article)
    actions = list(
        AuditEvent.objects.filter(object_type="news.Article")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        Action.CREATE,
        Action.PUBLISH,
        Action.CHANGE,
        Action.UNPUBLISH,
        Action.DELETE,
    ]
    change = AuditEvent.objects.get(object_type="news.Article", action=Action.CHANGE)
    assert change.changes == {"title": ["Kabar", "Kabar baru"]}
    assert change.actor == "system"  # no request: a command or the shell


def test_password_and_role_changes_never_store_the_password(opd_a, in_opd):
    with in_opd(opd_a):
        user = make_operator("sari")
        AuditEvent.objects.all().delete()
        user.set_password("Kata-Sandi-Baru-2026")
        user.save()
        user.groups.add(Group.objects.get(name=roles.PETUGAS_PPID))
        user.is_superuser = True
        user.save()
    password = AuditEvent.objects.get(action=Action.PASSWORD)
    assert password.changes == {"password": "(diubah)"}
    assert "md5$" not in str(password.changes) and "Kata-Sandi" not in str(password.changes)
    role, superuser = AuditEvent.objects.filter(action=Action.PERMISSION).order_by("pk")
    assert role.changes == {"groups": {"added": [roles.PETUGAS_PPID]}}
    assert superuser.changes == {"is_superuser": [False, True]}
    assert all(event.opd == opd_a for event in AuditEvent.objects.all())


def test_log_ins_and_failed_log_ins_are_recorded(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_operator("sari", role=roles.ADMIN_OPD)
    client_a.post("/admin/login/", {"username": "sari", "password": "salah"})
    client_a.post("/admin/login/", {"username": "sari", "password": PASSWORD})
    failed = AuditEvent.objects.get(action=Action.LOGIN_FAILED)
    assert (failed.actor, failed.opd, failed.ip_address) == ("sari", opd_a, "127.0.0.1")
    assert AuditEvent.objects.get(action=Action.LOGIN).actor == "sari"


def test_each_opd_admin_sees_only_its_own_events(opd_a, opd_b, in_opd, admin_a, client_b):
    with in_opd(opd_a):
        Category.objects.create(name="Rahasia Alpha", slug="rahasia-alpha")
    with in_opd(opd_b):
        Category.objects.create(name="Milik Beta", slug="milik-beta")
        client_b.force_login(make_operator("kepala-b", role=roles.ADMIN_OPD))
    event_a = AuditEvent.objects.get(object_repr="Rahasia Alpha")

    page_a = admin_a.get("/admin/log-audit/").content.decode()
    assert "Rahasia Alpha" in page_a and "Milik Beta" not in page_a
    assert admin_a.get(f"/admin/log-audit/{event_a.pk}/").status_code == 200

    page_b = client_b.get("/admin/log-audit/").content.decode()
    assert "Milik Beta" in page_b and "Rahasia Alpha" not in page_b
    assert client_b.get(f"/admin/log-audit/{event_a.pk}/").status_code == 404
    assert client_b.get("/admin/audit/auditevent/").status_code == 404


def test_only_the_opd_admin_reads_the_log(opd_a, in_opd):
    writer = Client(HTTP_HOST="alpha.localhost")
    with in_opd(opd_a):
        writer.force_login(make_operator("penulis", role=roles.OPERATOR_BERITA))
    assert writer.get("/admin/log-audit/").status_code == 403
    anonymous = Client(HTTP_HOST="alpha.localhost").get("/admin/log-audit/")
    assert anonymous.status_code == 302


def test_kominfo_sees_every_opds_events_and_its_own(opd_a, opd_b, in_opd, portal_client):
    kominfo = get_user_model().objects.create_superuser("kominfo", "k@example.org", PASSWORD)
    with in_opd(opd_a):
        Category.objects.create(name="Rahasia Alpha", slug="rahasia-alpha")
    with in_opd(opd_b):
        Category.objects.create(name="Milik Beta", slug="milik-beta")
    login_console(portal_client, kominfo)
    response = portal_client.post(
        "/admin/tenants/opd/", {"action": "deactivate", "_selected_action": [opd_b.pk]}
    )
    assert response.status_code == 302
    change = AuditEvent.objects.get(object_type="tenants.Opd", action=Action.CHANGE)
    assert (change.opd, change.actor) == (opd_b, "kominfo")
    assert change.changes == {"is_active": [True, False]}

    listing = portal_client.get("/admin/audit/auditevent/").content.decode()
    assert "Rahasia Alpha" in listing and "Milik Beta" in listing
    only_a = portal_client.get("/admin/audit/auditevent/", {"opd__id__exact": opd_a.pk})
    assert "Rahasia Alpha" in only_a.content.decode()
    assert "Milik Beta" not in only_a.content.decode()
    assert portal_client.get(f"/admin/audit/auditevent/{change.pk}/delete/").status_code == 403


def test_kominfo_acting_inside_an_opd_is_named_as_kominfo(opd_a, portal_client):
    kominfo = get_user_model().objects.create_superuser("kominfo", "k@example.org", PASSWORD)
    login_console(portal_client, kominfo)
    portal_client.post(
        f"/admin/tenants/opd/{opd_a.pk}/operator/",
        {"full_name": "Rina", "email": "rina@alpha.example.org", "role": roles.OPERATOR_BERITA},
    )
    created = AuditEvent.objects.get(object_repr="rina@alpha.example.org", action=Action.CREATE)
    assert (created.opd, created.actor) == (opd_a, "Kominfo/kominfo")
