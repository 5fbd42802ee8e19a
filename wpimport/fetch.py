"""The old site's attachments downloaded from the old site itself (`--fetch-from`), for an OPD
that cannot hand over its uploads folder: over HTTP(S) only, with a size limit and a total
deadline per file, and redirects followed only while they stay on the old site's host.

An operator may type the address in a web form, so it must not reach into the pemda's own
network (SSRF): unless `allow_private=True` (the admin's command, for an old site on the
intranet) a host that resolves to a loopback, private, link-local, multicast, reserved or
unspecified address is refused when the address is given, and again on every connection,
which goes to the very address that was checked (a name that answers differently the second
time, DNS rebinding, gains nothing). Proxies from the environment are not used: a proxy would
resolve the name itself."""

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from urllib.parse import quote, urlsplit

from django.utils.translation import gettext as _

from wpimport.archive import MAX_FILE_BYTES

TIMEOUT_SECONDS = 15  # per socket operation
DEADLINE_SECONDS = 120  # per file, all of it: connections, redirects, headers and body
MAX_REDIRECTS = 5
CHUNK_BYTES = 64 * 1024
# NAT64's well-known prefix (RFC 6052) carries an IPv4 address in its last 32 bits.
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class InternalAddressError(ValueError):
    """The old site's address points into the internal network."""


class _RefusedConnection(OSError):
    """A connection (after a redirect, or a name now resolving elsewhere) refused."""


def is_internal(address: str) -> bool:
    """Whether an IP address is one a server inside the pemda's network could have: loopback,
    private, shared (carrier-grade NAT), link-local, multicast, reserved or unspecified, also
    when an IPv6 address carries it (IPv4-mapped, 6to4, NAT64)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # fe80::1%eth0
    if ip.version == 6:
        carried = ip.ipv4_mapped or ip.sixtofour
        if carried is None and ip in NAT64:
            carried = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if carried is not None and is_internal(str(carried)):
            return True
        if ip.is_site_local:
            return True
    return (
        not ip.is_global
        or ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def _resolve(host: str, port: int) -> list[tuple[int, tuple]]:
    """(family, socket address) for each address of `host`."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [(info[0], info[4]) for info in infos]


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


