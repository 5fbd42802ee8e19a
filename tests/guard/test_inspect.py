"""The content guard's inspection rules (a pure function: no database)."""

import pytest

from core.richtext import sanitize_html
from guard.inspection import inspect_html, is_domain_allowed, spam_terms

ALLOWED = frozenset({"go.id", "youtube.com", "localhost", "wikipedia.org"})


def codes(html, allowed=ALLOWED):
    return {finding.code for finding in inspect_html(html, allowed_domains=allowed)}


@pytest.mark.parametrize(
    "html",
    [
        "<p>Pendaftaran dibuka; pilih slot waktu wawancara yang tersedia.</p>",
        "<p>Bandara di Bandar Lampung melayani 20 slot penerbangan.</p>",
        "<p>Pemerintah memblokir situs judi online: slot, togel dan kasino daring.</p>",
        "<p>Waspada iklan slot gacor di media sosial; judi online merugikan keluarga.</p>",
        "<p>Lomba burung kicau: burung gacor milik Pak Toto juara.</p>",
        '<p>Lihat <a href="https://jdih.serangkota.go.id/perda.pdf">Perda</a> dan '
        '<a href="/berita/rapat/">berita</a>, <a href="mailto:a@b.id">surel</a>.</p>',
        '<p><a href="https://www.youtube.com/watch?v=1">Video</a> '
        '<a href="https://id.wikipedia.org/wiki/Serang">Wiki</a></p>',
        '<p><a href="http://alpha.localhost/berita/">OPD lain</a> <a href="#atas">atas</a></p>',
        '<p style="text-align:center;color:#333333">Teks biasa</p>',
        '<figure class="image"><img src="/media/alpha/editor/a.jpg" alt="Rapat"></figure>',
        "",
    ],
)
def test_genuine_content_passes(html):
    assert codes(html) == set()


@pytest.mark.parametrize(
    ("html", "code"),
    [
        ('<p>Berita <span style="font-size:0px">slot gacor</span></p>', "hidden_content"),
        ('<span style="font-size:1px"><a href="https://a.go.id">t</a></span>', "hidden_content"),
        ('<div style="display:none"><a href="https://situs.xyz">slot</a></div>', "hidden_content"),
        ('<p style="visibility: hidden">teks</p>', "hidden_content"),
        ('<p style="position:absolute;left:-9999px">teks</p>', "hidden_content"),
        ('<p style="text-indent:-5000px">teks</p>', "hidden_content"),
        ('<span style="color:#fff;background-color:#fff">teks</span>', "hidden_content"),
        ("<p hidden>teks</p>", "hidden_content"),
        ('<p><a href="https://slot-resmi.xyz/">Info</a></p>', "external_link"),
        ('<p><a href="//evil.example/">x</a></p>', "external_link"),
        ('<p><a href="https://go.id.evil.example/">x</a></p>', "external_link"),
        ('<p><a href="https://go.id@evil.example/">x</a></p>', "external_link"),
        ('<p><a href="https:\\\\evil.example">x</a></p>', "external_link"),
        ("<p>Kunjungi https://evil.example/daftar sekarang</p>", "external_link"),
        ("<p>Kunjungi www.evil.example sekarang</p>", "external_link"),
        ('<p><a href="javascript:alert(1)">x</a></p>', "external_link"),
        ('<p><a href="https://desa.go.id/?p=slot-gacor">Info</a></p>', "spam_link"),
        ('<p><a href="https://desa.go.id/x">Slot Gacor Hari Ini</a></p>', "spam_link"),
        ('<p><a href="https://desa.go.id/x">togel dan judi</a></p>', "spam_link"),
        ("<p>SLOT GACOR MAXWIN hari ini, bocoran RTP live!</p>", "spam_text"),
        ("<p>s1ot g4c0r m4xwin</p>", "spam_text"),
        ("<script>alert(1)</script><p>x</p>", "unsafe_markup"),
        ('<iframe src="https://www.youtube.com/embed/1"></iframe>', "unsafe_markup"),
    ],
)
def test_injected_content_is_found(html, code):
    assert code in codes(html)


def test_what_survives_the_sanitiser_is_still_found():
    """nh3 drops display/visibility/position, but keeps font-size, colours and links."""
    injected = (
        '<p>Rapat koordinasi.<span style="font-size:0;display:none">'
        '<a href="https://gacor88.example/">slot gacor</a></span></p>'
    )
    clean = sanitize_html(injected)
    assert "display" not in clean
    assert {"hidden_content", "external_link", "spam_link"} <= codes(clean)


def test_findings_explain_themselves():
    (finding,) = inspect_html(
        '<p><a href="https://situs.example/x">lihat</a></p>', allowed_domains=ALLOWED
    )
    assert finding.code == "external_link"
    assert "situs.example" in finding.message
    assert "https://situs.example/x" in finding.evidence


def test_an_allowlist_entry_covers_its_subdomains_only():
    assert is_domain_allowed("go.id", ALLOWED)
    assert is_domain_allowed("jdih.serangkota.go.id", ALLOWED)
    assert is_domain_allowed("WWW.YouTube.com.", ALLOWED)
    assert not is_domain_allowed("notgo.id", ALLOWED)
    assert not is_domain_allowed("go.id.evil.example", ALLOWED)


