"""Reading a WordPress export: one realistic WXR 1.2 site, and every bad file refused with a
message the operator can act on."""

import io
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from wpimport.wxr import WxrError, parse_export

FIXTURE = Path(__file__).parent / "fixtures" / "dinas.xml"
UTC = ZoneInfo("UTC")
JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.fixture(scope="module")
def export():
    return parse_export(FIXTURE)


def by_id(export, post_id):
    return next(item for item in export.items if item.post_id == post_id)


def minimal(channel_extra="", items="", version="1.2"):
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/{version}/">
<channel>
 <title>Situs Uji</title><link>https://uji.example.go.id</link>
 <wp:wxr_version>{version}</wp:wxr_version>
 <wp:base_site_url>https://uji.example.go.id</wp:base_site_url>
 <wp:base_blog_url>https://uji.example.go.id</wp:base_blog_url>
 {channel_extra}
 <item><title>Satu</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type>
  <wp:status>publish</wp:status><content:encoded><![CDATA[Isi]]></content:encoded></item>
 {items}
</channel>
</rss>
""".encode()


def test_the_site_is_read(export):
    site = export.site
    assert site.title == "Dinas Kesehatan Kota Uji"
    assert site.base_url == "https://dinkes.kotauji.go.id"
    assert site.base_site_url == "https://dinkes.kotauji.go.id"
    assert site.language == "id-ID"
    assert site.wxr_version == "1.2"
    assert export.problems == ()


def test_authors_are_logins_and_display_names_without_their_email(export):
    assert [(a.login, a.display_name) for a in export.authors] == [
        ("admin", "Admin Dinkes"),
        ("humas", "Tim Humas"),
    ]
    assert not hasattr(export.authors[0], "email")


def test_categories_keep_their_nesting_and_names_are_unescaped(export):
    assert [(c.nicename, c.parent) for c in export.categories] == [
        ("berita", ""),
        ("kegiatan", "berita"),
        ("imunisasi", "kegiatan"),
    ]
    assert export.categories[2].name == "Imunisasi & Vaksinasi"
    assert export.categories[2].description == "Jadwal dan laporan imunisasi"


def test_tags_and_other_terms(export):
    assert [(t.slug, t.name) for t in export.tags] == [
        ("posyandu", "Posyandu"),
        ("stunting", "Stunting"),
    ]
    assert [(t.taxonomy, t.slug) for t in export.terms] == [("nav_menu", "menu-utama")]


def test_every_status_is_read_as_exported(export):
    statuses = {item.post_id: item.status for item in export.of_type("post")}
    assert statuses == {
        10: "publish",
        11: "future",
        12: "draft",
        13: "pending",
        14: "private",
        15: "trash",
    }


def test_a_published_post(export):
    post = by_id(export, 10)
    assert post.title == "Pekan Imunisasi Nasional di Puskesmas Sukamaju"
    assert post.slug == "pekan-imunisasi-nasional"
    assert post.guid == "https://dinkes.kotauji.go.id/?p=10"
    assert post.link == "https://dinkes.kotauji.go.id/2024/02/15/pekan-imunisasi-nasional/"
    assert post.author == "humas"
    assert post.is_sticky is True
    assert post.categories == ("imunisasi",)
    assert post.tags == ("posyandu",)
    assert post.thumbnail_id == 20
    assert post.parent_id is None
    assert post.content.startswith("Puskesmas Sukamaju menggelar")
    assert "\n\nKegiatan berlangsung" in post.content  # paragraphs are blank lines for wpautop
    assert (post.approved_comments, post.other_comments) == (1, 1)


def test_dates_use_gmt_when_present(export):
    post = by_id(export, 10)
    assert post.post_date == datetime(2024, 2, 15, 1, 30, tzinfo=UTC)
    assert post.post_date.astimezone(JAKARTA).hour == 8
    assert post.modified == datetime(2024, 2, 16, 2, 0, tzinfo=UTC)


def test_a_draft_without_gmt_date_is_read_in_the_site_time_zone(export):
    draft = by_id(export, 12)
    assert draft.post_date == datetime(2024, 3, 10, 14, 15, tzinfo=JAKARTA)
    assert draft.slug == ""


def test_the_time_zone_is_a_parameter():
    export = parse_export(FIXTURE, time_zone="Asia/Makassar")
    draft = by_id(export, 12)
    assert draft.post_date == datetime(2024, 3, 10, 6, 15, tzinfo=UTC)


def test_pages_keep_their_hierarchy_and_order(export):
    pages = {
        page.post_id: (page.slug, page.parent_id, page.menu_order)
        for page in export.of_type("page")
    }
    assert pages == {30: ("profil", None, 1), 31: ("visi-misi", 30, 2)}


def test_attachments_with_their_file_and_alt_text(export):
    image, document = export.of_type("attachment")
    assert (
        image.attachment_url
        == "https://dinkes.kotauji.go.id/wp-content/uploads/2024/02/imunisasi.jpg"
    )
    assert image.attached_file == "2024/02/imunisasi.jpg"
    assert image.image_alt == "Petugas memberi imunisasi"
    assert image.parent_id == 10
    assert image.status == "inherit"
    assert document.attached_file == "2024/01/SK-Kadis-2024.pdf"


def test_other_post_types_are_other(export):
    menu_item = by_id(export, 40)
    assert menu_item.post_type == "other"
    assert menu_item.wp_post_type == "nav_menu_item"


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_every_wxr_version_is_read(version):
    export = parse_export(minimal(version=version))
    assert export.site.wxr_version == version
    assert export.items[0].content == "Isi"


def test_a_missing_parent_category_is_a_problem():
    extra = """<wp:category><wp:category_nicename>anak</wp:category_nicename>
      <wp:category_parent>hilang</wp:category_parent><wp:cat_name>Anak</wp:cat_name></wp:category>"""
    export = parse_export(minimal(channel_extra=extra))
    assert export.problems == ("Induk kategori anak (hilang) tidak ada dalam ekspor.",)


def test_an_unreadable_date_is_a_problem():
    item = """<item><wp:post_id>2</wp:post_id><title>Dua</title><wp:post_type>post</wp:post_type>
      <wp:post_date>kemarin</wp:post_date></item>"""
    export = parse_export(minimal(items=item))
    assert export.items[1].post_date is None
    assert "kemarin" in export.problems[0]


def test_an_uploaded_file_object_is_read():
    export = parse_export(io.BytesIO(FIXTURE.read_bytes()))
    assert len(export.items) == 11


# Bad input: every one refused with a clear message.


def line_of(data: bytes, marker: bytes) -> str:
    line = data[: data.index(marker)].count(b"\n") + 1
    return f"baris {line}"


def refused(data, **options) -> str:
    with pytest.raises(WxrError) as error:
        parse_export(data, **options)
    return str(error.value)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"Judul,Isi\nSatu,Dua\n",
        b"<!DOCTYPE html><html><head><title>Dinkes</title></head><body></body></html>",
    ],
    ids=["empty", "pdf", "csv", "html-page"],
)
def test_a_file_that_is_not_xml(data):
    assert "bukan XML" in refused(data)


@pytest.mark.parametrize("magic", [b"PK\x03\x04\x14\x00", b"\x1f\x8b\x08\x00"], ids=["zip", "gz"])
def test_a_compressed_export_is_named_as_such(magic):
    assert "arsip terkompresi" in refused(magic + b"\x00" * 100)


def test_truncated_xml():
    data = FIXTURE.read_bytes()
    message = refused(data[: len(data) // 2])
    assert "terpotong" in message


def test_broken_xml_names_the_line():
    data = minimal(items="<item><title>Rusak</titel></item>")
    message = refused(data)
    assert "rusak" in message and line_of(data, b"Rusak") in message


def test_a_plain_rss_feed_is_not_a_wordpress_export():
    feed = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Berita</title><link>https://example.go.id</link>
<item><title>Satu</title><link>https://example.go.id/satu</link></item></channel></rss>"""
    assert "bukan ekspor WordPress" in refused(feed)


