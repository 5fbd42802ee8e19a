"""A WordPress export (WXR 1.0, 1.1 or 1.2: Tools → Export → All content) read into the frozen
dataclasses of wpimport.export.

The file is parsed with defusedxml's iterparse and refused with a `WxrError` (its message is
for the operator, in Indonesian) when it is:
- larger than `max_bytes` (200 MB by default): checked before parsing from the file's size when
  it is known, and again while streaming, so a file of unknown size is stopped at the limit;
- not valid UTF-8, or holds a control character XML does not allow (the line is named): WordPress
  writes its exports in the site's charset, nearly always UTF-8; files declaring another
  encoding are left to the XML parser, which still refuses what is not well formed;
- not XML, or XML cut short (an interrupted download);
- carrying a DTD, and so any entity (billion laughs) or external entity (`file:///etc/passwd`):
  WordPress never writes a DTD, so none is accepted and nothing is ever expanded or fetched;
- RSS without WordPress' `wp:` namespace and `wp:wxr_version` (an ordinary feed);
- more than one site. WordPress exports one site at a time, even on a multisite network; a
  "network export" is several sites' exports joined (plugins, or files concatenated by hand).
  The rule: more than one `<channel>`, more than one `wp:wxr_version`, more than one distinct
  `wp:base_blog_url` or `wp:base_site_url`, or a second XML document after the first
  (concatenated files) means several sites, and the file is refused. A single subsite of a
  network (`wp:base_site_url` is the network's address, `wp:base_blog_url` the subsite's) is
  one site and is accepted.

Memory: each direct child of `<channel>` (an item, author, category…) is turned into a small
dataclass as soon as its end tag is read and its element is then removed from the tree, so the
parse never holds more than one item's elements. What stays is the text of the items (their
bodies chiefly), not the element tree, which would be several times larger. Measured on a
generated 51 MB export of 2,000 posts: parsed in about 1 s on this machine, with a traced peak
of 52 MB, the size of the returned items themselves. Comments are counted, never kept (they hold
commenters' names and e-mail addresses), and so are authors' e-mail addresses.
"""

import codecs
import html
import io
import os
import re
from datetime import datetime
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError
from zoneinfo import ZoneInfo

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import iterparse
from django.utils.translation import gettext as _

from wpimport.export import (
    Author,
    Category,
    Item,
    ItemTerm,
    Site,
    Tag,
    Term,
    WxrError,
    WxrExport,
    whole_number,
)

MAX_BYTES = 200 * 1024 * 1024
DEFAULT_TIME_ZONE = "Asia/Jakarta"
CHUNK_BYTES = 64 * 1024

POST_TYPES = ("post", "page", "attachment")
STATUSES = ("publish", "future", "draft", "pending", "private", "trash")

_WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/(1\.\d+)/$")
_EXCERPT_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.\d+/excerpt/$")
_NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
# Control characters XML 1.0 does not allow (tab, line feed and carriage return are allowed).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)""")
_NO_DATE = "0000-00-00 00:00:00"
_ARCHIVE_MAGIC = (b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"\xfd7zXZ")
# Expat's error codes (xml.parsers.expat.errors) for a document that ends too soon.
_TRUNCATED_CODES = {3, 5, 20}  # no element found, unclosed token, unclosed CDATA section
_JUNK_AFTER_DOCUMENT = 9


