"""Which query parameters of the home page can be an old address (`/?p=123`, `/?page_id=7`).

The home page ignores its query, so `/?p=123` would answer 200: the middleware looks it up
before the page. Links to the home with tracking parameters (`/?utm_source=wa`, `/?fbclid=`)
are common and mostly served from the page cache, so the lookup is made only when the request
carries a parameter that one of the OPD's old addresses on `/` starts with. Those names are kept
in the OPD's cache (tenant-keyed): one query when it is cold, none when warm, retired whenever a
redirect is saved, deleted or imported.
"""

from urllib.parse import parse_qsl, quote

from django.core.cache import cache
from django.db import connection, transaction

from redirects import paths
from redirects.models import Redirect

CACHE_KEY = "redirects:home-parameters"

# The first (sorted, encoded) parameter name of every old address on the home page: a request
# must carry it to match that address.
_NAMES = """
SELECT DISTINCT split_part(split_part(substr(old_path, 3), '&', 1), '=', 1)
FROM {table} WHERE old_path LIKE '/?%%'
"""


def parameter_names() -> frozenset[str]:
    names = cache.get(CACHE_KEY)
    if names is None:
        with connection.cursor() as cursor:
            cursor.execute(_NAMES.format(table=connection.ops.quote_name(Redirect._meta.db_table)))
            names = frozenset(row[0] for row in cursor.fetchall())
        cache.set(CACHE_KEY, names, None)
    return names


def may_be_an_old_address(query_string: str) -> bool:
    """Whether a home page request with `query_string` may match one of the OPD's redirects."""
    try:
        pairs = parse_qsl(
            query_string, keep_blank_values=True, max_num_fields=paths.MAX_QUERY_PARAMETERS
        )
    except ValueError:
        return False
    if not pairs:
        return False
    names = parameter_names()
    return any(quote(name, safe="") in names for name, _value in pairs)


def forget() -> None:
    """Retire the cached names, now and on commit (a request may read the old rows meanwhile)."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
