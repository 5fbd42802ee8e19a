"""The OPD's menu of pages, cached per OPD (one query when the cache is cold)."""

from django.core.cache import cache

from pages.models import Page

MENU_KEY = "pages:menu"


def menu_pages() -> list[dict]:
    items = cache.get(MENU_KEY)
    if items is None:
        items = [
            {"title": title, "url": f"/halaman/{slug}/", "slug": slug}
            for title, slug in Page.objects.in_menu().values_list("title", "slug")
        ]
        cache.set(MENU_KEY, items, None)
    return items


def forget_menu() -> None:
    cache.delete(MENU_KEY)