def test_spam_scoring_separates_slang_from_news_vocabulary():
    assert spam_terms("slot gacor maxwin")[0] >= 6
    assert spam_terms("judi online, slot dan togel")[0] < 6
    assert spam_terms("slotnya penuh")[1] == []
    assert "slot88" in spam_terms("daftar SLOT88 sekarang")[1]


BROWSER_RESOLVED_TO_ANOTHER_HOST = [
    "https:///evil.example/",
    "////evil.example/",
    "/\\/evil.example/",
    "\\/\\/evil.example/",
    "http:evil.example/",
    "http:/evil.example/",
    "https:evil.example/",
    "https:/evil.example/",
    "\thttps://evil.example/",
    "ht\ntps://evil.example/",
]


@pytest.mark.parametrize("page_url", ["https://alpha.localhost/", "http://alpha.localhost/"])
@pytest.mark.parametrize("href", BROWSER_RESOLVED_TO_ANOTHER_HOST)
def test_links_browsers_resolve_to_another_host_are_found(href, page_url):
    """Browsers read these the WHATWG way: every one leads to evil.example from an http page
    or an https one (the `http:`/`https:` forms at least from the page of the other scheme)."""
    for html in (f'<p><a href="{href}">x</a></p>', f'<p><img src="{href}" alt=""></p>'):
        findings = inspect_html(html, allowed_domains=ALLOWED, page_url=page_url)
        (finding,) = [finding for finding in findings if finding.code == "external_link"]
        assert "evil.example" in finding.message


@pytest.mark.parametrize(
    "href",
    [
        "/berita/rapat/",
        "rapat/",
        "../media/alpha/a.pdf",
        "?halaman=2",
        "#atas",
        "",
        "http://alpha.localhost/berita/",
        "//alpha.localhost/berita/",
        "https://beta.localhost/",
        "https://jdih.serangkota.go.id/perda.pdf",
        "HTTPS://WWW.YOUTUBE.COM/watch?v=1",
        "mailto:humas@alpha.go.id",
        "tel:+62211234",
    ],
)
def test_relative_own_host_and_allowed_links_pass(href):
    for page_url in ("https://alpha.localhost/berita/x/", "http://alpha.localhost/", None):
        for html in (f'<p><a href="{href}">x</a></p>', f'<p><img src="{href}" alt=""></p>'):
            assert inspect_html(html, allowed_domains=ALLOWED, page_url=page_url) == []


def test_embedded_resources_from_other_domains_are_found():
    assert "external_link" in codes('<p><img src="https://evil.example/p.gif" alt=""></p>')
    assert "external_link" in codes('<video poster="//evil.example/p.jpg"></video>')
    srcset = '<img src="/a.jpg" srcset="/a.jpg 1x, https:///evil.example/b.jpg 2x" alt="">'
    assert "external_link" in codes(srcset)
    assert codes('<img src="/a.jpg" srcset="/a.jpg 1x, /media/b.jpg 2x" alt="">') == set()


@pytest.mark.parametrize(
    "html",
    [
        # zero-width space
        "<p>SLOT GA\u200bCOR MAX\u200bWIN hari ini, bocoran R\u200bTP live!</p>",
        "<p>slot ga\u00adcor max\u00adwin, bocoran rtp</p>",  # soft hyphen, as a character
        "<p>slot ga&shy;cor max&shy;win, bocoran rtp</p>",  # soft hyphen, as an entity
        "<p>slot ga&#8205;cor max&#8205;win, bocoran rtp</p>",  # zero-width joiner
        "<p>slot ga&#x2060;cor max&#x2060;win, bocoran rtp</p>",  # word joiner
        "<p>slot g\u0430c\u043er m\u0430\u0445win, b\u043ec\u043er\u0430n rtp</p>",  # Cyrillic
        "<p>\u0405LOT GAC\u039fR MAXW\u0399N, BOCORAN RTP</p>",  # Cyrillic and Greek capitals
        "<p>\uff53\uff4c\uff4f\uff54 \uff47\uff41\uff43\uff4f\uff52 maxwin</p>",  # full-width
        "<p>slot ga\u0301cor ma\u0308xwin, bocoran rtp</p>",  # combining accents
    ],
)
def test_spam_hidden_with_invisible_or_look_alike_characters_is_found(html):
    assert "spam_text" in codes(html)


def test_spam_link_text_hidden_with_invisible_or_look_alike_characters_is_found():
    html = '<p><a href="https://desa.go.id/x">S\u200blot G\u0430c\u043er</a></p>'
    assert "spam_link" in codes(html)


def test_plain_text_spam_with_entities_and_look_alikes_is_found():
    """Category names, tags and broadcasts are plain text: the same normalisation applies."""
    assert set(spam_terms("Slot G&#8205;\u0430cor M\u0430xwin")[1]) == {"slot", "gacor", "maxwin"}


def test_genuine_text_with_accents_and_other_scripts_passes():
    greek_and_cyrillic = (
        "\u0395\u03bb\u03bb\u03ac\u03b4\u03b1, \u0421\u0435\u0440\u0430\u043d\u0433"
    )
    assert codes(f"<p>Caf\u00e9 UMKM, kunjungan ke {greek_and_cyrillic}.</p>") == set()
    assert spam_terms("Pendaftaran s\u00adlot waktu wawancara")[0] < 6
