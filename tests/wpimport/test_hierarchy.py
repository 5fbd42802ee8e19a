"""The WordPress page hierarchy, kept: each page under its WordPress parent."""

import pytest

from news.models import Article, Category
from pages.models import Page
from wpimport import services
from wpimport.models import ImportedItem
from wpimport.wxr import parse_export

from .test_wxr import minimal

pytestmark = pytest.mark.django_db


def page_item(post_id, title, *, parent=0, order=0, status="publish"):
    return f"""<item><title>{title}</title><wp:post_id>{post_id}</wp:post_id>
  <wp:post_name>{title.lower().replace(" ", "-")}</wp:post_name><wp:post_type>page</wp:post_type>
  <wp:status>{status}</wp:status><wp:post_parent>{parent}</wp:post_parent>
  <wp:menu_order>{order}</wp:menu_order><content:encoded><![CDATA[Isi {title}]]></content:encoded>
 </item>"""


def wxr(*items):
    return parse_export(minimal(items="".join(items)))


TREE = (
    page_item(12, "Layanan Kami", parent=10, order=2),  # a child before its parent in the file
    page_item(10, "Tentang Kami", order=1),
    page_item(11, "Sejarah Dinas", parent=10, order=1),
    page_item(13, "Masa Awal", parent=11),
    page_item(14, "Tahun Pertama", parent=13),  # a fourth level
    page_item(15, "Yatim", parent=999),  # a parent not in the export
)


def imported_pages() -> dict[str, Page]:
    ids = ImportedItem.objects.filter(wp_kind="page").values("target_pk")
    return {page.title: page for page in Page.objects.filter(pk__in=ids).select_related("parent")}


def parent_title(page):
    return page.parent.title if page.parent else None


def test_pages_are_filed_under_their_wordpress_parents(opd_a, in_opd):
    with in_opd(opd_a):
        report = services.run(wxr(*TREE), attachments={})
        pages = imported_pages()
    assert parent_title(pages["Tentang Kami"]) is None
    assert parent_title(pages["Sejarah Dinas"]) == "Tentang Kami"
    assert parent_title(pages["Layanan Kami"]) == "Tentang Kami"
    assert parent_title(pages["Masa Awal"]) == "Sejarah Dinas"
    assert parent_title(pages["Yatim"]) is None
    # Deeper than three levels: under the deepest page it may go under, and said so.
    assert parent_title(pages["Tahun Pertama"]) == "Sejarah Dinas"
    assert any("Tahun Pertama" in problem and "3 tingkat" in problem for problem in report.problems)
    assert not any("tidak bersusun" in problem for problem in report.problems)
    # Siblings keep their WordPress menu order.
    assert pages["Sejarah Dinas"].menu_order < pages["Layanan Kami"].menu_order


def test_importing_again_moves_a_page_to_its_new_parent(opd_a, in_opd):
    with in_opd(opd_a):
        services.run(wxr(*TREE), attachments={})
        moved = list(TREE)
        moved[3] = page_item(13, "Masa Awal", parent=12)
        report = services.run(wxr(*moved), attachments={})
        pages = imported_pages()
        assert parent_title(pages["Masa Awal"]) == "Layanan Kami"
        assert Page.objects.filter(title="Masa Awal").count() == 1
    assert report.updated["page"] >= 1


def test_a_dry_run_plans_the_tree_and_writes_nothing(opd_a, in_opd):
    with in_opd(opd_a):
        before = Page.objects.count()
        report = services.plan(wxr(*TREE), attachments={})
        assert Page.objects.count() == before
    assert report.created["page"] == len(TREE)
    assert not any("tidak bersusun" in problem for problem in report.problems)


def category(nicename, parent=""):
    return f"""<wp:category><wp:category_nicename>{nicename}</wp:category_nicename>
  <wp:category_parent>{parent}</wp:category_parent><wp:cat_name>{nicename.title()}</wp:cat_name>
 </wp:category>"""


def categories_wxr(*declared):
    return parse_export(minimal(channel_extra="".join(declared)))


def parents_of_categories() -> dict[str, str | None]:
    ids = ImportedItem.objects.filter(wp_kind="category").values("target_pk")
    found = Category.objects.filter(pk__in=ids).select_related("parent")
    return {c.slug: c.parent.slug if c.parent else None for c in found}


def test_categories_are_filed_under_their_parents_and_a_fourth_level_under_its_grandparent(
    opd_a, in_opd
):
    # A child declared before its parent, and four levels.
    tree = (category("layanan", "dinas"), category("dinas"), category("kesehatan", "layanan"),
            category("posyandu", "kesehatan"), category("yatim", "tidak-ada"))  # fmt: skip
    with in_opd(opd_a):
        report = services.run(categories_wxr(*tree), attachments={})
        parents = parents_of_categories()
    assert parents["dinas"] is None
    assert parents["layanan"] == "dinas"
    assert parents["kesehatan"] == "layanan"
    assert parents["posyandu"] == "layanan"
    assert parents["yatim"] is None
    assert any("Posyandu" in problem and "3 tingkat" in problem for problem in report.problems)


def test_importing_again_moves_a_category_to_its_new_parent(opd_a, in_opd):
    with in_opd(opd_a):
        services.run(
            categories_wxr(category("dinas"), category("layanan", "dinas")), attachments={}
        )
        report = services.run(
            categories_wxr(category("dinas", "layanan"), category("layanan")), attachments={}
        )
        assert parents_of_categories() == {"dinas": "layanan", "layanan": None}
    assert report.updated["category"] == 2


def test_a_dry_run_plans_nested_categories_and_writes_nothing(opd_a, in_opd):
    with in_opd(opd_a):
        before = Category.objects.count()
        report = services.plan(categories_wxr(category("dinas"), category("layanan", "dinas")))
        assert Category.objects.count() == before
    assert report.created["category"] == 2


def post_in(post_id, title, *nicenames):
    terms = "".join(
        f'<category domain="category" nicename="{name}"><![CDATA[{name.title()}]]></category>'
        for name in nicenames
    )
    return f"""<item><title>{title}</title><wp:post_id>{post_id}</wp:post_id>
  <wp:post_name>{title.lower().replace(" ", "-")}</wp:post_name><wp:post_type>post</wp:post_type>
  <wp:status>publish</wp:status>{terms}<content:encoded><![CDATA[Isi {title}]]></content:encoded>
 </item>"""


def test_a_post_under_a_category_and_its_parent_keeps_the_more_specific_one(opd_a, in_opd):
    declared = "".join((category("berita"), category("kegiatan", "berita"), category("lain")))
    export = parse_export(minimal(channel_extra=declared, items="".join((
        post_in(20, "Rapat Posyandu", "berita", "kegiatan"),
        post_in(21, "Dua Arah", "kegiatan", "lain"),
    ))))  # fmt: skip
    with in_opd(opd_a):
        report = services.run(export, attachments={})
        chosen = dict(Article.objects.values_list("title", "category__slug"))
    assert chosen["Rapat Posyandu"] == "kegiatan" and chosen["Dua Arah"] == "kegiatan"
    # Nothing lost with the parent (its page lists its subcategories' articles); only the
    # unrelated category is reported.
    assert not any("Rapat Posyandu" in problem for problem in report.problems)
    assert any("Dua Arah" in problem and "Kegiatan" in problem for problem in report.problems)
