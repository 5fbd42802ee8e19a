"""--fetch-from: attachments downloaded from the old site, and only from it; never from the
pemda's internal network unless the admin says so, and never for longer than the deadline."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError

from wpimport import fetch, services
from wpimport.fetch import InternalAddressError, RemoteUploads
from wpimport.wxr import parse_export

from .test_command import import_wordpress
from .test_services import FIXTURE, PDF

INTERNAL = "Alamat situs lama menunjuk ke jaringan internal"

FILES = {
    "/wp-content/uploads/2024/01/sk.pdf": b"%PDF-1.4 isi",
    "/wp-content/uploads/2024/01/SK-Kadis-2024.pdf": PDF,
}


class OldSite(BaseHTTPRequestHandler):
    def do_GET(self):
        port = self.server.server_address[1]
        if self.path in FILES:
            body = FILES[self.path]
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path.endswith("pindah.pdf"):
            self.send_response(302)
            self.send_header("Location", "/wp-content/uploads/2024/01/sk.pdf")
            self.end_headers()
        elif self.path.endswith("keluar.pdf"):
            # The same server under another name: another host for the importer.
            self.send_response(302)
            self.send_header(
                "Location", f"http://localhost:{port}/wp-content/uploads/2024/01/sk.pdf"
            )
            self.end_headers()
        elif self.path.endswith("pelan.pdf"):
            self.drip(b"HTTP/1.0 200 OK\r\nContent-Length: 50\r\n\r\n", b"x" * 50)
        elif self.path.endswith("pelan-kepala.pdf"):
            self.drip(b"HTTP/1.0 200 OK\r\n", b"X-Lambat: ya\r\n" * 4)
        elif self.path.endswith("besar.pdf"):
            self.send_response(200)
            self.send_header("Content-Length", "999999")
            self.end_headers()
        else:
            self.send_response(404)
            self.end_headers()

    def drip(self, head, rest):
        """A slow-drip server: each byte 0.2 s after the last, each well within the socket
        timeout; it records whether the client stayed to the end."""
        try:
            self.wfile.write(head)
            for byte in rest:
                self.wfile.write(bytes([byte]))
                time.sleep(0.2)
            self.server.drips.append("dripped to the end")
        except OSError:
            self.server.drips.append("client hung up")
        self.server.dripped.set()

    def log_message(self, *args):
        pass


@pytest.fixture
def old_site_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), OldSite)
    server.drips = []
    server.dripped = threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def old_site(old_site_server):
    return f"http://127.0.0.1:{old_site_server.server_address[1]}"


def test_a_file_is_downloaded_and_same_host_redirects_are_followed(old_site):
    uploads = RemoteUploads(old_site, allow_private=True, timeout=5)
    assert uploads["2024/01/sk.pdf"] == b"%PDF-1.4 isi"
    assert uploads["2024/01/pindah.pdf"] == b"%PDF-1.4 isi"


def test_missing_too_large_and_elsewhere_are_missing_with_their_reason(old_site):
    uploads = RemoteUploads(old_site, allow_private=True, timeout=5, max_bytes=1000)
    for path in ("2024/01/tidak-ada.pdf", "2024/01/keluar.pdf", "2024/01/besar.pdf"):
        assert uploads.get(path) is None
    assert set(uploads.failures) == {
        "2024/01/tidak-ada.pdf",
        "2024/01/keluar.pdf",
        "2024/01/besar.pdf",
    }
    assert "dialihkan ke situs lain" in uploads.failures["2024/01/keluar.pdf"]
    assert uploads.failures["2024/01/besar.pdf"] == "terlalu besar"


def test_only_http_addresses_are_accepted():
    with pytest.raises(ValueError):
        RemoteUploads("file:///etc/")


def test_an_import_plans_with_the_downloaded_attachments(opd_a, in_opd, old_site):
    uploads = RemoteUploads(old_site, allow_private=True, timeout=5)
    with in_opd(opd_a):
        report = services.plan(parse_export(FIXTURE), attachments=uploads)
    assert report.created["document"] == 1
    assert "2024/02/imunisasi.jpg" in uploads.failures


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.1.2.3/",
        "http://192.168.1.10/",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fe80::1]/",
        "http://2130706433/",  # 127.0.0.1 written as one number
        "http://localhost:8000/",
    ],
)
def test_an_internal_address_is_refused_by_default(url):
    with pytest.raises(InternalAddressError, match=INTERNAL):
        RemoteUploads(url)


def test_a_name_resolving_inside_is_refused(monkeypatch):
    def resolve(host, port, *args, **kwargs):
        assert host == "situs-lama.example.go.id"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.20.30.40", port))]

    monkeypatch.setattr(fetch.socket, "getaddrinfo", resolve)
    with pytest.raises(InternalAddressError, match=INTERNAL):
        RemoteUploads("https://situs-lama.example.go.id/")


def test_a_public_address_is_accepted_and_an_unknown_name_is_refused(monkeypatch):
    def resolve(host, port, *args, **kwargs):
        if host == "tidak-ada.example.go.id":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port))]

    monkeypatch.setattr(fetch.socket, "getaddrinfo", resolve)
    assert RemoteUploads("https://situs-lama.example.go.id/").host == "situs-lama.example.go.id"
    with pytest.raises(ValueError, match="tidak ditemukan"):
        RemoteUploads("https://tidak-ada.example.go.id/")


def test_internal_addresses_are_told_from_public_ones():
    for address in ("8.8.8.8", "2001:4860:4860::8888", "93.184.215.14"):
        assert not fetch.is_internal(address), address
    for address in (
        "100.64.0.1",  # carrier-grade NAT
        "240.0.0.1",
        "255.255.255.255",
        "::",
        "fc00::1",
        "fec0::1",
        "ff02::1",
        "2002:7f00:1::",  # 6to4 around 127.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 around 169.254.169.254
        "fe80::1%eth0",
    ):
        assert fetch.is_internal(address), address


def test_a_redirect_to_the_same_name_now_resolving_inside_is_refused(old_site, monkeypatch):
    """DNS rebinding: the old site's name passes the check, then answers with an internal
    address for the redirect's connection, which is refused before it is made."""
    port = int(old_site.rsplit(":", 1)[1])
    answers = iter(["127.0.0.1", "127.0.0.1", "10.0.0.5"])
    resolved = []

    def resolve(host, port, *args, **kwargs):
        assert host == "situs-lama.example.go.id"
        resolved.append(address := next(answers))
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    real = fetch.is_internal
    # The test server stands in for a public one: its address passes, all others as they are.
    monkeypatch.setattr(
        fetch, "is_internal", lambda address: address != "127.0.0.1" and real(address)
    )
    monkeypatch.setattr(fetch.socket, "getaddrinfo", resolve)
    uploads = RemoteUploads(f"http://situs-lama.example.go.id:{port}", timeout=5)
    assert uploads.get("2024/01/pindah.pdf") is None
    assert resolved == ["127.0.0.1", "127.0.0.1", "10.0.0.5"]
    assert uploads.failures == {"2024/01/pindah.pdf": "alamat menunjuk ke jaringan internal"}


