"""The OPD back office's first steps in a real browser on a phone: the forgotten password, and
a first screen that says what to do today."""

from playwright.sync_api import expect

from tests.e2e import stack
from tests.e2e.conftest import SCREENSHOT_DIR
from tests.e2e.test_journeys import log_in


def test_a_forgotten_password_is_asked_for_from_the_log_in_page(e2e, phone):
    phone.goto(e2e.url(stack.OPD_SLUG, "/admin/login/"))
    phone.get_by_role("link", name="Lupa kata sandi?").click()
    phone.get_by_label("E-mail akun Anda").fill("siapa.saja@example.org")
    phone.get_by_role("button", name="Kirim tautan").click()
    expect(phone).to_have_url(e2e.url(stack.OPD_SLUG, "/admin/lupa-sandi/terkirim/"))
    expect(phone.locator(".password-reset-sent")).to_contain_text("Jika alamat itu milik")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360


def test_the_first_screen_says_what_to_do_today_on_a_phone(e2e, phone):
    log_in(phone, e2e, stack.OPD_SLUG, stack.OPD_ADMIN_USERNAME)
    phone.goto(e2e.url(stack.OPD_SLUG, "/admin/"))
    write = phone.get_by_role("link", name="Tulis berita", exact=True)
    expect(write).to_be_visible()
    box = write.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 800  # on the first screen
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=SCREENSHOT_DIR / "opd-dashboard-360.png", full_page=True)
    todo = phone.locator(".opd-todo__list a").first
    expect(todo).to_be_visible()
    todo.click()
    expect(phone.locator("#content-main")).to_be_visible()
    assert "/admin/" in phone.url and phone.url != e2e.url(stack.OPD_SLUG, "/admin/")
    phone.goto(e2e.url(stack.OPD_SLUG, "/admin/"))
    write.click()
    expect(phone).to_have_url(e2e.url(stack.OPD_SLUG, "/admin/news/article/add/"))
