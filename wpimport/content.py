"""A WordPress post body converted the way WordPress renders it, then sanitised as the editor's
content is (core.richtext.sanitize_html), so what is stored is what the editor would store.

The steps follow WordPress' `the_content` filters in their order:
1. `<!--more-->` splits the teaser (usable as the excerpt) from the rest; `<!--nextpage-->` goes.
2. Block content (Gutenberg: it holds `<!-- wp:` comments) keeps each block's inner HTML and loses
   the comments; WordPress does not run wpautop on such content, and neither do we. Embed
   blocks become videos, gallery blocks with attachment ids become gallery placeholders, and
   dynamic blocks (`<!-- wp:latest-posts /-->`: rendered by PHP, no HTML of their own) are
   dropped and counted.
3. Classic content: a YouTube address alone on its line becomes a video (WordPress' autoembed),
   then `wpautop` (wpimport.autop, a port of WordPress 6's) makes paragraphs and line breaks.
4. Shortcodes: `[caption]` becomes a figure with its caption, `[gallery]` a placeholder listing the
   attachment ids, `[embed]`/`[video]` of YouTube a video; any other shortcode is removed (what an
   enclosing one wraps is kept: page builders wrap whole articles in `[vc_row]…`) and counted.
5. Editor forms: figures get the editor's classes (`image`, `table`, alignment), an image alone
   in its paragraph becomes the editor's image figure (with its alignment), `<h1>` becomes
   `<h2>` (the page's title is the h1), YouTube iframes become videos, other iframes go (counted).
6. sanitize_html; then the old site's links and images are collected for the caller, which maps
   them to the imported media and articles (wpimport.links: `original_image_url`,
   `rewrite_links`). Galleries stay placeholders until `fill_galleries` (or `resolve_gallery`)
   puts the caller's HTML in their place.

Videos are stored as the editor stores them: `<figure class="media"><oembed url="…"></oembed>
</figure>` with the canonical watch URL. Not reproduced: wptexturize's curly quotes and smilies.
No pattern scans the rest of the body from an unclosed tag or comment, so a hostile body costs
linear time.
"""

import html
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.richtext import html_to_text, sanitize_html, youtube_id, youtube_url
from wpimport.autop import wpautop
from wpimport.links import original_image_url, url_key

# A paragraph of text that the sanitiser keeps and no shortcode pattern matches.
GALLERY_PLACEHOLDER = "{{{{wpimport-galeri-{index}}}}}"
_GALLERY_PLACEHOLDER = re.compile(r"<p>\s*\{\{wpimport-galeri-(\d+)\}\}\s*</p>")


@dataclass(frozen=True)
class ConvertedBody:
    html: str
    excerpt_from_more: str  # plain text of what precedes <!--more-->, "" without one
    unknown_shortcodes: Counter = field(default_factory=Counter)
    image_urls: tuple[str, ...] = ()  # the old site's images, as original files (no -300x200)
    internal_links: tuple[str, ...] = ()  # <a href> to the old site, as written
    gallery_ids: tuple[tuple[int, ...], ...] = ()  # per placeholder, in order
    dropped_blocks: Counter = field(default_factory=Counter)
    problems: tuple[str, ...] = ()  # Indonesian


# -- shortcodes ---------------------------------------------------------------------------------

_ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)"""
)
# A shortcode tag: [name attrs], [name attrs /], [/name]; [[name]] is an escaped one.
_SHORTCODE_TAG = re.compile(r"\[(\[?)(/?)([a-z][a-z0-9_-]*)((?:\s[^\[\]]*?)?)(/?)\](\]?)")
# The name ends where a shortcode name cannot go on: [gallery] is not [gallery-slider].
# What an enclosing shortcode wraps never holds another of its tags (WordPress does not nest
# a shortcode in itself), which also keeps an unclosed one from scanning the rest of the body.
_ENCLOSING = r"\[{name}(?![\w-])([^\]]*)\]((?:(?!\[/?{name}(?![\w-])).)*)\[/{name}\]"
_OWN_LINE_URL = re.compile(r"^(\s*)(https?://[^\s<>\"]+)(\s*)$", re.MULTILINE)
_PARAGRAPH_URL = re.compile(r"<p(?:\s[^>]*)?>\s*(https?://[^\s<>\"]+)\s*</p>", re.IGNORECASE)
_KNOWN = ("caption", "wp_caption", "gallery", "embed", "video", "audio")
# A block's attributes: JSON in which WordPress escapes "--", "<" and ">" (\u002d, \u003c…).
_JSON = r"(\s+\{[^<>]*?\})?"


def _attributes(text: str) -> dict[str, str]:
    attributes = {}
    for match in _ATTRIBUTE.finditer(html.unescape(text).replace("\u00a0", " ") + " "):
        name = match.group(1) or match.group(3) or match.group(5)
        value = (
            match.group(2)
            if match.group(1)
            else match.group(4)
            if match.group(3)
            else match.group(6)
        )
        attributes[name.lower()] = value
    return attributes


def video_embed(url: str) -> str | None:
    """The editor's form of a YouTube video, or None for an address that is not one."""
    video = youtube_id(html.unescape(url))
    if not video:
        return None
    return f'<figure class="media"><oembed url="{youtube_url(video)}"></oembed></figure>'


def _link_paragraph(url: str) -> str:
    url = html.escape(html.unescape(url.strip()))
    return f'<p><a href="{url}">{url}</a></p>'


_ALIGNMENTS = {
    "alignleft": "image-style-align-left",
    "alignright": "image-style-align-right",
}


