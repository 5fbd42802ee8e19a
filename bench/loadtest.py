"""Load test: mixed traffic over many OPDs on a local gunicorn, then a check that nothing was lost.

    DJANGO_DEBUG=1 [DATABASE_URL=postgresql://...] .venv/bin/python bench/loadtest.py [--opds 50]

This process runs with development settings (`make loadtest` sets DJANGO_DEBUG=1); without
DATABASE_URL it uses the embedded PostgreSQL.

1. prepares the database (migrations, `--opds` OPDs named lt-01, lt-02, ... with a few articles;
   existing ones are reused) or uses the OPDs given with `--slugs`;
2. starts gunicorn (production settings: DJANGO_DEBUG=0 with a secret key, the hosts and the
   same database given explicitly; PPID rate limit lifted) on 127.0.0.1 only;
3. runs `--threads` clients for `--duration` seconds (at most `--max-requests`): home, news
   list, article, search, PPID pages, and PPID information requests posted through the real
   form (CSRF cookie, one-time token);
4. checks: no 5xx, every request that was accepted is in its OPD's database, and registration
   numbers are gapless per OPD and year. Exits 1 otherwise.

Loopback only, bounded in count and time (at most 600 s, 64 threads).
"""

import argparse
import http.client
import os
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HOST_IP = "127.0.0.1"
MAX_DURATION, MAX_THREADS = 600, 64
FORM_FIELDS = {
    "applicant_name": "Pemohon Uji Beban",
    "identity_type": "nik",
    "identity_number": "3273011501900001",
    "address": "Jl. Merdeka No. 1",
    "phone": "081234567890",
    "email": "uji-beban@example.org",
    "occupation": "Peneliti",
    "information_requested": "Laporan realisasi anggaran",
    "purpose": "Uji beban",
    "obtain_method": "salinan",
    "delivery_method": "email",
    "website": "",
}
MIX = (  # (action, weight)
    ("home", 25), ("news", 15), ("article", 15), ("search", 10), ("ppid", 10), ("page", 5),
    ("portal", 5), ("post_request", 15),
)  # fmt: skip


def out(text=""):
    sys.stdout.write(f"{text}\n")
    sys.stdout.flush()


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()


def prepare(count: int, prefix: str) -> list[str]:
    """Migrate, then make sure OPDs <prefix>-01 ... exist with some published articles."""
    from django.core.management import call_command
    from django_tenants.utils import tenant_context

    call_command("prepare_portal", verbosity=0)
    from news.models import Article, Category
    from tenants.models import Opd
    from tenants.services import create_opd

    slugs = [f"{prefix}-{n:02d}" for n in range(1, count + 1)]
    for slug in slugs:
        opd = Opd.objects.filter(slug=slug).first()
        if opd is None:
            create_opd(
                name=f"Dinas Uji Beban {slug}",
                short_name=slug.upper(),
                kind=Opd.Kind.DINAS,
                slug=slug,
                admin_name="Admin Uji",
                admin_email=f"admin@{slug}.example.org",
                send_invitation=False,
            )
            opd = Opd.objects.get(slug=slug)
        with tenant_context(opd):
            category = Category.objects.order_by("pk").first()
            for n in range(3 - Article.objects.count()):
                Article.objects.create(
                    title=f"Berita uji beban {n + 1}",
                    summary="Ringkasan berita uji beban",
                    body="<p>Isi berita uji beban tentang pelayanan publik.</p>",
                    category=category,
                    status=Article.Status.PUBLISHED,
                )
    return slugs


def site_paths(slugs: list[str]) -> dict[str, dict]:
    from django_tenants.utils import tenant_context

    from news.models import Article
    from pages.models import Page
    from tenants.models import Opd

    paths = {}
    for opd in Opd.objects.filter(slug__in=slugs):
        with tenant_context(opd):
            paths[opd.slug] = {
                "host": f"{opd.slug}.localhost",
                "articles": [a.get_absolute_url() for a in Article.objects.published()[:5]],
                "pages": [p.get_absolute_url() for p in Page.objects.published()[:5]],
            }
    return paths


