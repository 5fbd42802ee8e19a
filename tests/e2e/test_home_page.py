"""The OPD home page as a citizen meets it: every section filled (dinkes) and every section empty
(an OPD just provisioned), on a phone and a desktop, driven with the keyboard only."""

from playwright.sync_api import expect

from tests.e2e import stack
from tests.e2e.keyboard import activate, tab_to
from tests.e2e.test_journeys import log_in

NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


def test_every_section_filled_reads_as_an_official_home_page(e2e, phone, screenshots):
    phone.goto(e2e.url(stack.OPD_SLUG))
    main = phone.locator("main")
    for heading in ("Layanan unggulan", "Sambutan Kepala", "Berita terbaru", "Pengumuman",
                    "Layanan Informasi Publik (PPID)", "Kontak"):  # fmt: skip
        expect(main.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    # The headline (the pinned article) comes first, before the quick links.
    first_section = main.locator("section").first
    expect(first_section).to_have_class("home-section home-headline")
    assert "belum" not in main.inner_text().lower()
    # Images below the fold wait until they are scrolled to; each says how big it is.
    for image in main.locator(".home__item:not(:first-child) img").all():
        assert image.get_attribute("width") and image.get_attribute("height")
        if not image.get_attribute("src").endswith(".svg"):
            assert image.get_attribute("loading") == "lazy", image.get_attribute("src")
    phone.set_viewport_size({"width": 320, "height": 800})
    assert phone.evaluate(NO_SIDEWAYS_SCROLL)
    phone.set_viewport_size({"width": 360, "height": 800})
    screenshots(phone, "home-filled")

    # Keyboard only: each section's links are reached with Tab, their focus visible.
    for link in (
        main.locator(".home-headline a").last,
        main.locator(".quick-link").last,
        main.get_by_role("link", name="Baca selengkapnya sambutan kepala"),
        main.locator(".home-news .article-card__title a").last,
        main.get_by_role("link", name="Semua berita"),
        main.locator(".announcement__title").first,
        main.get_by_role("link", name="Lacak permohonan", exact=True),
        main.get_by_role("link", name="Daftar Informasi Publik", exact=True),
        main.locator(".home-contact a").first,
    ):
        tab_to(phone, link)
    tab_to(phone, main.get_by_role("link", name="Ajukan permohonan", exact=True), backwards=True)
    phone.keyboard.press("Enter")
    expect(phone).to_have_url(e2e.url(stack.OPD_SLUG, "/ppid/permohonan/"))


def test_a_banner_headline_opens_its_link(e2e, phone, screenshots):
    phone.goto(e2e.url(stack.OTHER_OPD_SLUG))
    banner = phone.locator(".home-banner img")
    expect(banner).to_be_visible()
    assert banner.get_attribute("loading") is None  # the first thing on the page
    assert banner.get_attribute("alt").startswith("Banner BPBD")
    screenshots(phone, "home-banner")
    tab_to(phone, phone.locator(".home-banner__link"))
    phone.keyboard.press("Enter")
    expect(phone).to_have_url(e2e.url(stack.OTHER_OPD_SLUG, "/berita/"))


def test_the_long_welcome_reads_in_full_on_its_own_page(e2e, desktop):
    desktop.goto(e2e.url(stack.OPD_SLUG))
    link = desktop.get_by_role("link", name="Baca selengkapnya sambutan kepala")
    tab_to(desktop, link)
    desktop.keyboard.press("Enter")
    expect(desktop).to_have_url(e2e.url(stack.OPD_SLUG, "/sambutan/"))
    expect(desktop.locator("main")).to_contain_text("Wassalamu'alaikum")


def test_every_section_empty_leaves_no_empty_heading(e2e, desktop, screenshots):
    desktop.goto(e2e.url(stack.EMPTY_OPD_SLUG))
    main = desktop.locator("main")
    assert "belum" not in main.inner_text().lower()
    # Only the PPID box, which every OPD has, is left.
    headings = main.locator("h2").all_inner_texts()
    assert headings == ["Layanan Informasi Publik (PPID)"], headings
    tab_to(desktop, main.get_by_role("link", name="Daftar Informasi Publik", exact=True))
    desktop.set_viewport_size({"width": 320, "height": 800})
    assert desktop.evaluate(NO_SIDEWAYS_SCROLL)
    screenshots(desktop, "home-empty")


def test_an_operator_arranges_the_home_with_the_keyboard(e2e, new_page, screenshots):
    """On "Tata letak beranda": move the Sambutan up a step, hide the announcements, save; the
    home page follows. (BPBD's layout is put back afterwards.)"""
    page = new_page(phone=True)
    log_in(page, e2e, stack.OTHER_OPD_SLUG, stack.OPD_ADMIN_USERNAME)
    page.goto(e2e.url(stack.OTHER_OPD_SLUG, "/admin/"))
    activate(page, page.get_by_role("link", name="Tata letak beranda").first)
    expect(page.get_by_role("heading", name="Bagian beranda")).to_be_visible()
    screenshots(page, "home-layout-admin")
    activate(page, page.get_by_role("button", name="Naik Sambutan kepala"))
    expect(page.locator(".home-layout__table tbody th").first).to_have_text("Sambutan kepala")
    activate(page, page.get_by_label("Tampilkan Pengumuman"), key="Space")
    activate(page, page.get_by_role("button", name="Simpan tata letak"))
    expect(page.locator(".messagelist")).to_contain_text("Tata letak beranda tersimpan.")

    citizen = new_page(phone=True)
    citizen.goto(e2e.url(stack.OTHER_OPD_SLUG))
    titles = citizen.locator("main h2.home-section__title").all_inner_texts()
    assert titles[:2] == ["Sambutan Kepala", "Layanan unggulan"], titles
    assert "Pengumuman" not in titles

    activate(page, page.get_by_role("button", name="Turun Sambutan kepala"))
    activate(page, page.get_by_label("Tampilkan Pengumuman"), key="Space")
    activate(page, page.get_by_role("button", name="Simpan tata letak"))
    expect(page.locator(".home-layout__table tbody th").first).to_have_text(
        "Layanan unggulan (tautan cepat)"
    )


def test_the_first_visit_weighs_less_than_100_kb_without_content_images(e2e, new_page):
    page = new_page(phone=True)
    sizes = {}

    def measure(response):
        if "/media/" not in response.url:
            sizes[response.url] = len(response.body())

    page.on("response", measure)
    page.goto(e2e.url(stack.OPD_SLUG))
    page.wait_for_load_state("networkidle")
    assert all(url.startswith(e2e.url(stack.OPD_SLUG)) for url in sizes), sizes
    assert sum(sizes.values()) < 100 * 1024, sizes