class _Converter:
    def __init__(self, resolve_gallery: Callable[[tuple[int, ...]], str] | None):
        self.resolve_gallery = resolve_gallery
        self.unknown = Counter()
        self.dropped_blocks = Counter()
        self.galleries: list[tuple[int, ...]] = []
        self.problems: list[str] = []

    def gallery(self, ids: tuple[int, ...]) -> str:
        if self.resolve_gallery is not None:
            return self.resolve_gallery(ids)
        self.galleries.append(ids)
        return "\n\n<p>" + GALLERY_PLACEHOLDER.format(index=len(self.galleries) - 1) + "</p>\n\n"

    def embed(self, url: str) -> str:
        block = video_embed(url)
        if block:
            return block
        self.problems.append(
            _("Sematan %(url)s bukan video YouTube; diganti tautan.") % {"url": url.strip()}
        )
        return _link_paragraph(url)

    # Blocks

    def blocks(self, text: str) -> str:
        text = re.sub(
            r"<!--\s+wp:(embed|core-embed/[\w-]+|video)"
            + _JSON
            + r"\s+-->((?:(?!<!--\s+/?wp:\1[\s/]).)*)<!--\s+/wp:\1\s+-->",
            self._embed_block,
            text,
            flags=re.DOTALL,
        )
        text = re.sub(
            r"<!--\s+wp:gallery"
            + _JSON
            + r"\s+-->((?:(?!<!--\s+/?wp:gallery[\s/]).)*)<!--\s+/wp:gallery\s+-->",
            self._gallery_block,
            text,
            flags=re.DOTALL,
        )
        text = re.sub(
            r"<!--\s+wp:([a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)" + _JSON + r"\s+/-->",
            self._dynamic_block,
            text,
            flags=re.DOTALL,
        )
        return re.sub(
            r"<!--\s+/?wp:[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?" + _JSON + r"\s+-->",
            "",
            text,
            flags=re.DOTALL,
        )

    @staticmethod
    def _block_attributes(raw: str | None) -> dict:
        try:
            value = json.loads(raw) if raw else {}
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def _embed_block(self, match: re.Match) -> str:
        attributes = self._block_attributes(match.group(2))
        url = attributes.get("url") or attributes.get("src") or ""
        if not url:
            found = re.search(r"https?://[^\s<>\"]+", match.group(3))
            url = found.group(0) if found else ""
        if not url:
            return match.group(3)
        return self.embed(url)

    def _gallery_block(self, match: re.Match) -> str:
        attributes = self._block_attributes(match.group(1))
        ids = [value for value in attributes.get("ids", []) if isinstance(value, int)]
        if not ids:  # WordPress 5.9+: a gallery of image blocks, each with its id
            ids = [
                self._block_attributes(raw).get("id")
                for raw in re.findall(r"<!--\s+wp:image" + _JSON + r"\s+/?-->", match.group(2))
            ]
            ids = [value for value in ids if isinstance(value, int)]
        if not ids:
            return match.group(2)
        return self.gallery(tuple(ids))

    def _dynamic_block(self, match: re.Match) -> str:
        name = match.group(1)
        if name not in ("more", "nextpage"):
            self.dropped_blocks[name] += 1
        return ""

    # Shortcodes

    def shortcodes(self, text: str) -> str:
        escaped: list[str] = []

        def protect(match: re.Match) -> str:
            escaped.append(match.group(0)[1:-1])
            return f"\x00{len(escaped) - 1}\x00"

        text = re.sub(r"\[\[[a-z][a-z0-9_-]*[^\[\]]*\]\]", protect, text)
        text = self._unautop(text)
        for name in ("caption", "wp_caption"):
            text = re.sub(_ENCLOSING.format(name=name), self._caption, text, flags=re.DOTALL)
        text = re.sub(r"\[gallery(?![\w-])([^\]]*)\]", self._gallery, text)
        text = re.sub(
            _ENCLOSING.format(name="embed"), lambda m: self.embed(m.group(2)), text, flags=re.DOTALL
        )
        for name in ("video", "audio"):
            text = re.sub(
                _ENCLOSING.format(name=name),
                lambda m: self._media(m.group(1)),
                text,
                flags=re.DOTALL,
            )
            text = re.sub(rf"\[{name}(?![\w-])([^\]]*)\]", lambda m: self._media(m.group(1)), text)
        text = _SHORTCODE_TAG.sub(self._unknown, text)
        return re.sub("\x00(\\d+)\x00", lambda match: escaped[int(match.group(1))], text)

    @staticmethod
    def _unautop(text: str) -> str:
        """WordPress' shortcode_unautop: a known shortcode alone in its paragraph loses the
        <p> (unknown ones are removed, and what they wrap stays a paragraph)."""
        return re.sub(
            r"<p>\s*(\[("
            + "|".join(_KNOWN)
            + r")(?![\w-])[^\]]*\](?:(?:(?!\[/\2\]|</p>).)*\[/\2\])?)\s*</p>",
            r"\1",
            text,
            flags=re.DOTALL,
        )

    def _caption(self, match: re.Match) -> str:
        attributes = _attributes(match.group(1))
        inner = match.group(2)
        image = re.search(r"<img\b[^>]*>", inner)
        if not image:  # unautop took its paragraph away
            return f"<p>{inner.strip()}</p>"
        caption = (
            attributes.get("caption")
            or re.sub(r"^(?:\s*<a\b[^>]*>)?\s*<img\b[^>]*>\s*(?:</a>)?", "", inner.strip()).strip()
        )
        classes = " ".join(filter(None, ["image", _ALIGNMENTS.get(attributes.get("align", ""))]))
        figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
        return f'\n\n<figure class="{classes}">{image.group(0)}{figcaption}</figure>\n\n'

    def _gallery(self, match: re.Match) -> str:
        attributes = _attributes(match.group(1))
        ids = tuple(
            int(value)
            for value in re.split(r"[\s,]+", attributes.get("ids", ""))
            if value.isdigit()
        )
        if not ids:
            self.problems.append(
                _(
                    "Galeri tanpa daftar gambar (ids) memakai lampiran entri; daftar galeri "
                    "dibiarkan kosong."
                )
            )
        return self.gallery(ids)

    def _media(self, raw: str) -> str:
        attributes = _attributes(raw)
        url = attributes.get("src") or next(
            (
                value
                for key, value in attributes.items()
                if key in ("mp4", "webm", "mp3", "m4a", "ogg", "wav")
            ),
            "",
        )
        return self.embed(url) if url else ""

    def _unknown(self, match: re.Match) -> str:
        if not match.group(2):  # escaped ones ([[name]]) were set aside before
            self.unknown[match.group(3)] += 1
        return ""


