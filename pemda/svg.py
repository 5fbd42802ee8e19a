"""Uploaded SVG coats of arms, rebuilt from a strict allowlist so that only static vector
graphics reach a browser.

No maintained PyPI library does this job (py-svg-hush wraps Cloudflare's svg-hush but is one
person's 0.x binding; svg-sanitize calls itself a prototype), so the file is parsed with
defusedxml (no DTD, no entities, no external references) and a new tree is built from known
SVG shape, gradient and group elements and their presentation attributes. Everything else goes:
scripts, foreignObject, elements of other namespaces (editor metadata), event handlers, links
other than `#fragment`, `javascript:`/`data:` values, `url()` other than `url(#id)`, and
style sheets that import or fetch anything. Files that are not SVG, too large or nested too
deeply are refused rather than repaired.
"""

import re
import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext_lazy as _

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
MAX_BYTES = 512 * 1024
MAX_DEPTH = 24
MAX_ELEMENTS = 5_000

ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "title", "desc", "symbol", "use",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "linearGradient", "radialGradient", "stop", "clipPath", "mask",
        "style",
    }
)  # fmt: skip
# Elements whose text is drawn or read (a <style>'s text is checked on its own).
TEXT_ELEMENTS = frozenset({"title", "desc", "text", "tspan", "style"})
ATTRIBUTES = frozenset(
    {
        "id", "class", "style", "version", "viewBox", "preserveAspectRatio", "width", "height",
        "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "dx", "dy",
        "d", "points", "pathLength", "transform", "offset",
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap",
        "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset",
        "stroke-opacity", "opacity", "color", "display", "visibility",
        "clip-path", "clip-rule", "clipPathUnits", "mask", "maskUnits", "maskContentUnits",
        "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod",
        "font-family", "font-size", "font-weight", "font-style", "text-anchor",
        "dominant-baseline", "letter-spacing", "word-spacing", "text-decoration",
        "paint-order", "vector-effect", "shape-rendering",
    }
)  # fmt: skip
LINK_ATTRIBUTES = frozenset({"href", f"{{{XLINK_NS}}}href"})
_FRAGMENT = re.compile(r"#[A-Za-z_][A-Za-z0-9_.:-]*")
_URL_CALL = re.compile(r"url\s*\(", re.IGNORECASE)
_LOCAL_URL = re.compile(r"url\(\s*['\"]?#[A-Za-z_][A-Za-z0-9_.:-]*['\"]?\s*\)", re.IGNORECASE)
_ACTIVE = re.compile(r"javascript:|data:|vbscript:|@import|expression\s*\(|behavior\s*:", re.I)


class SvgRefused(ValueError):  # noqa: N818 (reads as the form error it becomes)
    """The upload is not an SVG this module accepts; the message is for the user."""


def _local(tag) -> tuple[str | None, str]:
    if not isinstance(tag, str):  # comments and processing instructions
        return None, ""
    if tag.startswith("{"):
        namespace, _sep, name = tag[1:].partition("}")
        return namespace, name
    return None, tag


def _safe_css(value: str) -> bool:
    """Style text with no way to run or fetch anything: no escapes (which could spell any of
    the rest), no markup, no import, no url() other than url(#id)."""
    if "\\" in value or "<" in value or _ACTIVE.search(value.replace(" ", "")):
        return False
    return len(_URL_CALL.findall(value)) == len(_LOCAL_URL.findall(value))


def _safe_value(name: str, value: str) -> bool:
    squeezed = re.sub(r"[\s\x00-\x1f]+", "", value)
    if _ACTIVE.search(squeezed):
        return False
    if name == "style":
        return _safe_css(value)
    return "url(" not in squeezed.lower() or _safe_css(value)


def _clean_attributes(element) -> dict[str, str]:
    kept = {}
    for name, value in element.attrib.items():
        if name in LINK_ATTRIBUTES:
            if _FRAGMENT.fullmatch(value.strip()):
                kept[name] = value.strip()
            continue
        if name == f"{{{XML_NS}}}space":
            kept[name] = value
            continue
        if name not in ATTRIBUTES or not _safe_value(name, value):
            continue  # on* handlers, foreign namespaces and unknown attributes go too
        kept[name] = value
    return kept


def _rebuild(source, depth: int, counter: list[int]):
    namespace, name = _local(source.tag)
    if namespace != SVG_NS or name not in ELEMENTS:
        return None
    if depth > MAX_DEPTH:
        raise SvgRefused(
            _("SVG terlalu dalam bersarang (lebih dari %(max)d tingkat).") % {"max": MAX_DEPTH}
        )
    counter[0] += 1
    if counter[0] > MAX_ELEMENTS:
        raise SvgRefused(
            _("SVG terlalu rumit (lebih dari %(max)d elemen).") % {"max": MAX_ELEMENTS}
        )
    element = ET.Element(f"{{{SVG_NS}}}{name}", _clean_attributes(source))
    if name in TEXT_ELEMENTS and source.text and (name != "style" or _safe_css(source.text)):
        element.text = source.text
    for child in source:
        rebuilt = _rebuild(child, depth + 1, counter)
        if rebuilt is not None:
            if name in ("text", "tspan") and child.tail:
                rebuilt.tail = child.tail
            element.append(rebuilt)
    return element


def sanitise_svg(data: bytes) -> bytes:
    """The upload rebuilt as static SVG; raises SvgRefused with a message for the user."""
    if len(data) > MAX_BYTES:
        raise SvgRefused(
            _("Berkas SVG terlalu besar (paling besar %(max)d KB).") % {"max": MAX_BYTES // 1024}
        )
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise SvgRefused(_("SVG ini memuat DTD atau entitas XML, yang tidak diterima.")) from None
    except (ET.ParseError, ValueError):
        raise SvgRefused(_("Berkas ini bukan SVG yang valid.")) from None
    if _local(root.tag) != (SVG_NS, "svg"):
        raise SvgRefused(_("Berkas ini bukan SVG (elemen akarnya bukan <svg>)."))
    rebuilt = _rebuild(root, 0, [0])
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    return ET.tostring(rebuilt, encoding="utf-8", xml_declaration=False)


def looks_like_svg(data: bytes) -> bool:
    """Whether an upload is XML text (an SVG to sanitise) rather than a raster image."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")
