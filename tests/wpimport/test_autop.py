"""wpautop against WordPress' own expectations."""

import pytest

from wpimport.autop import wpautop

# wpautop: cases from WordPress' own tests (tests/phpunit/tests/formatting/autop.php).


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Paragraf satu\n\nParagraf dua", "<p>Paragraf satu</p>\n<p>Paragraf dua</p>"),
        ("Baris 1\nBaris 2", "<p>Baris 1<br />\nBaris 2</p>"),
        ("<blockquote>foo</blockquote>", "<blockquote><p>foo</p></blockquote>"),
        ("a<div>b</div>", "<p>a</p>\n<div>b</div>"),
        ("Hello <a\nhref='world'>", "<p>Hello <a\nhref='world'></p>"),
        (
            "line 1<br>\nline 2<br/>\nline 3<br />\nline 4\nline 5",
            "<p>line 1<br />\nline 2<br />\nline 3<br />\nline 4<br />\nline 5</p>",
        ),
        ("line 1<br>\n<br/>\nline 2<br/>\n<br />\n", "<p>line 1</p>\n<p>line 2</p>"),
        (
            "<div>foo</div>\n\n<ul>foo</ul>\n\n<h2>foo</h2>\n\n<figure>foo</figure>",
            "<div>foo</div>\n<ul>foo</ul>\n<h2>foo</h2>\n<figure>foo</figure>",
        ),
        (
            'Nama: <input type="text" name="u" /><br />Sandi: <input type="password" />',
            '<p>Nama: <input type="text" name="u" /><br />Sandi: <input type="password" /></p>',
        ),
        ("", ""),
        ("  \n\n ", ""),
    ],
)
def test_wpautop_matches_wordpress(text, expected):
    assert wpautop(text).strip() == expected


def test_wpautop_leaves_pre_alone():
    text = "Kode:\n<pre>baris 1\n\nbaris 2\n</pre>\nSelesai"
    assert wpautop(text).strip() == "<p>Kode:</p>\n<pre>baris 1\n\nbaris 2\n</pre>\n<p>Selesai</p>"


def test_wpautop_does_not_break_lines_inside_tables_cells_boundaries():
    text = "<table>\n<tr>\n<td>a\nb</td>\n</tr>\n</table>"
    assert wpautop(text).strip() == "<table>\n<tr>\n<td>a<br />\nb</td>\n</tr>\n</table>"


def test_wpautop_keeps_option_and_object_children_together():
    text = "<select>\n<option>a</option>\n<option>b</option>\n</select>"
    assert "<br />" not in wpautop(text)
    text = '<object data="x">\n<param name="a" value="b" />\n<embed src="y" />\n</object>'
    assert wpautop(text).strip() == (
        '<p><object data="x"><param name="a" value="b" /><embed src="y" /></object></p>'
    )
