"""The OPD's FAQ (issue #18): /faq/ with native <details>, admin, search, sitemap, menu,
isolation between OPDs, hostile HTML and a fixed number of queries."""

import pytest

from accounts import roles
from audit.models import AuditEvent
from core import registry
from faq.models import FaqGroup, FaqItem
from guard.models import ContentHold
from tests.factories import make_operator
from tests.news.test_performance import real_queries

pytestmark = pytest.mark.django_db


def make_item(question="Apa syarat membuat KTP elektronik?", *, group=None, **fields):
    group = group or FaqGroup.objects.get_or_create(title="KTP elektronik", position=1)[0]
    fields.setdefault("answer", "<p>Membawa fotokopi <strong>Kartu Keluarga</strong>.</p>")
    item = FaqItem(group=group, question=question, **fields)
    item.save()
    return item


@pytest.fixture
def alpha_faq(opd_a, in_opd):
    with in_opd(opd_a):
        return make_item()


def html_of(response, status=200):
    assert response.status_code == status
    return response.content.decode()


def test_the_faq_page_groups_questions_in_details(alpha_faq, opd_a, in_opd, client_a):
    with in_opd(opd_a):
        other = FaqGroup.objects.create(title="Biaya", position=0)
        make_item("Apakah dipungut biaya?", group=other, answer="<p>Tidak, gratis.</p>")
        make_item("Draf tersembunyi", is_published=False)
        FaqGroup.objects.create(title="Kelompok kosong", position=5)
    html = html_of(client_a.get("/faq/"))
    assert f'<details class="faq__item" id="q-{alpha_faq.pk}">' in html
    assert "<summary>Apa syarat membuat KTP elektronik?</summary>" in html
    assert "<strong>Kartu Keluarga</strong>" in html
    assert html.index("Biaya") < html.index("KTP elektronik</h2>")
    assert "Draf tersembunyi" not in html
    assert "Kelompok kosong" not in html
    assert "<script" not in html.split("<main")[1].split("</main>")[0]


def test_an_empty_faq_says_so(client_a):
    assert "Belum ada pertanyaan" in html_of(client_a.get("/faq/"))