def test_a_connection_after_the_check_is_checked_again(old_site, monkeypatch):
    """The name resolved outside when the address was given, inside when the file is fetched."""
    port = int(old_site.rsplit(":", 1)[1])
    answers = iter(["93.184.215.14", "127.0.0.1"])

    def resolve(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    monkeypatch.setattr(fetch.socket, "getaddrinfo", resolve)
    uploads = RemoteUploads(f"http://situs-lama.example.go.id:{port}", timeout=5)
    assert uploads.get("2024/01/sk.pdf") is None
    assert uploads.failures == {"2024/01/sk.pdf": "alamat menunjuk ke jaringan internal"}


@pytest.mark.parametrize("path", ["2024/01/pelan.pdf", "2024/01/pelan-kepala.pdf"])
def test_a_slow_drip_server_fails_at_the_deadline(old_site_server, old_site, path):
    """A byte every 0.2 s keeps each socket read under the timeout, not the file under the
    deadline: the body (or the headers) would take 10 s, the deadline is 1 s, and the
    importer hangs up instead of waiting it out."""
    uploads = RemoteUploads(old_site, allow_private=True, timeout=5, deadline=1)
    assert uploads.get(path) is None
    assert uploads.failures == {path: "waktu habis"}
    assert old_site_server.dripped.wait(30)
    assert old_site_server.drips == ["client hung up"]
    assert uploads["2024/01/sk.pdf"] == b"%PDF-1.4 isi"  # a fresh deadline for the next file


def test_the_command_refuses_an_internal_address_unless_allowed(opd_a, old_site):
    with pytest.raises(CommandError, match=f"{INTERNAL}.*--allow-private-network"):
        import_wordpress(opd_a.slug, FIXTURE, "--fetch-from", old_site, "--dry-run")
    output = import_wordpress(
        opd_a.slug, FIXTURE, "--fetch-from", old_site, "--allow-private-network", "--dry-run"
    )
    assert "dokumen: 1 baru" in output
    assert "Gagal diunduh: 2024/02/imunisasi.jpg" in output