class Client:
    """One keep-alive connection with a cookie jar per host."""

    def __init__(self, port):
        self.port = port
        self.conn = None
        self.cookies = defaultdict(dict)

    def request(self, method, host, path, body=None, headers=None):
        headers = {"Host": host, **(headers or {})}
        jar = self.cookies[host]
        if jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST_IP, self.port, timeout=30)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie, _sep, _attrs = value.partition(";")
                key, _eq, val = cookie.partition("=")
                jar[key.strip()] = val.strip()
        return response.status, dict(response.getheaders()), content.decode(errors="replace")


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)
        self.statuses = Counter()
        self.errors = []
        self.posted = defaultdict(list)  # slug -> submission tokens accepted (302)
        self.requests = 0

    def record(self, action, status, seconds):
        with self.lock:
            self.latencies[action].append(seconds)
            self.statuses[status] += 1
            self.requests += 1


def worker(port, paths, stats, stop_at, max_requests, seed):
    rng = random.Random(seed)
    client = Client(port)
    actions, weights = zip(*MIX, strict=True)
    slugs = list(paths)
    while time.monotonic() < stop_at and stats.requests < max_requests:
        slug = rng.choice(slugs)
        site = paths[slug]
        action = rng.choices(actions, weights)[0]
        start = time.monotonic()
        try:
            status = run_action(client, action, slug, site, rng, stats)
        except Exception as error:  # a refused or broken connection counts as a failure
            status = 599
            with stats.lock:
                stats.errors.append(f"{action} {slug}: {error!r}")
        stats.record(action, status, time.monotonic() - start)


def run_action(client, action, slug, site, rng, stats):
    host = site["host"]
    if action == "home":
        return client.request("GET", host, "/")[0]
    if action == "news":
        return client.request("GET", host, "/berita/")[0]
    if action == "article" and site["articles"]:
        return client.request("GET", host, rng.choice(site["articles"]))[0]
    if action == "page" and site["pages"]:
        return client.request("GET", host, rng.choice(site["pages"]))[0]
    if action == "search":
        query = rng.choice(["pelayanan", "anggaran", "berita", "uji beban", "banjir"])
        return client.request("GET", host, "/cari/?" + urlencode({"q": query}))[0]
    if action == "ppid":
        return client.request("GET", host, "/ppid/")[0]
    if action == "portal":
        return client.request("GET", "localhost", rng.choice(["/", "/opd/", "/berita/"]))[0]
    if action == "post_request":
        status, _headers, page = client.request("GET", host, "/ppid/permohonan/")
        if status != 200:
            return status
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        token = re.search(r'name="submission_token" value="([^"]+)"', page)
        if not (csrf and token):
            raise RuntimeError("form tokens not found")
        body = urlencode(
            {
                **FORM_FIELDS,
                "applicant_name": f"Pemohon {secrets.token_hex(3)}",
                "csrfmiddlewaretoken": csrf.group(1),
                "submission_token": token.group(1),
            }
        )
        status, headers, _page = client.request(
            "POST",
            host,
            "/ppid/permohonan/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{host}/ppid/permohonan/",
            },
        )
        if status == 302 and "terkirim" in headers.get("Location", ""):
            with stats.lock:
                stats.posted[slug].append(token.group(1))
        elif status < 500:
            with stats.lock:
                stats.errors.append(f"post_request {slug}: not accepted ({status})")
        return status
    return client.request("GET", host, "/")[0]


def database_url() -> str:
    """DATABASE_URL, or else the embedded PostgreSQL this process's settings started."""
    if os.environ.get("DATABASE_URL", "").strip():
        return os.environ["DATABASE_URL"]
    from django.conf import settings

    from core.embedded_db import embedded_database_url

    return embedded_database_url(settings.VAR_DIR / "pgdata")


