"""The old site's addresses and where each leads now: what the imported bodies' links and
images are rewritten to, and the redirects the import leaves behind (redirects app)."""

import html
import re

from django.core.exceptions import ValidationError

from redirects.models import Redirect
from redirects.paths import normalise_old_path
from redirects.services import import_redirects
from wpimport.links import original_image_url, rewrite_links, url_key
from wpimport.report import Report

_ADDRESS = re.compile(r'\b(?:href|src)="([^"]*)"')


class OldAddresses:
    def __init__(self, site_url: str):
        self.site_url = site_url
        self.new_urls: dict[str, str] = {}  # old URL -> new path
        self.redirects: dict[str, str] = {}  # old path -> new path
        self._keys: dict[str | None, str] | None = None

    def move(self, old: str, new: str, *, redirect: bool = True) -> None:
        """`old` now lives at `new`: links to it are rewritten and, if `redirect`, it
        answers 301 there."""
        self.new_urls[old] = new
        if redirect:
            self.redirect(old, new)

    def redirect(self, old: str, new: str) -> None:
        key = url_key(old, site_url=self.site_url)
        if key is None:
            return
        try:
            path = normalise_old_path(key)
        except ValidationError:
            return
        self.redirects.setdefault(path, new)

    def keys(self) -> dict[str | None, str]:
        """url_key of every moved address -> its new path (built once all are moved)."""
        if self._keys is None:
            self._keys = {
                url_key(old, site_url=self.site_url): new for old, new in self.new_urls.items()
            }
        return self._keys

    def is_known(self, url: str) -> bool:
        return url_key(url, site_url=self.site_url) in self.keys()

    def rewritten(self, body: str) -> str:
        """`body` with its links and images to the old site rewritten; rewrite_links() is
        given only this body's own addresses (given all of them, it would key every address
        of the site once per body)."""
        known = self.keys()
        mapping = {}
        for value in _ADDRESS.findall(body):
            address = html.unescape(value).partition("#")[0]
            for candidate in (address, original_image_url(address)):
                key = url_key(candidate, site_url=self.site_url)
                if key in known:
                    mapping[candidate] = known[key]
        return rewrite_links(body, mapping, site_url=self.site_url)

    def save_redirects(self, report: Report, *, dry_run: bool) -> None:
        """Store the redirects (or, in a dry run, count what storing them would do)."""
        wanted = {
            old: new for old, new in self.redirects.items() if old.rstrip("/") != new.rstrip("/")
        }
        if dry_run:
            existing = dict(
                Redirect.objects.filter(old_path__in=list(wanted)).values_list("old_path", "target")
            )
            for old, new in wanted.items():
                if old not in existing:
                    report.created["redirect"] += 1
                elif existing[old] != new:
                    report.updated["redirect"] += 1
                else:
                    report.unchanged["redirect"] += 1
            return
        rows = [(number, old, new) for number, (old, new) in enumerate(wanted.items(), start=1)]
        if rows:
            result = import_redirects(rows=rows)
            report.created["redirect"] += result.created
            report.updated["redirect"] += result.updated
            report.unchanged["redirect"] += result.unchanged
