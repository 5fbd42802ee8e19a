"""The PPID desk's journey, at 1280 px and at 360 px: a citizen files a request, the Petugas
PPID finds it (from the dashboard's count when the dashboard shows it, else from the PPID
list), opens it, grants it with a form that asks only what a grant needs, and the citizen's
tracking page shows the decision. Driven by keyboard alone, as the other journeys; every
activation (a click for a mouse user) is counted and printed."""

import re
import sys

import pytest
from playwright.sync_api import expect

from tests.e2e import stack
from tests.e2e.conftest import SCREENSHOT_DIR
from tests.e2e.keyboard import activate, choose_radio, type_into
from tests.e2e.test_journeys import log_in

WIDTHS = {"desktop": 1280, "phone": 360}


class Clicks:
    """Counts what a mouse user would click: links, buttons, radio choices."""

    def __init__(self):
        self.count = 0

    def activate(self, page, target, **options):
        self.count += 1
        activate(page, target, **options)

    def choose(self, page, group, value):
        self.count += 1
        choose_radio(page, group, value)


def switch_radio(page, group, value):
    """From a checked radio of `group` (it has the focus), arrow to `value`."""
    radios = group.locator("input[type=radio]")
    values = [radios.nth(index).get_attribute("value") for index in range(radios.count())]
    current = page.evaluate("() => document.activeElement.value")
    key = "ArrowDown" if values.index(value) > values.index(current) else "ArrowUp"
    for _ in range(abs(values.index(value) - values.index(current))):
        page.keyboard.press(key)
    assert group.locator(f"input[value='{value}']").is_checked()


def file_a_request(page, e2e, clicks):
    page.goto(e2e.url(stack.OPD_SLUG, "/ppid/permohonan/"))
    form = page.locator("form.ppid-form")
    type_into(page, form.locator("#id_applicant_name"), "Rina Marlina")
    clicks.choose(page, form.locator("#id_identity_type"), "nik")
    type_into(page, form.locator("#id_identity_number"), "3673015201900002")
    type_into(page, form.locator("#id_address"), "Jl. Kenanga 7, Kota Uji")
    type_into(page, form.locator("#id_phone"), "081234567891")
    type_into(page, form.locator("#id_email"), "rina@example.org")
    type_into(page, form.locator("#id_occupation"), "Wartawan")
    type_into(page, form.locator("#id_information_requested"), "Jumlah kasus DBD per kecamatan")
    type_into(page, form.locator("#id_purpose"), "Bahan liputan")
    clicks.choose(page, form.locator("#id_obtain_method"), "salinan")
    clicks.choose(page, form.locator("#id_delivery_method"), "email")
    clicks.activate(page, form.get_by_role("button", name="Kirim permohonan"))
    expect(page.locator("h1")).to_have_text("Permohonan Anda telah diterima")
    receipt = page.locator(".ppid-receipt")
    return receipt.locator("dd").nth(0).inner_text().strip(), receipt.locator(
        ".ppid-code"
    ).inner_text().strip()


def track(page, e2e, number, code, clicks):
    page.goto(e2e.url(stack.OPD_SLUG, "/ppid/permohonan/lacak/"))
    tracking = page.locator("form.ppid-form")
    type_into(page, tracking.locator("input[name=number]"), number)
    type_into(page, tracking.locator("input[name=code]"), code)
    clicks.activate(page, tracking.get_by_role("button", name="Lacak"))
    return page.locator(".ppid-status")