def test_hostile_answers_are_sanitised_when_saved(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        item = make_item(
            "Pertanyaan <b>berbahaya</b>",
            answer='<p onclick="alert(1)">Jawab<script>alert(2)</script>'
            '<a href="javascript:alert(3)">x</a><img src=x onerror=alert(4)></p>',
        )
        item.refresh_from_db()
    assert "script" not in item.answer and "onclick" not in item.answer
    assert "javascript:" not in item.answer and "onerror" not in item.answer
    html = html_of(client_a.get("/faq/"))
    assert "Pertanyaan &lt;b&gt;berbahaya&lt;/b&gt;" in html
    assert "alert(" not in html


def test_faq_is_found_by_the_site_search_with_its_anchor(alpha_faq, client_a):
    html = html_of(client_a.get("/cari/", {"q": "kartu keluarga"}))
    assert f'href="/faq/#q-{alpha_faq.pk}"' in html
    assert 'FAQ <span class="search-kinds__count">1</span>' in html
    only = html_of(client_a.get("/cari/", {"q": "ktp", "jenis": "faq"}))
    assert f"/faq/#q-{alpha_faq.pk}" in only
    assert "<mark>KTP</mark>" in only


def test_unpublished_questions_are_not_found(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_item("Pertanyaan rahasia draf", is_published=False)
    assert "Tidak ada hasil" in html_of(client_a.get("/cari/", {"q": "rahasia"}))


def test_the_sitemap_lists_the_faq_once_it_has_a_question(alpha_faq, client_a, client_b):
    assert "/faq/</loc>" in html_of(client_a.get("/sitemap.xml"))
    assert "/faq/" not in html_of(client_b.get("/sitemap.xml"))


def test_faq_is_a_menu_target_under_informasi_publik(opd_a, in_opd):
    with in_opd(opd_a):
        targets = [t for app in registry.content_apps() if app.menu_targets
                   for t in app.menu_targets() if t.key == "faq:list"]  # fmt: skip
    assert len(targets) == 1
    assert targets[0].url == "/faq/" and targets[0].default_parent == "informasi-publik"


# --- Isolation ---


def test_beta_never_sees_alphas_faq(alpha_faq, opd_b, in_opd, client_b):
    with in_opd(opd_b):
        group = FaqGroup.objects.create(title="Layanan beta", position=1)
        make_item("Jam buka kantor beta?", group=group, answer="<p>Pukul 08.00.</p>")
    html = html_of(client_b.get("/faq/"))
    assert "Jam buka kantor beta" in html and "KTP elektronik" not in html
    assert "Tidak ada hasil" in html_of(client_b.get("/cari/", {"q": "kartu keluarga"}))
    assert "Kartu Keluarga" not in html_of(client_b.get("/cari/", {"q": "ktp", "jenis": "faq"}))


def test_beta_admin_cannot_open_alphas_question(alpha_faq, opd_b, in_opd, client_b):
    with in_opd(opd_b):
        client_b.force_login(make_operator("kepala-beta", role=roles.ADMIN_OPD))
    response = client_b.get(f"/admin/faq/faqitem/{alpha_faq.pk}/change/")
    assert response.status_code in (302, 404)
    assert "KTP elektronik" not in response.content.decode()
    listing = html_of(client_b.get("/admin/faq/faqitem/"))
    assert "Apa syarat membuat KTP" not in listing


# --- Admin ---


def test_an_operator_adds_a_question_in_the_admin(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        group = FaqGroup.objects.create(title="Pendaftaran", position=1)
        client_a.force_login(make_operator("penulis", role=roles.OPERATOR_BERITA))
    form = html_of(client_a.get("/admin/faq/faqitem/add/"))
    assert "Pertanyaan" in form and "Tulis seperti warga bertanya" in form
    response = client_a.post(
        "/admin/faq/faqitem/add/",
        {
            "group": group.pk,
            "question": "Bagaimana mendaftar?",
            "answer": '<p onclick="x()">Datang ke loket 1.</p>',
            "position": 1,
            "is_published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    with in_opd(opd_a):
        item = FaqItem.objects.get(question="Bagaimana mendaftar?")
    assert item.is_published
    assert "onclick" not in item.answer and item.answer_text == "Datang ke loket 1."
    event = AuditEvent.objects.get(opd=opd_a, object_type="faq.FaqItem", object_id=str(item.pk))
    assert event.actor == "penulis" and "question" in event.changes
    assert "Bagaimana mendaftar?" in html_of(client_a.get("/faq/"))


SPAM_ANSWER = (
    '<p>Datang ke loket 1.</p><p><span style="font-size:0px">'
    '<a href="https://gacor88.example/">slot gacor maxwin</a></span></p>'
)


def test_an_answer_with_an_injected_link_is_held_not_published(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        group = FaqGroup.objects.create(title="Pendaftaran", position=1)
        client_a.force_login(make_operator("penulis", role=roles.OPERATOR_BERITA))
    response = client_a.post(
        "/admin/faq/faqitem/add/",
        {
            "group": group.pk,
            "question": "Bagaimana mendaftar?",
            "answer": SPAM_ANSWER,
            "position": 1,
            "is_published": "on",
        },
        follow=True,
    )
    html = html_of(response)
    assert "disimpan sebagai draf dan TIDAK diterbitkan" in html
    with in_opd(opd_a):
        item = FaqItem.objects.get(question="Bagaimana mendaftar?")
    assert not item.is_published and "gacor88.example" in item.answer  # kept, not shown
    hold = ContentHold.objects.get(opd=opd_a, kind="faq", object_id=item.pk)
    assert hold.is_open
    assert "Ditahan" in html_of(client_a.get("/admin/faq/faqitem/"))
    assert "Bagaimana mendaftar?" not in html_of(client_a.get("/faq/"))
    assert "Tidak ada hasil" in html_of(client_a.get("/cari/", {"q": "mendaftar"}))


def test_a_bad_admin_form_saves_nothing_and_says_why(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        client_a.force_login(make_operator("penulis", role=roles.OPERATOR_BERITA))
    for data in (
        {"question": "", "answer": "<p>x</p>", "position": 1},
        {"group": "999", "question": "Tanpa kelompok", "answer": "<p>x</p>", "position": 1},
        {"group": "", "question": "x" * 400, "answer": "", "position": "-1"},
    ):
        response = client_a.post("/admin/faq/faqitem/add/", data)
        assert response.status_code == 200
        assert "errornote" in response.content.decode()
    with in_opd(opd_a):
        assert not FaqItem.objects.exists()


def test_the_admin_is_in_indonesian(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        client_a.force_login(make_operator("kepala", role=roles.ADMIN_OPD))
    html = html_of(client_a.get("/admin/faq/faqgroup/add/"))
    assert "Judul kelompok" in html and "Urutan" in html


# --- Query count ---


def test_the_faq_page_costs_a_fixed_number_of_queries(
    opd_a, in_opd, client_a, django_assert_max_num_queries
):
    with in_opd(opd_a):
        for number in range(4):
            group = FaqGroup.objects.create(title=f"Kelompok {number}", position=number)
            for question in range(5):
                make_item(f"Pertanyaan {number}-{question}?", group=group)
    with django_assert_max_num_queries(16) as captured:
        html = html_of(client_a.get("/faq/"))
    assert html.count('class="faq__item"') == 20
    # Domain, scheduled publication, pemda identity, menu..., then groups and their questions.
    assert len(real_queries(captured)) <= 7, real_queries(captured)
