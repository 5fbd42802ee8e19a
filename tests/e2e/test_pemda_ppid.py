"""The pemda's PPID in a real browser, by keyboard: a citizen who does not know which OPD holds
the information asks at the portal, PPID Utama forwards it, the OPD answers, the citizen
tracks it and objects, and the Atasan PPID decides (issue #20)."""

import re

from playwright.sync_api import expect

from tests.e2e import stack
from tests.e2e.keyboard import activate, choose_option, choose_radio, tab_to, type_into
from tests.e2e.test_journeys import log_in

OPD_NAME = "Dinas Kesehatan Kota Uji"


def fill_request(page):
    form = page.locator("form.ppid-form")
    choose_option(
        page, form.locator("#id_addressee"), "Saya tidak tahu (PPID Utama yang meneruskan)"
    )
    type_into(page, form.locator("#id_applicant_name"), "Dewi Lestari")
    choose_radio(page, form.locator("#id_identity_type"), "nik")
    type_into(page, form.locator("#id_identity_number"), "3673015201900001")
    type_into(page, form.locator("#id_address"), "Jl. Kenanga 7, Kota Uji")
    type_into(page, form.locator("#id_phone"), "081234567890")
    type_into(page, form.locator("#id_email"), "dewi@example.org")
    type_into(page, form.locator("#id_occupation"), "Bidan")
    type_into(
        page, form.locator("#id_information_requested"), "Jumlah posyandu aktif per kelurahan"
    )
    type_into(page, form.locator("#id_purpose"), "Perencanaan kegiatan kader")
    choose_radio(page, form.locator("#id_obtain_method"), "salinan")
    choose_radio(page, form.locator("#id_delivery_method"), "email")
    activate(page, form.get_by_role("button", name="Kirim permohonan"))


def track(page, e2e, number, code):
    page.goto(e2e.url(None, "/ppid/lacak/"))
    form = page.locator("form.ppid-form")
    type_into(page, form.locator("input[name=number]"), number)
    type_into(page, form.locator("input[name=code]"), code)
    activate(page, form.get_by_role("button", name="Lacak"))
    return page.locator(".ppid-status")


