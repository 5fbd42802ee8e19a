"""Answer an OPD site's 404s with the 301 its redirects know (the URL contract's "any other path").

Only a GET or HEAD request whose response is a 404, on an OPD's host, outside /admin/, costs
anything: one statement that finds the best matching old address (redirects.paths), counts the
hit and reads where a target that is itself an old address leads (one hop, never more). Every
other response passes through without a query.
"""

from django.core.exceptions import DisallowedRedirect
from django.db import connection
from django.http import HttpResponsePermanentRedirect
from django_tenants.utils import get_public_schema_name

from redirects import paths
from redirects.models import Redirect

# The best match counts the hit; a target that is itself an old address (and does not lead
# straight back) is followed once, so a chain made by hand costs the visitor one 301, not two.
_LOOKUP = """
WITH hit AS (
    UPDATE {table} SET hits = hits + 1, last_hit_at = now()
    WHERE id = (
        SELECT id FROM {table} WHERE old_path = ANY(%s)
        ORDER BY array_position(%s::text[], old_path::text) LIMIT 1
    )
    RETURNING old_path, target
)
SELECT hit.target, next.target
FROM hit LEFT JOIN {table} AS next ON next.old_path = hit.target AND next.target <> hit.old_path
"""


def find_target(path: str, query_string: str) -> str | None:
    """Where the old address `path`?`query_string` now leads, counting the hit; None if the OPD
    knows no such address."""
    candidates = paths.candidates(path, query_string)
    if not candidates:
        return None
    sql = _LOOKUP.format(table=connection.ops.quote_name(Redirect._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql, [candidates, candidates])
        row = cursor.fetchone()
    if row is None:
        return None
    first, following = row
    return following or first


class RedirectFallbackMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code != 404
            or request.method not in ("GET", "HEAD")
            or getattr(request, "tenant", None) is None
            or request.tenant.schema_name == get_public_schema_name()
        ):
            return response
        target = find_target(request.path, request.META.get("QUERY_STRING", ""))
        if target is None:
            return response
        try:
            return HttpResponsePermanentRedirect(target)
        except DisallowedRedirect:  # a target stored around the validation
            return response
