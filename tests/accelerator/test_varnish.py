"""Through a real Varnish with deploy/varnish/default.vcl, in front of a real server.

Two set-ups, each started once per module: the VCL in front of a tiny backend whose answers the
test chooses (what the VCL itself caches, strips and bans), and in front of the scratch platform
(tests/e2e/stack.py: gunicorn, the OPDs dinkes and bpbd, a private Redis shared with the
`manage.py shell` that publishes), with ACCELERATOR_URLS pointing the app at that Varnish.
Without varnishd the tests are skipped loudly, and fail when PORTAL_E2E_REQUIRED=1 (.ci/run).
"""

import http.client
import http.server
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e import stack as e2e_stack

VARNISHD = os.environ.get("PORTAL_VARNISHD") or shutil.which("varnishd") or "/usr/sbin/varnishd"
VCL = e2e_stack.BASE_DIR / "deploy" / "varnish" / "default.vcl"
REBAN_SECONDS = 1
OPD_HOST = f"{e2e_stack.OPD_SLUG}.localhost"
OTHER_HOST = f"{e2e_stack.OTHER_OPD_SLUG}.localhost"
# Read now, before pytest-django points the settings at its test database.
CONFIGURED_DATABASE = e2e_stack.configured_database()


def varnish_unavailable() -> str | None:
    if not (Path(VARNISHD).exists() and os.access(VARNISHD, os.X_OK)):
        return f"no varnishd at {VARNISHD} (apt-get install varnish; .ci/run does)"
    return None


def require_varnish() -> None:
    problem = varnish_unavailable()
    if problem:
        if os.environ.get("PORTAL_E2E_REQUIRED") == "1":
            pytest.fail(f"Accelerator tests required but {problem}", pytrace=False)
        pytest.skip(f"ACCELERATOR TESTS NOT RUN: {problem}")


# --- Varnish ---------------------------------------------------------------------------------


class Varnish:
    """varnishd in the foreground with the project's VCL, its backend on `backend_port`."""

    def __init__(self, *, backend_port: int, port: int | None = None):
        self.port = port or e2e_stack.free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="varnish-"))
        vcl = VCL.read_text()
        for deployed, here in (('.host = "web";', '.host = "127.0.0.1";'),
                               ('.port = "8000";', f'.port = "{backend_port}";')):  # fmt: skip
            assert deployed in vcl, deployed
            vcl = vcl.replace(deployed, here)
        (self.dir / "default.vcl").write_text(vcl)
        self.log = (self.dir / "varnishd.log").open("w")
        # -j none: no privilege separation, so it runs as whoever runs the tests (the jail
        # would need root and a working directory the varnish user may enter).
        self.process = subprocess.Popen(
            [VARNISHD, "-F", "-j", "none", "-n", str(self.dir / "work"),
             "-a", f"127.0.0.1:{self.port}", "-T", "none", "-f", str(self.dir / "default.vcl"),
             "-s", "malloc,64m", "-p", "ban_lurker_sleep=0.01"],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        # Ready once the backend is healthy too: the probe starts it as sick.
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"varnishd exited:\n{self.log_text()}")
            try:
                if request(self.port, "localhost", "/healthz").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"Varnish did not answer /healthz:\n{self.log_text()}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def log_text(self) -> str:
        return (self.dir / "varnishd.log").read_text(errors="replace")

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


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str

    @property
    def cache(self) -> str:
        return self.headers.get("X-Cache", "")

    @property
    def age(self) -> int:
        return int(self.headers.get("Age", "0"))


