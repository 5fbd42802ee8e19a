"""Quick post from a phone (360×740, touch): an Operator Berita goes from the admin's first
screen to a published article with two camera photos, counting the operator's steps and timing
them (under a minute), with screenshots at 360 px in var/screenshots/."""

import io
import time

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.e2e import stack
from tests.e2e.conftest import SCREENSHOT_DIR
from tests.e2e.images import image_loaded, natural_width

PHONE_740 = {"width": 360, "height": 740}
TITLE = "Kerja bakti membersihkan saluran air"


def camera_photo(name, colour, size=(3264, 2448)):
    """A photo as a phone camera hands it over: a large JPEG."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=90)
    return {"name": name, "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


@pytest.fixture
def touch_phone(browser):
    context = browser.new_context(
        viewport=PHONE_740,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        locale="id-ID",
        timezone_id="Asia/Jakarta",
    )
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


def shoot(page, name):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT_DIR / f"{name}.png", full_page=True)


def assert_fits_the_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_740["width"], f"the page scrolls sideways: {width} px"


def test_an_operator_posts_news_with_photos_from_a_phone(e2e, touch_phone, new_page):
    page = touch_phone
    page.goto(e2e.url(stack.OPD_SLUG, "/admin/"))
    page.locator("#id_username").fill(stack.NEWS_OPERATOR_USERNAME)
    page.locator("#id_password").fill(stack.PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page.locator("#user-tools")).to_be_visible()

    steps = []

    def step(name):
        steps.append(name)

    started = time.monotonic()
    # From the admin's first screen, its "Tulis berita cepat dari ponsel".
    page.get_by_role("link", name="Tulis berita cepat dari ponsel").tap()
    step("Tulis berita cepat dari ponsel")
    expect(page.get_by_role("heading", name="Tulis berita cepat")).to_be_visible()
    assert_fits_the_phone(page)
    shoot(page, "quick-post-1-kosong-360")

    page.get_by_label("Judul").tap()
    page.keyboard.type(TITLE)
    step("ketik judul")
    photos = page.locator("input[type=file][name=photos]")
    assert photos.get_attribute("capture") is not None
    assert photos.get_attribute("accept") == "image/*"
    photos.set_input_files(
        [camera_photo("IMG_0001.jpg", "#0f766e"), camera_photo("IMG_0002.jpg", "#b45309")]
    )
    step("ambil dua foto")
    alts = page.locator("input[name=photo_alt]")
    expect(alts).to_have_count(2)
    expect(alts.nth(0)).to_have_value(f"{TITLE} (1)")
    alts.nth(0).tap()
    alts.nth(0).fill("Warga membersihkan saluran air di RT 03")
    step("ubah keterangan foto sampul")
    page.get_by_label("Isi berita").tap()
    page.keyboard.type(
        "Warga RT 03 bergotong royong membersihkan saluran air.\nKegiatan rutin bulanan."
    )
    step("ketik isi")
    assert page.get_by_label("Kategori").evaluate("s => s.options[s.selectedIndex].text") == (
        "Berita"
    )
    assert_fits_the_phone(page)
    shoot(page, "quick-post-2-terisi-360")
    # The OPD reviews articles (the default) and an Operator Berita may not publish.
    expect(page.get_by_role("button", name="Terbitkan")).to_have_count(0)
    page.get_by_role("button", name="Ajukan untuk ditinjau").tap()
    step("Ajukan untuk ditinjau")
    expect(page.locator(".messagelist")).to_contain_text("diajukan untuk ditinjau")
    elapsed = time.monotonic() - started
    shoot(page, "quick-post-3-diajukan-360")

    (SCREENSHOT_DIR / "quick-post-steps.txt").write_text(
        f"{len(steps)} steps ({', '.join(steps)}), {elapsed:.1f} s\n"
    )
    assert len(steps) <= 7, steps
    assert elapsed < 60, elapsed

    # The Admin OPD approves it from the dashboard, on a phone too.
    reviewer = new_page(phone=True)
    reviewer.goto(e2e.url(stack.OPD_SLUG, "/admin/"))
    reviewer.locator("#id_username").fill(stack.OPD_ADMIN_USERNAME)
    reviewer.locator("#id_password").fill(stack.PASSWORD)
    reviewer.locator("#id_password").press("Enter")
    reviewer.locator(".opd-dashboard-items a", has_text="menunggu tinjauan").click()
    reviewer.locator("#result_list a", has_text=TITLE).click()
    reviewer.locator("input[name=_setujui]").first.click()
    expect(reviewer.locator(".messagelist")).to_contain_text(TITLE)

    citizen = new_page(phone=True)
    citizen.goto(e2e.url(stack.OPD_SLUG, "/berita/"))
    citizen.locator(".article-card", has_text=TITLE).locator("h3 a").click()
    expect(citizen.locator("h1")).to_have_text(TITLE)
    cover = citizen.locator(".article__cover img")
    expect(cover).to_have_attribute("alt", "Warga membersihkan saluran air di RT 03")
    assert image_loaded(cover)
    # Resized on the server: the largest rendition of a 3264 px photo is 1600 px wide.
    assert natural_width(cover) <= 1600
    second = citizen.locator(".prose img")
    expect(second).to_have_attribute("alt", f"{TITLE} (2)")
    assert image_loaded(second)
    shoot(citizen, "quick-post-4-artikel-360")


def test_a_quick_post_with_an_error_keeps_its_photos(e2e, touch_phone):
    page = touch_phone
    page.goto(e2e.url(stack.OPD_SLUG, "/admin/news/article/cepat/"))
    page.locator("#id_username").fill(stack.NEWS_OPERATOR_USERNAME)
    page.locator("#id_password").fill(stack.PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page.get_by_role("heading", name="Tulis berita cepat")).to_be_visible()
    page.locator("input[type=file][name=photos]").set_input_files(
        [camera_photo("IMG_0003.jpg", "#1d4ed8", size=(1600, 1200))]
    )
    page.get_by_label("Isi berita").fill("Posko kesehatan dibuka di balai warga.")
    page.get_by_role("button", name="Ajukan untuk ditinjau").tap()
    expect(page.locator(".errornote")).to_be_visible()
    kept = page.locator(".chosen-photos img")
    expect(kept).to_have_count(1)
    assert image_loaded(kept)
    assert_fits_the_phone(page)
    shoot(page, "quick-post-5-galat-360")
    page.get_by_label("Judul").fill("Posko kesehatan dibuka")
    page.get_by_role("button", name="Ajukan untuk ditinjau").tap()
    expect(page.locator(".messagelist")).to_contain_text("Posko kesehatan dibuka")
