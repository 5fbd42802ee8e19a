"""Signed preview links: a draft or scheduled item as citizens will see it, for whoever holds
the link (an operator, or the head of the OPD asked to look), for a limited time.

The token names the kind of content, the item and the OPD's schema, signed with SECRET_KEY
(django.core.signing): it opens only that item, only on that OPD's hosts, and only until it
expires. Preview responses are never cached and never indexed (`preview_headers`).
"""

from django.core import signing
from django.db import connection

PREVIEW_MAX_AGE = 7 * 24 * 60 * 60  # seconds: a week to share the link and look
_SALT = "core.preview"


def make_token(kind: str, pk: int) -> str:
    return signing.dumps({"k": kind, "p": pk, "s": connection.schema_name}, salt=_SALT)


def read_token(token: str, kind: str) -> int | None:
    """The item's primary key if `token` is a valid, unexpired link to an item of `kind` of
    the OPD being served; otherwise None."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=PREVIEW_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is one
        return None
    if not isinstance(data, dict) or data.get("k") != kind:
        return None
    if data.get("s") != connection.schema_name or not isinstance(data.get("p"), int):
        return None
    return data["p"]


def preview_headers(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response