def start_gunicorn(port, threads):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.loadtest_settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "loadtest-" + "x" * 50),
        "DJANGO_ALLOWED_HOSTS": "localhost,.localhost",
        "DATABASE_URL": database_url(),
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "PPID_SUBMISSIONS_PER_HOUR": "1000000000",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "PYTHONPATH": str(ROOT),
    }
    workers = str(max(2, min(8, os.cpu_count() or 2)))
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"{HOST_IP}:{port}",
         "--workers", workers, "--threads", str(max(2, threads // int(workers) + 1)),
         "--worker-class", "gthread", "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST_IP, port, timeout=2)
            conn.request("GET", "/healthz", headers={"Host": "localhost"})
            if conn.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def verify(stats, slugs) -> list[str]:
    """Every accepted submission is stored; numbers are gapless per OPD and year."""
    from django_tenants.utils import tenant_context

    from ppid.models import InformationRequest
    from tenants.models import Opd

    problems = []
    for opd in Opd.objects.filter(slug__in=slugs):
        with tenant_context(opd):
            tokens = stats.posted.get(opd.slug, [])
            stored = set(
                InformationRequest.objects.filter(submission_token__in=tokens).values_list(
                    "submission_token", flat=True
                )
            )
            if len(stored) != len(tokens):
                problems.append(f"{opd.slug}: {len(tokens) - len(stored)} submission(s) lost")
            by_year = defaultdict(list)
            for year, sequence in InformationRequest.objects.values_list("year", "sequence"):
                by_year[year].append(sequence)
            for year, sequences in by_year.items():
                if sorted(sequences) != list(range(1, len(sequences) + 1)):
                    problems.append(f"{opd.slug}: numbers of {year} have gaps or duplicates")
    return problems


def report(stats, elapsed, problems):
    out(f"\n{stats.requests} requests in {elapsed:.1f} s = {stats.requests / elapsed:.0f} req/s")
    out(f"{'action':<14}{'count':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for action, values in sorted(stats.latencies.items()):
        values = sorted(values)
        q = statistics.quantiles(values, n=100) if len(values) > 1 else values * 99
        out(f"{action:<14}{len(values):>8}{q[49] * 1000:>9.0f}{q[94] * 1000:>9.0f}"
              f"{q[98] * 1000:>9.0f}")  # fmt: skip
    out(f"status codes: {dict(sorted(stats.statuses.items()))}")
    out(f"PPID requests accepted: {sum(len(tokens) for tokens in stats.posted.values())}")
    for line in (stats.errors[:10] + problems)[:30]:
        out(f"  ! {line}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--opds", type=int, default=50, help="number of OPDs (lt-01, ...)")
    parser.add_argument("--slugs", help="use these existing OPDs instead (comma-separated)")
    parser.add_argument("--prefix", default="lt", help="slug prefix of the prepared OPDs")
    parser.add_argument("--duration", type=float, default=60, help="seconds of traffic")
    parser.add_argument("--threads", type=int, default=16, help="concurrent clients")
    parser.add_argument("--max-requests", type=int, default=500_000)
    parser.add_argument("--port", type=int, default=8470, help="loopback port for gunicorn")
    args = parser.parse_args(argv)
    duration = min(max(args.duration, 1), MAX_DURATION)
    threads = min(max(args.threads, 1), MAX_THREADS)

    setup_django()
    slugs = args.slugs.split(",") if args.slugs else prepare(args.opds, args.prefix)
    paths = site_paths(slugs)
    if len(paths) != len(slugs):
        raise SystemExit(f"Unknown OPD among {slugs}")
    from django.db import connection

    connection.close()
    server = start_gunicorn(args.port, threads)
    stats = Stats()
    try:
        started = time.monotonic()
        stop_at = started + duration
        clients = [
            threading.Thread(
                target=worker, args=(args.port, paths, stats, stop_at, args.max_requests, n)
            )
            for n in range(threads)
        ]
        for client in clients:
            client.start()
        for client in clients:
            client.join()
        elapsed = time.monotonic() - started
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    problems = verify(stats, slugs)
    server_errors = sum(count for status, count in stats.statuses.items() if status >= 500)
    if server_errors:
        problems.append(f"{server_errors} responses with status 5xx (or broken connections)")
    report(stats, elapsed, problems)
    out("OK" if not problems else "FAILED")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
