"""The content types of issue #18 in a real browser, by keyboard alone: a citizen on a phone
finds a service, reads its Standar Pelayanan, downloads its form and answers the SKM; an
operator publishes a service with its standard, then an event and a photo album; a citizen
opens a document from /unduhan/."""

import re
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from documents.demo import minimal_pdf
from publicservices.survey.forms import MIN_FILL_SECONDS
from tests.e2e import stack
from tests.e2e.images import LOAD_LAZY_IMAGES, image_loaded
from tests.e2e.keyboard import activate, choose_file, choose_option, choose_radio, tab_to, type_into
from tests.e2e.test_journeys import log_in, png_file

JAKARTA = ZoneInfo("Asia/Jakarta")

ELEMENT_FIELDS = [f"u{number}" for number in range(1, 10)]
# What the server answers for `url`, fetched by the page (Chromium resolves *.localhost):
# the status, the type, the disposition and the file's first five bytes.
FETCH = """async (url) => {
    const response = await fetch(url);
    const start = new Uint8Array(await response.arrayBuffer()).slice(0, 5);
    return [response.status, response.headers.get("content-type"),
            response.headers.get("content-disposition") || "", String.fromCharCode(...start)];
}"""


def pdf_file(name, title):
    return {"name": name, "mimeType": "application/pdf", "buffer": minimal_pdf([title])}


def open_menu_link(page, name, *, group=None):
    """The phone menu: the Menu button, the group's submenu if any, then the link."""
    menu = page.get_by_role("navigation", name="Menu utama")
    activate(page, menu.get_by_role("button", name="Menu"))
    if group:
        activate(page, menu.get_by_role("button", name=group))
    activate(page, menu.get_by_role("link", name=name, exact=True))


def test_citizen_finds_a_service_downloads_its_form_and_answers_the_skm(e2e, phone, screenshots):
    page = phone
    page.goto(e2e.url(stack.OPD_SLUG, "/skm/"))
    expect(page.locator(".skm-summary")).to_contain_text("Belum ada jawaban")

    page.goto(e2e.url(stack.OPD_SLUG))
    open_menu_link(page, "Layanan")
    expect(page).to_have_url(e2e.url(stack.OPD_SLUG, "/layanan/"))
    expect(page.locator("h1")).to_have_text("Layanan")
    screenshots(page, "layanan-daftar")
    activate(page, page.get_by_role("link", name=stack.SEEDED_SERVICE_NAME))

    # The Standar Pelayanan: requirements, numbered steps, time, cost.
    expect(page.locator("h1")).to_have_text(stack.SEEDED_SERVICE_NAME)
    requirements = page.get_by_role("region", name="Persyaratan")
    expect(requirements.locator("li")).to_have_text(
        [
            "Fotokopi KTP-el",
            "Fotokopi Surat Tanda Registrasi (STR)",
            "Surat keterangan dari fasilitas pelayanan kesehatan",
        ]
    )
    steps = page.locator("ol.service__steps > li")
    expect(steps).to_have_count(4)
    expect(steps.first).to_contain_text("Mengisi formulir permohonan")
    expect(steps.last).to_contain_text("Penerbitan SIP")
    facts = page.locator(".service__facts")
    expect(facts.locator("div", has_text="Jangka waktu").locator("dd")).to_have_text("5 hari kerja")
    expect(facts.locator("div", has_text="Biaya/tarif").locator("dd")).to_have_text("Gratis")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "sideways scrolling"
    screenshots(page, "layanan-standar")

    # The form: a real PDF, saved by the browser.
    form_link = page.get_by_role("link", name=stack.SEEDED_FORM_TITLE)
    tab_to(page, form_link)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    saved = Path(download.value.path())
    assert saved.read_bytes().startswith(b"%PDF-"), "the form is not a PDF"
    assert download.value.suggested_filename.endswith(".pdf")
    status, content_type, _disposition, start = page.evaluate(
        FETCH, form_link.get_attribute("href")
    )
    assert (status, content_type, start) == (200, "application/pdf", "%PDF-")

    # The SKM on the phone: all nine elements, part of the profile, a suggestion.
    activate(page, page.get_by_role("link", name="Nilai layanan ini"))
    expect(page.locator("h1")).to_have_text("Survei Kepuasan Masyarakat")
    shown_at = time.monotonic()
    form = page.locator("form.skm-form")
    for number, field in enumerate(ELEMENT_FIELDS):
        choose_radio(page, form.locator(f"#id_{field}"), "4" if number % 3 else "3")
    choose_radio(
        page,
        form.locator("#id_gender"),
        form.locator("#id_gender input").first.get_attribute("value"),
    )
    age = form.locator("#id_age_group option").nth(2).inner_text()
    choose_option(page, form.locator("#id_age_group"), age)
    type_into(page, form.locator("#id_suggestion"), "Petugas ramah, formulir mudah diunduh.")
    screenshots(page, "skm-isi")
    # A form sent within MIN_FILL_SECONDS is refused as a bot's: a person takes longer.
    time.sleep(max(0, MIN_FILL_SECONDS + 0.5 - (time.monotonic() - shown_at)))
    activate(page, form.get_by_role("button", name="Kirim penilaian"))

    expect(page.locator("h1")).to_have_text("Terima kasih atas penilaian Anda")
    expect(page.locator("main")).to_contain_text(stack.SEEDED_SERVICE_NAME)
    activate(page, page.locator("main").get_by_role("link", name="Lihat hasil survei"))
    expect(page).to_have_url(re.compile(r"/skm/$"))
    summary = page.locator(".skm-summary")
    expect(summary).to_contain_text("1 responden")
    # Scores 3, 4, 4, 3, 4, 4, 3, 4, 4: mean 3.667 × 25 (PermenPAN-RB 14/2017).
    expect(summary.locator(".skm-score")).to_contain_text("91,67")
    row = page.locator(".skm-table tr", has_text=stack.SEEDED_SERVICE_NAME)
    expect(row.locator("td").first).to_have_text("1")
    screenshots(page, "skm-hasil")


