"""The one place where content apps plug into the platform.

Each content app (news, pages, ppid and those to come) registers a `ContentApp` in its
`AppConfig.ready()`. Shared code asks this registry what to seed on provisioning, what to index
on the portal, screen, audit, search, back up, count on the checklist and grant to which role;
it never names a content app. A new content type is listed in TENANT_APPS, routed in
portal/urls_tenant.py and registered here; no shared code changes.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class PublicIndex:
    """A public-schema table besides the portal index that the main domain reads for one kind of
    content (the pemda's DIP across OPDs, ppidutama.DipEntry). Written from the OPD's schema:
    by publishing on every save and delete, and anew by `rebuild_portal_index` (after a restore
    or an upgrade)."""

    # What `rebuild_portal_index` reports its row count under ("dip-pemda").
    key: str
    # After every save through publishing.publish_content(): write the item's row, or remove it
    # when the item is not (or no longer) published.
    saved: Callable[[Any], None]
    # After publishing.delete_content(), with the deleted item's primary key.
    deleted: Callable[[int], None]
    # Every row of the current OPD anew, from its own data; returns the number of rows.
    rebuild: Callable[[], int]


@dataclass(frozen=True)
class Publishable:
    """A kind of content citizens see once it is published (an article, a page, a DIP entry).

    Its model provides the guard protocol: `guard_kind`, `guard_publish_field`, `guard_html()`,
    `guard_is_published()` and `guard_set_published(published)`.
    """

    model: type[models.Model]
    label: str
    # The portal index entry of one published item (None: published but not shown, e.g. an
    # expired announcement), and every entry of the current OPD (to
    # rebuild the index); None when this kind is not shown on the main domain.
    index_entry: Callable[[Any], Any] | None = None
    index_entries: Callable[[], Iterable[Any]] | None = None
    # Items of this kind are the OPD's news: the portal's news page lists them and the console
    # counts them to tell how active an OPD is.
    is_news: bool = False
    # Other public-schema tables that hold this kind for the main domain (PublicIndex).
    public_indexes: tuple[PublicIndex, ...] = ()

    @property
    def kind(self) -> str:
        return self.model.guard_kind


@dataclass(frozen=True)
class ChecklistItem:
    """One item of the content checklist the console shows for every OPD, in `position` order."""

    key: str
    label: str
    position: int
    # Only OPDs that serve the public directly (dinas, badan, kecamatan, kelurahan) need it.
    service_units_only: bool = False
    # Where on the OPD admin it is done (a path, lazily reversed), shown to operators with
    # `permission` as a link from the to-do list of the OPD admin's first screen.
    admin_url: Any = ""
    permission: str = ""


@dataclass(frozen=True)
class OpennessFact:
    """One measured fact of the Skor Keterbukaan (the openness app), about the current OPD.

    `share` is how much of the indicator is met, from 0 to 1 (2 of the 3 DIP categories: 0.67);
    `detail` says in Indonesian what was counted ("12 dari 14 permohonan dijawab tepat waktu");
    `admin_url` (a path, may be lazy) is where on the OPD admin it is improved, shown to
    operators who hold `permission`.
    """

    share: float
    detail: str
    admin_url: Any = ""
    permission: str = ""


@dataclass(frozen=True)
class DashboardItem:
    """One line of the OPD admin's first screen: something an operator should do today."""

    label: str
    url: str
    count: int
    # Overdue, or near a legal deadline: shown first and marked.
    urgent: bool = False


@dataclass(frozen=True)
class PortalSection:
    """A section of the portal home on the main domain, across OPDs (services, agenda...).

    `items()` runs on the main domain, in the public schema: it reads a public-schema index
    (never an OPD schema, never a loop over schemas) in a fixed number of queries and returns at
    most a handful of items; an empty list hides the section. `template` renders `section` and
    `items`; `more_url` (a path, may be lazy) is where the whole list lives.
    """

    key: str
    title: str
    template: str
    items: Callable[[], list]
    position: int = 100
    more_url: Any = ""


@dataclass(frozen=True)
class MenuTarget:
    """A place an item of the OPD's menu (the navigation app) can point to."""

    # Stable across renames: "news:list", "pages:12" (a page's id, not its slug).
    key: str
    label: str
    url: str
    # The heading it is listed under in the operator's "Tujuan" dropdown ("Halaman", "PPID").
    group: str = ""
    # Where a new OPD's default menu puts it: "top" (a top item) or the key of one of the
    # default top groups of navigation.defaults ("profil", "informasi-publik", "publikasi"),
    # at `default_position` there; "" keeps it out of the default menu.
    default_parent: str = ""
    default_position: int = 0


@dataclass(frozen=True)
class MenuPlacement:
    """How a content app's form puts one of its targets in the OPD's menu ("Letak di menu" on
    the page form), registered by the app that owns the menu (navigation)."""

    # [(choice, label)]: "" (not in the menu), "top" (a top item) or a top item's id.
    choices: Callable[[], list[tuple[str, str]]]
    # The choice that describes where the target with this key is now.
    current: Callable[[str], str]
    # Put the target with this key there (or take it off the menu with "").
    place: Callable[[str, str], None]


_menu_placement: list[MenuPlacement] = []


def register_menu_placement(placement: MenuPlacement) -> None:
    _menu_placement[:] = [placement]


def menu_placement() -> MenuPlacement | None:
    return _menu_placement[0] if _menu_placement else None


@dataclass(frozen=True)
class RequestDesk:
    """How the pemda's PPID (PPID Utama, a shared app) reaches the PPID of an OPD: the content
    app that keeps an OPD's requests registers one. Every callable runs inside the OPD's schema
    (the caller sets it) and returns plain data: the caller never holds the OPD's models.

    - `submit(opd, submission_token, **applicant)` registers a request filed for that OPD at the
      portal and returns (number, tracking code); a double submit returns (number, None).
    - `receive(opd, pemda_number, received_at, due_date, note, by_name, **applicant)` registers
      a request forwarded by PPID Utama, with the pemda's clock, and returns its id.
    - `find(number, code)` returns the request's public facts (RequestFacts) when the tracking
      code is right, else None; `facts(request_id)` returns them by id.
    """

    submit: Callable[..., tuple[str, str | None]]
    receive: Callable[..., int]
    find: Callable[[str, str], Any]
    facts: Callable[[int], Any]


_request_desk: list[RequestDesk] = []


def register_request_desk(desk: RequestDesk) -> None:
    _request_desk[:] = [desk]


def request_desk() -> RequestDesk:
    if not _request_desk:
        raise LookupError("No content app registered a request desk.")
    return _request_desk[0]


@dataclass(frozen=True)
class HomeSection:
    """One section of the OPD's home page, which the operator shows, hides and orders on the
    admin's "Tata letak beranda" screen (homepage app).

    `context(request)` runs inside the OPD's schema on every uncached home page the section is
    shown on and returns what `template` needs, or None (or {}) when the section has nothing
    to show: then the section disappears for citizens and, when `todo_label` is set, the
    operators who hold `permission` read `todo_label` on their dashboard, linked to `admin_url`
    (a path, lazily reversed) where it is filled. Keep `context` to one query, or none: the home's
    query count is asserted. Its template reads the returned dict as `data`.

    `compact` sections (a short list, a box) may sit beside the next compact one on a wide
    screen, half the width each; the others always take the full width.

    `headline` sections compete for the headline area at the top of the page: the operator
    chooses one of them (pinned articles or a banner image), which is then shown first.

    Each content app registers its own sections in `ContentApp.home_sections`: news the
    headline (pinned articles), latest news and announcements; ppid the PPID box; homepage its
    banner, quick links, Sambutan Kepala and contact. The apps to come (issue #18) register
    theirs the same way, with no change to the homepage app: agenda its upcoming events, gallery
    a strip of photos, services quick links to the top services.
    """

    key: str
    # What the operator reads on "Tata letak beranda" (Indonesian).
    label: str
    template: str
    context: Callable[[Any], dict | None]
    position: int
    admin_url: Any = ""
    permission: str = ""
    todo_label: str = ""
    headline: bool = False
    compact: bool = False


@dataclass(frozen=True)
class ContentApp:
    label: str
    # The default roles (accounts.roles) that get every permission of this app. The Admin OPD
    # role always does.
    roles: tuple[str, ...] = ()
    # Permissions of this app only the Admin OPD role gets, whatever `roles` says.
    admin_only_permissions: tuple[str, ...] = ()
    publishables: tuple[Publishable, ...] = ()
    # Other models whose changes the audit log records (categories, officials, requests...).
    audited_models: tuple[type[models.Model], ...] = ()
    # Runs inside a new OPD's schema when it is provisioned.
    seed_defaults: Callable[[], None] | None = None
    # Adds demo content for one demo.catalogue.DemoOpd, inside its schema.
    seed_demo: Callable[[Any], None] | None = None
    # The checklist facts of the current OPD, recomputed whenever one of `checklist_models`
    # changes.
    checklist_items: tuple[ChecklistItem, ...] = ()
    checklist: Callable[[], dict[str, bool]] | None = None
    checklist_models: tuple[type[models.Model], ...] = ()
    # Records, inside the OPD's schema, other figures the console shows (PPID due dates) and
    # the pemda's records PPID Utama reads (ppidutama), anew: `rebuild_portal_index` runs it.
    record_summary: Callable[[], None] | None = None
    # A core.search.SearchSource: the app's share of the OPD's site search.
    search: Any = None
    # The app's sections of the OPD's home page (HomeSection).
    home_sections: tuple[HomeSection, ...] = ()
    # Permissions any of which lets an operator upload images through the rich-text editor.
    editor_permissions: tuple[str, ...] = ()
    # What the signed-in operator (called with the request) should do today in this app, for the
    # OPD admin's dashboard: new and overdue requests, drafts waiting for review... Items the
    # user may not act on are left out by the callable itself.
    dashboard_items: Callable[[Any], list[DashboardItem]] | None = None
    # Sections of the portal home across OPDs (the agenda of every OPD, their services...).
    portal_sections: tuple[PortalSection, ...] = ()
    # The places of this app an OPD's menu can point to (MenuTarget), read in the current
    # OPD's schema; whenever one of `menu_target_models` changes they are read again.
    menu_targets: Callable[[], list[MenuTarget]] | None = None
    menu_target_models: tuple[type[models.Model], ...] = ()
    # Links shown beside the phone menu button on every page, one tap away whatever the
    # operators do with the menu (PPID, a legal duty): MenuTargets computed without a query.
    menu_shortcuts: Callable[[], list[MenuTarget]] | None = None
    # The app's measured facts of the Skor Keterbukaan (OpennessFact by key, e.g. "dip_kategori"),
    # read inside the current OPD's schema when the OPD's score is computed.
    openness_facts: Callable[[], dict[str, "OpennessFact"]] | None = None


_apps: dict[str, ContentApp] = {}
_listeners: list[Callable[[ContentApp], None]] = []


def register(app: ContentApp) -> None:
    _apps[app.label] = app
    for listener in _listeners:
        listener(app)


def on_register(listener: Callable[[ContentApp], None]) -> None:
    """Call `listener` with every content app, registered already or later: shared apps connect
    their receivers this way, whatever the order of INSTALLED_APPS."""
    _listeners.append(listener)
    for app in list(_apps.values()):
        listener(app)


def content_apps() -> list[ContentApp]:
    return list(_apps.values())


def publishables() -> list[Publishable]:
    return [publishable for app in _apps.values() for publishable in app.publishables]


def publishable(kind: str) -> Publishable:
    for candidate in publishables():
        if candidate.kind == kind:
            return candidate
    raise LookupError(f"No content kind {kind!r} is registered.")


def publishable_for(model: type[models.Model]) -> Publishable | None:
    concrete = model._meta.concrete_model
    return next((p for p in publishables() if p.model is concrete), None)


def news_kinds() -> list[str]:
    return [publishable.kind for publishable in publishables() if publishable.is_news]


def kind_choices() -> list[tuple[str, str]]:
    """Choices of a field that stores a content kind (the portal index, the guard's holds)."""
    return [(publishable.kind, publishable.label) for publishable in publishables()]


def dashboard_items(request) -> list[DashboardItem]:
    """Every content app's to-do items for the signed-in operator, urgent ones first."""
    items = [
        item
        for app in _apps.values()
        if app.dashboard_items is not None
        for item in app.dashboard_items(request)
    ]
    return sorted(items, key=lambda item: not item.urgent)


def home_sections() -> list[HomeSection]:
    """Every registered home page section, in default position order."""
    sections = [section for app in _apps.values() for section in app.home_sections]
    return sorted(sections, key=lambda section: (section.position, section.key))


def checklist_items() -> list[ChecklistItem]:
    items = [item for app in _apps.values() for item in app.checklist_items]
    return sorted(items, key=lambda item: item.position)


def portal_sections() -> list[PortalSection]:
    sections = [section for app in _apps.values() for section in app.portal_sections]
    return sorted(sections, key=lambda section: section.position)


def menu_targets() -> list[MenuTarget]:
    return [
        target
        for app in _apps.values()
        if app.menu_targets is not None
        for target in app.menu_targets()
    ]


def menu_shortcuts() -> list[MenuTarget]:
    return [
        target
        for app in _apps.values()
        if app.menu_shortcuts is not None
        for target in app.menu_shortcuts()
    ]


def menu_target_models() -> list[type[models.Model]]:
    return [model for app in _apps.values() for model in app.menu_target_models]


def openness_facts() -> dict[str, OpennessFact]:
    """Every content app's measured Skor Keterbukaan facts about the current OPD."""
    facts: dict[str, OpennessFact] = {}
    for app in _apps.values():
        if app.openness_facts is not None:
            facts.update(app.openness_facts())
    return facts
