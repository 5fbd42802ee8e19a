"""What one WordPress site's export holds, as wpimport.wxr reads it: frozen dataclasses."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


class WxrError(ValueError):
    """The file is not one WordPress site's export; the message is for the operator."""


@dataclass(frozen=True)
class Site:
    title: str
    link: str
    description: str
    language: str
    base_site_url: str
    base_blog_url: str
    wxr_version: str

    @property
    def base_url(self) -> str:
        """The site's own address (a subsite's, not its network's)."""
        return self.base_blog_url or self.link or self.base_site_url


@dataclass(frozen=True)
class Author:
    login: str
    display_name: str


@dataclass(frozen=True)
class Category:
    nicename: str
    name: str  # WordPress stores term names HTML-escaped ("&amp;"): read back as text
    parent: str  # the parent's nicename, "" at the top
    description: str = ""


@dataclass(frozen=True)
class Tag:
    slug: str
    name: str


@dataclass(frozen=True)
class Term:
    """A term of another taxonomy (`wp:term`, WXR 1.2): menus, post formats, custom taxonomies."""

    taxonomy: str
    slug: str
    name: str
    parent: str = ""


@dataclass(frozen=True)
class ItemTerm:
    domain: str  # "category", "post_tag", or another taxonomy
    nicename: str
    name: str


@dataclass(frozen=True)
class Item:
    post_id: int
    guid: str
    title: str
    slug: str
    link: str
    post_type: str  # "post", "page", "attachment" or "other"
    wp_post_type: str  # as exported: "nav_menu_item", "wp_block"…
    status: str  # as exported: publish, future, draft, pending, private, trash, inherit…
    post_date: datetime | None  # aware
    modified: datetime | None  # aware
    author: str  # login
    content: str
    excerpt: str
    parent_id: int | None
    menu_order: int
    is_sticky: bool
    has_password: bool  # password-protected: treat as private (the password is not kept)
    terms: tuple[ItemTerm, ...]
    postmeta: Mapping[str, str] = field(default_factory=dict)
    attachment_url: str = ""
    approved_comments: int = 0
    other_comments: int = 0

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(term.nicename for term in self.terms if term.domain == "category")

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(term.nicename for term in self.terms if term.domain == "post_tag")

    @property
    def thumbnail_id(self) -> int | None:
        return whole_number(self.postmeta.get("_thumbnail_id", "")) or None

    @property
    def attached_file(self) -> str:
        return self.postmeta.get("_wp_attached_file", "")

    @property
    def image_alt(self) -> str:
        return self.postmeta.get("_wp_attachment_image_alt", "")


@dataclass(frozen=True)
class WxrExport:
    site: Site
    authors: tuple[Author, ...]
    categories: tuple[Category, ...]
    tags: tuple[Tag, ...]
    terms: tuple[Term, ...]
    items: tuple[Item, ...]
    problems: tuple[str, ...]  # what was read but is doubtful (Indonesian)

    def of_type(self, post_type: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.post_type == post_type)

    def parents_first(self, post_type: str = "page") -> tuple[Item, ...]:
        """The items of `post_type` ordered so that each comes after its parent (an export
        lists them by id), by menu order among siblings. An item whose parent is missing,
        of another type, or part of a loop is placed at the top level."""
        items = self.of_type(post_type)
        by_id = {item.post_id: item for item in items}

        def top_level(item: Item) -> bool:
            seen = {item.post_id}
            parent = by_id.get(item.parent_id)
            while parent is not None:
                if parent.post_id in seen:
                    return True
                seen.add(parent.post_id)
                parent = by_id.get(parent.parent_id)
            return item.parent_id not in by_id

        children: dict[int | None, list[Item]] = {}
        for item in items:
            children.setdefault(None if top_level(item) else item.parent_id, []).append(item)
        ordered: list[Item] = []
        pending = sorted(children.get(None, []), key=lambda i: (i.menu_order, i.post_id))
        while pending:
            item = pending.pop(0)
            ordered.append(item)
            pending[:0] = sorted(
                children.get(item.post_id, []), key=lambda i: (i.menu_order, i.post_id)
            )
        return tuple(ordered)


def whole_number(value: str) -> int:
    """A number as WordPress writes it ("12", " 12 "); 0 for anything else."""
    try:
        return int(value.strip())
    except (ValueError, AttributeError):
        return 0