def test_operator_publishes_a_service_with_its_standard(e2e, desktop, new_page, screenshots):
    page = desktop
    log_in(page, e2e, stack.OPD_SLUG, stack.OPD_ADMIN_USERNAME)
    page.goto(e2e.url(stack.OPD_SLUG, "/admin/publicservices/service/add/"))
    name = "Rekomendasi Izin Operasional Klinik"
    type_into(page, page.locator("#id_name"), name)
    type_into(page, page.locator("#id_slug"), "izin-klinik")
    type_into(page, page.locator("#id_summary"), "Rekomendasi bagi klinik pratama dan utama.")

    editors = page.locator(".ck-editor__editable")
    tab_to(page, editors.nth(0))
    # Tab inside a list indents the item (CKEditor): leave the list before tabbing on.
    page.keyboard.type("- Fotokopi KTP-el penanggung jawab\nDenah lokasi klinik\n\n")
    page.keyboard.type("Berkas asli dibawa saat verifikasi.")
    type_into(page, page.locator("#id_duration"), "10 hari kerja")
    type_into(page, page.locator("#id_cost"), "Gratis")
    type_into(page, page.locator("#id_product"), "Surat rekomendasi izin operasional")
    tab_to(page, editors.nth(1))
    page.keyboard.type("Pengaduan melalui SP4N-LAPOR! dan loket informasi.")

    # Two ordered steps: the inline's first row, then "add another".
    type_into(page, page.locator("#id_steps-0-position"), "1")
    type_into(page, page.locator("#id_steps-0-title"), "Menyerahkan berkas permohonan")
    activate(page, page.locator(".add-row a"))
    type_into(page, page.locator("#id_steps-1-position"), "2")
    type_into(page, page.locator("#id_steps-1-title"), "Visitasi ke lokasi klinik")

    choose_file(page, page.locator("#id_form_upload"), [pdf_file("klinik.pdf", "Formulir")])
    type_into(page, page.locator("#id_form_title"), "Formulir Rekomendasi Klinik")
    expect(page.locator("#id_is_published")).to_be_checked()
    activate(page, page.locator("input[name=_save]").last)
    expect(page.locator(".messagelist")).to_contain_text(name)
    expect(page.locator(".errornote")).to_have_count(0)

    citizen = new_page(phone=True)
    citizen.goto(e2e.url(stack.OPD_SLUG, "/layanan/"))
    activate(citizen, citizen.get_by_role("link", name=name))
    expect(citizen.locator("h1")).to_have_text(name)
    expect(citizen.get_by_role("region", name="Persyaratan").locator("li")).to_have_text(
        ["Fotokopi KTP-el penanggung jawab", "Denah lokasi klinik"]
    )
    expect(citizen.get_by_role("region", name="Persyaratan")).to_contain_text("Berkas asli")
    steps = citizen.locator("ol.service__steps > li")
    expect(steps).to_have_text(
        [re.compile("Menyerahkan berkas permohonan"), re.compile("Visitasi ke lokasi klinik")]
    )
    facts = citizen.locator(".service__facts")
    expect(facts).to_contain_text("10 hari kerja")
    expect(facts).to_contain_text("Gratis")
    expect(facts).to_contain_text("Surat rekomendasi izin operasional")
    complaints = citizen.get_by_role("region", name="Penanganan pengaduan, saran dan masukan")
    expect(complaints).to_contain_text("SP4N-LAPOR!")
    expect(citizen.get_by_role("link", name="Formulir Rekomendasi Klinik")).to_be_visible()
    screenshots(citizen, "layanan-baru")