class _CheckedReader:
    """The file as the parser reads it: counted against the size limit and, when it is UTF-8,
    decoded on the way to name the line of an invalid byte or a forbidden control character."""

    def __init__(self, raw: BinaryIO, max_bytes: int):
        self.raw = raw
        self.max_bytes = max_bytes
        self.read_bytes = 0
        self.line = 1
        self.decoder = None
        self.started = False

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(CHUNK_BYTES if size is None or size < 0 else size)
        if not self.started:
            self.started = True
            self._start(chunk)
        self.read_bytes += len(chunk)
        if self.read_bytes > self.max_bytes:
            raise _too_large(self.max_bytes)
        if self.decoder is not None:
            self._check(chunk, final=not chunk)
        return chunk

    def _start(self, chunk: bytes) -> None:
        """Refuse what does not even begin like XML, and check UTF-8 (declared or implied)."""
        if chunk.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return  # left to the parser
        chunk = chunk.removeprefix(codecs.BOM_UTF8)
        if chunk.startswith(_ARCHIVE_MAGIC):
            raise WxrError(
                _(
                    "Berkas ini arsip terkompresi (zip atau gz). Ekstrak dulu, lalu unggah berkas "
                    "XML hasil ekspor WordPress di dalamnya."
                )
            )
        if not chunk.lstrip().startswith(b"<"):
            raise _not_xml(1)
        declared = _DECLARED_ENCODING.match(chunk)
        if not declared or declared.group(1).lower() in (b"utf-8", b"utf8"):
            self.decoder = codecs.getincrementaldecoder("utf-8")()

    def _check(self, chunk: bytes, *, final: bool) -> None:
        pending = self.decoder.getstate()[0]
        try:
            text = self.decoder.decode(chunk, final)
        except UnicodeDecodeError as error:
            line = self.line + (pending + chunk)[: error.start].count(b"\n")
            raise WxrError(
                _(
                    "Berkas bukan UTF-8 yang sah: ada byte yang tidak dapat dibaca pada baris "
                    "%(line)s."
                )
                % {"line": line}
            ) from None
        control = _CONTROL.search(text)
        if control:
            line = self.line + text.count("\n", 0, control.start())
            raise WxrError(
                _(
                    "Berkas memuat karakter kendali yang tidak diizinkan dalam XML (kode %(code)s) "
                    "pada baris %(line)s."
                )
                % {"code": f"U+{ord(control.group()):04X}", "line": line}
            )
        self.line += text.count("\n")


def _too_large(max_bytes: int) -> WxrError:
    return WxrError(
        _("Berkas ekspor lebih besar dari batas %(limit)s MB.")
        % {"limit": f"{max_bytes / (1024 * 1024):g}"}
    )


def _known_size(source: BinaryIO) -> int | None:
    size = getattr(source, "size", None)  # Django's UploadedFile
    if isinstance(size, int):
        return size
    try:
        return os.fstat(source.fileno()).st_size
    except (AttributeError, OSError, io.UnsupportedOperation):
        pass
    try:
        if source.seekable():
            here = source.tell()
            end = source.seek(0, os.SEEK_END)
            source.seek(here)
            return end - here
    except (AttributeError, OSError):
        pass
    return None


def _name(tag) -> str:
    """An element's name with the prefix WordPress writes ("wp:post_id", "content:encoded")."""
    if not isinstance(tag, str) or not tag.startswith("{"):
        return tag if isinstance(tag, str) else ""
    namespace, _sep, local = tag[1:].partition("}")
    if _WP_NAMESPACE.match(namespace):
        return f"wp:{local}"
    if _EXCERPT_NAMESPACE.match(namespace):
        return f"excerpt:{local}"
    prefix = _NAMESPACES.get(namespace)
    return f"{prefix}:{local}" if prefix else f"{{{namespace}}}{local}"


def _children(element: Element) -> dict[str, str]:
    """The text of each named child (the first of each name)."""
    values: dict[str, str] = {}
    for child in element:
        values.setdefault(_name(child.tag), (child.text or "").strip())
    return values


def _date(local: str, gmt: str, zone: ZoneInfo) -> datetime | None:
    for value, value_zone in ((gmt, ZoneInfo("UTC")), (local, zone)):
        if value and value != _NO_DATE:
            try:
                return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=value_zone)
            except ValueError:
                continue
    return None


