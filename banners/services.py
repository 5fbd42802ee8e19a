"""The emergency banners every page shows, read through the shared cache (no query per request)."""

import hashlib
from datetime import datetime

from django.core.cache import caches
from django.db import transaction
from django.utils import timezone
from django_tenants.utils import get_public_schema_name

from banners.models import EmergencyBanner

BANNERS_KEY = "emergency-banners"
BANNERS_TIMEOUT = 3600
# The most severe first (the levels' values do not sort that way).
SEVERITY = {
    EmergencyBanner.Level.DANGER: 0,
    EmergencyBanner.Level.WARNING: 1,
    EmergencyBanner.Level.INFO: 2,
}


def _banner_key(banner: dict) -> str:
    """The banner's id and a digest of what it says: a visitor who dismissed it sees it again
    once it is edited (static/js/banners.js remembers this key)."""
    said = "|".join((banner["level"], banner["text"], banner["link"], str(banner["everywhere"])))
    return f"{banner['id']}-{hashlib.sha256(said.encode()).hexdigest()[:10]}"


def _stored_banners(stored: list[dict] | None) -> list[dict]:
    """Every banner not yet expired, from the cache (or `stored`, read from it already); a
    change to any banner clears it."""
    if stored is not None:
        return stored
    shared = caches["shared"]
    banners = shared.get(BANNERS_KEY)
    if banners is None:
        now = timezone.now()
        rows = (
            EmergencyBanner.objects.filter(expires_at__gt=now)
            .order_by("-starts_at")
            .values(
                "id",
                "level",
                "text",
                "link",
                "everywhere",
                "starts_at",
                "expires_at",
                "issued_by__name",
                "issued_by__schema_name",
            )
        )
        public = get_public_schema_name()
        banners = [
            {
                **row,
                "key": _banner_key(row),
                "from_kominfo": row["issued_by__schema_name"] == public,
            }
            for row in sorted(rows, key=lambda row: SEVERITY.get(row["level"], 9))
        ]
        shared.set(BANNERS_KEY, banners, BANNERS_TIMEOUT)
    return banners


def _showing(stored: list[dict] | None = None) -> list[dict]:
    now = timezone.now()
    return [b for b in _stored_banners(stored) if b["starts_at"] <= now < b["expires_at"]]


def current_banners(schema_name: str) -> list[dict]:
    """Banners to show now on the site of `schema_name` ("public": the portal): broadcasts
    everywhere, an OPD's local banner only on its own site."""
    return [
        banner
        for banner in _showing()
        if banner["everywhere"] or banner["issued_by__schema_name"] == schema_name
    ]


def banners_version(stored: list[dict] | None = None) -> str:
    """Changes whenever a banner shown anywhere appears, ends or is edited: cached pages record
    it."""
    return ",".join(banner["key"] for banner in _showing(stored))


def next_banner_change(stored: list[dict] | None = None) -> datetime | None:
    """When a stored banner next appears or ends: a shared cache keeps no page past it."""
    now = timezone.now()
    moments = [
        moment
        for banner in _stored_banners(stored)
        for moment in (banner["starts_at"], banner["expires_at"])
        if moment > now
    ]
    return min(moments, default=None)


def forget_banners(**kwargs) -> None:
    """Drop the cached list now and once the change is committed (a request running meanwhile
    may have cached the old rows, and the accelerator fetches pages again right after it)."""
    caches["shared"].delete(BANNERS_KEY)
    transaction.on_commit(lambda: caches["shared"].delete(BANNERS_KEY))
