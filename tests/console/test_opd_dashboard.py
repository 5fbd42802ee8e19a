"""The OPD admin's first screen: what to do today, as links, with the activity status and how to
raise it; the app list below it."""

import pytest
from django.contrib.auth import get_user_model

from accounts import roles
from console.activity import checklist_items
from core import registry
from tenants.models import Opd
from tests.factories import make_operator
from tests.mainsite.helpers import index_article

pytestmark = pytest.mark.django_db


def operators_of_this_opd(request):
    """A dummy content app's to-do items, counted inside the current OPD's schema."""
    count = get_user_model().objects.filter(username__startswith="tamu").count()
    items = [registry.DashboardItem("Tamu menunggu persetujuan", "/admin/auth/user/", count)]
    if count > 1:
        items.append(registry.DashboardItem("Tamu lewat tenggat", "/admin/auth/user/", 1, True))
    return items


@pytest.fixture
def dummy_app(monkeypatch):
    app = registry.ContentApp(label="uji_dasbor", dashboard_items=operators_of_this_opd)
    monkeypatch.setitem(registry._apps, app.label, app)
    return app


def log_in(client, opd, in_opd, role, username="sari"):
    with in_opd(opd):
        client.force_login(make_operator(username, role=role))
    return client


def test_the_content_apps_items_are_links_urgent_first(
    dummy_app, opd_a, opd_b, in_opd, client_a, client_b
):
    with in_opd(opd_a):
        make_operator("tamu1", is_staff=False)
        make_operator("tamu2", is_staff=False)
    page = log_in(client_a, opd_a, in_opd, roles.ADMIN_OPD).get("/admin/").content.decode()
    assert "Yang perlu dikerjakan hari ini" in page
    urgent = page.index("<strong>Segera:</strong> Tamu lewat tenggat")
    waiting = page.index("Tamu menunggu persetujuan <span")
    assert urgent < waiting
    assert '<a href="/admin/auth/user/">Tamu menunggu persetujuan' in page
    assert "(2)" in page
    # OPD B counts its own schema: nothing of A's shows there.
    page_b = log_in(client_b, opd_b, in_opd, roles.ADMIN_OPD).get("/admin/").content.decode()
    assert 'Tamu menunggu persetujuan <span class="opd-dashboard-items__count">(0)' in page_b
    assert "Tamu lewat tenggat" not in page_b


def test_missing_content_items_link_to_where_each_is_done(opd_a, in_opd, client_a):
    admin = log_in(client_a, opd_a, in_opd, roles.ADMIN_OPD)
    page = admin.get("/admin/").content.decode()
    assert '<a href="/admin/pages/page/?slug=profil">Halaman Profil terisi</a>' in page
    assert '<a href="/admin/pages/official/">Struktur organisasi dengan daftar pejabat</a>' in page
    assert (
        '<a href="/admin/ppid/publicinformation/">'
        "Daftar Informasi Publik terisi untuk setiap kategori</a>"
    ) in page
    assert (
        '<a href="/admin/news/article/add/">Minimal satu berita dalam 90 hari terakhir</a>' in page
    )
    # Each link leads to a page that exists and shows the item's page.
    profile = admin.get("/admin/pages/page/?slug=profil")
    assert profile.status_code == 200
    assert profile.context["cl"].result_count == 1
    for url in ("/admin/pages/official/", "/admin/ppid/publicinformation/"):
        assert admin.get(url).status_code == 200


def test_items_a_role_cannot_do_are_plain_text(opd_a, in_opd, client_a):
    page = log_in(client_a, opd_a, in_opd, roles.OPERATOR_BERITA).get("/admin/").content.decode()
    assert "<li>Daftar Informasi Publik terisi untuk setiap kategori</li>" in page
    assert '<a href="/admin/pages/page/?slug=profil">' in page  # pages are theirs
    assert "Tulis berita" in page
    assert 'class="button opd-quick-post" href="/admin/news/article/cepat/"' in page
    assert "Identitas situs" not in page  # the Admin OPD's
    assert "#008000" not in page  # django-tenants' green captions of tenant apps


def test_a_ppid_officer_gets_no_write_news_button(opd_a, in_opd, client_a):
    page = log_in(client_a, opd_a, in_opd, roles.PETUGAS_PPID).get("/admin/").content.decode()
    assert "opd-write-news" not in page and "opd-quick-post" not in page
    assert "<li>Minimal satu berita dalam 90 hari terakhir</li>" in page
    assert '<a href="/admin/ppid/publicinformation/">' in page


def test_the_write_news_button_comes_first(opd_a, in_opd, client_a):
    page = log_in(client_a, opd_a, in_opd, roles.ADMIN_OPD).get("/admin/").content.decode()
    button = page.index('class="button default opd-write-news" href="/admin/news/article/add/"')
    assert button < page.index("Yang perlu dikerjakan hari ini") < page.index('id="content-main"')


def test_the_status_says_how_to_raise_it(opd_a, in_opd, client_a):
    admin = log_in(client_a, opd_a, in_opd, roles.ADMIN_OPD)
    page = admin.get("/admin/").content.decode()
    assert "Tidak aktif" in page
    assert "terbitkan berita minimal sekali dalam 30 hari" in page
    assert "lengkapi konten wajib hingga minimal 50%" in page

    index_article(opd_a, 1, "Kabar", days_ago=1)
    page = admin.get("/admin/").content.decode()
    assert "Kurang aktif" in page
    assert "terbitkan berita minimal" not in page
    assert "lengkapi konten wajib hingga minimal 50%" in page

    keys = {item.key: True for item in checklist_items()}
    Opd.objects.filter(pk=opd_a.pk).update(content_checklist=keys)
    page = admin.get("/admin/").content.decode()
    assert "activity-status--aktif" in page
    assert "Agar berstatus Aktif" not in page
    assert "Semua konten wajib sudah lengkap" in page


def test_identity_has_its_own_entry(opd_a, in_opd, client_a):
    admin = log_in(client_a, opd_a, in_opd, roles.ADMIN_OPD)
    page = admin.get("/admin/").content.decode()
    assert 'href="/admin/pages/page/identitas/"' in page
    assert "Identitas situs" in page
    # In the app list (and so in the side navigation of every page), not only under Halaman.
    other = admin.get("/admin/news/article/").content.decode()
    assert '<a href="/admin/pages/page/identitas/" class="section"' in other


def test_the_dashboard_runs_a_fixed_number_of_queries(
    dummy_app, opd_a, in_opd, client_a, django_assert_max_num_queries
):
    admin = log_in(client_a, opd_a, in_opd, roles.ADMIN_OPD)
    admin.get("/admin/")
    # Each query is preceded by its SET search_path here: 20 queries (session, user, settings,
    # activity, monthly counts, permissions x2, the dummy item, the news items x2, the PPID
    # items x2, the home page's to-do x4: its row, pinned articles, quick links, the Maklumat;
    # roles x2, whether a Maklumat exists (its add link), recent actions), whatever the number
    # of articles and requests.
    with django_assert_max_num_queries(40):
        response = admin.get("/admin/")
    assert response.status_code == 200
