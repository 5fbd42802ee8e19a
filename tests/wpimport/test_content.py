"""Post bodies converted the way WordPress renders them, ending as the editor's HTML."""

from collections import Counter
from pathlib import Path

import pytest

from core.richtext import sanitize_html
from wpimport.content import convert_body, fill_galleries
from wpimport.links import rewrite_links

FIXTURES = Path(__file__).parent / "fixtures"
SITE = "https://dinkes.kotauji.go.id"
UPLOADS = f"{SITE}/wp-content/uploads/2024/02"
VIDEO = '<figure class="media"><oembed url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"></oembed></figure>'


def convert(content, **options):
    options.setdefault("site_url", SITE)
    return convert_body(content, **options)


# A classic body.

CLASSIC = (FIXTURES / "classic.txt").read_text()


def test_a_classic_body_becomes_paragraphs_and_line_breaks():
    result = convert(CLASSIC)
    assert result.html.startswith(
        "<p>Puskesmas menggelar imunisasi.</p>\n"
        "<p>Kegiatan berlangsung tiga hari.<br>\nBawa buku KIA.</p>"
    )


def test_more_splits_off_the_excerpt_and_the_body_keeps_both_parts():
    result = convert(CLASSIC)
    assert result.excerpt_from_more == (
        "Puskesmas menggelar imunisasi. Kegiatan berlangsung tiga hari. Bawa buku KIA."
    )
    assert "Puskesmas" in result.html and "jadwal" in result.html
    assert "more" not in result.html
    assert convert("Tanpa penanda").excerpt_from_more == ""


def test_caption_becomes_a_figure_with_its_caption():
    result = convert(CLASSIC)
    assert (
        f'<figure class="image"><img src="{UPLOADS}/imunisasi-300x200.jpg" alt="Petugas" '
        'width="300" height="200"><figcaption>Petugas memberi imunisasi</figcaption></figure>'
    ) in result.html


def test_caption_in_the_old_attribute_form_with_alignment():
    result = convert(
        f'[caption align="alignleft" caption="Kepala dinas"]<img src="{UPLOADS}/kadis.jpg" />'
        "[/caption]"
    )
    assert result.html == (
        f'<figure class="image image-style-align-left"><img src="{UPLOADS}/kadis.jpg">'
        "<figcaption>Kepala dinas</figcaption></figure>"
    )


def test_a_youtube_address_on_its_own_line_becomes_a_video():
    assert VIDEO in convert(CLASSIC).html
    assert convert("Tonton https://youtu.be/dQw4w9WgXcQ di sini").html == (
        "<p>Tonton https://youtu.be/dQw4w9WgXcQ di sini</p>"
    )


def test_unknown_shortcodes_are_removed_and_counted():
    result = convert(
        CLASSIC + '\n\n[contact-form-7 id="43"]\n\n[su_button url="x"]Daftar[/su_button]'
    )
    assert result.unknown_shortcodes == Counter({"contact-form-7": 2, "su_button": 1})
    assert "contact-form" not in result.html and "su_button" not in result.html
    assert "<p>Daftar</p>" in result.html
    assert any("[contact-form-7] ×2" in problem for problem in result.problems)


def test_page_builder_shortcodes_keep_what_they_wrap():
    result = convert(
        "[vc_row][vc_column][vc_column_text]Isi halaman[/vc_column_text][/vc_column][/vc_row]"
    )
    assert result.html == "<p>Isi halaman</p>"
    assert result.unknown_shortcodes == Counter({"vc_row": 1, "vc_column": 1, "vc_column_text": 1})


def test_brackets_that_are_not_shortcodes_stay():
    text = "Lihat lampiran [1] dan [Foto: Humas], serta [[gallery]]."
    assert convert(text).html == "<p>Lihat lampiran [1] dan [Foto: Humas], serta [gallery].</p>"


def test_images_are_collected_as_their_original_files():
    result = convert(CLASSIC)
    assert result.image_urls == (f"{UPLOADS}/imunisasi.jpg",)


