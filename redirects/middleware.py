"""Answer an OPD site's old addresses with the 301 its redirects know (the URL contract's "any
other path").

Two kinds of request on an OPD's host, GET or HEAD, outside /admin/, cost one statement that
finds the best matching old address (redirects.paths), counts the hit and reads where a target
that is itself an old address leads (one hop, never more):

- a request whose response is a 404 (`/2019/05/03/judul/`, `/category/x/`, `/wp-content/...`);
- a request for the home page with a query string (WordPress' `/?p=123`, `/?page_id=7`,
  `/?cat=4`): the home ignores queries and would answer 200, so the lookup comes first, before
  the page cache (this middleware sits outside it), and only when a parameter of the request
  starts one of the OPD's old addresses on `/` (redirects.home: a cached set of names, so
  `/?utm_source=wa` costs no query).

Every other request passes through without a query: a normal page, the home page without a
query, a cached page.
"""

from django.core.exceptions import DisallowedRedirect, ValidationError
from django.db import connection
from django.http import HttpResponsePermanentRedirect
from django_tenants.utils import get_public_schema_name

from redirects import home, paths
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
    # Checked again: a row written around the validation (raw SQL, a bug) never sends a
    # visitor to `//evil.example` or `javascript:`.
    for target in row[::-1]:
        if target is None:
            continue
        try:
            return paths.normalise_target(target)
        except ValidationError:
            continue
    return None


class RedirectFallbackMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.may_redirect(request):
            return self.get_response(request)
        query_string = request.META.get("QUERY_STRING", "")
        if request.path_info == "/" and query_string:
            response = None
            if home.may_be_an_old_address(query_string):
                response = self.redirect(request, query_string)
            if response is not None:
                return response
            return self.get_response(request)
        response = self.get_response(request)
        if response.status_code == 404:
            return self.redirect(request, query_string) or response
        return response

    @staticmethod
    def may_redirect(request) -> bool:
        tenant = getattr(request, "tenant", None)
        return (
            request.method in ("GET", "HEAD")
            and tenant is not None
            and tenant.schema_name != get_public_schema_name()
        )

    @staticmethod
    def redirect(request, query_string):
        target = find_target(request.path_info, query_string)
        if target is None:
            return None
        try:
            return HttpResponsePermanentRedirect(target)
        except DisallowedRedirect:  # a target stored around the validation
            return None
