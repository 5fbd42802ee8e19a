"""Browser tests: Playwright driving the system Chromium against a scratch copy of the platform.

One server and one browser serve the whole module set (see tests/e2e/stack.py). Without
Chromium or Playwright on the machine the tests are reported as NOT RUN, loudly, in the terminal
summary; with PORTAL_E2E_REQUIRED=1 (set by .ci/run) a missing browser fails the run instead.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.e2e import stack as e2e_stack

CHROMIUM = os.environ.get("PORTAL_E2E_CHROMIUM", "/usr/bin/chromium")
SCREENSHOT_DIR = e2e_stack.BASE_DIR / "var" / "screenshots"
PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 800}
# Read now, before pytest-django points the settings at its test database.
CONFIGURED_DATABASE = e2e_stack.configured_database()

_not_run: list[str] = []
_open_contexts: list = []


def browser_unavailable() -> str | None:
    """Why the browser tests cannot run on this machine, or None."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return (
            f"no Chromium at {CHROMIUM} (install the Debian package: "
            "sudo apt-get install chromium; see README, Tests)"
        )
    try:
        import axe_playwright_python  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (.venv/bin/pip install -e '.[dev]')"
    return None


def pytest_collection_modifyitems(config, items):
    """Run the browser tests last: the fast unit tests report first."""
    items.sort(key=lambda item: "tests/e2e/" in item.nodeid.replace(os.sep, "/"))


def pytest_terminal_summary(terminalreporter):
    if _not_run:
        skipped = [
            report
            for report in terminalreporter.stats.get("skipped", [])
            if "BROWSER TESTS NOT RUN" in str(report.longrepr)
        ]
        terminalreporter.section("BROWSER TESTS NOT RUN", sep="!", red=True, bold=True)
        terminalreporter.write_line(
            f"{len(skipped)} end-to-end and accessibility tests were NOT run: {_not_run[0]}",
            red=True,
            bold=True,
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """When a journey fails, keep what each open browser showed (var/screenshots/failures/)."""
    report = yield
    if report.when == "call" and report.failed and _open_contexts:
        folder = SCREENSHOT_DIR / "failures"
        folder.mkdir(parents=True, exist_ok=True)
        pages = [page for context in _open_contexts for page in context.pages]
        for number, page in enumerate(pages, start=1):
            stem = folder / f"{item.name}-{number}"
            page.screenshot(path=stem.with_suffix(".png"), full_page=True)
            stem.with_suffix(".html").write_text(page.content())
            report.sections.append(("browser", f"{page.url} -> {stem}.png"))
    return report


@pytest.fixture(scope="session")
def e2e():
    """The scratch platform, served on http://<slug>.localhost:<port>/."""
    problem = browser_unavailable()
    if problem:
        if os.environ.get("PORTAL_E2E_REQUIRED") == "1":
            pytest.fail(f"Browser tests required but {problem}", pytrace=False)
        _not_run.append(problem)
        # The only skip in the suite: no browser on this machine (reported in the summary).
        pytest.skip(f"BROWSER TESTS NOT RUN: {problem}")
    stack = e2e_stack.start_stack(database=CONFIGURED_DATABASE)
    yield stack
    stack.stop()


@pytest.fixture(scope="session")
def browser(e2e):
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        yield browser
        browser.close()


def _context(browser, viewport, *, mobile, storage_state=None):
    context = browser.new_context(
        storage_state=storage_state,
        viewport=viewport,
        is_mobile=mobile,
        has_touch=mobile,
        device_scale_factor=2 if mobile else 1,
        locale="id-ID",
        timezone_id="Asia/Jakarta",
    )
    context.set_default_timeout(15_000)
    _open_contexts.append(context)
    context.on("close", lambda closed: _open_contexts.remove(closed))
    return context


@pytest.fixture
def phone(browser):
    """A fresh browser (no cookies) on a 360×800 phone."""
    context = _context(browser, PHONE, mobile=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser):
    """A fresh browser (no cookies) on a 1280×800 screen."""
    context = _context(browser, DESKTOP, mobile=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def new_page(browser):
    """`new_page(phone=True, storage_state=None)`: one more independent browser (another
    person, or the same person logged in elsewhere)."""
    contexts = []

    def make(*, phone=False, storage_state=None):
        viewport = PHONE if phone else DESKTOP
        context = _context(browser, viewport, mobile=phone, storage_state=storage_state)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def screenshots():
    """`screenshots(page, "name")`: the page at phone and desktop sizes, in var/screenshots/."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        original = page.viewport_size
        for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            page.set_viewport_size(viewport)
            page.screenshot(path=SCREENSHOT_DIR / f"{name}-{label}.png", full_page=True)
        page.set_viewport_size(original)

    return take


@pytest.fixture(scope="session")
def kominfo_session(e2e, browser):
    """The Kominfo superadmin's logged-in browser state, shared by every browser test that uses
    the console: it asks for a second step, and a code is valid once, so two log-ins within one
    30-second window would see the second refused."""
    from tests.e2e.test_journeys import log_in

    context = browser.new_context()
    page = context.new_page()
    log_in(page, e2e, None, e2e_stack.KOMINFO_USERNAME)
    state = context.storage_state()
    context.close()
    return state