def test_internal_links_are_collected():
    result = convert(
        CLASSIC + '\n\n<a href="http://www.dinkes.kotauji.go.id/?p=12">lama</a> '
        '<a href="https://kemkes.go.id/">Kemenkes</a> <a href="/profil/">profil</a>'
    )
    assert result.internal_links == (
        f"{SITE}/jadwal-imunisasi/",
        "http://www.dinkes.kotauji.go.id/?p=12",
        "/profil/",
    )


def test_images_from_another_site_are_a_problem():
    result = convert('<img src="https://i.imgur.com/abc.jpg" alt="luar">')
    assert result.image_urls == ()
    assert result.problems == (
        "Gambar https://i.imgur.com/abc.jpg berasal dari situs lain dan tidak ikut diimpor.",
    )


# Gallery, embed and video shortcodes.


def test_gallery_becomes_a_placeholder_with_its_attachment_ids():
    result = convert(
        'Foto kegiatan:\n\n[gallery columns="3" ids="21, 22,23" link="file"]\n\nSelesai.'
    )
    assert result.gallery_ids == ((21, 22, 23),)
    assert result.html == "<p>Foto kegiatan:</p>\n<p>{{wpimport-galeri-0}}</p>\n<p>Selesai.</p>"


def test_fill_galleries_puts_the_callers_html_in_place():
    result = convert('[gallery ids="1,2"]\n\n[gallery ids="3"]')

    def render(ids):
        return "".join(f'<img src="/media/{i}.jpg" onerror="x()">' for i in ids)

    filled = fill_galleries(result.html, result.gallery_ids, render)
    assert filled == ('<img src="/media/1.jpg"><img src="/media/2.jpg">\n<img src="/media/3.jpg">')


def test_galleries_can_be_resolved_during_the_conversion():
    result = convert('[gallery ids="5,6"]', resolve_gallery=lambda ids: f"<p>galeri {ids}</p>")
    assert result.html == "<p>galeri (5, 6)</p>"
    assert result.gallery_ids == ()


def test_a_gallery_without_ids_is_a_problem():
    result = convert("[gallery]")
    assert result.gallery_ids == ((),)
    assert "Galeri tanpa daftar gambar" in result.problems[0]


def test_embed_of_youtube_becomes_a_video():
    result = convert('[embed width="560"]https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10[/embed]')
    assert result.html == VIDEO


def test_embed_of_another_site_becomes_a_link():
    result = convert("[embed]https://vimeo.com/12345[/embed]")
    assert result.html == (
        '<p><a href="https://vimeo.com/12345" rel="noopener noreferrer">https://vimeo.com/12345</a></p>'
    )
    assert "bukan video YouTube" in result.problems[0]


def test_video_shortcode_of_youtube_becomes_a_video():
    assert convert('[video src="https://youtu.be/dQw4w9WgXcQ"][/video]').html == VIDEO


def test_youtube_iframe_becomes_a_video_and_other_iframes_go():
    result = convert(
        '<iframe width="560" src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>'
        '\n\n<iframe src="https://www.google.com/maps/embed?pb=1"></iframe>'
    )
    assert result.html == VIDEO
    assert "iframe" in result.problems[0]


# Gutenberg blocks.

BLOCKS = (FIXTURES / "blocks.html").read_text()


@pytest.fixture(scope="module")
def blocks():
    return convert_body(BLOCKS, site_url=SITE)


def test_block_comments_go_and_inner_html_stays(blocks):
    assert "wp:" not in blocks.html and "<!--" not in blocks.html
    assert blocks.html.startswith(
        "<h2>Jadwal Posyandu</h2>\n<p>Posyandu dilaksanakan <strong>serentak</strong>.</p>"
    )
    assert "<ul>\n<li>Balita</li>\n</ul>" in blocks.html
    assert "<blockquote>\n<p>Sehat itu murah.</p>\nKepala Dinas</blockquote>" in blocks.html