# -- editor forms -------------------------------------------------------------------------------

_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_IFRAME = re.compile(
    r"<iframe\b([^>]*)>(?:(?!</?iframe\b).)*</iframe>|<iframe\b([^>]*)/?>",
    re.IGNORECASE | re.DOTALL,
)
_SRC = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def _figure(match: re.Match) -> str:
    attributes = match.group(1)
    found = _CLASS.search(attributes)
    classes = (
        set((found.group(1) or found.group(2) or found.group(3) or "").split()) if found else set()
    )
    if "wp-block-table" in classes or "table" in classes:
        editor = ["table"]
    elif classes & {"media"}:
        editor = ["media"]
    elif classes & {"wp-block-image", "wp-caption", "image"} or any(
        name.startswith(("size-", "align")) for name in classes
    ):
        editor = ["image"]
        editor += [_ALIGNMENTS[name] for name in sorted(classes) if name in _ALIGNMENTS]
        editor += [name for name in sorted(classes) if name.startswith("image-style-")]
    else:
        editor = []
    return f'<figure class="{" ".join(editor)}">' if editor else "<figure>"


# An image alone in its paragraph (the classic editor's way), perhaps inside a link to itself.
_LONE_IMAGE = re.compile(
    r"<p>\s*(?:<a\b[^>]*>\s*)?(<img\b([^>]*)>)\s*(?:</a>\s*)?</p>", re.IGNORECASE
)


def _lone_image(match: re.Match) -> str:
    found = _CLASS.search(match.group(2))
    classes = (found.group(1) or found.group(2) or found.group(3) or "").split() if found else []
    editor = ["image"] + [_ALIGNMENTS[name] for name in classes if name in _ALIGNMENTS]
    return f'<figure class="{" ".join(editor)}">{match.group(1)}</figure>'


def _editor_forms(text: str, converter: _Converter) -> str:
    text = _LONE_IMAGE.sub(_lone_image, text)
    text = re.sub(r"<figure\b([^>]*)>", _figure, text, flags=re.IGNORECASE)
    text = re.sub(r"<(/?)h1\b", r"<\1h2", text, flags=re.IGNORECASE)

    def iframe(match: re.Match) -> str:
        found = _SRC.search(match.group(1) or match.group(2) or "")
        src = (found.group(1) or found.group(2) or found.group(3)) if found else ""
        block = video_embed(src) if src else None
        if block:
            return block
        converter.problems.append(
            _("Bingkai sematan (iframe) dari %(src)s dihapus.") % {"src": src or "?"}
        )
        return ""

    return _IFRAME.sub(iframe, text)


def _collect(clean: str, site_url: str, converter: _Converter) -> tuple[tuple, tuple]:
    images, links, foreign = {}, {}, {}
    for src in re.findall(r'<img\b[^>]*?\bsrc="([^"]*)"', clean):
        src = html.unescape(src)
        original = original_image_url(src)
        if not site_url or url_key(original, site_url=site_url):  # no site given: every image
            images.setdefault(original, None)
        else:
            foreign.setdefault(src, None)
    for href in re.findall(r'<a\b[^>]*?\bhref="([^"]*)"', clean):
        href = html.unescape(href)
        if site_url and url_key(href, site_url=site_url):
            links.setdefault(href, None)
    for src in foreign:
        converter.problems.append(
            _("Gambar %(src)s berasal dari situs lain dan tidak ikut diimpor.") % {"src": src}
        )
    return tuple(images), tuple(links)


