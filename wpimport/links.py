"""The old site's addresses: an image's original file behind its intermediate sizes, one key
for every form of an internal address, and the rewriting of a body's links to the new site."""

import html
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

_INTERMEDIATE = re.compile(
    r"-(?:\d+x\d+|scaled|rotated)(\.(?:jpe?g|png|gif|webp|avif|bmp|tiff?|heic))$", re.IGNORECASE
)
_JETPACK_CDN = re.compile(r"^https?://i[0-3]\.wp\.com/", re.IGNORECASE)


def original_image_url(url: str) -> str:
    """The original upload behind an image address: WordPress' intermediate sizes
    (`photo-300x200.jpg`), its big-image copies (`photo-scaled.jpg`, `photo-rotated.jpg`) and
    Jetpack's CDN (`i0.wp.com/<host>/…`) all lead back to `photo.jpg`. Key the imported media by
    `original_image_url(attachment_url)` and look images up by the same function."""
    url = url.strip()
    if _JETPACK_CDN.match(url):
        url = "https://" + _JETPACK_CDN.sub("", url)
    parts = urlsplit(url)
    path = _INTERMEDIATE.sub(r"\1", parts.path)
    return parts._replace(path=path, query="", fragment="").geturl()


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def url_key(url: str, *, site_url: str) -> str | None:
    """`url` as "/path?query" when it points to the old site (its host with or without www,
    over http or https, or a root-relative path; under its folder if it has one), else None.
    Two addresses of the same page have the same key (trailing slash and fragment ignored)."""
    url = html.unescape(url.strip())
    if url.startswith("//"):
        url = "https:" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https") or _host(url) != _host(site_url):
            return None
    elif not url.startswith("/"):
        return None
    # A site living in a folder (example.org/dinkes/) owns only the addresses under it, and
    # keeps that folder in its keys.
    folder = urlsplit(site_url).path.rstrip("/")
    path = parts.path.rstrip("/") or "/"
    if folder and path != folder and not path.startswith(folder + "/"):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def rewrite_links(body: str, mapping: Mapping[str, str], *, site_url: str) -> str:
    """Sanitised HTML with each href and src that points to the old site replaced by its new
    address: `mapping` takes old URLs (any form `url_key` accepts) to new paths. Images are
    looked up by their original file too (`-300x200` sizes lead to the imported image);
    fragments (#bagian) are kept; addresses not in the mapping are left as they are."""
    keys = {}
    for old, new in mapping.items():
        key = url_key(old, site_url=site_url)
        if key:
            keys[key] = new

    def replace(match: re.Match) -> str:
        attribute, value = match.group(1), html.unescape(match.group(2))
        address, hash_, fragment = value.partition("#")
        for candidate in (address, original_image_url(address)):
            key = url_key(candidate, site_url=site_url)
            if key in keys:
                new = keys[key] + (hash_ + fragment if attribute == "href" else "")
                return f'{attribute}="{html.escape(new)}"'
        return match.group(0)

    return re.sub(r'\b(href|src)="([^"]*)"', replace, body)