def test_block_content_is_not_autopd(blocks):
    assert "<br>" not in blocks.html


def test_image_block_becomes_the_editors_image(blocks):
    assert (
        f'<figure class="image image-style-align-right"><img src="{UPLOADS}/posyandu-1024x683.jpg" '
        'alt="Penimbangan"><figcaption>Penimbangan balita</figcaption></figure>'
    ) in blocks.html
    assert "srcset" not in blocks.html
    assert blocks.image_urls == (f"{UPLOADS}/posyandu.jpg",)


def test_table_block_becomes_the_editors_table(blocks):
    assert '<figure class="table"><table><tbody><tr><td>Senin</td>' in blocks.html


def test_embed_block_becomes_a_video(blocks):
    assert blocks.html.endswith(VIDEO)


def test_dynamic_blocks_are_dropped_and_counted(blocks):
    assert blocks.dropped_blocks == Counter({"latest-posts": 1, "block": 1})
    assert "wp:latest-posts ×1" in blocks.problems[-1]


def test_more_in_block_content(blocks):
    assert blocks.excerpt_from_more == "Jadwal Posyandu Posyandu dilaksanakan serentak."


@pytest.mark.parametrize(
    "gallery, ids",
    [
        (
            '<!-- wp:gallery {"ids":[5,6],"linkTo":"none"} --><figure class="wp-block-gallery">'
            '<ul><li><img src="a.jpg"></li></ul></figure><!-- /wp:gallery -->',
            (5, 6),
        ),
        (
            '<!-- wp:gallery {"linkTo":"none"} -->\n'
            '<figure class="wp-block-gallery has-nested-images"><!-- wp:image {"id":7} -->\n'
            '<figure class="wp-block-image"><img src="b.jpg"/></figure>\n'
            '<!-- /wp:image --><!-- wp:image {"id":8} -->\n<figure class="wp-block-image">'
            '<img src="c.jpg"/></figure>\n<!-- /wp:image --></figure>\n<!-- /wp:gallery -->',
            (7, 8),
        ),
    ],
    ids=["wordpress-5", "wordpress-5.9-nested"],
)
def test_gallery_blocks_become_placeholders(gallery, ids):
    result = convert(gallery)
    assert result.gallery_ids == (ids,)
    assert result.html == "<p>{{wpimport-galeri-0}}</p>"


def test_rewrite_links_maps_old_addresses_to_new_paths():
    result = convert(
        CLASSIC
        + f'\n\n<a href="http://www.dinkes.kotauji.go.id/jadwal-imunisasi#senin">jadwal</a> '
        f'<a href="{SITE}/?p=12&amp;preview=1">draf</a> <a href="https://kemkes.go.id/">luar</a>'
    )
    rewritten = rewrite_links(
        result.html,
        {
            f"{SITE}/jadwal-imunisasi/": "/halaman/jadwal-imunisasi/",
            f"{UPLOADS}/imunisasi.jpg": "/media/alpha/abc.jpg",
            f"{SITE}/?p=12&preview=1": "/berita/draf/",
        },
        site_url=SITE,
    )
    assert '<a href="/halaman/jadwal-imunisasi/" rel="noopener noreferrer">jadwal</a>' in rewritten
    assert 'href="/halaman/jadwal-imunisasi/#senin"' in rewritten
    assert 'src="/media/alpha/abc.jpg"' in rewritten
    assert 'href="/berita/draf/"' in rewritten
    assert 'href="https://kemkes.go.id/"' in rewritten


# Sanitising: the result is what the editor stores.


def test_scripts_and_event_handlers_are_removed():
    result = convert(
        '<p onclick="steal()">Halo</p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">klik</a><style>body{display:none}</style>'
    )
    assert "script" not in result.html and "alert" not in result.html
    assert "onclick" not in result.html and "javascript" not in result.html
    assert "display" not in result.html


