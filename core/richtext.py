"""The one allowlist for rich text written in CKEditor 5 (articles, pages, and later PPID).

django-ckeditor-5 stores whatever it is sent, so bodies are cleaned with nh3 when saved and again
when rendered (the `sanitize` template filter). The allowlist matches the editor's toolbar in
settings.CKEDITOR_5_CONFIGS: headings, basic styles, lists, links, block quotes, tables, images
with captions, resizing and alignment, font colours and sizes, and YouTube videos (the editor's
media embed: `<figure class="media"><oembed url>`, whose URL must name a valid YouTube video and
is stored in one canonical form).

On the citizen site a video is a click-to-load block (`embed_videos`): a local placeholder, "Putar
video di YouTube", that asks nothing of another host until the citizen clicks it; then
static/js/video.js puts a youtube-nocookie.com frame in its place (the one host CSP frame-src
allows). A paragraph holding nothing but a YouTube address becomes the same block.
"""

import html
import re
from urllib.parse import parse_qs, urlsplit

import nh3
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django_ckeditor_5.fields import CKEditor5Field

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup",
        "code", "pre", "blockquote", "ul", "ol", "li", "a", "figure", "figcaption", "img",
        "picture", "source", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
        "colgroup", "col", "hr", "span", "mark", "oembed",
    }
)  # fmt: skip

