"""The site menu in a real browser, by keyboard alone: the phone menu, PPID one tap away, the
desktop submenus, and no sideways scrolling at 320 px."""

import pytest
from playwright.sync_api import expect

from tests.e2e import stack
from tests.e2e.conftest import SCREENSHOT_DIR
from tests.e2e.keyboard import tab_to


def nav(page):
    return page.locator("nav.site-nav")


def test_phone_menu_opens_reaches_ppid_and_closes_with_escape(e2e, phone):
    page = phone
    page.goto(e2e.url(stack.OPD_SLUG, "/"))
    menu = nav(page)
    toggle = menu.get_by_role("button", name="Menu")
    list_ = menu.locator("#menu-utama")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(list_).to_be_hidden()
    tab_to(page, toggle)
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(list_).to_be_visible()
    opener = menu.get_by_role("button", name="Informasi Publik")
    tab_to(page, opener)
    page.keyboard.press("Enter")
    expect(opener).to_have_attribute("aria-expanded", "true")
    request_link = menu.get_by_role("link", name="Permohonan Informasi")
    tab_to(page, request_link)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT_DIR / "menu-open-phone.png")
    # Escape closes the submenu and gives the focus back to its button, then the menu.
    page.keyboard.press("Escape")
    expect(opener).to_have_attribute("aria-expanded", "false")
    expect(request_link).to_be_hidden()
    expect(opener).to_be_focused()
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    expect(list_).to_be_hidden()
    # And the PPID page itself, through the open menu.
    page.keyboard.press("Enter")
    tab_to(page, opener)
    page.keyboard.press("Enter")
    tab_to(page, request_link)
    page.keyboard.press("Enter")
    page.wait_for_url("**/ppid/permohonan/")


def test_ppid_is_one_tap_away_on_a_phone(e2e, phone):
    page = phone
    page.goto(e2e.url(stack.OPD_SLUG, "/berita/"))
    shortcut = nav(page).locator(".site-nav__shortcut")
    expect(shortcut).to_be_visible()
    expect(shortcut).to_be_in_viewport()
    shortcut.tap()
    page.wait_for_url("**/ppid/")
    expect(page.locator("h1")).to_contain_text("Informasi")


def test_desktop_submenu_with_the_keyboard(e2e, desktop):
    page = desktop
    page.goto(e2e.url(stack.OPD_SLUG, "/"))
    menu = nav(page)
    expect(menu.get_by_role("button", name="Menu")).to_be_hidden()
    opener = menu.get_by_role("button", name="Profil")
    submenu_link = menu.get_by_role("link", name="Visi dan Misi")
    expect(submenu_link).to_be_hidden()
    tab_to(page, opener)
    page.keyboard.press("Enter")
    expect(submenu_link).to_be_visible()
    page.screenshot(path=SCREENSHOT_DIR / "menu-desktop.png")
    tab_to(page, submenu_link)
    page.keyboard.press("Escape")
    expect(submenu_link).to_be_hidden()
    expect(opener).to_be_focused()
    # Space opens it as well; another top item's button closes the first one.
    page.keyboard.press("Space")
    expect(submenu_link).to_be_visible()
    other = menu.get_by_role("button", name="Publikasi")
    tab_to(page, other)
    page.keyboard.press("Enter")
    expect(submenu_link).to_be_hidden()
    expect(menu.get_by_role("link", name="Pengumuman")).to_be_visible()
    tab_to(page, menu.get_by_role("link", name="Pengumuman"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/berita/kategori/pengumuman/")


def test_without_javascript_every_link_is_shown(e2e, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(e2e.url(stack.OPD_SLUG, "/"))
    for name in ("Visi dan Misi", "Permohonan Informasi", "Pengumuman", "Kontak"):
        expect(nav(page).get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(nav(page).get_by_role("button")).to_have_count(0)
    page.screenshot(path=SCREENSHOT_DIR / "menu-no-js-phone.png", full_page=True)
    context.close()


@pytest.mark.parametrize(
    ("slug", "path"),
    [
        (stack.OPD_SLUG, "/"),
        (stack.OPD_SLUG, f"/berita/{stack.SEEDED_ARTICLE_SLUG}/"),
        (stack.OPD_SLUG, "/halaman/profil/"),
        (stack.OPD_SLUG, "/ppid/"),
        (None, "/"),
    ],
)
def test_nothing_scrolls_sideways_at_320_px_with_the_menu_open(e2e, browser, slug, path):
    context = browser.new_context(
        viewport={"width": 320, "height": 700}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    assert page.goto(e2e.url(slug, path)).status == 200
    toggle = nav(page).get_by_role("button", name="Menu")
    toggle.tap()
    for opener in nav(page).locator("[data-submenu-toggle]").all():
        opener.tap()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width} px wide at 320 px"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{path} is {width} px wide at 320 px"
    if slug is None:
        page.screenshot(path=SCREENSHOT_DIR / "menu-portal-320.png")
    context.close()


def test_operator_reorders_the_menu_with_the_keyboard(e2e, new_page):
    from tests.e2e.test_journeys import log_in

    page = new_page(phone=False)
    log_in(page, e2e, stack.OPD_SLUG, stack.OPD_ADMIN_USERNAME)
    page.goto(e2e.url(stack.OPD_SLUG, "/admin/navigation/menuitem/"))
    expect(page.locator("h1")).to_have_text("Menu situs")
    page.screenshot(path=SCREENSHOT_DIR / "menu-admin-desktop.png", full_page=True)
    kontak = page.locator(".menu-tree__top > .menu-tree__item").filter(has_text="Kontak")
    up = kontak.get_by_role("button", name="Naik")
    tab_to(page, up)
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("Urutan menu tersimpan")
    labels = page.locator(".menu-tree__top > .menu-tree__item > .menu-tree__row .menu-tree__label")
    expect(labels).to_have_text([
        "Profil", "Informasi Publik", "Publikasi", "Kontak", "Layanan"
    ])  # fmt: skip
    page.screenshot(path=SCREENSHOT_DIR / "menu-admin-reordered-desktop.png", full_page=True)
    # Put it back for the other tests.
    kontak = page.locator(".menu-tree__top > .menu-tree__item").filter(has_text="Kontak")
    kontak.get_by_role("button", name="Turun").focus()
    page.keyboard.press("Enter")
    expect(labels).to_have_text([
        "Profil", "Informasi Publik", "Publikasi", "Layanan", "Kontak"
    ])  # fmt: skip
    # Adding an item: the destinations by name, grouped as their apps call them.
    page.goto(e2e.url(stack.OPD_SLUG, "/admin/navigation/menuitem/add/"))
    target = page.locator("#id_target")
    expect(
        target.locator("optgroup[label='Halaman'] option", has_text="Visi dan Misi")
    ).to_have_count(1)
    expect(target.locator("option", has_text="Tautan lain")).to_have_count(1)
    page.screenshot(path=SCREENSHOT_DIR / "menu-admin-add-desktop.png", full_page=True)
