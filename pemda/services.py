"""The pemda's identity as every page shows it, read through the shared cache.

One entry for every host (an OPD's or the portal's), kept in `caches["shared"]` whose keys are
not tenant-keyed, and registered with the page cache as broadcast content: when the identity or
its links change the entry is deleted, its version changes with its content, and every cached
page of every OPD and of the portal, rendered with the old identity, stops being served.
"""

import hashlib
import json

from django.contrib.postgres.aggregates import ArrayAgg
from django.core.cache import caches
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import JSONObject
from django.urls import reverse

from pemda.models import IDENTITY_PK, CommonLink, PemdaIdentity

PEMDA_TIMEOUT = 3600
# A new field (a migration) changes the key, so a deploy never reads an entry of another shape.
_FIELDS_HASH = hashlib.sha256(
    ",".join(
        field.attname
        for model in (PemdaIdentity, CommonLink)
        for field in model._meta.concrete_fields
    ).encode()
).hexdigest()[:12]
PEMDA_KEY = f"pemda-identity:{_FIELDS_HASH}"
CONTENT_TYPES = {"svg": "image/svg+xml", "png": "image/png", "webp": "image/webp"}


def _load() -> dict:
    """What templates need of the identity (the statements' texts stay in the database: only
    their own pages read them)."""
    # One query, links included: a cold entry costs every page that renders it.
    identity = (
        PemdaIdentity.objects.filter(pk=IDENTITY_PK)
        .annotate(
            link_rows=ArrayAgg(
                JSONObject(title="links__title", url="links__url"),
                filter=Q(links__isnull=False),
                order_by=("links__order", "links__id"),
                default=Value([]),
            )
        )
        .first()
    )
    if identity is None:
        entry = {"name": "", "region_name": "", "links": [], "social_links": []}
    else:
        entry = {
            "name": identity.name,
            "region_name": identity.region_name,
            "address": identity.address,
            "phone": identity.phone,
            "email": identity.email,
            "portal_url": identity.portal_url,
            "map_url": identity.map_url,
            "lapor_url": identity.lapor_url,
            "social_links": identity.social_links,
            "links": [(row["title"], row["url"]) for row in identity.link_rows],
            "arms": identity.coat_of_arms.name,
            "has_privacy_statement": bool(identity.privacy_statement),
            "has_accessibility_statement": bool(identity.accessibility_statement),
            # Only the statements' own pages show their texts, but those pages are cached too:
            # an edited text must change the version.
            "statements": hashlib.sha256(
                f"{identity.privacy_statement}\0{identity.accessibility_statement}".encode()
            ).hexdigest()[:16],
        }
    digest = hashlib.sha256(json.dumps(entry, sort_keys=True, default=str).encode()).hexdigest()
    entry["version"] = digest[:16]
    if entry.get("arms"):
        entry["arms_url"] = f"{reverse('pemda_arms')}?v={entry['version']}"
    return entry


def current_pemda(stored: dict | None = None) -> dict:
    """The identity from the cache (or `stored`, read from it already); saving it clears it."""
    if stored is not None:
        return stored
    shared = caches["shared"]
    entry = shared.get(PEMDA_KEY)
    if entry is None:
        entry = _load()
        shared.set(PEMDA_KEY, entry, PEMDA_TIMEOUT)
    return entry


def pemda_version(stored: dict | None = None) -> str:
    """Changes whenever what pages show of the identity changes: cached pages record it."""
    return current_pemda(stored)["version"]


def forget_pemda(**kwargs) -> None:
    """Drop the cached identity now and once the change is committed (a request running
    meanwhile may have cached the old row)."""
    shared = caches["shared"]
    shared.delete(PEMDA_KEY)
    transaction.on_commit(lambda: shared.delete(PEMDA_KEY))


def current_identity() -> PemdaIdentity | None:
    return PemdaIdentity.objects.filter(pk=IDENTITY_PK).first()
