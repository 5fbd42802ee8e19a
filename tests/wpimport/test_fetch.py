"""--fetch-from: attachments downloaded from the old site, and only from it."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from wpimport import services
from wpimport.fetch import RemoteUploads
from wpimport.wxr import parse_export

from .test_services import FIXTURE, PDF

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
        elif self.path.endswith("besar.pdf"):
            self.send_response(200)
            self.send_header("Content-Length", "999999")
            self.end_headers()
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def old_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), OldSite)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_file_is_downloaded_and_same_host_redirects_are_followed(old_site):
    uploads = RemoteUploads(old_site, timeout=5)
    assert uploads["2024/01/sk.pdf"] == b"%PDF-1.4 isi"
    assert uploads["2024/01/pindah.pdf"] == b"%PDF-1.4 isi"


def test_missing_too_large_and_elsewhere_are_missing_with_their_reason(old_site):
    uploads = RemoteUploads(old_site, timeout=5, max_bytes=1000)
    for path in ("2024/01/tidak-ada.pdf", "2024/01/keluar.pdf", "2024/01/besar.pdf"):
        assert uploads.get(path) is None
    assert set(uploads.failures) == {
        "2024/01/tidak-ada.pdf",
        "2024/01/keluar.pdf",
        "2024/01/besar.pdf",
    }
    assert "another host" in uploads.failures["2024/01/keluar.pdf"]


def test_only_http_addresses_are_accepted():
    with pytest.raises(ValueError):
        RemoteUploads("file:///etc/")


def test_an_import_plans_with_the_downloaded_attachments(opd_a, in_opd, old_site):
    uploads = RemoteUploads(old_site, timeout=5)
    with in_opd(opd_a):
        report = services.plan(parse_export(FIXTURE), attachments=uploads)
    assert report.created["document"] == 1
    assert "2024/02/imunisasi.jpg" in uploads.failures