def screenshot(page, name, size):
    """The whole page at this journey's width, var/screenshots/ppid-<name>-<width>.png."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT_DIR / f"ppid-{name}-{WIDTHS[size]}.png", full_page=True)


def no_sideways_scrolling(page):
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "sideways scrolling"


def header_is_whole(page, column):
    """The column's header text is not cut off: its box shows all of its text and lies inside
    the (scrollable) results area, or the results area can be scrolled to it."""
    return page.evaluate(
        """(column) => {
          const th = document.querySelector(`#result_list thead th.${column}`);
          const text = th.querySelector(".text") || th;
          const results = th.closest(".results") || document.body;
          const cut = text.scrollWidth > text.clientWidth + 1;
          const right = th.getBoundingClientRect().right;
          const edge = results.getBoundingClientRect().right;
          return {cut, inside: right <= edge + 1, text: th.innerText.trim()};
        }""",
        column,
    )


@pytest.mark.parametrize("size", WIDTHS)
def test_ppid_officer_grants_a_request_from_the_dashboard(e2e, new_page, size, capsys):
    phone = size == "phone"
    citizen_clicks, officer_clicks = Clicks(), Clicks()
    citizen = new_page(phone=phone)
    assert citizen.viewport_size["width"] == WIDTHS[size]
    number, code = file_a_request(citizen, e2e, citizen_clicks)
    status = track(citizen, e2e, number, code, citizen_clicks)
    expect(status).to_contain_text("Diterima")

    officer = new_page(phone=phone)
    log_in(officer, e2e, stack.OPD_SLUG, stack.PPID_USERNAME)
    officer_clicks.count += 1  # the log-in button (Enter in the password box)
    # The dashboard's "N permohonan baru" links to the filtered list once the dashboard shows
    # the registry's items; until then the PPID list is one link away on the admin's home.
    new_requests = officer.locator("#content a[href*='informationrequest/?status__exact=diterima']")
    if new_requests.count():
        expect(new_requests.first).to_contain_text("permohonan baru")
        officer_clicks.activate(officer, new_requests.first)
    else:
        officer_clicks.activate(
            officer,
            officer.locator("#content a[href$='/admin/ppid/informationrequest/']").first,
        )
    expect(officer.locator("#result_list")).to_be_visible()
    header = header_is_whole(officer, "column-days_left_display")
    assert header["text"].lower() == "sisa hari kerja"
    assert not header["cut"], header
    assert header["inside"], f"'Sisa hari kerja' cut off at {WIDTHS[size]} px: {header}"
    screenshot(officer, "1-daftar", size)

    officer_clicks.activate(officer, officer.get_by_role("link", name=number))
    expect(officer.locator("#content h2").first).to_be_visible()
    assert officer.locator("input[name=_save]").count() == 0
    officer_clicks.activate(officer, officer.get_by_role("link", name="Beri keputusan"))

    ground = officer.locator("#id_refusal_ground")
    basis = officer.locator("#id_refusal_basis")
    decision = officer.locator("#id_decision")
    # Nothing chosen yet: no refusal field shows. "Ditolak" shows them (a look, not counted).
    expect(ground).to_be_hidden()
    choose_radio(officer, decision, "ditolak")
    expect(ground).to_be_visible()
    expect(basis).to_be_visible()
    screenshot(officer, "2a-ditolak", size)
    officer_clicks.count += 1
    switch_radio(officer, decision, "dikabulkan_seluruhnya")
    expect(ground).to_be_hidden()
    expect(basis).to_be_hidden()
    expect(officer.locator("#id_notice")).to_be_visible()
    label = officer.locator("label[for=id_notice]").bounding_box()
    notice = officer.locator("#id_notice").bounding_box()
    assert label["y"] + label["height"] <= notice["y"] + 1, "each label above its field"
    type_into(officer, officer.locator("#id_notice"), "Data kasus DBD kami kirim ke e-mail Anda.")
    if phone:
        no_sideways_scrolling(officer)
    screenshot(officer, "2-keputusan", size)
    officer_clicks.activate(officer, officer.locator("input[type=submit]"))
    expect(officer.locator(".messagelist")).to_contain_text("Permohonan diperbarui")
    # Decided: a record, read-only, with no save button and no further step.
    expect(officer.locator("input[name=_save]")).to_have_count(0)
    expect(officer.get_by_role("link", name="Beri keputusan")).to_have_count(0)
    expect(officer.locator("#content")).to_contain_text("Dikabulkan seluruhnya")
    # A grant refuses nothing: the record shows no refusal rows.
    expect(officer.locator(".field-refusal_ground")).to_have_count(0)
    if phone:
        no_sideways_scrolling(officer)
    screenshot(officer, "3-diputuskan", size)

    status = track(citizen, e2e, number, code, citizen_clicks)
    expect(status).to_contain_text("Dikabulkan seluruhnya")
    expect(status).to_contain_text("Data kasus DBD kami kirim ke e-mail Anda.")
    if phone:
        no_sideways_scrolling(citizen)
    screenshot(citizen, "4-lacak", size)

    with capsys.disabled():
        sys.stdout.write(
            f"\n[{WIDTHS[size]} px] citizen: {citizen_clicks.count} clicks to file and track "
            f"twice; Petugas PPID: {officer_clicks.count} clicks from log-in to decision\n"
        )
    assert officer_clicks.count <= 8, officer_clicks.count
    assert re.fullmatch(r"[A-Z0-9-]+/PPID/\d{4}/\d{4}", number)
