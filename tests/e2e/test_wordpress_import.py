"""Moving an old WordPress site in, as the OPD's admin does it in a real browser: upload the
export and its uploads archive, read the dry run's report, start the import, follow it to the
end, and open an old address, which lands on the imported article. A real task worker runs the
jobs (the server's own database, its "imports" queue)."""

import io
import re
import zipfile

from playwright.sync_api import expect

from tests.e2e import stack
from tests.e2e.test_journeys import log_in
from tests.wpimport.test_services import FIXTURE, uploads

# The worker refreshes nothing itself: the run's page reloads every 3 s while a job runs.
JOB_TIMEOUT_MS = 90_000


def uploads_zip() -> dict:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in uploads().items():
            archive.writestr(f"wp-content/uploads/{name}", data)
    return {"name": "uploads.zip", "mimeType": "application/zip", "buffer": buffer.getvalue()}


def test_upload_check_import_and_the_old_address_redirects(e2e, desktop, new_page, screenshots):
    e2e.start_worker("imports")
    page = desktop
    log_in(page, e2e, stack.OPD_SLUG, stack.OPD_ADMIN_USERNAME)
    page.goto(e2e.url(stack.OPD_SLUG, "/admin/wpimport/importrun/"))
    page.get_by_role("link", name="Impor situs WordPress").click()
    expect(
        page.get_by_role("heading", name="Memindahkan situs WordPress lama ke sini")
    ).to_be_visible()
    screenshots(page, "wpimport-upload")

    page.get_by_label("Berkas ekspor WordPress (.xml)").set_input_files(str(FIXTURE))
    page.get_by_label("Arsip folder unggahan situs lama (.zip atau .tar.gz)").set_input_files(
        [uploads_zip()]
    )
    page.get_by_role("button", name="Unggah dan periksa").click()

    # The check runs in the worker; the page says so and reloads itself until it is done.
    expect(page.get_by_role("heading", name="Siap diimpor")).to_be_visible(timeout=JOB_TIMEOUT_MS)
    report = page.locator(".wpimport-report")
    expect(report).to_contain_text("Uji coba: belum ada yang disimpan.")
    articles = report.get_by_role("row", name=re.compile("^Artikel"))
    expect(articles).to_have_text(re.compile(r"Artikel\s*4\s*0\s*0"))
    screenshots(page, "wpimport-dry-run-report")

    # Nothing is on the site yet.
    visitor = new_page(phone=True)
    response = visitor.goto(e2e.url(stack.OPD_SLUG, "/2024/02/15/pekan-imunisasi-nasional/"))
    assert response.status == 404

    page.get_by_role("button", name="Mulai impor").click()
    expect(page.locator(".messagelist")).to_contain_text("Impor dimulai.")
    expect(page.get_by_role("heading", name="Selesai")).to_be_visible(timeout=JOB_TIMEOUT_MS)
    expect(report).to_contain_text("Impor selesai.")
    expect(page.get_by_role("button", name="Mulai impor")).to_have_count(0)
    screenshots(page, "wpimport-done")

    # The address Google and the WhatsApp groups hold answers 301 to the new one.
    response = visitor.goto(e2e.url(stack.OPD_SLUG, "/2024/02/15/pekan-imunisasi-nasional/"))
    assert response.ok, e2e.worker_log()[-3000:]
    assert re.search(r"/berita/[^/]+/$", visitor.url)
    first_hop = response.request.redirected_from
    assert first_hop is not None and first_hop.response().status == 301
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("Pekan Imunisasi Nasional")
    screenshots(visitor, "wpimport-imported-article")
