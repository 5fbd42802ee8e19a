"""Uploaded SVG arms are rebuilt from an allowlist: one test per way of smuggling in code."""

import pytest

from pemda.svg import MAX_BYTES, MAX_DEPTH, SvgRefused, looks_like_svg, sanitise_svg

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'viewBox="0 0 10 10">{}</svg>'
)


def clean(inner: str) -> str:
    return sanitise_svg(SVG.format(inner).encode()).decode()


def test_shapes_gradients_and_text_are_kept():
    out = clean(
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
        '</defs><g transform="scale(2)"><path d="M0 0L5 5Z" fill="url(#g)" stroke="#000"/>'
        '<circle cx="5" cy="5" r="2"/><text x="1" y="9">KOTA <tspan>SERANG</tspan></text></g>'
        '<use href="#g"/>'
    )
    for kept in ('d="M0 0L5 5Z"', 'fill="url(#g)"', "<circle", "KOTA", "SERANG", 'href="#g"',
                 "linearGradient", 'viewBox="0 0 10 10"'):  # fmt: skip
        assert kept in out, kept


def test_script_elements_go_with_their_content():
    out = clean("<script>alert(1)</script><rect width='1' height='1'/>")
    assert "script" not in out and "alert" not in out and "<rect" in out


def test_foreign_object_and_its_html_go():
    out = clean(
        '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x'
        '<img src="x" onerror="alert(1)"/></div></foreignObject>'
    )
    assert "foreignObject" not in out and "onerror" not in out and "img" not in out


@pytest.mark.parametrize("handler", ["onload", "onclick", "onmouseover", "ONLOAD", "onbegin"])
def test_event_handlers_go(handler):
    out = clean(f'<rect width="1" height="1" {handler}="alert(1)"/>')
    assert "alert" not in out and "<rect" in out


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(1)", "https://evil.example/x.svg#a", "data:image/svg+xml;base64,PHN2Zz4=",
     " JaVaScRiPt:alert(1)", "//evil.example/#a"],
)  # fmt: skip
@pytest.mark.parametrize("attribute", ["href", "xlink:href"])
def test_links_other_than_fragments_go(attribute, link):
    out = clean(f'<use {attribute}="{link}"/>')
    assert "evil" not in out and "javascript" not in out.lower() and "data:" not in out


def test_anchors_animations_and_images_go():
    out = clean(
        '<a href="javascript:alert(1)"><rect width="1" height="1"/></a>'
        '<animate attributeName="href" to="javascript:alert(1)"/>'
        '<set attributeName="onload" to="x"/>'
        '<image href="https://evil.example/p.png"/><iframe src="https://evil.example"/>'
    )
    for gone in ("<a", "animate", "<set", "image", "iframe", "evil", "javascript"):
        assert gone not in out, gone


@pytest.mark.parametrize(
    "style",
    ["@import url(https://evil.example/a.css);", "rect{fill:url(https://evil.example/t)}",
     "rect{background:\\75rl(https://evil.example)}", "rect{behavior:url(x.htc)}",
     "rect{width:expression(alert(1))}"],
)  # fmt: skip
def test_style_sheets_that_import_or_fetch_go(style):
    out = clean(f"<style>{style}</style><rect width='1' height='1'/>")
    assert "evil" not in out and "expression" not in out and "behavior" not in out


def test_a_harmless_style_sheet_stays():
    out = clean("<style>.a{fill:#c00;stroke:url(#g)}</style><rect class='a' width='1' height='1'/>")
    assert ".a{fill:#c00;stroke:url(#g)}" in out


@pytest.mark.parametrize(
    "attribute",
    ['style="fill:url(https://evil.example/x)"', 'fill="url(https://evil.example/x)"',
     'style="background:url(javascript:alert(1))"', 'mask="url(data:image/svg+xml,x)"'],
)  # fmt: skip
def test_attributes_that_fetch_or_run_go(attribute):
    out = clean(f"<rect width='1' height='1' {attribute}/>")
    assert "evil" not in out and "javascript" not in out and "data:" not in out


def test_editor_metadata_of_other_namespaces_goes():
    out = sanitise_svg(
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/'
        b'namespaces/inkscape" inkscape:version="1.0"><inkscape:grid/><rect width="1" '
        b'height="1" inkscape:label="x"/></svg>'
    ).decode()
    assert "inkscape" not in out and "<rect" in out


@pytest.mark.parametrize(
    "document",
    [
        b'<!DOCTYPE svg [<!ENTITY x "boom">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
        b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>',
    ],
    ids=["entity", "external-entity", "external-dtd"],
)
def test_dtds_and_entities_are_refused(document):
    with pytest.raises(SvgRefused):
        sanitise_svg(document)


def test_a_billion_laughs_is_refused():
    lol = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
           b'<svg xmlns="http://www.w3.org/2000/svg"><text>&lol2;</text></svg>')  # fmt: skip
    with pytest.raises(SvgRefused):
        sanitise_svg(lol)


@pytest.mark.parametrize(
    "document",
    [
        b"<html><body>hi</body></html>",
        b"<svg><rect/></svg>",
        b"<svg xmlns='http://www.w3.org/2000/svg'>",
        b"not xml",
    ],
    ids=["html", "no-namespace", "broken", "text"],
)
def test_what_is_not_an_svg_is_refused(document):
    with pytest.raises(SvgRefused):
        sanitise_svg(document)


def test_too_large_is_refused():
    with pytest.raises(SvgRefused, match="terlalu besar"):
        sanitise_svg(SVG.format("<!--" + "x" * MAX_BYTES + "-->").encode())


def test_too_deeply_nested_is_refused():
    with pytest.raises(SvgRefused, match="bersarang"):
        clean("<g>" * (MAX_DEPTH + 1) + "</g>" * (MAX_DEPTH + 1))


def test_xml_text_is_told_apart_from_raster_images():
    assert looks_like_svg(b"\xef\xbb\xbf  <?xml version='1.0'?><svg/>")
    assert not looks_like_svg(b"\x89PNG\r\n\x1a\n")
