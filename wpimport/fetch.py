"""The old site's attachments downloaded from the old site itself (`--fetch-from`), for an OPD
that cannot hand over its uploads folder: over HTTP(S) only, with a timeout, a size limit per
file, and redirects followed only while they stay on the old site's host."""

import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from urllib.parse import quote, urlsplit

from django.utils.translation import gettext as _

from wpimport.archive import MAX_FILE_BYTES

TIMEOUT_SECONDS = 15
MAX_REDIRECTS = 5


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def __init__(self, host: str):
        self.host = host

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in ("http", "https") or _host(newurl) != self.host:
            raise urllib.error.HTTPError(newurl, code, "redirect to another host", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class RemoteUploads(Mapping):
    """`uploads[path]` downloads `<site>/wp-content/uploads/<path>`; a file that cannot be
    fetched (404, timeout, too large, a redirect elsewhere) is missing (KeyError), and why is
    kept in `failures` for the report."""

    def __init__(
        self, site_url: str, *, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_FILE_BYTES
    ):
        if urlsplit(site_url).scheme not in ("http", "https") or not urlsplit(site_url).hostname:
            raise ValueError(_("Alamat situs lama harus diawali http:// atau https://."))
        self.base = site_url.rstrip("/")
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.failures: dict[str, str] = {}
        self._opener = urllib.request.build_opener(_SameHostRedirects(_host(site_url)))

    def __getitem__(self, path: str) -> bytes:
        url = f"{self.base}/wp-content/uploads/{quote(path)}"
        try:
            with self._opener.open(url, timeout=self.timeout) as response:
                length = response.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > self.max_bytes:
                    raise ValueError(_("terlalu besar"))
                data = response.read(self.max_bytes + 1)
        except (OSError, ValueError) as error:
            self.failures[path] = str(error)
            raise KeyError(path) from None
        if len(data) > self.max_bytes:
            self.failures[path] = _("terlalu besar")
            raise KeyError(path)
        return data

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0