def test_an_atom_feed_is_not_a_wordpress_export():
    feed = b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>'
    assert "bukan ekspor WordPress" in refused(feed)


def test_rss_with_the_namespace_but_no_wxr_version_is_not_an_export():
    data = minimal().replace(b"<wp:wxr_version>1.2</wp:wxr_version>", b"")
    assert "wxr_version" in refused(data)


@pytest.mark.parametrize(
    "data",
    [
        minimal(channel_extra="<wp:base_blog_url>https://lain.example.go.id</wp:base_blog_url>"),
        minimal(channel_extra="<wp:base_site_url>https://lain.example.go.id</wp:base_site_url>"),
        minimal(channel_extra="<wp:wxr_version>1.2</wp:wxr_version>"),
        minimal().replace(b"</channel>", b"</channel><channel><title>Dua</title></channel>"),
        minimal() + minimal(),
    ],
    ids=[
        "two-blog-urls",
        "two-network-urls",
        "two-wxr-versions",
        "two-channels",
        "concatenated-exports",
    ],
)
def test_a_multisite_network_export_is_refused(data):
    assert "lebih dari satu situs" in refused(data)


def test_a_subsite_of_a_network_is_one_site():
    data = minimal().replace(
        b"<wp:base_blog_url>https://uji.example.go.id</wp:base_blog_url>",
        b"<wp:base_blog_url>https://uji.example.go.id/dinkes</wp:base_blog_url>",
    )
    assert parse_export(data).site.base_url == "https://uji.example.go.id/dinkes"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&lol4;</title>
