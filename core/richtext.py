"""The one allowlist for rich text written in CKEditor 5 (articles, pages, and later PPID).

django-ckeditor-5 stores whatever it is sent, so bodies are cleaned with nh3 when saved and again
when rendered (the `sanitize` template filter). The allowlist matches the editor's toolbar in
settings.CKEDITOR_5_CONFIGS: headings, basic styles, lists, links, block quotes, tables, images
with captions, resizing and alignment, font colours and sizes.
"""

import html
import re

import nh3

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup",
        "code", "pre", "blockquote", "ul", "ol", "li", "a", "figure", "figcaption", "img",
        "picture", "source", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
        "colgroup", "col", "hr", "span", "mark",
    }
)  # fmt: skip

_BLOCK_ATTRIBUTES = {"style"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
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
        "image-style-block-align-right", "table",
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


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "style":
        return _clean_style(value)
    if attribute in {"srcset"} and re.search(r"(?i)(javascript|data|vbscript)\s*:", value):
        return None
    return value


def sanitize_html(value: str | None) -> str:
    """Return `value` with everything outside the editor's allowlist removed."""
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attributes) for tag, attributes in ALLOWED_ATTRIBUTES.items()},
        allowed_classes={tag: set(classes) for tag, classes in ALLOWED_CLASSES.items()},
        attribute_filter=_attribute_filter,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


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
