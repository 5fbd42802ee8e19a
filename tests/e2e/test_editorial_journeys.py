"""Editorial journeys in a real browser at 1280 and 360 px: an operator publishes an article
with a picture in at most five clicks from the dashboard; an Operator Berita submits for
review, the Admin OPD approves, a citizen reads it; a draft is previewed through its link."""

import io
import re
import uuid

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.e2e import stack

MAX_CLICKS = 5


def png(name, colour, size=(1200, 700)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return {"name": name, "mimeType": "image/png", "buffer": buffer.getvalue()}


class Clicks:
    """Counts the operator's clicks (typing is not a click; the title has the focus)."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def click(self, locator):
        self.count += 1
        locator.click()

    def choose_file(self, locator, files):
        self.count += 1
        with self.page.expect_file_chooser() as chooser:
            locator.click()
        chooser.value.set_files(files)


def log_in(page, e2e, username):
    page.goto(e2e.url(stack.OPD_SLUG, "/admin/"))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(stack.PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("#user-tools")).to_be_visible()


def no_horizontal_overflow(page):
    """Nothing of the form sticks out of its column (the editor used to, by ~22 px)."""
    overflow = page.evaluate(
        """() => {
        const main = document.querySelector('#content-main') || document.body;
        const right = main.getBoundingClientRect().right;
        const wide = [...document.querySelectorAll('.ck-editor, #id_title, fieldset')]
          .map(el => el.getBoundingClientRect().right - right);
        return Math.max(0, ...wide);
      }"""
    )
    assert overflow <= 1, f"{overflow}px outside the column"
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("on_phone", [False, True], ids=["1280px", "360px"])
def test_operator_publishes_an_article_with_a_picture_in_five_clicks(
    e2e, new_page, screenshots, on_phone
):
    page = new_page(phone=on_phone)
    log_in(page, e2e, stack.OPD_ADMIN_USERNAME)
    title = f"Posyandu remaja {uuid.uuid4().hex[:6]}"
    clicks = Clicks(page)

    clicks.click(page.locator("a[href$='/admin/news/article/add/']").first)
    expect(page.locator("#id_title")).to_be_focused()
    no_horizontal_overflow(page)
    title_box = page.locator("#id_title").bounding_box()
    assert title_box["width"] >= (300 if on_phone else 500), title_box
    # The publish controls (status, schedule, buttons) come before the title.
    assert page.locator("input[name=_terbitkan]").first.bounding_box()["y"] < title_box["y"]
    screenshots(page, f"editorial-1-formulir-artikel-{'hp' if on_phone else 'layar'}")
    page.keyboard.type(title)
    clicks.click(page.locator(".ck-editor__editable"))
    page.keyboard.type("Posyandu remaja dibuka setiap Sabtu pagi di puskesmas.")
    clicks.choose_file(page.locator("#id_cover_upload"), [png("sampul.png", "#264653")])
    clicks.click(page.locator("#id_cover_alt_text"))
    page.keyboard.type("Remaja antre di meja pendaftaran posyandu")
    clicks.click(page.locator("input[name=_terbitkan]").last)

    expect(page.locator(".messagelist")).to_contain_text(title)
    expect(page.locator(".messagelist .success, .messagelist .warning")).to_have_count(1)
    width = "360" if on_phone else "1280"
    print(f"\nclicks from the dashboard to a published article ({width} px): {clicks.count}")  # noqa: T201
    assert clicks.count <= MAX_CLICKS

    citizen = new_page(phone=True)
    citizen.goto(e2e.url(stack.OPD_SLUG, "/berita/"))
    card = citizen.locator(".article-card", has_text=title)
    expect(card.locator("img[alt='Remaja antre di meja pendaftaran posyandu']")).to_be_visible()


def test_review_then_approval_then_a_citizen_reads_it(e2e, new_page, screenshots):
    title = f"Donor darah bulan ini {uuid.uuid4().hex[:6]}"
    writer = new_page(phone=True)
    log_in(writer, e2e, stack.NEWS_OPERATOR_USERNAME)
    writer.locator("a[href$='/admin/news/article/add/']").first.click()
    expect(writer.locator("#id_title")).to_be_focused()
    expect(writer.locator("input[name=_terbitkan]")).to_have_count(0)
    writer.keyboard.type(title)
    writer.locator(".ck-editor__editable").click()
    writer.keyboard.type("Unit transfusi darah membuka donor di halaman kantor dinas.")
    no_horizontal_overflow(writer)
    writer.locator("input[name=_ajukan]").first.click()
    expect(writer.locator(".messagelist")).to_contain_text("diajukan untuk ditinjau")

    # The draft waiting for review can be previewed through its signed link, by anyone who has it.
    writer.locator("#result_list a", has_text=title).click()
    expect(writer.locator(".editorial-status")).to_contain_text("Menunggu tinjauan")
    preview_href = writer.locator(".field-preview_link a").get_attribute("href")
    screenshots(writer, "editorial-2-menunggu-tinjauan")
    stranger = new_page(phone=True)
    stranger.goto(e2e.url(stack.OPD_SLUG, preview_href))
    expect(stranger.locator("h1")).to_have_text(title)
    expect(stranger.locator(".notice")).to_contain_text("Pratinjau")
    screenshots(stranger, "editorial-3-pratinjau")
    stranger.goto(e2e.url(stack.OTHER_OPD_SLUG, preview_href))
    expect(stranger.locator("h1", has_text=title)).to_have_count(0)

    citizen = new_page(phone=True)
    response = citizen.goto(e2e.url(stack.OPD_SLUG, "/berita/"))
    assert response.ok
    expect(citizen.locator(".article-card", has_text=title)).to_have_count(0)

    reviewer = new_page()
    log_in(reviewer, e2e, stack.OPD_ADMIN_USERNAME)
    # The dashboard's first screen says a draft waits, and links to it.
    reviewer.locator(".opd-dashboard-items a", has_text="menunggu tinjauan").click()
    expect(reviewer).to_have_url(re.compile(r"/admin/news/article/\?.*tinjauan=menunggu"))
    reviewer.locator("#result_list a", has_text=title).click()
    expect(reviewer.locator("input[name=_setujui]").first).to_be_visible()
    expect(reviewer.locator("input[name=_kembalikan]").first).to_be_visible()
    screenshots(reviewer, "editorial-4-tinjauan")
    reviewer.locator("input[name=_setujui]").first.click()
    expect(reviewer.locator(".messagelist")).to_contain_text(title)
    # Back on the filtered list, which no longer holds it; the full list says "Terbit".
    expect(reviewer.locator("#result_list tr", has_text=title)).to_have_count(0)
    reviewer.goto(e2e.url(stack.OPD_SLUG, "/admin/news/article/"))
    row = reviewer.locator("#result_list tr", has_text=title)
    expect(row).to_contain_text("Terbit")

    citizen.goto(e2e.url(stack.OPD_SLUG, "/berita/"))
    citizen.locator(".article-card", has_text=title).locator("h3 a").click()
    expect(citizen.locator("h1")).to_have_text(title)

    # The revisions of the article, in Indonesian.
    reviewer.locator("#result_list a", has_text=title).click()
    reviewer.locator("a.historylink").click()
    expect(reviewer.locator("h1")).to_contain_text("Riwayat revisi")
    expect(reviewer.locator("#result_list")).to_contain_text("Disetujui dan diterbitkan")
    screenshots(reviewer, "editorial-5-riwayat")
    reviewer.locator("#result_list a", has_text="Lihat perubahan").first.click()
    expect(reviewer.locator("h1")).to_contain_text("Perbandingan revisi")
    expect(reviewer.locator(".revisions__field", has_text="Status")).to_contain_text("Terbit")
    screenshots(reviewer, "editorial-6-perbandingan")