def test_a_citizen_asks_the_pemda_and_the_request_finds_its_opd(e2e, phone, new_page, screenshots):
    citizen = phone
    citizen.goto(e2e.url(None, "/"))
    activate(citizen, citizen.get_by_role("link", name="Buka layanan PPID"))
    expect(citizen.locator("h1")).to_contain_text("PPID")
    activate(
        citizen, citizen.locator("main").get_by_role("link", name="Ajukan permohonan informasi")
    )
    fill_request(citizen)
    expect(citizen.locator("h1")).to_have_text("Permohonan Anda telah diterima")
    receipt = citizen.locator(".ppid-receipt")
    number = receipt.locator("dd").nth(0).inner_text().strip()
    code = receipt.locator(".ppid-code").inner_text().strip()
    assert number.startswith("PEMDA/PPID/") and code
    screenshots(citizen, "20-ppid-pemda-tanda-terima")

    # PPID Utama reads it on the console and forwards it to the Dinas Kesehatan.
    utama = new_page()
    log_in(utama, e2e, None, stack.PPID_UTAMA_USERNAME)
    utama.goto(e2e.url(None, "/admin/"))  # past the recovery codes of the new second step
    activate(utama, utama.get_by_role("link", name="Permohonan kepada PPID Utama (disposisi)"))
    activate(utama, utama.get_by_role("link", name=number))
    expect(utama.locator("#content")).to_contain_text("Dewi Lestari")
    choose_option(utama, utama.locator("#id_to_opd"), OPD_NAME)
    type_into(utama, utama.locator("#id_note"), "Data posyandu ada di Dinkes.")
    activate(utama, utama.get_by_role("button", name="Teruskan"))
    expect(utama.locator(".messagelist")).to_contain_text(OPD_NAME)
    screenshots(utama, "21-ppid-utama-disposisi")

    status = track(citizen, e2e, number, code)
    expect(status).to_contain_text(f"Diteruskan ke PPID Pelaksana {OPD_NAME}")
    expect(status).not_to_contain_text("Data posyandu ada di Dinkes.")

    # The OPD's PPID Pelaksana finds it with the pemda's clock and answers it.
    officer = new_page()
    log_in(officer, e2e, stack.OPD_SLUG, stack.PPID_USERNAME)
    officer.goto(e2e.url(stack.OPD_SLUG, "/admin/ppid/informationrequest/?q=Dewi"))
    activate(officer, officer.locator("#result_list tbody a").first)
    expect(officer.locator("#content")).to_contain_text(number)
    activate(officer, officer.get_by_role("link", name="Beri keputusan"))
    choose_radio(officer, officer.locator("#id_decision"), "dikabulkan_sebagian")
    type_into(officer, officer.locator("#id_notice"), "Data 2025 terlampir; data 2026 belum ada.")
    activate(officer, officer.locator("input[type=submit]"))
    expect(officer.locator(".messagelist")).to_be_visible()

    status = track(citizen, e2e, number, code)
    expect(status).to_contain_text("Dikabulkan sebagian")
    expect(status).to_contain_text("Data 2025 terlampir")
    screenshots(citizen, "22-ppid-pemda-lacak")

    # The citizen objects to the Atasan PPID from the tracking page.
    activate(citizen, status.get_by_role("link", name="Ajukan keberatan"))
    form = citizen.locator("form.ppid-form")
    type_into(citizen, form.locator("input[name=request_number]"), number)
    type_into(citizen, form.locator("input[name=tracking_code]"), code)
    choose_radio(citizen, form.locator("#id_ground"), "d")
    type_into(citizen, form.locator("#id_reason"), "Data 2026 yang saya minta tidak diberikan.")
    activate(citizen, form.get_by_role("button", name="Kirim keberatan"))
    objection_receipt = citizen.locator(".ppid-receipt")
    expect(objection_receipt).to_contain_text("PEMDA/PPID/KEB/")
    objection_number = objection_receipt.locator("dd").nth(0).inner_text().strip()
    objection_code = objection_receipt.locator(".ppid-code").inner_text().strip()

    # The Atasan PPID answers; the letter states the right to go to the Komisi Informasi.
    atasan = new_page()
    log_in(atasan, e2e, None, stack.ATASAN_PPID_USERNAME)
    atasan.goto(e2e.url(None, "/admin/keberatan-pemda/"))
    activate(atasan, atasan.get_by_role("link", name=objection_number))
    activate(atasan, atasan.get_by_role("link", name="Beri tanggapan"))
    choose_radio(atasan, atasan.locator("#id_outcome"), "diterima")
    type_into(atasan, atasan.locator("#id_response"), "Dinkes menyerahkan data 2026 dalam 7 hari.")
    tab_to(atasan, atasan.locator("input[type=submit]"))
    atasan.keyboard.press("Enter")
    expect(atasan).to_have_url(re.compile(r"/surat/$"))  # the answer opens its letter
    expect(atasan.locator("body")).to_contain_text("Komisi Informasi")
    screenshots(atasan, "23-atasan-ppid-surat")

    citizen.goto(e2e.url(None, "/ppid/keberatan/lacak/"))
    form = citizen.locator("form.ppid-form")
    type_into(citizen, form.locator("input[name=number]"), objection_number)
    type_into(citizen, form.locator("input[name=code]"), objection_code)
    activate(citizen, form.get_by_role("button", name=re.compile("Lacak")))
    expect(citizen.locator("main")).to_contain_text("Keberatan diterima")
    expect(citizen.locator("main")).to_contain_text("Komisi Informasi")
    screenshots(citizen, "24-ppid-keberatan-lacak")