# -- the whole conversion ---------------------------------------------------------------------

_MORE = re.compile(r"<!--more([^<>]*)-->")
_NEXTPAGE = re.compile(r"<!--nextpage-->")
_EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|&nbsp;|\u00a0|<br>)*</p>")
# Attributes pointing at the old site's other sizes, and classes the allowlist emptied.
_LEFTOVER_ATTRIBUTES = re.compile(r'\s(?:srcset|sizes)="[^"]*"|\sclass=""')
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL)


def _render(text: str, converter: _Converter) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _NEXTPAGE.sub("", text)
    if "<!-- wp:" in text:
        text = converter.blocks(text)
    else:
        text = _OWN_LINE_URL.sub(
            lambda m: (
                (m.group(1) + block + m.group(3))
                if (block := video_embed(m.group(2)))
                else m.group(0)
            ),
            text,
        )
        text = wpautop(text)
    text = _PARAGRAPH_URL.sub(lambda m: video_embed(m.group(1)) or m.group(0), text)
    text = converter.shortcodes(text)
    text = _editor_forms(text, converter)
    clean = sanitize_html(text)
    clean = _EMPTY_PARAGRAPH.sub("", _LEFTOVER_ATTRIBUTES.sub("", clean))
    parts = _PRE.split(clean)
    for index in range(0, len(parts), 2):
        parts[index] = re.sub(r"\n\s*\n", "\n", parts[index])
    return "".join(parts).strip()


def convert_body(
    content: str,
    *,
    site_url: str = "",
    resolve_gallery: Callable[[tuple[int, ...]], str] | None = None,
) -> ConvertedBody:
    """A WordPress post body (content:encoded) as the editor would store it.

    `site_url` is the old site's address (Site.base_url): images and links on it are collected,
    images elsewhere are reported (without it, every image is collected and no link is).
    Galleries become placeholders (`fill_galleries`) unless `resolve_gallery` turns a gallery's
    attachment ids into HTML here (it is sanitised with the rest)."""
    converter = _Converter(resolve_gallery)
    content = content or ""
    excerpt = ""
    more = _MORE.search(content)
    if more:
        excerpt = html_to_text(_render(content[: more.start()], _Converter(lambda ids: "")))
        content = content[: more.start()] + "\n\n" + content[more.end() :]
    body = _render(content, converter)
    images, links = _collect(body, site_url, converter)
    if converter.unknown:
        converter.problems.append(
            _("Kode pendek yang tidak dikenal dihapus: %(names)s.")
            % {
                "names": ", ".join(
                    f"[{name}] ×{count}" for name, count in converter.unknown.most_common()
                )
            }
        )
    if converter.dropped_blocks:
        converter.problems.append(
            _("Blok dinamis WordPress yang tidak dapat diimpor dihapus: %(names)s.")
            % {
                "names": ", ".join(
                    f"wp:{name} ×{count}" for name, count in converter.dropped_blocks.most_common()
                )
            }
        )
    return ConvertedBody(
        html=body,
        excerpt_from_more=excerpt,
        unknown_shortcodes=converter.unknown,
        image_urls=images,
        internal_links=links,
        gallery_ids=tuple(converter.galleries),
        dropped_blocks=converter.dropped_blocks,
        problems=tuple(converter.problems),
    )


def fill_galleries(
    body: str, gallery_ids: tuple[tuple[int, ...], ...], render: Callable[[tuple[int, ...]], str]
) -> str:
    """`body` (ConvertedBody.html) with each gallery placeholder replaced by `render(ids)`, its
    attachment ids from ConvertedBody.gallery_ids, and sanitised again: the caller builds the
    gallery from the imported media."""

    def replace(match: re.Match) -> str:
        index = int(match.group(1))
        return render(gallery_ids[index]) if index < len(gallery_ids) else ""

    return sanitize_html(_GALLERY_PLACEHOLDER.sub(replace, body))
