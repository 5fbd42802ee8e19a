"""Every page type citizens land on, at 360 and 1280 px, saved in var/screenshots/page-types/.

The screenshots are for people to look at (issue #17: the official look); the test itself fails
when a page has the wrong status, scrolls sideways at 320 or 360 px, or asks another host for
anything (a font, a script, an image: the CSP and the 100 KB budget both forbid it). One
browser page per width is reused for every page type, so the module stays quick.
"""

from urllib.parse import urlsplit

import pytest

from tests.e2e import stack
from tests.e2e.conftest import DESKTOP, PHONE, SCREENSHOT_DIR
from tests.e2e.images import LOAD_LAZY_IMAGES

FOLDER = SCREENSHOT_DIR / "page-types"
OPD = stack.OPD_SLUG
# name: (OPD slug or None for the portal, path, expected status)
PAGE_TYPES = {
    "opd-home": (OPD, "/", 200),
    "news-list": (OPD, "/berita/", 200),
    "article": (OPD, f"/berita/{stack.SEEDED_ARTICLE_SLUG}/", 200),
    "category": (OPD, "/berita/kategori/pengumuman/", 200),
    "page": (OPD, "/halaman/profil/", 200),
    "struktur-organisasi": (OPD, "/halaman/struktur-organisasi/", 200),
    "search": (OPD, "/cari/?q=imunisasi", 200),
    "ppid-dip": (OPD, "/ppid/", 200),
    "ppid-request-form": (OPD, "/ppid/permohonan/", 200),
    "ppid-tracking": (OPD, "/ppid/permohonan/lacak/", 200),
    "services": (OPD, "/layanan/", 200),
    "service": (OPD, f"/layanan/{stack.SEEDED_SERVICE_SLUG}/", 200),
    "maklumat": (stack.OTHER_OPD_SLUG, "/layanan/maklumat/", 200),
    "skm-results": (stack.OTHER_OPD_SLUG, "/skm/", 200),
    "skm-form": (OPD, f"/skm/isi/{stack.SEEDED_SERVICE_SLUG}/", 200),
    "downloads": (OPD, "/unduhan/", 200),
    "agenda": (OPD, "/agenda/", 200),
    "event": (stack.OTHER_OPD_SLUG, "/agenda/simulasi-tanggap-darurat-bencana-banjir/", 200),
    "gallery": (stack.OTHER_OPD_SLUG, "/galeri/", 200),
    "album": (stack.OTHER_OPD_SLUG, "/galeri/tanggap-darurat-banjir-kasemen/", 200),
    "portal-home": (None, "/", 200),
    "portal-news": (None, "/berita/", 200),
    "opd-directory": (None, "/opd/", 200),
    # A mistyped OPD address. A missing page inside a site (templates/404.html) cannot be
    # looked at here: the stack serves with DEBUG on, where Django shows its own 404 page.
    "unknown-site": ("tidak-ada-opd-ini", "/", 404),
}
NARROW_WIDTHS = (320, 360)


class Viewer:
    """One browser page at one width, with every host it sent a request to."""

    def __init__(self, page):
        self.page = page
        self.hosts: list[str] = []
        page.on("request", lambda request: self.hosts.append(urlsplit(request.url).netloc))

    def open(self, url: str):
        self.hosts.clear()
        return self.page.goto(url, wait_until="load")


@pytest.fixture(scope="module")
def viewers(browser):
    contexts, made = [], {}
    for label, viewport, mobile in (("360", PHONE, True), ("1280", DESKTOP, False)):
        context = browser.new_context(
            viewport=viewport,
            is_mobile=mobile,
            has_touch=mobile,
            device_scale_factor=1,
            locale="id-ID",
            timezone_id="Asia/Jakarta",
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        made[label] = Viewer(context.new_page())
    FOLDER.mkdir(parents=True, exist_ok=True)
    yield made
    for context in contexts:
        context.close()


# The layout shift a visitor sees while the page loads (CLS; Lighthouse's "good" is < 0.1). The
# menu once collapsed only when its script ran, moving every page down and up again: 0.665.
LAYOUT_SHIFT = """() => new Promise((resolve) => {
    let total = 0;
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
    }).observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve(total), 200);
})"""
MAX_LAYOUT_SHIFT = 0.1


def scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_every_page_type_looks_right_at_phone_and_desktop_width(e2e, viewers, name):
    slug, path, status = PAGE_TYPES[name]
    url = e2e.url(slug, path)
    own_host = urlsplit(url).netloc
    for label, viewer in viewers.items():
        page = viewer.open(url)
        assert page.status == status, f"{path}: {page.status}"
        page = viewer.page
        shift = page.evaluate(LAYOUT_SHIFT)
        assert shift < MAX_LAYOUT_SHIFT, f"{path} at {label} px: layout shift {shift:.3f}"
        page.evaluate(LOAD_LAZY_IMAGES)
        page.wait_for_load_state("networkidle")
        strangers = sorted({host for host in viewer.hosts if host != own_host})
        assert not strangers, f"{path} at {label} px asked other hosts: {strangers}"
        page.screenshot(path=FOLDER / f"{name}-{label}.png", full_page=True)
    # A mobile browser widens its layout viewport to the content: compare with the screen.
    phone = viewers["360"].page
    try:
        for width in NARROW_WIDTHS:
            phone.set_viewport_size({"width": width, "height": PHONE["height"]})
            wide = scroll_width(phone)
            assert wide <= width, f"{path} is {wide} px wide on a {width} px screen"
    finally:
        phone.set_viewport_size(PHONE)