_BLOCK_ATTRIBUTES = {"style"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "oembed": {"url"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading", "style"},
    "source": {"srcset", "sizes", "type", "media"},
    "figure": {"style"},
    "table": {"style"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "col": {"span", "style"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "style"},
    "ul": {"style"},
    "span": {"style"},
    "p": _BLOCK_ATTRIBUTES,
    "h2": _BLOCK_ATTRIBUTES,
    "h3": _BLOCK_ATTRIBUTES,
    "h4": _BLOCK_ATTRIBUTES,
    "h5": _BLOCK_ATTRIBUTES,
    "h6": _BLOCK_ATTRIBUTES,
    "li": _BLOCK_ATTRIBUTES,
}
# CKEditor expresses image layout, font sizes and highlights as classes.
ALLOWED_CLASSES = {
    "figure": {
        "image", "image_resized", "image-style-side", "image-style-align-left",
        "image-style-align-right", "image-style-align-center", "image-style-block-align-left",
        "image-style-block-align-right", "table", "media",
    },
    "img": {"image_resized"},
    "span": {"text-tiny", "text-small", "text-big", "text-huge"},
    "mark": {"marker-yellow", "marker-green", "marker-pink", "marker-blue", "pen-red", "pen-green"},
}  # fmt: skip
ALLOWED_STYLE_PROPERTIES = frozenset(
    {
        "text-align", "width", "height", "color", "background-color", "font-size",
        "border", "border-color", "border-style", "border-width", "padding",
        "list-style-type", "vertical-align", "aspect-ratio", "float",
    }
)  # fmt: skip
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# A CSS value may only be words, numbers, units, colours and simple functions such as rgb().
_SAFE_CSS_VALUE = re.compile(r"^[#%\w\s.,()+-]*$", re.ASCII)
_UNSAFE_CSS_FUNCTION = re.compile(r"(url|expression|image|var|attr|env)\s*\(", re.IGNORECASE)


def _clean_style(value: str) -> str | None:
    declarations = []
    for declaration in value.split(";"):
        name, sep, css_value = declaration.partition(":")
        name, css_value = name.strip().lower(), css_value.strip()
        if (
            sep
            and name in ALLOWED_STYLE_PROPERTIES
            and _SAFE_CSS_VALUE.match(css_value)
            and not _UNSAFE_CSS_FUNCTION.search(css_value)
        ):
            declarations.append(f"{name}:{css_value}")
    return ";".join(declarations) or None


YOUTUBE_HOSTS = frozenset(
    {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com",
     "www.youtube-nocookie.com", "youtu.be", "www.youtu.be"}
)  # fmt: skip
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
# The one host static/js/video.js frames, and CSP frame-src allows.
YOUTUBE_FRAME_HOST = "https://www.youtube-nocookie.com"


def youtube_id(url: str) -> str | None:
    """The video id of a YouTube address (watch, youtu.be, embed, shorts, live), or None."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or (parts.hostname or "") not in YOUTUBE_HOSTS:
        return None
    segments = [segment for segment in parts.path.split("/") if segment]
    if parts.hostname.endswith("youtu.be"):
        candidate = segments[0] if len(segments) == 1 else ""
    elif segments == ["watch"]:
        candidate = (parse_qs(parts.query).get("v") or [""])[0]
    elif len(segments) == 2 and segments[0] in ("embed", "shorts", "live", "v"):
        candidate = segments[1]
    else:
        return None
    return candidate if _YOUTUBE_ID.match(candidate) else None


def youtube_url(video_id: str) -> str:
    return f"https://www.youtube.com/watch?v={video_id}"


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "oembed":
        video = youtube_id(value) if attribute == "url" else None
        return youtube_url(video) if video else None
    if attribute == "style":
        return _clean_style(value)
    if attribute in {"srcset"} and re.search(r"(?i)(javascript|data|vbscript)\s*:", value):
        return None
    return value


_EMPTY_EMBED = re.compile(r"<oembed></oembed>|<figure class=\"media\">\s*</figure>")


def sanitize_html(value: str | None) -> str:
    """Return `value` with everything outside the editor's allowlist removed."""
    if not value:
        return ""
    cleaned = nh3.clean(
        value,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attributes) for tag, attributes in ALLOWED_ATTRIBUTES.items()},
        allowed_classes={tag: set(classes) for tag, classes in ALLOWED_CLASSES.items()},
        attribute_filter=_attribute_filter,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return _EMPTY_EMBED.sub("", _EMPTY_EMBED.sub("", cleaned))


# On sanitised HTML (nh3 writes attributes one way: double quotes, in a fixed order).
_OEMBED = re.compile(
    r'<figure class="media">\s*<oembed url="https://www\.youtube\.com/watch\?v=([A-Za-z0-9_-]{11})">'
    r"</oembed>\s*</figure>"
)
_LINK_ONLY_PARAGRAPH = re.compile(
    r'<p>\s*(?:<a href="([^"<>]+)"[^>]*>[^<]*</a>|(https?://[^\s<>"]+))\s*</p>'
)


def video_block(video_id: str) -> str:
    """The click-to-load placeholder of one YouTube video (static/js/video.js loads it)."""
    label = _("Putar video di YouTube")
    return format_html(
        '<figure class="video"><a class="video__play" href="{}" data-youtube-id="{}" '
        'data-frame-title="{}" title="{}" '
        'rel="noopener noreferrer" target="_blank"><span class="video__label">{}</span></a>'
        "</figure>",
        youtube_url(video_id),
        video_id,
        _("Video YouTube"),
        label,
        label,
    )


def embed_videos(cleaned: str) -> str:
    """Sanitised HTML with every YouTube embed, and every paragraph that holds only a YouTube
    address, turned into a click-to-load block."""
    if "youtu" not in cleaned:
        return cleaned

    def paragraph(match: re.Match) -> str:
        video = youtube_id(html.unescape(match.group(1) or match.group(2)))
        return video_block(video) if video else match.group(0)

    cleaned = _OEMBED.sub(lambda match: video_block(match.group(1)), cleaned)
    return _LINK_ONLY_PARAGRAPH.sub(paragraph, cleaned)


def html_to_text(value: str | None) -> str:
    """Plain text of a (sanitised) HTML body, for search and summaries."""
    if not value:
        return ""
    text = nh3.clean(
        re.sub(r"<(br|/p|/h\d|/li|/td|/th|/tr|/figcaption)[^>]*>", r"\g<0> ", value), tags=set()
    )
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def feed_text(value: str | None) -> str:
    """`value` as plain text for an RSS <description>, which feed readers render as HTML: every
    tag (and what a <script> holds) goes, entities are read, and the text is escaped again, so
    a summary's "<script>" can never turn back into markup in a reader."""
    return html.escape(html_to_text(value), quote=False)


class RichTextField(CKEditor5Field):
    """django-ckeditor-5's field, which stores "" for HTML it judges empty (no text, no <img>,
    <video>, <iframe>...): a body holding only a YouTube video (<oembed>) is not empty."""

    @staticmethod
    def _is_empty_html(value):
        if value and "<oembed" in value:
            return False
        return CKEditor5Field._is_empty_html(value)