def _item(element: Element, zone: ZoneInfo, problems: list[str]) -> Item:
    values = _children(element)
    terms, postmeta = [], {}
    approved = other = 0
    for child in element:
        name = _name(child.tag)
        if name == "category":
            terms.append(
                ItemTerm(
                    domain=child.get("domain", "category"),
                    nicename=child.get("nicename", ""),
                    name=html.unescape((child.text or "").strip()),
                )
            )
        elif name == "wp:postmeta":
            meta = _children(child)
            if meta.get("wp:meta_key"):
                postmeta[meta["wp:meta_key"]] = meta.get("wp:meta_value", "")
        elif name == "wp:comment":
            if _children(child).get("wp:comment_approved") == "1":
                approved += 1
            else:
                other += 1
    wp_post_type = values.get("wp:post_type", "")
    post_id = whole_number(values.get("wp:post_id", ""))
    title = values.get("title", "")
    post_date = _date(values.get("wp:post_date", ""), values.get("wp:post_date_gmt", ""), zone)
    if post_date is None and values.get("wp:post_date", _NO_DATE) != _NO_DATE:
        problems.append(
            _("Tanggal entri %(id)s (%(title)s) tidak dapat dibaca: %(date)s.")
            % {"id": post_id, "title": title, "date": values.get("wp:post_date")}
        )
    # Content keeps its whitespace: line breaks are paragraphs to wpautop.
    content = next(
        (child.text or "" for child in element if _name(child.tag) == "content:encoded"), ""
    )
    excerpt = next(
        (child.text or "" for child in element if _name(child.tag) == "excerpt:encoded"), ""
    )
    return Item(
        post_id=post_id,
        guid=values.get("guid", ""),
        title=title,
        slug=values.get("wp:post_name", ""),
        link=values.get("link", ""),
        post_type=wp_post_type if wp_post_type in POST_TYPES else "other",
        wp_post_type=wp_post_type,
        status=values.get("wp:status", ""),
        post_date=post_date,
        modified=_date(
            values.get("wp:post_modified", ""), values.get("wp:post_modified_gmt", ""), zone
        ),
        author=values.get("dc:creator", ""),
        content=content,
        excerpt=excerpt,
        parent_id=whole_number(values.get("wp:post_parent", "")) or None,
        menu_order=whole_number(values.get("wp:menu_order", "")),
        is_sticky=values.get("wp:is_sticky", "0") == "1",
        has_password=bool(values.get("wp:post_password")),
        terms=tuple(terms),
        postmeta=postmeta,
        attachment_url=values.get("wp:attachment_url", ""),
        approved_comments=approved,
        other_comments=other,
    )


def _several_sites() -> WxrError:
    return WxrError(
        _(
            "Berkas ini memuat ekspor lebih dari satu situs (misalnya seluruh jaringan multisite). "
            "Ekspor satu situs saja: Alat → Ekspor → Semua konten di situs tersebut."
        )
    )


def _not_wxr() -> WxrError:
    return WxrError(
        _(
            "Berkas ini XML/RSS, tetapi bukan ekspor WordPress (tidak ada wp:wxr_version). "
            "Gunakan berkas dari Alat → Ekspor → Semua konten."
        )
    )


def _entities_refused() -> WxrError:
    return WxrError(
        _(
            "Berkas memuat DTD atau entitas XML (misalnya entitas eksternal atau ekspansi "
            "entitas). Ekspor WordPress tidak pernah memuatnya, jadi berkas ini ditolak."
        )
    )


def _not_xml(line: int) -> WxrError:
    return WxrError(
        _("Berkas ini bukan XML, jadi bukan ekspor WordPress (baris %(line)s).") % {"line": line}
    )


def _parse_error(error: ParseError, seen_root: bool) -> WxrError:
    line, _column = getattr(error, "position", (0, 0))
    code = getattr(error, "code", None)
    if not seen_root:
        return _not_xml(line)
    if code in _TRUNCATED_CODES:
        return WxrError(
            _(
                "Berkas ekspor terpotong: berakhir sebelum selesai (baris %(line)s). Unduh atau "
                "ekspor ulang berkasnya."
            )
            % {"line": line}
        )
    if code == _JUNK_AFTER_DOCUMENT:
        return _several_sites()
    return WxrError(_("Berkas ekspor rusak: XML tidak sah pada baris %(line)s.") % {"line": line})


def parse_export(
    source: str | Path | bytes | BinaryIO,
    *,
    time_zone: str = DEFAULT_TIME_ZONE,
    max_bytes: int = MAX_BYTES,
) -> WxrExport:
    """Read one site's WordPress export from a path, bytes or a binary file object.

    Dates without a GMT value (drafts have "0000-00-00 00:00:00") are read in `time_zone`, the
    old site's time zone."""
    if isinstance(source, (str, Path)):
        with open(source, "rb") as file:
            return parse_export(file, time_zone=time_zone, max_bytes=max_bytes)
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    size = _known_size(source)
    if size is not None and size > max_bytes:
        raise _too_large(max_bytes)
    return _parse(_CheckedReader(source, max_bytes), ZoneInfo(time_zone))


