"""axe-core on the pages citizens and operators land on: no serious or critical violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e import stack

PAGES = {
    "opd-home": (stack.OPD_SLUG, "/"),
    "article": (stack.OPD_SLUG, f"/berita/{stack.SEEDED_ARTICLE_SLUG}/"),
    "news-list": (stack.OPD_SLUG, "/berita/"),
    "category": (stack.OPD_SLUG, "/berita/kategori/pengumuman/"),
    "search": (stack.OPD_SLUG, "/cari/?q=vaksinasi"),
    "page": (stack.OPD_SLUG, "/halaman/profil/"),
    "structure": (stack.OPD_SLUG, "/halaman/struktur-organisasi/"),
    "ppid": (stack.OPD_SLUG, "/ppid/"),
    "ppid-request-form": (stack.OPD_SLUG, "/ppid/permohonan/"),
    "ppid-tracking": (stack.OPD_SLUG, "/ppid/permohonan/lacak/"),
    "services": (stack.OPD_SLUG, "/layanan/"),
    "service": (stack.OPD_SLUG, f"/layanan/{stack.SEEDED_SERVICE_SLUG}/"),
    "maklumat": (stack.OTHER_OPD_SLUG, "/layanan/maklumat/"),
    "skm-results": (stack.OTHER_OPD_SLUG, "/skm/"),
    "skm-form": (stack.OPD_SLUG, f"/skm/isi/{stack.SEEDED_SERVICE_SLUG}/"),
    "downloads": (stack.OPD_SLUG, "/unduhan/"),
    "agenda": (stack.OPD_SLUG, "/agenda/"),
    "event": (stack.OTHER_OPD_SLUG, "/agenda/simulasi-tanggap-darurat-bencana-banjir/"),
    "gallery": (stack.OTHER_OPD_SLUG, "/galeri/"),
    "album": (stack.OTHER_OPD_SLUG, "/galeri/tanggap-darurat-banjir-kasemen/"),
    "portal-home": (None, "/"),
    "portal-news": (None, "/berita/"),
    "opd-directory": (None, "/opd/?jenis=dinas"),
    # A mistyped OPD address (with DEBUG on, a missing page inside a site is Django's own).
    "unknown-site": ("tidak-ada-opd-ini", "/"),
    "opd-admin-login": (stack.OPD_SLUG, "/admin/login/"),
}
BLOCKING_IMPACTS = {"serious", "critical"}
# Every page answers 200 but these.
STATUS = {"unknown-site": 404}


@pytest.fixture(scope="module")
def axe():
    return Axe()


def describe(violations):
    return "\n".join(
        f"- [{violation['impact']}] {violation['id']}: {violation['help']} "
        f"({', '.join(node['target'][0] for node in violation['nodes'][:3])})"
        for violation in violations
    )


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_no_serious_accessibility_violations(e2e, new_page, axe, name, size):
    slug, path = PAGES[name]
    page = new_page(phone=size == "phone")
    response = page.goto(e2e.url(slug, path))
    assert response.status == STATUS.get(name, 200)
    results = axe.run(page)
    assert results.response["passes"], "axe-core did not run"
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe-core on {path}:\n{describe(blocking)}"


@pytest.mark.parametrize("name", PAGES)
def test_no_page_scrolls_sideways_on_a_phone(e2e, new_page, name):
    slug, path = PAGES[name]
    page = new_page(phone=True)
    assert page.goto(e2e.url(slug, path)).status == STATUS.get(name, 200)
    # A mobile browser widens its layout viewport to the content, so compare with the screen.
    screen = page.viewport_size["width"]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= screen, f"{path} is {width} px wide on a {screen} px screen"
