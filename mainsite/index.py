"""Writing the portal's index of published content (PublishedItem, public schema).

OPD apps call these functions from their own schema whenever content is published, changed,
unpublished or deleted; the main domain then reads only the index.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.postgres.search import SearchVector
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone
from django_tenants.utils import get_public_schema_name

from core import pagecache
from core.tenancy import current_opd
from mainsite.models import PublishedItem
from tenants.models import Opd

PORTAL_VERSION_KEY = "portal-index-version"


@dataclass(frozen=True)
class IndexEntry:
    kind: str
    source_id: int
    title: str
    url: str
    published_at: datetime
    summary: str = ""
    image_url: str = ""
    category: str = ""
    category_slug: str = ""
    # An event's time (agenda); None for other kinds.
    starts_at: datetime | None = None
    ends_at: datetime | None = None


def _writing_opd() -> Opd:
    """The OPD whose schema is active: the index is always written from the OPD's side."""
    opd = current_opd()
    if opd is None:
        raise RuntimeError("The portal index is written from an OPD schema.")
    return opd


def index_item(entry: IndexEntry, *, opd: Opd | None = None) -> None:
    """Insert or update one item of the OPD's content in the portal index."""
    opd = opd or _writing_opd()
    item, _created = PublishedItem.objects.update_or_create(
        opd=opd,
        kind=entry.kind,
        source_id=entry.source_id,
        defaults={
            "title": entry.title[:300],
            "summary": entry.summary,
            "url": entry.url,
            "image_url": entry.image_url,
            "category": entry.category,
            "category_slug": entry.category_slug,
            "published_at": entry.published_at,
            "starts_at": entry.starts_at,
            "ends_at": entry.ends_at,
        },
    )
    _update_search_vectors(PublishedItem.objects.filter(pk=item.pk))
    bump_portal_version()


def unindex_item(*, kind: str, source_id: int, opd: Opd | None = None) -> None:
    """Remove an unpublished or deleted item from the portal index."""
    opd = opd or _writing_opd()
    deleted, _by_model = PublishedItem.objects.filter(
        opd=opd, kind=kind, source_id=source_id
    ).delete()
    if deleted:
        bump_portal_version()


@transaction.atomic
def replace_opd_index(opd: Opd, kind: str, entries: Iterable[IndexEntry]) -> int:
    """Rebuild the index rows of one kind for one OPD from its own content."""
    PublishedItem.objects.filter(opd=opd, kind=kind).delete()
    items = PublishedItem.objects.bulk_create(
        PublishedItem(
            opd=opd,
            kind=entry.kind,
            source_id=entry.source_id,
            title=entry.title[:300],
            summary=entry.summary,
            url=entry.url,
            image_url=entry.image_url,
            category=entry.category,
            category_slug=entry.category_slug,
            published_at=entry.published_at,
            starts_at=entry.starts_at,
            ends_at=entry.ends_at,
        )
        for entry in entries
    )
    _update_search_vectors(PublishedItem.objects.filter(opd=opd, kind=kind))
    bump_portal_version()
    return len(items)


def _update_search_vectors(queryset) -> None:
    queryset.update(
        search_vector=SearchVector("title", weight="A", config="indonesian")
        + SearchVector("summary", weight="B", config="indonesian")
        + SearchVector("category", weight="C", config="indonesian")
    )


def portal_version() -> int:
    """A number that changes whenever the index changes; part of the portal's page-cache keys."""
    return caches["shared"].get_or_set(PORTAL_VERSION_KEY, 1, timeout=None)


def next_scheduled_item() -> datetime | None:
    """When the next scheduled item appears on the portal by itself (page-cache provider)."""
    return (
        PublishedItem.objects.filter(published_at__gt=timezone.now())
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


def opd_changed(sender, **kwargs) -> None:
    """An OPD's name, logo, activity or address (its domains) shows on the portal's pages."""
    bump_portal_version()


def bump_portal_version() -> None:
    pagecache.invalidate(get_public_schema_name())
    shared = caches["shared"]
    try:
        shared.incr(PORTAL_VERSION_KEY)
    except ValueError:
        shared.set(PORTAL_VERSION_KEY, 2, timeout=None)
