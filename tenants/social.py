"""An OPD's social media links as operators type them (`@dinkes.kota`, `instagram.com/dinkes`,
`http://m.facebook.com/dinkes`), stored as the network's canonical https address.

Addresses are parsed with ada (the WHATWG URL parser the content guard uses), so the host
checked here is the one a browser would go to.
"""

import re
from dataclasses import dataclass

from ada_url import URL


@dataclass(frozen=True)
class Network:
    name: str
    canonical_host: str
    hosts: frozenset[str]
    # How a bare account name becomes a path: YouTube and TikTok keep the "@".
    handle_path: str = "/{handle}"


NETWORKS = {
    "instagram": Network(
        "Instagram",
        "www.instagram.com",
        frozenset({"instagram.com", "www.instagram.com", "m.instagram.com"}),
    ),
    "facebook": Network(
        "Facebook",
        "www.facebook.com",
        frozenset({"facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com"}),
    ),
    "x": Network(
        "X",
        "x.com",
        frozenset({"x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com"}),
    ),
    "youtube": Network(
        "YouTube",
        "www.youtube.com",
        frozenset({"youtube.com", "www.youtube.com", "m.youtube.com"}),
        handle_path="/@{handle}",
    ),
    "tiktok": Network(
        "TikTok",
        "www.tiktok.com",
        frozenset({"tiktok.com", "www.tiktok.com", "m.tiktok.com"}),
        handle_path="/@{handle}",
    ),
}
# The Opd field of each network.
FIELDS = {
    "instagram_url": "instagram",
    "facebook_url": "facebook",
    "x_url": "x",
    "youtube_url": "youtube",
    "tiktok_url": "tiktok",
}
HANDLE = re.compile(r"@?([A-Za-z0-9_.-]{1,100})")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


class NotThisNetwork(ValueError):  # noqa: N818 (reads as the form error it becomes)
    """The value is neither an account name nor an address of the network."""


def normalise(network_key: str, value: str) -> str:
    """The canonical https address of `value` (an address or an account name) on the network.

    Raises NotThisNetwork for an address of another site or something that is neither."""
    network = NETWORKS[network_key]
    value = value.strip()
    if not value:
        return ""
    handle = HANDLE.fullmatch(value)
    if handle and (value.startswith("@") or "." not in value):
        return f"https://{network.canonical_host}{network.handle_path.format(handle=handle[1])}"
    if value.startswith("//"):
        value = f"https:{value}"
    elif not SCHEME.match(value):
        value = f"https://{value}"
    try:
        url = URL(value)
    except ValueError:
        raise NotThisNetwork(value) from None
    if url.protocol not in ("http:", "https:") or url.hostname not in network.hosts:
        raise NotThisNetwork(value)
    if url.username or url.password or url.port:
        raise NotThisNetwork(value)
    url.protocol = "https:"
    url.hostname = network.canonical_host
    return url.href