def request(port, host, path, *, method="GET", headers=None, source=None) -> Answer:
    """One request to 127.0.0.1:`port` with that Host (from the address `source`, if given)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=30, source_address=(source, 0) if source else None
    )
    try:
        connection.request(method, path, headers={"Host": host, **(headers or {})})
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read().decode(errors="replace"))
    finally:
        connection.close()


def ban(varnish: Varnish, target: str) -> Answer:
    return request(varnish.port, "localhost", "/", method="BAN", headers={"X-Ban-Opd": target})


# --- the VCL in front of a backend the test controls -----------------------------------------


class FakeBackend(http.server.ThreadingHTTPServer):
    """Answers /healthz, and every other path with what `answers[path]` says (headers), after
    counting the request and remembering the Cookie header it brought."""

    daemon_threads = True

    def __init__(self, port):
        self.answers: dict[str, dict] = {}
        self.hits: dict[str, int] = {}
        self.cookies: dict[str, str | None] = {}
        super().__init__(("127.0.0.1", port), _FakeHandler)


class _FakeHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        server = self.server
        path = self.path
        if path != "/healthz":
            server.hits[path] = server.hits.get(path, 0) + 1
            server.cookies[path] = self.headers.get("Cookie")
        body = f"{path} #{server.hits.get(path, 0)}".encode()
        self.send_response(200)
        for name, value in server.answers.get(path, {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args):
        pass


PUBLIC = {"Cache-Control": "public, max-age=0, s-maxage=60", "X-Opd": "dinkes"}


@pytest.fixture(scope="module")
def fake():
    require_varnish()
    backend = FakeBackend(e2e_stack.free_port())
    thread = threading.Thread(target=backend.serve_forever, daemon=True)
    thread.start()
    varnish = Varnish(backend_port=backend.server_address[1])
    yield backend, varnish
    varnish.stop()
    backend.shutdown()
    backend.server_close()


def get(varnish, path, **options) -> Answer:
    return request(varnish.port, OPD_HOST, path, **options)


def test_public_pages_are_kept_and_the_schema_header_is_not_delivered(fake):
    backend, varnish = fake
    backend.answers["/public"] = PUBLIC
    assert get(varnish, "/public").cache == "MISS"
    second = get(varnish, "/public")
    assert second.cache == "HIT" and second.body == "/public #1"
    assert "X-Opd" not in second.headers
    assert backend.hits["/public"] == 1
    # Keyed on the host: another OPD's host is another page.
    assert request(varnish.port, OTHER_HOST, "/public").cache == "MISS"


@pytest.mark.parametrize(
    "answer",
    [
        {**PUBLIC, "Set-Cookie": "sessionid=x; HttpOnly"},
        {"Cache-Control": "public, max-age=600", "X-Opd": "dinkes"},  # no s-maxage
        {"Cache-Control": "private, s-maxage=60", "X-Opd": "dinkes"},
        {"Cache-Control": "public, s-maxage=60"},  # no schema: could never be banned
        {},
    ],
    ids=["set-cookie", "no-s-maxage", "private", "no-x-opd", "nothing"],
)
def test_what_is_not_marked_public_or_sets_a_cookie_is_never_kept(fake, answer):
    backend, varnish = fake
    path = f"/not-kept-{len(backend.answers)}"
    backend.answers[path] = answer
    for _ in range(3):
        assert get(varnish, path).cache in {"MISS", "PASS"}
    assert backend.hits[path] == 3


IMMUTABLE = {"Cache-Control": "max-age=315360000, public, immutable"}  # whitenoise, hashed name


def test_static_files_under_hashed_names_are_kept_once_for_every_host(fake):
    backend, varnish = fake
    path = "/static/css/site.0123456789ab.css"
    backend.answers[path] = IMMUTABLE
    assert get(varnish, path).cache == "MISS"
    assert get(varnish, path).cache == "HIT"
    other = request(varnish.port, OTHER_HOST, path)
    assert other.cache == "HIT" and other.body == f"{path} #1"
    assert backend.hits[path] == 1
    # Not under a hashed name (whitenoise's short max-age), or a page: the usual rules.
    backend.answers["/static/robots.txt"] = {"Cache-Control": "max-age=60, public"}
    backend.answers["/berkas.css"] = IMMUTABLE
    for unhashed in ("/static/robots.txt", "/berkas.css"):
        for _ in range(2):
            assert get(varnish, unhashed).cache in {"MISS", "PASS"}
        assert backend.hits[unhashed] == 2


def test_requests_with_the_apps_cookies_pass_and_other_cookies_are_stripped(fake):
    backend, varnish = fake
    backend.answers["/cookies"] = PUBLIC
    get(varnish, "/cookies")
    for cookie in ("sessionid=abc", "csrftoken=abc", "__Host-sessionid=abc", "messages=x",
                   "_ga=1; __Host-csrftoken=abc"):  # fmt: skip
        answer = get(varnish, "/cookies", headers={"Cookie": cookie})
        assert answer.cache == "PASS", cookie
        assert backend.cookies["/cookies"] == cookie
    hits = backend.hits["/cookies"]
    analytics = get(varnish, "/cookies", headers={"Cookie": "_ga=GA1.2.3; theme=dark"})
    assert analytics.cache == "HIT" and backend.hits["/cookies"] == hits


def test_admin_and_unsafe_methods_pass(fake):
    backend, varnish = fake
    backend.answers["/admin/login/"] = PUBLIC
    backend.answers["/form"] = PUBLIC
    for _ in range(2):
        assert get(varnish, "/admin/login/").cache == "PASS"
        assert get(varnish, "/form", method="POST").cache == "PASS"
    assert backend.hits["/admin/login/"] == 2 and backend.hits["/form"] == 2


def test_bans_retire_one_schema_or_everything(fake):
    backend, varnish = fake
    backend.answers["/a"] = PUBLIC
    backend.answers["/b"] = {**PUBLIC, "X-Opd": "bpbd"}
    for path in ("/a", "/b"):
        get(varnish, path)
        assert get(varnish, path).cache == "HIT"
    assert ban(varnish, "dinkes").status == 200
    assert get(varnish, "/a").cache == "MISS"
    assert get(varnish, "/b").cache == "HIT"
    assert ban(varnish, "*").status == 200
    assert get(varnish, "/b").cache == "MISS"
    # Only a schema name or "*": nothing a VCL expression could be built from.
    assert ban(varnish, 'dinkes" || obj.status != 0 || "').status == 400
    assert ban(varnish, "").status == 400


def test_only_the_apps_nodes_may_ban(fake):
    backend, varnish = fake
    backend.answers["/acl"] = PUBLIC
    get(varnish, "/acl")
    # 127.0.0.2 is this machine too, but not in the VCL's ACL (a visitor, as far as it knows).
    refused = request(varnish.port, "localhost", "/", method="BAN",
                      headers={"X-Ban-Opd": "*"}, source="127.0.0.2")  # fmt: skip
    assert refused.status == 405
    assert get(varnish, "/acl").cache == "HIT"


def test_metrics_are_not_served_through_the_accelerator(fake):
    _backend, varnish = fake
    assert get(varnish, "/metrics").status == 404


# --- in front of the platform ----------------------------------------------------------------


@dataclass
class Platform:
    stack: e2e_stack.Stack
    varnish: Varnish

    def get(self, host, path, **options) -> Answer:
        return request(self.varnish.port, host, path, **options)

    def shell(self, code: str) -> str:
        """Run `code` in `manage.py shell` with the server's settings (the same Redis and
        the same accelerator)."""
        completed = subprocess.run(
            [os.sys.executable, "manage.py", "shell", "-c", code],
            cwd=e2e_stack.BASE_DIR,
            env=self.stack.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert completed.returncode == 0, completed.stderr[-3000:]
        return completed.stdout


@pytest.fixture(scope="module")
def platform():
    require_varnish()
    from tests.resilience.cluster import redis_server_binary

    redis_port = e2e_stack.free_port()
    work = Path(tempfile.mkdtemp(prefix="accelerator-redis-"))
    redis = subprocess.Popen(
        [redis_server_binary(), "--port", str(redis_port), "--bind", "127.0.0.1",
         "--save", "", "--appendonly", "no", "--dir", str(work)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    varnish_port = e2e_stack.free_port()
    stack = varnish = None
    try:
        stack = e2e_stack.start_stack(
            database=CONFIGURED_DATABASE,
            name_suffix="accel",
            extra_env={
                "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
                "ACCELERATOR_URLS": f"http://127.0.0.1:{varnish_port}/",
                "ACCELERATOR_REBAN_SECONDS": str(REBAN_SECONDS),
            },
        )
        varnish = Varnish(backend_port=stack.port, port=varnish_port)
        yield Platform(stack, varnish)
    finally:
        if varnish:
            varnish.stop()
        if stack:
            stack.stop()
        redis.terminate()
        redis.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


def hit_twice(platform, host, path) -> Answer:
    platform.get(host, path)
    answer = platform.get(host, path)
    assert answer.status == 200 and answer.cache == "HIT", (answer.status, answer.headers)
    return answer


PUBLISH = """
from django_tenants.utils import tenant_context
from news.models import Article, Category
from publishing.services import publish_content
from tenants.models import Opd
from datetime import UTC, datetime