def test_citizen_opens_a_document_from_the_downloads(e2e, phone, screenshots):
    page = phone
    page.goto(e2e.url(stack.OPD_SLUG))
    open_menu_link(page, "Unduhan", group="Informasi Publik")
    expect(page).to_have_url(e2e.url(stack.OPD_SLUG, "/unduhan/"))
    expect(page.locator("h1")).to_have_text("Unduhan")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "sideways scrolling"
    screenshots(page, "unduhan")
    title = "Profil Kesehatan Kota Serang 2025"
    activate(page, page.get_by_role("link", name=title))
    expect(page.locator("h1")).to_have_text(title)
    screenshots(page, "unduhan-dokumen")
    button = page.get_by_role("link", name="Buka dokumen")
    status, content_type, disposition, start = page.evaluate(FETCH, button.get_attribute("href"))
    assert (status, content_type, start) == (200, "application/pdf", "%PDF-")
    assert disposition.startswith("inline"), disposition
    # Chromium opens it in its PDF viewer (a download would leave the page where it is).
    tab_to(page, button)
    with page.expect_response(lambda response: "/berkas/" in response.url) as opened:
        page.keyboard.press("Enter")
    response = opened.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")
    expect(page).to_have_url(re.compile(r"/unduhan/\d+/berkas/$"))


def test_operator_publishes_an_event_and_an_album(e2e, desktop, new_page, screenshots):
    page = desktop
    log_in(page, e2e, stack.OPD_SLUG, stack.OPD_ADMIN_USERNAME)

    # An event next week, 08.00–12.00 WIB.
    page.goto(e2e.url(stack.OPD_SLUG, "/admin/agenda/event/add/"))
    title = "Donor darah bersama PMI Kota Uji"
    type_into(page, page.locator("#id_title"), title)
    day = datetime.now(JAKARTA) + timedelta(days=7)
    type_into(page, page.locator("#id_starts_at_0"), f"{day:%d-%m-%Y}")
    type_into(page, page.locator("#id_starts_at_1"), "08.00.00")
    type_into(page, page.locator("#id_ends_at_0"), f"{day:%d-%m-%Y}")
    type_into(page, page.locator("#id_ends_at_1"), "12.00.00")
    type_into(page, page.locator("#id_place"), "Aula Dinas Kesehatan Kota Uji")
    expect(page.locator("#id_is_published")).to_be_checked()
    activate(page, page.locator("input[name=_save]").last)
    expect(page.locator(".errornote")).to_have_count(0)
    expect(page.locator(".messagelist")).to_contain_text(title)

    # An album with two photos and their alt text.
    page.goto(e2e.url(stack.OPD_SLUG, "/admin/gallery/album/add/"))
    album = "Pelayanan posyandu keliling"
    type_into(page, page.locator("#id_title"), album)
    type_into(page, page.locator("#id_description"), "Posyandu keliling di Kelurahan Uji.")
    photos = [png_file("posyandu-1.png", "#2a9d8f"), png_file("posyandu-2.png", "#e9c46a")]
    choose_file(page, page.locator("#id_new_photos"), photos)
    alt = "Kader posyandu menimbang balita di balai warga"
    type_into(page, page.locator("#id_new_photos_alt_text"), alt)
    activate(page, page.locator("input[name=_save]").last)
    expect(page.locator(".errornote")).to_have_count(0)
    expect(page.locator(".messagelist")).to_contain_text("2 foto ditambahkan")

    citizen = new_page(phone=True)
    citizen.goto(e2e.url(stack.OPD_SLUG, "/agenda/"))
    screenshots(citizen, "agenda")
    activate(citizen, citizen.get_by_role("link", name=title))
    expect(citizen.locator("h1")).to_have_text(title)
    facts = citizen.locator(".agenda-facts")
    expect(facts).to_contain_text("Aula Dinas Kesehatan Kota Uji")
    expect(facts).to_contain_text("08.00")
    screenshots(citizen, "agenda-acara")
    add = citizen.get_by_role("link", name="Tambahkan ke kalender")
    assert re.search(r"/agenda/[\w-]+/kalender\.ics$", add.get_attribute("href"))
    status, content_type, _disposition, _start = citizen.evaluate(FETCH, add.get_attribute("href"))
    assert status == 200 and content_type.startswith("text/calendar"), content_type
    tab_to(citizen, add)
    with citizen.expect_download() as download:
        citizen.keyboard.press("Enter")
    ics = Path(download.value.path()).read_text()
    assert ics.startswith("BEGIN:VCALENDAR")
    assert "BEGIN:VEVENT" in ics
    assert f"SUMMARY:{title}" in ics.replace("\r\n ", "")

    citizen.goto(e2e.url(stack.OPD_SLUG, "/galeri/"))
    screenshots(citizen, "galeri")
    activate(citizen, citizen.get_by_role("link", name=re.compile(album)))
    expect(citizen.locator("h1")).to_have_text(album)
    shown = citizen.locator(f".gallery-grid img[alt='{alt}']")
    expect(shown).to_have_count(2)
    citizen.evaluate(LOAD_LAZY_IMAGES)
    for index in range(2):
        assert image_loaded(shown.nth(index))
        assert shown.nth(index).get_attribute("width") and shown.nth(index).get_attribute("height")
    screenshots(citizen, "galeri-album")