def _parse(reader: _CheckedReader, zone: ZoneInfo) -> WxrExport:
    site_values: dict[str, list[str]] = {}
    authors, categories, tags, terms, items, problems = [], [], [], [], [], []
    channels = 0
    seen_ids: set[int] = set()
    wp_namespace = False
    depth = 0
    root = channel = None
    try:
        for event, element in iterparse(
            reader,
            events=("start", "end", "start-ns"),
            forbid_dtd=True,
        ):
            if event == "start-ns":
                wp_namespace = wp_namespace or bool(_WP_NAMESPACE.match(element[1]))
                continue
            if event == "start":
                depth += 1
                if depth == 1:
                    root = element
                    if element.tag != "rss":
                        raise _not_wxr()
                elif depth == 2 and element.tag == "channel":
                    channels += 1
                    if channels > 1:
                        raise _several_sites()
                    channel = element
                continue
            depth -= 1
            if depth != 2 or channel is None:
                continue
            name = _name(element.tag)
            if name == "item":
                item = _item(element, zone, problems)
                if item.post_id in seen_ids:
                    problems.append(
                        _("ID entri %(id)s muncul lebih dari sekali.") % {"id": item.post_id}
                    )
                seen_ids.add(item.post_id)
                items.append(item)
            elif name == "wp:author":
                values = _children(element)
                authors.append(
                    Author(
                        login=values.get("wp:author_login", ""),
                        display_name=values.get("wp:author_display_name", ""),
                    )
                )
            elif name == "wp:category":
                values = _children(element)
                categories.append(
                    Category(
                        nicename=values.get("wp:category_nicename", ""),
                        name=html.unescape(values.get("wp:cat_name", "")),
                        parent=values.get("wp:category_parent", ""),
                        description=values.get("wp:category_description", ""),
                    )
                )
            elif name == "wp:tag":
                values = _children(element)
                tags.append(
                    Tag(
                        slug=values.get("wp:tag_slug", ""),
                        name=html.unescape(values.get("wp:tag_name", "")),
                    )
                )
            elif name == "wp:term":
                values = _children(element)
                terms.append(
                    Term(
                        taxonomy=values.get("wp:term_taxonomy", ""),
                        slug=values.get("wp:term_slug", ""),
                        name=html.unescape(values.get("wp:term_name", "")),
                        parent=values.get("wp:term_parent", ""),
                    )
                )
            else:
                site_values.setdefault(name, []).append((element.text or "").strip())
            channel.remove(element)
    except WxrError:
        raise
    except DTDForbidden as error:
        if (error.name or "").lower() == "html":  # a web page saved instead of the export
            raise _not_xml(1) from None
        raise _entities_refused() from None
    except (EntitiesForbidden, DefusedXmlException):
        raise _entities_refused() from None
    except ParseError as error:
        raise _parse_error(error, seen_root=root is not None) from None
    if channel is None or not wp_namespace or not site_values.get("wp:wxr_version"):
        raise _not_wxr()
    if (
        len(site_values["wp:wxr_version"]) > 1
        or len(set(site_values.get("wp:base_blog_url", []))) > 1
        or len(set(site_values.get("wp:base_site_url", []))) > 1
    ):
        raise _several_sites()
    version = site_values["wp:wxr_version"][0]
    if not version.startswith("1."):
        raise WxrError(
            _("Versi WXR %(version)s tidak dikenal; yang dapat dibaca 1.0 sampai 1.2.")
            % {"version": version}
        )

    def first(name: str) -> str:
        return (site_values.get(name) or [""])[0]

    site = Site(
        title=first("title"),
        link=first("link"),
        description=first("description"),
        language=first("language"),
        base_site_url=first("wp:base_site_url"),
        base_blog_url=first("wp:base_blog_url"),
        wxr_version=version,
    )
    problems.extend(_category_problems(categories))
    return WxrExport(
        site=site,
        authors=tuple(authors),
        categories=tuple(categories),
        tags=tuple(tags),
        terms=tuple(terms),
        items=tuple(items),
        problems=tuple(problems),
    )


def _category_problems(categories: list[Category]) -> list[str]:
    known = {category.nicename for category in categories}
    return [
        _("Induk kategori %(category)s (%(parent)s) tidak ada dalam ekspor.")
        % {"category": category.nicename, "parent": category.parent}
        for category in categories
        if category.parent and category.parent not in known
    ]