with tenant_context(Opd.objects.get(slug={slug!r})):
    publish_content(Article(
        title={title!r},
        slug={article_slug!r},
        summary="Diterbitkan lewat tes akselerator.",
        body="<p>Isi berita.</p>",
        category=Category.objects.get(slug="berita"),
        status=Article.Status.PUBLISHED,
        published_at=datetime.fromtimestamp({at}, tz=UTC),
    ))
"""


def publish(platform, *, slug, title, delay=0) -> float:
    """Publish an article on `slug` through the publishing service (visible in `delay`
    seconds); returns when it becomes visible (time.time())."""
    # The moment is fixed here, not when the shell has started (seconds later on a busy machine).
    at = time.time() + delay
    article_slug = title.lower().replace(" ", "-")
    platform.shell(PUBLISH.format(slug=slug, title=title, article_slug=article_slug, at=at))
    return at


def test_an_anonymous_page_is_served_from_the_accelerator(platform):
    first = platform.get(OPD_HOST, "/")
    assert first.status == 200
    assert "s-maxage=" in first.headers["Cache-Control"]
    assert "public" in first.headers["Cache-Control"]
    assert "X-Opd" not in first.headers
    time.sleep(1.1)
    second = platform.get(OPD_HOST, "/")
    assert second.cache == "HIT" and second.age >= 1
    assert second.body == first.body


def test_a_visitor_with_a_session_goes_to_the_app(platform):
    hit_twice(platform, OPD_HOST, "/")
    answer = platform.get(OPD_HOST, "/", headers={"Cookie": "sessionid=not-a-session"})
    assert answer.status == 200 and answer.cache == "PASS" and answer.age == 0


@pytest.mark.parametrize("path", ["/admin/login/", "/cari/?q=vaksinasi", "/ppid/permohonan/"])
def test_admin_search_and_forms_are_never_kept(platform, path):
    for _ in range(3):
        answer = platform.get(OPD_HOST, path)
        assert answer.status == 200, answer.status
        assert answer.cache in {"MISS", "PASS"} and answer.age == 0
        assert "public" not in answer.headers.get("Cache-Control", "")


def test_a_response_that_sets_a_cookie_is_never_kept(platform):
    # The PPID request form sets the CSRF cookie.
    answer = platform.get(OPD_HOST, "/ppid/permohonan/")
    assert "Set-Cookie" in answer.headers
    assert platform.get(OPD_HOST, "/ppid/permohonan/").cache != "HIT"


def test_a_publication_is_visible_at_once_and_other_opds_stay_cached(platform):
    hit_twice(platform, OPD_HOST, "/berita/")
    other = hit_twice(platform, OTHER_HOST, "/berita/")
    publish(platform, slug=e2e_stack.OPD_SLUG, title="Banjir surut di kota uji")
    fresh = platform.get(OPD_HOST, "/berita/")
    assert fresh.cache == "MISS" and "Banjir surut di kota uji" in fresh.body
    time.sleep(1.1)
    still = platform.get(OTHER_HOST, "/berita/")
    assert still.cache == "HIT" and still.age > other.age
    assert "Banjir surut di kota uji" not in still.body


def test_a_deactivated_opd_answers_503_at_once(platform):
    hit_twice(platform, OTHER_HOST, "/")
    platform.shell(
        "from tenants.models import Opd\n"
        "from tenants.services import set_opd_active\n"
        f"set_opd_active(opd=Opd.objects.get(slug={e2e_stack.OTHER_OPD_SLUG!r}), active=False)"
    )
    for _ in range(2):
        answer = platform.get(OTHER_HOST, "/")
        assert answer.status == 503 and answer.cache in {"MISS", "PASS"}
    # The other OPD is untouched.
    assert platform.get(OPD_HOST, "/berita/").status == 200


def test_scheduled_content_bounds_the_keep_and_a_dead_app_is_served_stale(platform):
    """Last: it stops the server."""
    # Far enough ahead for a busy machine to start the shell, save and ban before it is due.
    appears = publish(platform, slug=e2e_stack.OPD_SLUG, title="Jadwal vaksinasi", delay=15)
    assert time.time() + REBAN_SECONDS + 3 < appears, "the machine took too long to publish"
    time.sleep(REBAN_SECONDS + 0.5)  # past the second ban of that publication
    first = platform.get(OPD_HOST, "/berita/")
    assert "Jadwal vaksinasi" not in first.body
    s_maxage = int(first.headers["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 0 < s_maxage <= appears - time.time() + 1
    assert platform.get(OPD_HOST, "/berita/").cache == "HIT"

    platform.stack.server.terminate()
    platform.stack.server.wait(timeout=30)
    # Past the page's time and the 10 s of grace a healthy app gets, the probe says sick.
    time.sleep(max(0.0, appears + 12 - time.time()))
    stale = platform.get(OPD_HOST, "/berita/")
    assert stale.status == 200 and stale.cache == "STALE", (stale.status, stale.headers)
    assert stale.body == first.body
    # A page it never had cannot be made up: a short page in Indonesian, never kept.
    missing = platform.get(OPD_HOST, "/faq/")
    assert missing.status == 503 and "Layanan sementara tidak tersedia" in missing.body
    assert missing.headers["Retry-After"] == "30"