def test_a_questionnaire_sent_half_answered_says_what_is_missing(e2e, phone):
    page = phone
    page.goto(e2e.url(stack.OPD_SLUG, f"/skm/isi/{stack.SEEDED_SERVICE_SLUG}/"))
    form = page.locator("form.skm-form")
    choose_radio(page, form.locator("#id_u1"), "4")
    time.sleep(MIN_FILL_SECONDS + 0.5)
    activate(page, form.get_by_role("button", name="Kirim penilaian"))
    # By its name: an emergency banner another test broadcast is an alert too.
    summary = page.get_by_role("alert", name="Periksa kembali isian Anda")
    expect(summary).to_be_visible()
    # The eight unanswered elements, each linked to its question; the answer given is kept.
    expect(summary.locator("li")).to_have_count(8)
    expect(summary.locator("li").first).to_contain_text("U2.")
    expect(form.locator("#id_u1 input[value='4']")).to_be_checked()
    activate(page, summary.locator("a").first)
    expect(page).to_have_url(re.compile(r"#id_u2$"))


def test_a_form_that_is_not_a_pdf_is_refused_and_nothing_is_saved(e2e, desktop, new_page):
    page = desktop
    log_in(page, e2e, stack.OPD_SLUG, stack.OPD_ADMIN_USERNAME)
    page.goto(e2e.url(stack.OPD_SLUG, "/admin/publicservices/service/add/"))
    name = "Layanan dengan formulir palsu"
    type_into(page, page.locator("#id_name"), name)
    type_into(page, page.locator("#id_slug"), "formulir-palsu")
    fake = {**png_file("formulir.pdf", "#ffffff"), "mimeType": "application/pdf"}
    choose_file(page, page.locator("#id_form_upload"), [fake])
    type_into(page, page.locator("#id_form_title"), "Formulir palsu")
    activate(page, page.locator("input[name=_save]").last)
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator(".field-form_upload .errorlist")).to_contain_text("Jenis berkas")
    # What was typed is still there to correct.
    expect(page.locator("#id_name")).to_have_value(name)

    citizen = new_page(phone=True)
    assert citizen.goto(e2e.url(stack.OPD_SLUG, "/layanan/formulir-palsu/")).status == 404
    citizen.goto(e2e.url(stack.OPD_SLUG, "/layanan/"))
    expect(citizen.get_by_role("link", name=name)).to_have_count(0)


def test_the_other_opd_shows_none_of_these(e2e, phone):
    """BPBD's site: Dinkes' service, its questionnaire and its documents are not there."""
    page = phone
    for path in (
        f"/layanan/{stack.SEEDED_SERVICE_SLUG}/",
        f"/skm/isi/{stack.SEEDED_SERVICE_SLUG}/",
    ):
        assert page.goto(e2e.url(stack.OTHER_OPD_SLUG, path)).status == 404, path
    page.goto(e2e.url(stack.OTHER_OPD_SLUG, "/unduhan/"))
    expect(page.locator("main")).to_contain_text("Formulir Laporan Kejadian Bencana")
    expect(page.locator("main")).not_to_contain_text("Profil Kesehatan")
    page.goto(e2e.url(stack.OTHER_OPD_SLUG, "/layanan/"))
    expect(page.locator("main")).not_to_contain_text(stack.SEEDED_SERVICE_NAME)