def test_h1_becomes_h2_and_empty_paragraphs_go():
    result = convert("<h1>Judul</h1>\n\n&nbsp;\n\nIsi")
    assert result.html == "<h2>Judul</h2>\n<p>Isi</p>"


def test_nextpage_is_dropped():
    assert convert("Halaman 1\n\n<!--nextpage-->\n\nHalaman 2").html == (
        "<p>Halaman 1</p>\n<p>Halaman 2</p>"
    )


@pytest.mark.parametrize("body", [CLASSIC, BLOCKS])
def test_the_result_is_stable_under_the_editors_sanitiser(body):
    html = convert(body).html
    assert sanitize_html(html) == html


def test_an_empty_body():
    result = convert("")
    assert result.html == "" and result.problems == ()


def test_a_plugin_shortcode_named_like_a_known_one_is_unknown():
    result = convert('[gallery-slider id="3"]\n\n[captionizer]Teks[/captionizer]')
    assert result.gallery_ids == ()
    assert result.unknown_shortcodes == Counter({"gallery-slider": 1, "captionizer": 1})
    assert result.html == "<p>Teks</p>"


def test_audio_and_video_files_become_links_for_the_operator():
    result = convert(f'[audio mp3="{UPLOADS}/lagu.mp3"][/audio]')
    assert result.html == (
        f'<p><a href="{UPLOADS}/lagu.mp3" rel="noopener noreferrer">{UPLOADS}/lagu.mp3</a></p>'
    )
    assert result.internal_links == (f"{UPLOADS}/lagu.mp3",)
    assert len(result.problems) == 1


def test_a_gallery_block_without_ids_keeps_its_images():
    result = convert(
        '<!-- wp:gallery --><figure class="wp-block-gallery"><img src="https://foto.example/a.jpg">'
        "</figure><!-- /wp:gallery -->"
    )
    assert result.gallery_ids == ()
    assert result.html == '<figure><img src="https://foto.example/a.jpg"></figure>'


def test_a_caption_without_an_image_keeps_its_text():
    assert convert('[caption id="x"]Hanya teks[/caption]').html == "<p>Hanya teks</p>"


def test_every_body_of_the_example_export_converts():
    from wpimport.wxr import parse_export

    export = parse_export(FIXTURES / "dinas.xml")
    converted = {
        item.post_id: convert_body(item.content, site_url=export.site.base_url)
        for item in export.items
        if item.post_type in ("post", "page")
    }
    assert all(sanitize_html(result.html) == result.html for result in converted.values())
    assert converted[10].unknown_shortcodes == Counter({"contact-form-7": 1})
    assert converted[10].internal_links == (f"{SITE}/jadwal-imunisasi/",)
    assert converted[11].dropped_blocks == Counter({"latest-posts": 1})
    assert VIDEO in converted[11].html
    assert converted[31].html.startswith("<h2>Visi</h2>\n<p>Kota Uji sehat.</p>")


def test_an_image_alone_in_its_paragraph_becomes_the_editors_image():
    result = convert(
        f'Pengantar.\n\n<a href="{UPLOADS}/peta.jpg"><img class="alignright wp-image-9" '
        f'src="{UPLOADS}/peta-300x200.jpg" alt="Peta" /></a>\n\n'
        f'Penutup <img src="{UPLOADS}/ikon.png">'
    )
    assert result.html == (
        "<p>Pengantar.</p>\n"
        f'<figure class="image image-style-align-right"><img src="{UPLOADS}/peta-300x200.jpg" '
        'alt="Peta"></figure>\n'
        f'<p>Penutup <img src="{UPLOADS}/ikon.png"></p>'
    )


def test_without_the_site_address_every_image_is_collected():
    result = convert_body(f'<img src="{UPLOADS}/a-300x200.jpg"><img src="https://x.example/b.png">')
    assert result.image_urls == (f"{UPLOADS}/a.jpg", "https://x.example/b.png")
    assert result.problems == ()