class _Download:
    """One file's fetch: each connection it opens goes to an address checked just before, and
    all of them are cut at its deadline (urllib's timeout is per socket operation, so a server
    sending a byte at a time would otherwise hold the import forever)."""

    def __init__(self, *, allow_private: bool, deadline: float):
        self.allow_private = allow_private
        self.deadline = time.monotonic() + deadline
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.timer = threading.Timer(deadline, self.cut)
        self.timer.daemon = True
        self.timer.start()

    def expired(self) -> bool:
        return time.monotonic() >= self.deadline

    def connect(self, host: str, port: int, timeout: float) -> socket.socket:
        try:
            addresses = _resolve(host, port)
        except (OSError, UnicodeError):
            raise _RefusedConnection(_("alamat situs tidak ditemukan")) from None
        if not self.allow_private and any(is_internal(address[0]) for _f, address in addresses):
            raise _RefusedConnection(_("alamat menunjuk ke jaringan internal"))
        error = None
        for family, address in addresses:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(_("waktu habis"))
            sock = socket.socket(family, socket.SOCK_STREAM)
            try:
                sock.settimeout(min(timeout, remaining))
                self.watch(sock)
                sock.connect(address)  # the address just checked, not the name again
                return sock
            except OSError as failure:
                sock.close()
                error = failure
        raise error

    def watch(self, sock: socket.socket) -> None:
        with self.lock:
            self.sockets.append(sock)
        if self.expired():
            self.cut()

    def cut(self) -> None:
        """Shut every connection down, which wakes a read blocked on it."""
        with self.lock:
            for sock in self.sockets:
                # Closed already, or handed over to its TLS wrapper: nothing to cut.
                with contextlib.suppress(OSError):
                    # The plain socket's shutdown, also for a TLS one (whose own would drop
                    # its TLS state under the reading thread).
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def finish(self) -> None:
        self.timer.cancel()


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, download: _Download, **kwargs):
        super().__init__(*args, **kwargs)
        self.download = download

    def connect(self):
        self.sock = self.download.connect(self.host, self.port, self.timeout)


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, download: _Download, context: ssl.SSLContext, **kwargs):
        super().__init__(*args, context=context, **kwargs)
        self.download = download
        self.tls = context

    def connect(self):
        sock = self.download.connect(self.host, self.port, self.timeout)
        # SNI and the certificate check use the host name, whatever address it had.
        self.sock = self.tls.wrap_socket(
            sock, server_hostname=self.host, do_handshake_on_connect=False
        )
        self.download.watch(self.sock)
        self.sock.do_handshake()


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, download: _Download):
        super().__init__()
        self.download = download

    def http_open(self, req):
        return self.do_open(_HTTPConnection, req, download=self.download)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, download: _Download, context: ssl.SSLContext):
        super().__init__(context=context)
        self.download = download
        self.tls = context

    def https_open(self, req):
        return self.do_open(_HTTPSConnection, req, download=self.download, context=self.tls)


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def __init__(self, host: str):
        self.host = host

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in ("http", "https") or _host(newurl) != self.host:
            raise urllib.error.HTTPError(newurl, code, _("dialihkan ke situs lain"), headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _reason(error: Exception) -> str:
    if isinstance(error, urllib.error.HTTPError):
        return str(error)
    if isinstance(error, urllib.error.URLError):
        error = error.reason
    if isinstance(error, TimeoutError):
        return _("waktu habis")
    return str(error)


class RemoteUploads(Mapping):
    """`uploads[path]` downloads `<site>/wp-content/uploads/<path>`; a file that cannot be
    fetched (404, too slow, too large, a redirect elsewhere or inside) is missing (KeyError),
    and why is kept in `failures` for the report. `timeout` bounds each socket operation,
    `deadline` each file as a whole."""

    def __init__(
        self,
        site_url: str,
        *,
        allow_private: bool = False,
        timeout: float = TIMEOUT_SECONDS,
        deadline: float = DEADLINE_SECONDS,
        max_bytes: int = MAX_FILE_BYTES,
    ):
        parts = urlsplit(site_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(_("Alamat situs lama harus diawali http:// atau https://."))
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise ValueError(_("Nomor port pada alamat situs lama tidak sah.")) from None
        if not allow_private:
            self._check(parts.hostname, port)
        self.base = site_url.rstrip("/")
        self.host = _host(site_url)
        self.allow_private = allow_private
        self.timeout = timeout
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.tls = ssl.create_default_context()
        self.failures: dict[str, str] = {}

    @staticmethod
    def _check(host: str, port: int) -> None:
        try:
            addresses = _resolve(host, port)
        except (OSError, UnicodeError):
            raise ValueError(
                _("Alamat situs lama “%(host)s” tidak ditemukan.") % {"host": host}
            ) from None
        if any(is_internal(address[0]) for _f, address in addresses):
            raise InternalAddressError(
                _(
                    "Alamat situs lama menunjuk ke jaringan internal; yang dapat diunduh "
                    "hanya situs yang terbuka di internet."
                )
            )

    def __getitem__(self, path: str) -> bytes:
        url = f"{self.base}/wp-content/uploads/{quote(path)}"
        download = _Download(allow_private=self.allow_private, deadline=self.deadline)
        try:
            return self._fetch(url, download)
        except (OSError, ValueError, http.client.HTTPException) as error:
            self.failures[path] = _("waktu habis") if download.expired() else _reason(error)
            raise KeyError(path) from None
        finally:
            download.finish()

    def _fetch(self, url: str, download: _Download) -> bytes:
        opener = urllib.request.OpenerDirector()
        for handler in (
            _HTTPHandler(download),
            _HTTPSHandler(download, self.tls),
            _SameHostRedirects(self.host),
            urllib.request.HTTPDefaultErrorHandler(),
            urllib.request.HTTPErrorProcessor(),
            urllib.request.UnknownHandler(),
        ):
            opener.add_handler(handler)
        with opener.open(url, timeout=self.timeout) as response:
            length = response.headers.get("Content-Length")
            length = int(length) if length and length.isdigit() else None
            if length is not None and length > self.max_bytes:
                raise ValueError(_("terlalu besar"))
            chunks, size = [], 0
            while chunk := response.read1(CHUNK_BYTES):
                size += len(chunk)
                if size > self.max_bytes:
                    raise ValueError(_("terlalu besar"))
                if download.expired():
                    raise TimeoutError(_("waktu habis"))
                chunks.append(chunk)
        if download.expired():
            raise TimeoutError(_("waktu habis"))
        if length is not None and size != length:
            raise ValueError(_("unduhan terputus"))
        return b"".join(chunks)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0
