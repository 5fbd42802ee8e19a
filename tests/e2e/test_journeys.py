"""The journeys of the people the portal serves, in a real browser and by keyboard alone."""

import base64
import hmac
import io
import re
import struct
import time
from datetime import datetime, timedelta
from urllib.parse import unquote

from PIL import Image
from playwright.sync_api import expect

from tests.e2e import stack
from tests.e2e.images import image_loaded
from tests.e2e.keyboard import (
    activate,
    choose_file,
    choose_option,
    choose_radio,
    tab_to,
    type_into,
)

TWO_FACTOR_PATH = "/admin/verifikasi-dua-langkah/"


def totp(secret: str) -> str:
    """The current code of an authenticator app holding `secret` (RFC 6238: SHA-1, 30 s)."""
    key = secret.replace(" ", "").upper()
    key = base64.b32decode(key + "=" * (-len(key) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), "sha1").digest()
    offset = digest[-1] & 0x0F
    return f"{(int.from_bytes(digest[offset : offset + 4]) & 0x7FFFFFFF) % 1_000_000:06d}"


def log_in(page, e2e, slug, username):
    """Log in on an admin site (an OPD's, or without slug the Kominfo console), setting up the
    second step with an authenticator app when the site requires it."""
    page.goto(e2e.url(slug, "/admin/"))
    type_into(page, page.locator("#id_username"), username)
    type_into(page, page.locator("#id_password"), stack.PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login/" not in url)
    if TWO_FACTOR_PATH in page.url:
        secret = page.locator(".two-factor-secret").inner_text()
        type_into(page, page.locator("form input[type=text]:visible").first, totp(secret))
        page.keyboard.press("Enter")
        expect(page.locator(".errornote")).to_have_count(0)
    expect(page.locator("#user-tools")).to_be_visible()


def png_file(name, colour, size=(800, 500)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return {"name": name, "mimeType": "image/png", "buffer": buffer.getvalue()}


def test_operator_writes_and_publishes_an_article(e2e, desktop, new_page, screenshots):
    page = desktop
    log_in(page, e2e, stack.OPD_SLUG, stack.OPD_ADMIN_USERNAME)
    page.goto(e2e.url(stack.OPD_SLUG, "/admin/news/article/add/"))

    type_into(page, page.locator("#id_title"), "Posyandu keliling hadir di kelurahan")
    choose_option(page, page.locator("#id_category"), "Berita")
    type_into(page, page.locator("#id_summary"), "Jadwal posyandu keliling bulan ini.")

    editor = page.locator(".ck-editor__editable")
    tab_to(page, editor)
    page.keyboard.type("## Jadwal posyandu\n")
    page.keyboard.type("Posyandu keliling melayani balita dan ibu hamil.\n")
    page.keyboard.type("- Penimbangan balita\nImunisasi dasar\n\n")
    page.keyboard.type("Informasi lengkap: ")
    page.keyboard.press("ControlOrMeta+k")
    expect(page.get_by_role("textbox", name="URL tautan")).to_be_focused()
    page.keyboard.type("https://www.kemkes.go.id/posyandu")
    page.keyboard.press("Enter")
    expect(editor).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    # The editor's toolbar: Alt+F10, then the arrow keys to "upload image".
    page.keyboard.press("Alt+F10")
    expect(page.locator(".ck-editor__top .ck-toolbar *:focus")).to_have_count(1)
    upload_button = page.locator(".ck-editor__top .ck-file-dialog-button")
    for _ in range(30):
        if upload_button.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press("ArrowRight")
    expect(upload_button).to_be_focused()
    choose_file(page, upload_button, [png_file("foto.png", "#2a9d8f")], tab=False)
    expect(editor.locator("img[src*='/media/']")).to_be_visible()
    expect(editor.locator(".ck-upload-placeholder-loader")).to_have_count(0)

    choose_file(page, page.locator("#id_cover_upload"), [png_file("sampul.png", "#264653")])
    type_into(page, page.locator("#id_cover_alt_text"), "Petugas menimbang balita")
    choose_option(page, page.locator("#id_status"), "Terbit")
    # The article form has its buttons at the top and at the bottom (save_on_top).
    activate(page, page.locator("input[name=_save]").last)
    expect(page.locator(".messagelist")).to_contain_text("Posyandu keliling hadir di kelurahan")

    citizen = new_page(phone=True)
    citizen.goto(e2e.url(stack.OPD_SLUG))
    card = citizen.locator(".article-card", has_text="Posyandu keliling hadir di kelurahan")
    expect(card.locator("img")).to_be_visible()
    citizen.goto(e2e.url(stack.OPD_SLUG, "/berita/"))
    card = citizen.locator(".article-card", has_text="Posyandu keliling hadir di kelurahan")
    expect(card.locator("img[alt='Petugas menimbang balita']")).to_be_visible()
    activate(citizen, card.locator("h3 a"))
    expect(citizen.locator("h1")).to_have_text("Posyandu keliling hadir di kelurahan")
    prose = citizen.locator(".prose")
    expect(prose.locator("h2")).to_have_text("Jadwal posyandu")
    expect(prose.locator("ul li")).to_have_text(["Penimbangan balita", "Imunisasi dasar"])
    expect(prose.locator("a[href='https://www.kemkes.go.id/posyandu']")).to_be_visible()
    body_image = prose.locator("img")
    expect(body_image).to_be_visible()
    assert image_loaded(body_image)
    assert image_loaded(citizen.locator(".article__cover img"))
    screenshots(citizen, "1-artikel-terbit")


def test_citizen_on_a_phone_finds_and_shares_an_article(e2e, phone, screenshots):
    page = phone
    page.goto(e2e.url(stack.OPD_SLUG))
    # The skip link comes first and jumps to the content.
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    # The phone menu (navigation): the Menu button, then the Profil submenu.
    menu = page.get_by_role("navigation", name="Menu utama")
    activate(page, menu.get_by_role("button", name="Menu"))
    activate(page, menu.get_by_role("button", name="Profil"))
    activate(page, menu.get_by_role("link", name="Profil", exact=True), key="Enter")
    expect(page.locator("h1")).to_have_text("Profil")
    # (The menu is closed again on the new page: look at the link itself.)
    current = menu.locator('a[href="/halaman/profil/"]')
    expect(current).to_have_attribute("aria-current", "page")

    type_into(page, page.locator("#cari-kepala"), "vaksinasi")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/cari/\?q=vaksinasi"))
    result = page.get_by_role("link", name=stack.SEEDED_ARTICLE_TITLE)
    activate(page, result)
    expect(page.locator("h1")).to_have_text(stack.SEEDED_ARTICLE_TITLE)

    whatsapp = page.get_by_role("link", name="WhatsApp")
    tab_to(page, whatsapp)
    href = whatsapp.get_attribute("href")
    article_url = e2e.url(stack.OPD_SLUG, f"/berita/{stack.SEEDED_ARTICLE_SLUG}/")
    assert href.startswith("https://wa.me/?text=")
    assert article_url in unquote(href)
    assert stack.SEEDED_ARTICLE_TITLE in unquote(href)
    # The tests never leave the machine: WhatsApp's answer is a stand-in page.
    page.context.route("https://wa.me/**", lambda route: route.fulfill(body="WhatsApp"))
    with page.expect_popup() as popup:
        page.keyboard.press("Enter")
    assert article_url in unquote(popup.value.url)
    popup.value.close()
    assert page.viewport_size == {"width": 360, "height": 800}
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "sideways scrolling"
    screenshots(page, "2-warga-bagikan-artikel")


def test_information_request_from_form_to_decision(e2e, phone, new_page, screenshots):
    page = phone
    page.goto(e2e.url(stack.OPD_SLUG, "/ppid/"))
    activate(
        page, page.locator("main").get_by_role("link", name=re.compile("permohonan", re.I)).first
    )
    expect(page.locator("h1")).to_have_text("Permohonan informasi publik")

    form = page.locator("form.ppid-form")
    type_into(page, form.locator("#id_applicant_name"), "Siti Aminah")
    choose_radio(page, form.locator("#id_identity_type"), "nik")
    type_into(page, form.locator("#id_identity_number"), "3673015201900001")
    type_into(page, form.locator("#id_address"), "Jl. Melati 5, Kota Uji")
    type_into(page, form.locator("#id_phone"), "081234567890")
    type_into(page, form.locator("#id_email"), "siti@example.org")
    type_into(page, form.locator("#id_occupation"), "Guru")
    type_into(page, form.locator("#id_information_requested"), "Data cakupan imunisasi 2025")
    type_into(page, form.locator("#id_purpose"), "Bahan penelitian sekolah")
    choose_radio(page, form.locator("#id_obtain_method"), "salinan")
    choose_radio(page, form.locator("#id_delivery_method"), "email")
    activate(page, form.get_by_role("button", name="Kirim permohonan"))

    expect(page.locator("h1")).to_have_text("Permohonan Anda telah diterima")
    receipt = page.locator(".ppid-receipt")
    number = receipt.locator("dd").nth(0).inner_text().strip()
    code = receipt.locator(".ppid-code").inner_text().strip()
    assert number and code

    def track(citizen):
        citizen.goto(e2e.url(stack.OPD_SLUG, "/ppid/permohonan/lacak/"))
        tracking = citizen.locator("form.ppid-form")
        type_into(citizen, tracking.locator("input[name=number]"), number)
        type_into(citizen, tracking.locator("input[name=code]"), code)
        activate(citizen, tracking.get_by_role("button", name="Lacak"))
        return citizen.locator(".ppid-status")

    status = track(page)
    expect(status).to_contain_text(number)
    expect(status).to_contain_text("Diterima")

    officer = new_page()
    log_in(officer, e2e, stack.OPD_SLUG, stack.PPID_USERNAME)
    officer.goto(e2e.url(stack.OPD_SLUG, "/admin/ppid/informationrequest/"))
    activate(officer, officer.get_by_role("link", name=number))
    activate(officer, officer.get_by_role("link", name="Perpanjang"))
    type_into(officer, officer.locator("#id_days"), "5")
    type_into(officer, officer.locator("#id_reason"), "Data harus dihimpun dari 16 puskesmas.")
    activate(officer, officer.locator("input[type=submit]"))
    expect(officer.locator(".messagelist")).to_be_visible()
    activate(officer, officer.get_by_role("link", name="Beri keputusan"))
    choose_radio(officer, officer.locator("#id_decision"), "dikabulkan_seluruhnya")
    type_into(
        officer,
        officer.locator("#id_notice"),
        "Data cakupan imunisasi 2025 kami kirim ke e-mail Anda.",
    )
    activate(officer, officer.locator("input[type=submit]"))
    expect(officer.locator(".messagelist")).to_be_visible()

    status = track(page)
    expect(status).to_contain_text("Dikabulkan seluruhnya")
    expect(status).to_contain_text("diperpanjang 5 hari kerja")
    expect(status).to_contain_text("Data cakupan imunisasi 2025 kami kirim ke e-mail Anda.")
    screenshots(page, "3-ppid-keputusan")


def test_kominfo_creates_an_opd_whose_admin_logs_in(e2e, kominfo_session, new_page, screenshots):
    page = new_page(storage_state=kominfo_session)
    page.goto(e2e.url(None, "/admin/tenants/opd/add/"))
    type_into(page, page.locator("#id_name"), "Dinas Perhubungan Kota Uji")
    type_into(page, page.locator("#id_short_name"), "Dishub")
    choose_option(page, page.locator("#id_kind"), "Dinas")
    type_into(page, page.locator("#id_slug"), "dishub")
    type_into(page, page.locator("#id_admin_name"), "Budi Santoso")
    type_into(page, page.locator("#id_admin_email"), "budi@dishub.example.org")
    activate(page, page.locator("input[type=submit]"))
    # Provisioning migrates a whole schema inside the request: seconds, more on a loaded machine.
    expect(page.locator("#content")).to_contain_text(e2e.url("dishub"), timeout=60_000)
    link = page.locator("#content a[href*='/admin/atur-sandi/']")
    set_password_url = link.get_attribute("href")
    assert set_password_url.startswith(e2e.url("dishub", "/admin/atur-sandi/"))

    admin = new_page()
    admin.goto(set_password_url)
    type_into(admin, admin.locator("#id_new_password1"), "Perhubungan-Kota-Uji-2026")
    type_into(admin, admin.locator("#id_new_password2"), "Perhubungan-Kota-Uji-2026")
    admin.keyboard.press("Enter")
    expect(admin.locator(".messagelist")).to_contain_text("Kata sandi tersimpan")
    type_into(admin, admin.locator("#id_username"), "budi@dishub.example.org")
    type_into(admin, admin.locator("#id_password"), "Perhubungan-Kota-Uji-2026")
    admin.keyboard.press("Enter")
    expect(admin.locator("#site-name")).to_contain_text("Dinas Perhubungan Kota Uji")
    assert admin.url == e2e.url("dishub", "/admin/")
    screenshots(admin, "4-opd-baru-admin-masuk")


def test_emergency_banner_shows_on_every_site(e2e, kominfo_session, new_page, screenshots):
    page = new_page(storage_state=kominfo_session)
    page.goto(e2e.url(None, "/admin/banners/emergencybanner/add/"))
    choose_option(page, page.locator("#id_level"), "Bahaya")
    text = "Banjir di Kecamatan Uji: hindari Jl. Sudirman"
    type_into(page, page.locator("#id_text"), text)
    starts_on = page.locator("#id_starts_at_0").input_value()
    tomorrow = datetime.strptime(starts_on, "%d-%m-%Y") + timedelta(days=1)
    type_into(page, page.locator("#id_expires_at_0"), f"{tomorrow:%d-%m-%Y}")
    type_into(page, page.locator("#id_expires_at_1"), "23.00.00")
    activate(page, page.locator("input[name=_save]"))
    expect(page.locator(".messagelist")).to_be_visible()

    citizen = new_page(phone=True)
    for slug in (stack.OPD_SLUG, stack.OTHER_OPD_SLUG, None):
        citizen.goto(e2e.url(slug))
        banner = citizen.get_by_role("region", name="Siaran darurat")
        expect(banner).to_contain_text(text)
        expect(banner).to_contain_text("Bahaya")
    screenshots(citizen, "5-siaran-darurat-portal")

    # Withdrawn again: the stack serves later tests, which must not find a broadcast on every page.
    page.goto(e2e.url(None, "/admin/banners/emergencybanner/"))
    href = page.get_by_role("link", name=text).get_attribute("href")
    banner_id = re.search(r"/(\d+)/change/", href).group(1)
    page.goto(e2e.url(None, f"/admin/banners/emergencybanner/{banner_id}/delete/"))
    activate(page, page.locator("input[type=submit]"))
    expect(page.locator(".messagelist")).to_be_visible()
    citizen.goto(e2e.url(stack.OPD_SLUG))
    expect(citizen.get_by_text(text)).to_have_count(0)
