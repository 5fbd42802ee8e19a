"""The rich-text allowlist, one hostile vector per test, and the markup the editor needs."""

import re

import pytest

from core.richtext import html_to_text, sanitize_html


def test_script_and_its_content_are_removed():
    assert sanitize_html("<p>a</p><script>alert(1)</script>") == "<p>a</p>"
    assert "alert" not in sanitize_html("<SCRIPT SRC=//evil.example/x.js></SCRIPT>")


def test_style_element_and_its_content_are_removed():
    assert sanitize_html("<style>body{display:none}</style><p>a</p>") == "<p>a</p>"


@pytest.mark.parametrize(
    "payload",
    [
        '<p onclick="alert(1)">a</p>',
        '<img src="/x.png" onerror="alert(1)">',
        '<a href="/" ONMOUSEOVER="alert(1)">a</a>',
    ],
)
def test_event_handler_attributes_are_removed(payload):
    cleaned = sanitize_html(payload)
    assert "alert" not in cleaned
    assert not re.search(r"\son\w+\s*=", cleaned, re.IGNORECASE)


@pytest.mark.parametrize(
    "href",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java&#x09;script:x",
     "&#106;avascript:alert(1)", "vbscript:msgbox(1)"],
)  # fmt: skip
def test_javascript_urls_in_links_are_removed_in_any_case(href):
    cleaned = sanitize_html(f'<a href="{href}">klik</a>')
    assert "href" not in cleaned
    assert "klik" in cleaned


@pytest.mark.parametrize(
    "html",
    [
        '<img src="data:image/png;base64,iVBORw0KGgo=">',
        '<img src="DATA:text/html,<script>alert(1)</script>">',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        '<img srcset="data:image/png;base64,AAAA 1x">',
    ],
)
def test_data_urls_are_removed(html):
    assert "data:" not in sanitize_html(html).lower()


def test_iframe_is_removed():
    assert "iframe" not in sanitize_html('<iframe src="https://evil.example"></iframe><p>a</p>')


def test_svg_and_math_are_removed():
    cleaned = sanitize_html(
        '<svg onload="alert(1)"><script>alert(2)</script></svg><math><mi>x</mi></math>'
    )
    assert "svg" not in cleaned and "math" not in cleaned and "alert" not in cleaned


@pytest.mark.parametrize(
    "style",
    [
        "background-color: url(javascript:alert(1))",
        "background-color: URL('https://evil.example/t.png')",
        "width: expression(alert(1))",
        "position: fixed; top: 0",
        "color: red; background-image: url(x)",
    ],
)
def test_dangerous_css_is_removed(style):
    cleaned = sanitize_html(f'<p style="{style}">a</p>')
    assert "url" not in cleaned.lower()
    assert "expression" not in cleaned
    assert "position" not in cleaned


def test_oembed_and_unknown_elements_are_removed():
    cleaned = sanitize_html(
        '<figure class="media"><oembed url="javascript:alert(1)"></oembed></figure>'
    )
    assert "oembed" not in cleaned and "javascript" not in cleaned


def test_editor_markup_is_kept():
    html = (
        '<h2 style="text-align:center">Judul</h2><h3>Sub</h3>'
        "<p><strong>tebal</strong> <em>miring</em> <u>garis</u></p>"
        "<ul><li>satu</li></ul><ol><li>dua</li></ol>"
        '<figure class="table"><table><tbody><tr><td colspan="2" rowspan="1">sel</td></tr>'
        "</tbody></table></figure>"
        '<figure class="image image_resized image-style-side" style="width:50%">'
        '<img src="/media/alpha/editor/a.webp" alt="foto" width="800" height="600">'
        "<figcaption>Keterangan</figcaption></figure>"
        '<p><a href="https://serangkota.go.id/">tautan</a> <a href="mailto:a@b.id">surel</a></p>'
        '<p><span class="text-big" style="color:hsl(0,75%,60%)">warna</span></p>'
        "<blockquote><p>kutipan</p></blockquote>"
    )
    cleaned = sanitize_html(html)
    for kept in (
        '<h2 style="text-align:center">',
        "<h3>",
        "<strong>",
        "<ul><li>",
        "<ol><li>",
        'colspan="2"',
        'class="image image_resized image-style-side"',
        'style="width:50%"',
        'src="/media/alpha/editor/a.webp"',
        'alt="foto"',
        "<figcaption>",
        'href="https://serangkota.go.id/"',
        'href="mailto:a@b.id"',
        'class="text-big"',
        "color:hsl(0,75%,60%)",
        "<blockquote>",
    ):
        assert kept in cleaned, kept


def test_links_get_a_safe_rel():
    assert 'rel="noopener noreferrer"' in sanitize_html('<a href="https://x.id">x</a>')


def test_plain_text_for_search():
    assert html_to_text("<p>Halo&nbsp;<b>dunia</b></p><p>dua</p>") == "Halo dunia dua"
