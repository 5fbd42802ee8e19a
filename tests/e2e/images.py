"""Waiting for images in the browser tests: an image that is still downloading on a loaded
machine is neither shown nor broken yet, so "complete and has a width" read once is a race."""

# Scroll through the page once so that lazy images (loading="lazy") load before the
# full-page screenshot, and wait for every image. A function, not a string: the pages' CSP
# forbids evaluating strings.
LOAD_LAZY_IMAGES = """async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight) {
        window.scrollTo(0, y);
        await new Promise((resolve) => setTimeout(resolve, 30));
    }
    window.scrollTo(0, 0);
    await Promise.all(Array.from(document.images).filter((image) => !image.complete).map(
        (image) => new Promise((resolve) => {
            image.addEventListener("load", resolve);
            image.addEventListener("error", resolve);
        })
    ));
}"""

# decode() settles once the image has arrived: it resolves when the picture can be drawn and
# rejects when it is broken, so a slow download waits and a broken one fails.
_DECODED = "img => img.decode().then(() => img.naturalWidth, () => 0)"


def image_loaded(locator) -> bool:
    """True once the image the locator points at has loaded and has pixels; False if broken."""
    locator.scroll_into_view_if_needed()
    return locator.evaluate(_DECODED) > 0


def natural_width(locator) -> int:
    image_loaded(locator)
    return locator.evaluate("img => img.naturalWidth")
