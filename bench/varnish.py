"""The HTTP accelerator in front of the benchmark's portal server (bench/run.py).

varnishd runs in the foreground with the project's VCL (deploy/varnish/default.vcl), started as
tests/accelerator/test_varnish.py starts it, its backend pointed at the bench's gunicorn. One
addition, for the benchmark only: the static files (which the project's VCL keeps under their
hashed names) are fetched without Accept-Encoding, so that a static file served from Varnish's
memory, as wrk asks for it, gives the ceiling of a hit.
"""

import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
DEPLOYED_BACKEND = ('.host = "web";', '.port = "8000";')
# The project's VCL keeps the static files (hashed names); for the benchmark's static-file
# ceiling they are also stored uncompressed, as the pages are for wrk.
STATIC_CACHING = """
# bench/varnish.py: the static files stored as wrk asks for them.
sub vcl_backend_fetch {
    if (bereq.url ~ "^/static/") {
        # Without it whitenoise sends its gzip file and Varnish gunzips it on every delivery to
        # a client that did not ask for gzip (wrk); the pages are stored as sent, too.
        unset bereq.http.Accept-Encoding;
    }
}

"""
# Subroutines of the same name are concatenated in the order they appear: these run first.
INSERT_BEFORE = "sub vcl_recv {"


def binary() -> str | None:
    found = os.environ.get("PORTAL_VARNISHD") or shutil.which("varnishd") or "/usr/sbin/varnishd"
    return found if Path(found).exists() and os.access(found, os.X_OK) else None


def bench_vcl(vcl: str, *, backend_port: int) -> str:
    """The project's VCL with its backend on 127.0.0.1:`backend_port` and the static files
    fetched uncompressed."""
    host, port = DEPLOYED_BACKEND
    for deployed in (*DEPLOYED_BACKEND, INSERT_BEFORE):
        if deployed not in vcl:
            raise ValueError(f"deploy/varnish/default.vcl no longer contains {deployed!r}")
    vcl = vcl.replace(host, '.host = "127.0.0.1";').replace(port, f'.port = "{backend_port}";')
    return vcl.replace(INSERT_BEFORE, STATIC_CACHING + INSERT_BEFORE, 1)


class Varnish:
    """varnishd in the foreground on `port`, in front of 127.0.0.1:`backend_port`."""

    def __init__(self, binary: str, *, backend_port: int, port: int, log_path: Path):
        self.port = port
        self.dir = Path(tempfile.mkdtemp(prefix="bench-varnish-"))
        vcl_path = self.dir / "default.vcl"
        vcl_path.write_text(bench_vcl(VCL.read_text(), backend_port=backend_port))
        self.log_path = log_path
        self.log = log_path.open("w")
        # -j none: no privilege separation, run as whoever runs the benchmark.
        self.process = subprocess.Popen(
            [binary, "-F", "-j", "none", "-n", str(self.dir / "work"),
             "-a", f"127.0.0.1:{port}", "-T", "none", "-f", str(vcl_path),
             "-s", "malloc,256m"],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        # Ready once the backend's probe says healthy: it starts as sick.
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"varnishd exited; see {log_path}")
            if self.healthz() == 200:
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"Varnish did not answer /healthz; see {log_path}")

    def healthz(self) -> int | None:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/healthz", headers={"Host": "localhost"}
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return None

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def version(binary: str) -> str:
    """ "varnish-7.1.1" (from "varnishd (varnish-7.1.1 revision …)")."""
    output = subprocess.run([binary, "-V"], capture_output=True, text=True, check=False)
    first = (output.stderr or output.stdout).split("\n")[0]
    return first.removeprefix("varnishd (").split(" ")[0] or "varnishd"
