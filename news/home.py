"""The news sections of the OPD's home page (core.registry.HomeSection): the headline of
pinned articles, the latest news and the announcements. One query each, only when shown."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.registry import HomeSection
from news.models import ANNOUNCEMENT_CATEGORY, Article

PINNED_COUNT = 3
LATEST_COUNT = 6
ANNOUNCEMENT_COUNT = 5


def _published():
    return Article.objects.published().for_listing()


def pinned(request) -> dict | None:
    articles = list(_published().filter(is_pinned=True)[:PINNED_COUNT])
    return {"lead": articles[0], "others": articles[1:]} if articles else None


def latest(request) -> dict | None:
    articles = list(
        _published()
        .filter(is_pinned=False)
        .exclude(category__slug=ANNOUNCEMENT_CATEGORY)[:LATEST_COUNT]
    )
    return {"articles": articles} if articles else None


def announcements(request) -> dict | None:
    articles = list(_published().filter(category__slug=ANNOUNCEMENT_CATEGORY)[:ANNOUNCEMENT_COUNT])
    return {"articles": articles} if articles else None


_ARTICLES = reverse_lazy("admin:news_article_changelist")

SECTIONS = (
    HomeSection(
        key="sorotan",
        label=_("Berita disematkan"),
        template="news/home/_headline.html",
        context=pinned,
        position=0,
        admin_url=_ARTICLES,
        permission="news.change_article",
        todo_label=_("Belum ada berita disematkan untuk judul utama beranda"),
        headline=True,
    ),
    HomeSection(
        key="berita",
        label=_("Berita terbaru"),
        template="news/home/_latest.html",
        context=latest,
        position=30,
        admin_url=reverse_lazy("admin:news_article_add"),
        permission="news.add_article",
    ),
    HomeSection(
        key="pengumuman",
        label=_("Pengumuman"),
        template="news/home/_announcements.html",
        context=announcements,
        compact=True,
        position=40,
        admin_url=reverse_lazy("admin:news_article_add"),
        permission="news.add_article",
    ),
)