<wp:wxr_version>1.2</wp:wxr_version></channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&xxe;</title>
<wp:wxr_version>1.2</wp:wxr_version></channel></rss>"""


def test_entity_expansion_is_refused():
    assert "entitas" in refused(BILLION_LAUGHS)


def test_an_external_entity_is_refused_and_never_read(monkeypatch):
    opened = []
    real_open = open

    def spy(path, *args, **kwargs):
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy)
    message = refused(EXTERNAL_ENTITY)
    assert "entitas" in message and "root:" not in message
    assert "/etc/passwd" not in opened


def test_a_dtd_without_entities_is_refused_too():
    data = minimal().replace(
        b"<rss", b'<!DOCTYPE rss SYSTEM "http://example.com/rss.dtd">\n<rss', 1
    )
    assert "DTD" in refused(data)


def test_invalid_utf8_names_the_line():
    data = minimal(items="<item><title>Kota BESAR</title></item>").replace(b"BESAR", b"B\xffSAR")
    message = refused(data)
    assert "bukan UTF-8" in message and line_of(data, b"B\xffSAR") in message


def test_invalid_utf8_across_a_read_boundary_names_the_line():
    filler = "".join(f"<!-- baris {n} -->\n" for n in range(5000))
    data = minimal(channel_extra=filler + "<title>caf\u00e9</title>")
    position = data.index("caf\u00e9".encode()) + 3
    data = data[:position] + b"\xc3" + data[position + 2 :]  # a lead byte with no continuation
    assert len(data[:position]) > 64 * 1024
    assert line_of(data, b"caf") in refused(data)


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x0b", "\x1f"])
def test_a_control_character_names_the_line(character):
    data = minimal(items=f"<item><title>Judul{character}</title></item>")
    message = refused(data)
    assert "karakter kendali" in message and line_of(data, b"Judul") in message


def test_a_file_larger_than_the_limit_is_refused_before_parsing(tmp_path):
    path = tmp_path / "besar.xml"
    path.write_bytes(minimal())
    assert "lebih besar dari batas" in refused(path, max_bytes=100)
    assert "lebih besar dari batas" in refused(io.BytesIO(minimal()), max_bytes=100)


def test_the_default_limit_is_200_mb():
    class Upload(io.BytesIO):
        size = 200 * 1024 * 1024 + 1

    assert "200 MB" in refused(Upload(minimal()))


def test_a_stream_of_unknown_size_is_stopped_at_the_limit():
    class Stream:
        """A network stream: no size, not seekable, read in chunks."""

        def __init__(self):
            self.sent = 0

        def read(self, size=-1):
            self.sent += 1
            if self.sent == 1:
                return minimal().split(b"<item>")[0]
            return b"<!-- padding -->" * 4096

    stream = Stream()
    assert "lebih besar dari batas" in refused(stream, max_bytes=1024 * 1024)
    assert stream.sent < 30


def test_a_password_protected_post_is_flagged_without_its_password():
    item = """<item><wp:post_id>2</wp:post_id><title>Rahasia</title>
      <wp:post_type>post</wp:post_type>
      <wp:status>publish</wp:status><wp:post_password><![CDATA[sandi123]]></wp:post_password></item>"""
    export = parse_export(minimal(items=item))
    assert export.items[0].has_password is False
    assert export.items[1].has_password is True
    assert "sandi123" not in repr(export.items[1])


def test_a_repeated_post_id_is_a_problem():
    item = """<item><wp:post_id>1</wp:post_id><title>Lagi</title><wp:post_type>post</wp:post_type>
      </item>"""
    export = parse_export(minimal(items=item))
    assert export.problems == ("ID entri 1 muncul lebih dari sekali.",)


def test_a_byte_order_mark_is_accepted():
    assert parse_export(b"\xef\xbb\xbf" + minimal()).site.title == "Situs Uji"


def test_an_export_in_another_declared_charset_is_read_by_the_parser():
    data = minimal().replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"')
    data = data.replace(b"<title>Situs Uji</title>", b"<title>Caf\xe9</title>")
    assert parse_export(data).site.title == "Caf\u00e9"


def test_an_unknown_wxr_version_is_refused():
    data = minimal().replace(
        b"<wp:wxr_version>1.2</wp:wxr_version>", b"<wp:wxr_version>2.0</wp:wxr_version>"
    )
    assert "Versi WXR 2.0" in refused(data)


def test_a_utf16_export_is_left_to_the_parser():
    data = minimal().decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    assert parse_export(data).site.title == "Situs Uji"


def page(post_id, parent=0, order=0):
    return f"""<item><wp:post_id>{post_id}</wp:post_id><title>Halaman {post_id}</title>
      <wp:post_type>page</wp:post_type><wp:post_parent>{parent}</wp:post_parent>
      <wp:menu_order>{order}</wp:menu_order></item>"""


def test_pages_come_parents_first_in_menu_order():
    pages = page(5, parent=7) + page(6, parent=7, order=-1) + page(7, order=2) + page(8, order=1)
    pages += page(9, parent=5) + page(10, parent=99) + page(11, parent=12) + page(12, parent=11)
    export = parse_export(minimal(items=pages))
    assert [item.post_id for item in export.parents_first()] == [10, 11, 12, 8, 7, 6, 5, 9]
