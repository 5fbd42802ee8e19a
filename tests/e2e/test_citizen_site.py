"""Issue #17 in a real browser, by keyboard alone: emergency banners by level, closed by a
visitor and still closed after a reload; the Struktur Organisasi page; the portal home."""

import re
from datetime import datetime, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e import stack
from tests.e2e.keyboard import activate, choose_option, type_into

DANGER_TEXT = "Banjir rob di pesisir: warga diminta menjauhi bantaran kali"
INFO_TEXT = "Layanan kependudukan buka hingga pukul 20.00 selama pekan ini"


@pytest.fixture(scope="module")
def kominfo(e2e, browser, kominfo_session):
    context = browser.new_context(storage_state=kominfo_session)
    page = context.new_page()
    yield page
    context.close()


def broadcast(page, e2e, level, text):
    page.goto(e2e.url(None, "/admin/banners/emergencybanner/add/"))
    choose_option(page, page.locator("#id_level"), level)
    type_into(page, page.locator("#id_text"), text)
    starts_on = page.locator("#id_starts_at_0").input_value()
    tomorrow = datetime.strptime(starts_on, "%d-%m-%Y") + timedelta(days=1)
    type_into(page, page.locator("#id_expires_at_0"), f"{tomorrow:%d-%m-%Y}")
    type_into(page, page.locator("#id_expires_at_1"), "23.00.00")
    activate(page, page.locator("input[name=_save]"))
    expect(page.locator(".messagelist")).to_be_visible()


@pytest.fixture(scope="module")
def banners(e2e, kominfo):
    """A Bahaya and an Informasi broadcast, removed afterwards (the stack serves later tests)."""
    broadcast(kominfo, e2e, "Bahaya", DANGER_TEXT)
    broadcast(kominfo, e2e, "Informasi", INFO_TEXT)
    yield
    kominfo.goto(e2e.url(None, "/admin/banners/emergencybanner/"))
    ids = []
    for text in (DANGER_TEXT, INFO_TEXT):
        href = kominfo.get_by_role("link", name=text).get_attribute("href")
        ids.append(re.search(r"/(\d+)/change/", href).group(1))
    for banner_id in ids:
        kominfo.goto(e2e.url(None, f"/admin/banners/emergencybanner/{banner_id}/delete/"))
        activate(kominfo, kominfo.locator("input[type=submit]"))
        expect(kominfo.locator(".messagelist")).to_be_visible()


def test_a_visitor_closes_a_banner_by_keyboard_and_it_stays_closed(
    e2e, banners, new_page, screenshots
):
    citizen = new_page(phone=True)
    citizen.goto(e2e.url(stack.OPD_SLUG, "/"))
    region = citizen.get_by_role("region", name="Siaran darurat")
    danger = region.get_by_role("alert")
    info = region.get_by_role("status")
    expect(danger).to_contain_text("Bahaya")
    expect(danger).to_contain_text(DANGER_TEXT)
    expect(danger).to_contain_text("Diterbitkan oleh Dinas Komunikasi dan Informatika")
    expect(info).to_contain_text("Informasi")
    expect(info).to_contain_text(INFO_TEXT)
    violations = Axe().run(citizen).response["violations"]
    serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, serious
    screenshots(citizen, "17-siaran-bahaya")

    close = danger.get_by_role("button", name="Tutup siaran Bahaya")
    activate(citizen, close)
    expect(danger).to_be_hidden()
    expect(info).to_be_visible()
    # Focus moves on to the next banner's button, not lost to the top of the page.
    expect(info.get_by_role("button", name="Tutup siaran Informasi")).to_be_focused()

    citizen.reload()
    expect(citizen.get_by_text(DANGER_TEXT)).to_be_hidden()
    expect(citizen.get_by_text(INFO_TEXT)).to_be_visible()
    # Closed for this visitor on this site only (localStorage is per origin); others still see it.
    other = new_page(phone=True)
    other.goto(e2e.url(stack.OTHER_OPD_SLUG, "/"))
    expect(other.get_by_role("alert")).to_contain_text(DANGER_TEXT)


def test_without_javascript_the_banner_stays_and_has_no_button(e2e, banners, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    try:
        page = context.new_page()
        page.goto(e2e.url(stack.OPD_SLUG, "/"))
        expect(page.get_by_text(DANGER_TEXT)).to_be_visible()
        expect(page.locator(".emergency__close").first).to_be_hidden()
    finally:
        context.close()


def test_the_structure_page_shows_officials_by_unit(e2e, new_page, screenshots):
    page = new_page(phone=True)
    page.goto(e2e.url(stack.OPD_SLUG, "/halaman/struktur-organisasi/"))
    expect(page.locator(".org-unit__name").first).to_have_text("Pimpinan")
    expect(page.locator(".org-unit .org-unit__name").first).to_have_text("Sekretariat")
    photo = page.locator(".official__photo").first
    box = photo.bounding_box()
    assert box["width"] < 120, box  # a small portrait beside the name on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshots(page, "17-struktur-organisasi")


def test_the_portal_home_is_a_short_front_door(e2e, new_page, screenshots):
    page = new_page(phone=True)
    page.goto(e2e.url(None, "/"))
    expect(page.get_by_role("search")).to_be_visible()
    expect(page.get_by_role("heading", name="Perangkat daerah")).to_be_visible()
    expect(page.get_by_role("link", name="Buka layanan PPID")).to_be_visible()
    height = page.evaluate("document.documentElement.scrollHeight")
    # Six phone screens at most, whatever the number of OPDs: the emergency banners, the search,
    # five news, the OPDs by kind, the PPID card, and the agenda and services of every OPD (three
    # events and at most four services).
    assert height <= 6 * 640, height
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshots(page, "17-portal-beranda")
    activate(page, page.locator('a.portal-kind[href="/opd/?jenis=dinas"]'))
    expect(page.get_by_role("heading", level=1)).to_have_text("Direktori OPD: Dinas")
    screenshots(page, "17-direktori-dinas")
