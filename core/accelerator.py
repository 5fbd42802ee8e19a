"""The HTTP accelerator (Varnish, deploy/varnish/default.vcl) in front of the web nodes.

Off unless ACCELERATOR_URLS names at least one Varnish. When on, the pages the page cache stores
(`core.pagecache.cache_anonymous_page`) are marked public for shared caches (`public_headers`)
with an `X-Opd` header naming the schema they belong to, which Varnish keeps on the object and
removes before delivery; every invalidation the app makes is then sent to each Varnish as an
HTTP `BAN` once the transaction commits: `X-Ban-Opd: <schema>` bans that schema's pages (all
its hosts), `X-Ban-Opd: *` every page (content shown on every site, such as the emergency
banners). The VCL turns these into ban-lurker-friendly expressions on `obj.http.X-Opd`.

A BAN is sent synchronously with a short timeout (ACCELERATOR_TIMEOUT_SECONDS): an unreachable
Varnish is logged once (and once more when it answers again) and never fails the user's save;
its pages then live at most ACCELERATOR_MAX_AGE seconds. A ban only retires what Varnish holds
when it arrives, and a page the app was rendering from the old rows while the change committed
may reach Varnish just after it: the same ban is sent once more ACCELERATOR_REBAN_SECONDS later,
from a timer thread (as the page cache deletes its state twice).
"""

import logging
import threading
import urllib.error
import urllib.request

from django.conf import settings
from django.db import transaction

OPD_HEADER = "X-Opd"
BAN_HEADER = "X-Ban-Opd"
EVERYTHING = "*"

logger = logging.getLogger(__name__)
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
_unreachable: set[str] = set()
_lock = threading.Lock()


def enabled() -> bool:
    return bool(settings.ACCELERATOR_URLS)


def public_headers(response, *, schema_name: str, seconds: int) -> None:
    """Let shared caches keep `response` for `seconds` (browsers revalidate every time, with
    the ETag), and name the schema it belongs to for bans."""
    seconds = min(seconds, settings.ACCELERATOR_MAX_AGE)
    if not enabled() or seconds <= 0:
        return
    response["Cache-Control"] = f"public, max-age=0, s-maxage={seconds}"
    response[OPD_HEADER] = schema_name


def ban(schema_name: str) -> None:
    """Retire every page of `schema_name` from each accelerator once the transaction commits."""
    if enabled():
        transaction.on_commit(lambda: _ban_now_and_again(schema_name))


def ban_everything() -> None:
    """Retire every page of every site (broadcast content changed) once the transaction commits."""
    if enabled():
        transaction.on_commit(lambda: _ban_now_and_again(EVERYTHING))


def _ban_now_and_again(target: str) -> None:
    _send(target)
    if settings.ACCELERATOR_REBAN_SECONDS > 0:
        # Not a daemon: a command that just committed a change still sends it before it exits.
        threading.Timer(settings.ACCELERATOR_REBAN_SECONDS, _send, args=(target,)).start()


def _send(target: str) -> None:
    for url in settings.ACCELERATOR_URLS:
        request = urllib.request.Request(url, method="BAN", headers={BAN_HEADER: target})
        try:
            with _opener.open(request, timeout=settings.ACCELERATOR_TIMEOUT) as response:
                response.read()
        except (urllib.error.URLError, OSError) as error:
            # An HTTPError (the VCL refused the ban) is a URLError too: the pages stay.
            with _lock:
                first = url not in _unreachable
                _unreachable.add(url)
            if first:
                logger.error("HTTP accelerator %s did not take a ban (%s): %s", url, target, error)
            continue
        with _lock:
            recovered = url in _unreachable
            _unreachable.discard(url)
        if recovered:
            logger.warning("HTTP accelerator %s takes bans again", url)
