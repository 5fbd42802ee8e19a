"""Reading the OPD's menu (cached) and the writes that keep it right."""

from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import get_urlconf, set_urlconf

from core import pagecache, registry
from navigation.models import MenuItem

MENU_KEY = "navigation:menu"


def site_menu() -> list[dict]:
    """The current OPD's menu as citizens see it: top items in order, each with its `children`
    (a top item with children opens them; its own link, if any, is the first of them). One
    query when the cache is cold, none when warm."""
    menu = cache.get(MENU_KEY)
    if menu is None:
        menu = build_menu(
            MenuItem.objects.shown().values("pk", "parent_id", "label", "target_label", "href")
        )
        cache.set(MENU_KEY, menu, None)
    return menu


def build_menu(rows) -> list[dict]:
    rows = list(rows)
    children = {}
    for row in rows:
        if row["parent_id"] is not None and row["href"]:
            children.setdefault(row["parent_id"], []).append(_entry(row))
    menu = []
    for row in rows:
        if row["parent_id"] is not None:
            continue
        entry = {**_entry(row), "id": f"menu-{row['pk']}", "children": children.get(row["pk"], [])}
        if entry["children"] and entry["url"]:
            entry["children"] = [{"label": entry["label"], "url": entry["url"]}, *entry["children"]]
        if entry["children"] or entry["url"]:
            menu.append(entry)
    return menu


def _entry(row) -> dict:
    return {"label": row["label"] or row["target_label"], "url": row["href"]}


def forget_menu() -> None:
    """Retire the cached menu and the OPD's cached pages (which show it), now and on commit."""
    cache.delete(MENU_KEY)
    transaction.on_commit(lambda: cache.delete(MENU_KEY))
    pagecache.invalidate()


def resolve(item: MenuItem, targets: dict | None = None) -> None:
    """Set what `item` shows from its target (or custom link); not saved."""
    if item.url:
        item.href, item.target_label, item.is_available = item.url, "", True
    elif item.target:
        if targets is None:
            targets = targets_by_key()
        target = targets.get(item.target)
        item.is_available = target is not None
        if target is not None:
            item.href, item.target_label = target.url, str(target.label)
    else:
        item.href, item.target_label, item.is_available = "", "", True


@contextmanager
def opd_urls():
    """Targets are addresses on the OPD's site, also when they are read while Kominfo
    provisions an OPD from the console (a request on the main domain's URLconf)."""
    previous = get_urlconf()
    set_urlconf(settings.ROOT_URLCONF)
    try:
        yield
    finally:
        set_urlconf(previous)


def targets_by_key() -> dict:
    with opd_urls():
        return {target.key: target for target in registry.menu_targets()}


def refresh_targets() -> None:
    """Re-read every target (a page renamed, unpublished or deleted, a category renamed) into the
    items pointing at it."""
    targets = targets_by_key()
    changed = []
    for item in MenuItem.objects.exclude(target=""):
        before = (item.href, item.target_label, item.is_available)
        resolve(item, targets)
        if (item.href, item.target_label, item.is_available) != before:
            changed.append(item)
    if changed:
        MenuItem.objects.bulk_update(changed, ["href", "target_label", "is_available"])
    forget_menu()


@transaction.atomic
def move(item: MenuItem, *, up: bool) -> None:
    """Swap `item` with the sibling before (or after) it, numbering the siblings 10, 20, ..."""
    siblings = list(MenuItem.objects.filter(parent_id=item.parent_id).order_by("position", "pk"))
    index = next(number for number, sibling in enumerate(siblings) if sibling.pk == item.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    # One save per moved item (not bulk_update): the audit log records each new position.
    for number, sibling in enumerate(siblings, start=1):
        if sibling.position != number * 10:
            sibling.position = number * 10
            sibling.save(update_fields=["position"])
    forget_menu()


def shortcuts() -> list[dict]:
    """Links shown beside the phone Menu button (no query)."""
    return [{"label": target.label, "url": target.url} for target in registry.menu_shortcuts()]


def placement_choices() -> list[tuple[str, str]]:
    from django.utils.translation import gettext as _

    tops = MenuItem.objects.filter(parent=None)
    return [
        ("", _("Tidak tampil di menu")),
        ("top", _("Menu utama (sejajar Beranda)")),
        *(
            (str(top.pk), _("Di bawah “%s”") % top.display_label)
            for top in tops
            if top.is_heading or top.children.exists()
        ),
    ]


def current_place(key: str) -> str:
    item = MenuItem.objects.filter(target=key).first()
    if item is None:
        return ""
    return str(item.parent_id) if item.parent_id else "top"


@transaction.atomic
def place(key: str, choice: str) -> None:
    """Put the target `key` at the end of the top items or of a top item's children (kept where
    it is if it is there already), or take every item pointing at it off the menu."""
    items = MenuItem.objects.filter(target=key)
    if not choice:
        if items.exists():
            items.delete()
        return
    parent = None if choice == "top" else MenuItem.objects.get(pk=int(choice), parent=None)
    item = items.first() or MenuItem(target=key)
    if item.pk is not None and item.parent_id == (parent.pk if parent else None):
        return
    last = MenuItem.objects.filter(parent=parent).order_by("-position").first()
    item.parent = parent
    item.position = (last.position if last else 0) + 10
    resolve(item)
    item.save()
