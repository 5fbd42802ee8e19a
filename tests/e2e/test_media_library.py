"""The media library in a real browser at 1280 px: a cover uploaded on a form with an error is
kept and shown chosen, an image is inserted from the library into the editor, and a YouTube
video on the citizen site asks nothing of another host until it is clicked."""

import io
from urllib.parse import urlsplit

from PIL import Image
from playwright.sync_api import expect

from tests.e2e import stack
from tests.e2e.conftest import SCREENSHOT_DIR
from tests.e2e.images import image_loaded

TITLE = "Penyuluhan gizi balita di posyandu"
VIDEO = "dQw4w9WgXcQ"


def png(name, colour, size=(1400, 900)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return {"name": name, "mimeType": "image/png", "buffer": buffer.getvalue()}


def shoot(page, name):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT_DIR / f"{name}.png", full_page=True)


def test_cover_kept_image_inserted_and_video_loaded_on_click(e2e, desktop, new_page):
    page = desktop
    page.goto(e2e.url(stack.OPD_SLUG, "/admin/news/article/add/"))
    # The OPD reviews articles: its Admin OPD writes and publishes this one.
    page.locator("#id_username").fill(stack.OPD_ADMIN_USERNAME)
    page.locator("#id_password").fill(stack.PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page.locator("#id_title")).to_be_visible()

    # A cover with its alt text, but no title: the form comes back with the cover chosen.
    page.locator("#id_cover_upload").set_input_files([png("sampul.png", "#be123c")])
    page.locator("#id_cover_alt_text").fill("Kader posyandu menimbang balita")
    page.locator("#id_category").select_option(label="Berita")
    page.locator("input[name=_save]").last.click()
    expect(page.locator(".errornote")).to_be_visible()
    chosen = page.locator(".image-chooser input[type=radio]:checked")
    expect(chosen).not_to_have_value("")
    tile = page.locator(".image-chooser__tile", has=page.locator("input:checked"))
    expect(tile).to_contain_text("Kader posyandu menimbang balita")
    assert image_loaded(tile.locator("img"))
    shoot(page, "library-1-sampul-tetap-terpilih-1280")

    # The editor: insert that image again from the library, and a YouTube video.
    page.locator("#id_title").fill(TITLE)
    toggle = page.get_by_role("button", name="Sisipkan gambar dari pustaka")
    toggle.click()
    panel = page.locator("[data-library-editor-panel]")
    insert = panel.locator("[data-library-insert]", has_text="Sisipkan").first
    expect(insert).to_be_visible()
    shoot(page, "library-2-panel-editor-1280")
    insert.click()
    editor = page.locator(".ck-editor__editable")
    expect(editor.locator("img[alt='Kader posyandu menimbang balita']")).to_be_visible()
    # A YouTube address, after the image (as the editor's "Sisipkan media" button does).
    page.evaluate(
        """url => {
            const editor = window.editors['id_body'];
            editor.model.change(writer => {
                const paragraph = writer.createElement('paragraph');
                writer.insert(paragraph, editor.model.document.getRoot(), 'end');
                writer.setSelection(paragraph, 'in');
            });
            editor.execute('mediaEmbed', url);
        }""",
        f"https://youtu.be/{VIDEO}",
    )
    body = page.locator("#id_body").input_value()
    assert "Kader posyandu menimbang balita" in body and VIDEO in body, body
    page.locator("#id_status").select_option(label="Terbit")
    page.locator("input[name=_save]").last.click()
    expect(page.locator(".messagelist")).to_contain_text(TITLE)

    citizen = new_page(phone=True)
    elsewhere = []
    citizen.on(
        "request",
        lambda request: (
            urlsplit(request.url).hostname.endswith("localhost") or elsewhere.append(request.url)
        ),
    )
    citizen.route("https://www.youtube-nocookie.com/**", lambda route: route.abort())
    citizen.goto(e2e.url(stack.OPD_SLUG, "/berita/"))
    citizen.locator(".article-card", has_text=TITLE).locator("h3 a").click()
    expect(citizen.locator("h1")).to_have_text(TITLE)
    cover = citizen.locator(".article__cover img")
    expect(cover).to_have_attribute("alt", "Kader posyandu menimbang balita")
    assert image_loaded(cover)
    assert image_loaded(citizen.locator(".prose img"))
    play = citizen.get_by_role("link", name="Putar video di YouTube")
    expect(play).to_be_visible()
    expect(citizen.locator("iframe")).to_have_count(0)
    citizen.wait_for_load_state("networkidle")
    assert elsewhere == [], elsewhere
    shoot(citizen, "library-3-video-sebelum-klik-360")
    play.click()
    frame = citizen.locator("iframe.video__frame")
    expect(frame).to_have_attribute(
        "src", f"https://www.youtube-nocookie.com/embed/{VIDEO}?autoplay=1"
    )
    expect(frame).to_have_attribute("title", "Video YouTube")
