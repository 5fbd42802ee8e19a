"""The WordPress importer's work on one export, in the current OPD's schema (issue 19): what
`wpimport.services.plan()` and `run()` drive.

Media first, then categories and tags, then the addresses every post and page will have, so that
the bodies' links and images are rewritten to them, then the articles and pages (each through
publish_content, so the guard screens it), and last the old addresses' redirects. In a dry run
the same steps write nothing. What was created is remembered per WordPress id (ImportedItem):
importing again updates, never duplicates.
"""

import re
from collections.abc import Callable, Mapping
from pathlib import PurePosixPath
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core import filetypes
from core.images import make_cover_renditions, validated_image_file
from core.richtext import html_to_text, sanitize_html
from core.slugs import unique_slug
from documents.models import Document, DocumentCategory
from guard.screening import screen
from library.models import Image
from library.services import IMAGE_MAX_WIDTH, library_max_bytes
from news.models import MAX_CATEGORY_DEPTH, RESERVED_SLUGS, Article, Category, Tag
from pages.models import MAX_PAGE_DEPTH, Page
from publishing.services import publish_content
from wpimport.addresses import OldAddresses
from wpimport.content import convert_body
from wpimport.export import Item, WxrExport
from wpimport.images import PreparedImages
from wpimport.links import original_image_url
from wpimport.models import ImportedItem
from wpimport.report import Report

_ADDRESS = re.compile(r'\b(?:href|src)="([^"]*)"')
IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp"})
IMPORTED_STATUSES = frozenset({"publish", "future", "draft", "pending"})
# Display names that say nothing to a reader ("Oleh admin"): such articles get no byline.
ANONYMOUS_AUTHORS = frozenset({"", "admin", "administrator", "webmaster", "operator"})
TARGETS = {
    "news.article": Article,
    "pages.page": Page,
    "library.image": Image,
    "documents.document": Document,
    "news.category": Category,
    "news.tag": Tag,
}
Attachments = Mapping[str, bytes]
# Called with (items done, items in all) as the import goes.
Progress = Callable[[int, int], None]


def attached_file(item: Item) -> str:
    """The attachment's path under wp-content/uploads ("2024/02/photo.jpg")."""
    path = item.postmeta.get("_wp_attached_file", "")
    if not path and "/uploads/" in item.attachment_url:
        path = urlsplit(item.attachment_url).path.split("/uploads/", 1)[1]
    return path.strip().lstrip("/")


class Importer:
    def __init__(
        self,
        export: WxrExport,
        attachments: Attachments,
        *,
        dry_run: bool,
        progress: Progress | None = None,
    ):
        self.export = export
        self.progress = progress
        self.done = 0
        self.attachments = attachments
        self.dry_run = dry_run
        self.site_url = export.site.base_url
        self.report = Report(dry_run=dry_run)
        self.known = {
            (row.wp_kind, row.wp_key): row for row in ImportedItem.objects.all().iterator()
        }
        self.categories: dict[str, Category] = {}
        self.tags: dict[str, Tag] = {}
        self.media: dict[int, Image | Document] = {}
        self.old = OldAddresses(self.site_url)
        self.slugs: dict[type, set[str]] = {Article: set(), Page: set()}
        self.planned: dict[int, str] = {}  # post id -> slug
        # The pages of this export by post id, and the post id each is filed under here.
        self.pages: dict[int, Page] = {}
        self.page_parents: dict[int, int | None] = {}
        self.bylines = {
            author.login: author.display_name.strip()[:100]
            for author in export.authors
            if author.display_name.strip().lower() not in ANONYMOUS_AUTHORS
        }

    def go(self) -> Report:
        items = self.export.items
        posts = [item for item in items if item.post_type == "post" and self._wanted(item)]
        pages = [item for item in items if item.post_type == "page" and self._wanted(item)]
        self.report.skipped["other_type"] += sum(item.post_type == "other" for item in items)
        self.report.problems.extend(self.export.problems)
        attachments = [item for item in items if item.post_type == "attachment"]
        self.prepared = self._prepared_images(attachments)
        try:
            for item in attachments:
                self._attachment(item)
                self._step()
        finally:
            self.prepared.close()
        self._terms()
        for item in posts:
            self._plan_address(item, Article)
        for item in _in_page_order(pages):
            self._plan_address(item, Page)
        for item in posts:
            self._article(item)
            self._step()
        for position, item in enumerate(_in_page_order(pages), start=1):
            self._page(item, position)
            self._step()
        self._redirects()
        self.done = len(items) - 1
        self._step()
        return self.report

    def _step(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, len(self.export.items))

    # --- what is imported ---

    def _wanted(self, item: Item) -> bool:
        self.report.skipped["approved_comments"] += item.approved_comments
        self.report.skipped["other_comments"] += item.other_comments
        if item.has_password:
            self.report.skipped["password"] += 1
        elif item.status in ("private", "trash"):
            self.report.skipped[item.status] += 1
        elif item.status not in IMPORTED_STATUSES:
            self.report.skipped["other_status"] += 1
        else:
            return True
        return False

    def _existing(self, kind: str, key, target: str):
        row = self.known.get((kind, str(key)))
        if row is None or row.target != target:
            return None
        return TARGETS[target].objects.filter(pk=row.target_pk).first()

    def _edited_here(self, kind: str, key, instance, title: str) -> bool:
        """Whether an operator changed `instance` after the import that made it last: importing
        again then leaves it as it is (and says so), never overwriting their work."""
        row = self.known.get((kind, str(key)))
        if row is None or instance.updated_at <= row.imported_at:
            return False
        self.report.problem(
            _("“%(title)s” sudah diubah di sini sesudah impor sebelumnya; tidak ditimpa.")
            % {"title": title}
        )
        return True

    def _remember(self, kind: str, key, instance, *, guid: str = "") -> None:
        if self.dry_run:
            return
        target = f"{instance._meta.app_label}.{instance._meta.model_name}"
        ImportedItem.objects.update_or_create(
            wp_kind=kind,
            wp_key=str(key),
            defaults={"guid": guid[:500], "target": target, "target_pk": instance.pk},
        )

    def _count(self, kind: str, created: bool, changed: bool) -> None:
        counter = self.report.created if created else self.report.updated
        (counter if created or changed else self.report.unchanged)[kind] += 1

    # --- media ---

    def _attachment(self, item: Item) -> None:
        path = attached_file(item)
        extension = PurePosixPath(path).suffix.lower()
        kind = "image" if extension in IMAGE_EXTENSIONS else "document"
        target = "library.image" if kind == "image" else "documents.document"
        instance = self._existing("attachment", item.post_id, target)
        if instance is None:
            data = self.attachments.get(path)
            if data is None:
                self.report.skipped["missing_attachment"] += 1
                self.report.problem(
                    _("Berkas lampiran tidak ada: %(path)s (%(title)s).")
                    % {"path": path or item.attachment_url, "title": item.title}
                )
                return
            upload = SimpleUploadedFile(PurePosixPath(path).name, data)
            try:
                instance = (
                    self._image(item, upload) if kind == "image" else self._document(item, upload)
                )
            except ValidationError as error:
                self.report.skipped["bad_attachment"] += 1
                self.report.problem(
                    _("Lampiran %(path)s ditolak: %(reason)s")
                    % {"path": path, "reason": " ".join(error.messages)}
                )
                return
            self._count(kind, created=True, changed=True)
            self._remember("attachment", item.post_id, instance, guid=item.guid)
        else:
            self._count(kind, created=False, changed=False)
        self.media[item.post_id] = instance
        if instance.pk is None:  # a dry run's: where it would be is not known yet
            new_url = "/" + path
        elif kind == "image":
            new_url = instance.file.url
        else:
            new_url = instance.get_absolute_url()
        if item.attachment_url:
            self.old.move(original_image_url(item.attachment_url), new_url, redirect=False)
            self.old.move(item.attachment_url, new_url)
        if item.link:
            self.old.redirect(item.link, new_url)

    def _prepared_images(self, attachments: list[Item]) -> PreparedImages:
        """The new images re-encoded with their renditions ahead, in worker processes."""
        jobs = []
        for item in attachments:
            path = attached_file(item)
            known = self.known.get(("attachment", str(item.post_id)))
            if (
                not self.dry_run
                and known is None
                and PurePosixPath(path).suffix.lower() in IMAGE_EXTENSIONS
                and path in self.attachments
            ):
                jobs.append((item.post_id, path))
        return PreparedImages(
            jobs, self.attachments, max_width=IMAGE_MAX_WIDTH, max_bytes=library_max_bytes()
        )

    def _image(self, item: Item, upload) -> Image:
        if PurePosixPath(upload.name).suffix.lower() not in IMAGE_EXTENSIONS:
            raise ValidationError(_("Bukan berkas gambar."))
        alt = item.postmeta.get("_wp_attachment_image_alt", "") or item.title
        image = Image(alt_text=alt.strip()[:200])
        if self.dry_run or not self.prepared.take(item.post_id, image):
            # Decoded and re-encoded as every upload is (no EXIF, no polyglot, a random name).
            content = validated_image_file(
                upload, max_width=IMAGE_MAX_WIDTH, max_bytes=library_max_bytes()
            )
            if self.dry_run:
                return image
            # Not library.services.add_image: its files are kept apart from a failing block,
            # and a failed import must leave no file behind.
            image.file.save(content.name, content, save=False)
            image.renditions = make_cover_renditions(image.file.name, storage=image.file.storage)
            image.width, image.height = image.renditions["width"], image.renditions["height"]
        image.full_clean()
        image.save()
        return image

    def _document(self, item: Item, upload) -> Document:
        file_type = filetypes.validate_upload(
            upload, allowed=filetypes.DOWNLOAD_EXTENSIONS, max_mb=settings.PPID_MAX_UPLOAD_MB
        )
        document = Document(
            title=(item.title or upload.name)[:200],
            original_filename=upload.name[:255],
            file_type=file_type,
            file_size=upload.size,
            published_at=item.post_date or timezone.now(),
            is_published=True,
        )
        if self.dry_run:
            return document
        document.category = self._document_category()
        upload.seek(0)
        document.file.save(upload.name, upload, save=False)
        document.full_clean()
        self._publish(document, item.title)
        return document

    def _document_category(self) -> DocumentCategory:
        category = DocumentCategory.objects.first()
        if category is None:
            category = DocumentCategory.objects.create(name=_("Lainnya"), slug="lainnya")
        return category

    # --- categories and tags ---

    def _terms(self) -> None:
        declared = {category.nicename: category for category in self.export.categories}
        for item in self.export.items:
            for term in item.terms:
                if term.domain == "category" and term.nicename not in declared:
                    declared[term.nicename] = _Term(term.nicename, term.name, "")
        filed_under: dict[str, str] = {}  # nicename -> the nicename it goes under here
        for nicename, category in _in_category_order(declared).items():
            parent = self._parent_category(category, filed_under)
            self.categories[nicename] = self._term(
                "category", Category, nicename, category.name, 80, parent=parent
            )
        names = {tag.slug: tag.name for tag in self.export.tags}
        for item in self.export.items:
            for term in item.terms:
                if term.domain == "post_tag":
                    names.setdefault(term.nicename, term.name)
        for slug, name in names.items():
            self.tags[slug] = self._term("tag", Tag, slug, name, 60)

    def _parent_category(self, category, filed_under: dict[str, str]) -> Category | None:
        """The category `category` goes under: its WordPress parent (categories come parent
        first), or that parent's own parent when the tree would pass MAX_CATEGORY_DEPTH."""
        parent = category.parent if category.parent in self.categories else ""
        depth = 0
        above = parent
        while above:
            depth += 1
            above = filed_under.get(above, "")
        if parent and depth >= MAX_CATEGORY_DEPTH:
            parent = filed_under.get(parent, "")
            self.report.problem(
                _(
                    "Kategori “%(name)s” lebih dalam dari %(depth)s tingkat; disimpan di bawah "
                    "“%(parent)s”."
                )
                % {
                    "name": category.name,
                    "depth": MAX_CATEGORY_DEPTH,
                    "parent": self.categories[parent].name,
                }
            )
        filed_under[category.nicename] = parent
        return self.categories[parent] if parent else None

    def _term(self, kind: str, model, key: str, name: str, length: int, parent=None):
        name = (name or key)[:length]
        instance = self._existing(kind, key, f"news.{model._meta.model_name}")
        if instance is not None:
            changed = instance.name != name and not model.objects.filter(name=name).exists()
            fields = ["name"] if changed else []
            if changed:
                instance.name = name
            if kind == "category" and self._moved_category(instance, parent):
                changed = True
                fields.append("parent")
            if fields and not self.dry_run:
                instance.save(update_fields=fields)
            self._count(kind, created=False, changed=changed)
            self._redirect_term(kind, key, instance)
            return instance
        slug = slugify(key)[:length] or slugify(name)[:length]
        instance = model.objects.filter(slug=slug).first() if slug else None
        if instance is None and kind == "tag":
            instance = Tag.objects.filter(name=name).first()
        created = instance is None
        if created:
            instance = model(name=name, slug=unique_slug(model, slug or name, max_length=length))
            if kind == "category" and parent is not None:
                self._file_new_category(instance, parent)
            if not self.dry_run:
                instance.full_clean()
                instance.save()
        self._count(kind, created=created, changed=False)
        self._remember(kind, key, instance)
        self._redirect_term(kind, key, instance)
        return instance

    def _file_new_category(self, category: Category, parent: Category) -> None:
        category.parent = parent
        try:
            category.clean()
        except ValidationError:  # the parent sits deeper here than in WordPress
            category.parent = None
            self.report.problem(
                _("Kategori “%(name)s” tidak dapat disimpan di bawah “%(parent)s”.")
                % {"name": category.name, "parent": parent.name}
            )

    def _moved_category(self, category: Category, parent: Category | None) -> bool:
        """Put an imported category under its (new) parent; False when it stays where it is,
        also when an operator's changes here would make a cycle (reported)."""
        if category.parent_id == (parent.pk if parent else None):
            return False
        old_parent = category.parent
        category.parent = parent
        try:
            category.clean()
        except ValidationError:
            category.parent = old_parent
            self.report.problem(
                _("Kategori “%(name)s” tidak dapat dipindah ke bawah “%(parent)s”.")
                % {"name": category.name, "parent": parent.name if parent else "—"}
            )
            return False
        return True

    def _redirect_term(self, kind: str, key: str, instance) -> None:
        base = self.site_url.rstrip("/")
        if kind == "category":
            self.old.redirect(f"{base}/category/{key}/", instance.get_absolute_url())
        else:
            self.old.redirect(f"{base}/tag/{key}/", "/cari/?q=" + quote(instance.name))

    # --- posts and pages ---

    def _plan_address(self, item: Item, model) -> None:
        target = "news.article" if model is Article else "pages.page"
        existing = self._existing(item.post_type, item.post_id, target)
        if existing is not None:
            slug = existing.slug
        else:
            reserved = RESERVED_SLUGS if model is Article else frozenset()
            wanted = slugify(item.slug) or slugify(item.title) or "tanpa-judul"
            slug = unique_slug(model, wanted, reserved=reserved)
            counter = 2
            while slug in self.slugs[model]:
                slug = f"{wanted[:190]}-{counter}"
                counter += 1
            if slug != wanted:
                self.report.problem(
                    _("Alamat “%(wanted)s” sudah dipakai: “%(title)s” memakai “%(slug)s”.")
                    % {"wanted": wanted, "title": item.title, "slug": slug}
                )
        self.slugs[model].add(slug)
        self.planned[item.post_id] = slug
        new_url = model(slug=slug).get_absolute_url()
        base = self.site_url.rstrip("/")
        query = "p" if model is Article else "page_id"
        for old in filter(None, [item.link, f"{base}/?{query}={item.post_id}"]):
            self.old.move(old, new_url, redirect=item.status in ("publish", "future"))

    def _body(self, item: Item) -> tuple[str, str]:
        converted = convert_body(
            item.content, site_url=self.site_url, resolve_gallery=self._gallery
        )
        for problem in converted.problems:
            self.report.problem(f"{item.title}: {problem}")
        for link in converted.internal_links:
            if not self.old.is_known(link):
                self.report.problem(
                    _("%(title)s: tautan internal ke %(url)s tidak menemukan tujuannya.")
                    % {"title": item.title, "url": link}
                )
        for image in converted.image_urls:
            if not self.old.is_known(image):
                self.report.problem(
                    _("%(title)s: gambar %(url)s tidak ada di antara lampiran.")
                    % {"title": item.title, "url": image}
                )
        body = sanitize_html(self.old.rewritten(converted.html))
        return body, converted.excerpt_from_more

    def _gallery(self, ids: tuple[int, ...]) -> str:
        """A [gallery] or wp:gallery as the editor's figures of the imported images (those
        that were not imported are left out; the missing attachments are reported)."""
        figures = [
            format_html(
                '<figure class="image"><img src="{}" alt="{}"></figure>', i.file.url, i.alt_text
            )
            for i in (self.media.get(id_) for id_ in ids)
            if isinstance(i, Image) and i.pk
        ]
        return "".join(figures)

    def _article(self, item: Item) -> None:
        body, more = self._body(item)
        article = self._existing("post", item.post_id, "news.article")
        created = article is None
        if created:
            article = Article(slug=self.planned[item.post_id])
        published = item.status in ("publish", "future")
        cover = self.media.get(_int(item.postmeta.get("_thumbnail_id", "")))
        categories = _most_specific_first(
            [self.categories[t.nicename] for t in item.terms if t.domain == "category"]
        ) or [self._fallback_category()]
        ancestors = {ancestor.pk for ancestor in categories[0].ancestors()}
        if any(other.pk not in ancestors for other in categories[1:]):
            self.report.problem(
                _("%(title)s: artikel di sini berkategori satu; dipakai “%(name)s”.")
                % {"title": item.title, "name": categories[0].name}
            )
        values = {
            "title": (item.title or _("Tanpa judul"))[:200],
            "summary": (html_to_text(item.excerpt) or more)[:400],
            "body": body,
            "byline": self.bylines.get(item.author, ""),
            "is_pinned": item.is_sticky,
            "status": Article.Status.PUBLISHED if published else Article.Status.DRAFT,
            "published_at": item.post_date or timezone.now(),
        }
        tags = [self.tags[t.nicename] for t in item.terms if t.domain == "post_tag"]
        changed = created or any(getattr(article, f) != v for f, v in values.items())
        changed = changed or article.category_id != categories[0].pk
        changed = changed or (isinstance(cover, Image) and article.cover_photo_id != cover.pk)
        if not created:
            changed = changed or set(article.tags.all()) != set(tags)
        if changed and not created and self._edited_here("post", item.post_id, article, item.title):
            self._count("article", created=False, changed=False)
            return
        for field_name, value in values.items():
            setattr(article, field_name, value)
        article.category = categories[0]
        if isinstance(cover, Image):
            article.cover_photo = cover
        self._count("article", created, changed)
        if changed:
            self._publish(article, item.title)
            if not self.dry_run:
                article.tags.set(tags)
                self._remember("post", item.post_id, article, guid=item.guid)

    def _fallback_category(self) -> Category:
        category = Category.objects.first()
        if category is None:
            category = Category(name=_("Berita"), slug="berita")
            if not self.dry_run:
                category.save()
        return category

    def _page(self, item: Item, position: int) -> None:
        body, _more = self._body(item)
        page = self._existing("page", item.post_id, "pages.page")
        created = page is None
        if created:
            page = Page(slug=self.planned[item.post_id])
        if item.status == "future":
            self.report.problem(
                _("Halaman “%(title)s” terjadwal di WordPress; diimpor sebagai draf.")
                % {"title": item.title}
            )
        self.pages[item.post_id] = page
        parent = self._parent_page(item)
        values = {
            "title": (item.title or _("Tanpa judul"))[:200],
            "body": body,
            "menu_order": min(position, 32767),
            "show_in_menu": not item.parent_id,
            "is_published": item.status == "publish",
        }
        changed = created or any(getattr(page, f) != v for f, v in values.items())
        changed = changed or page.parent_id != (parent.pk if parent else None)
        if changed and not created and self._edited_here("page", item.post_id, page, item.title):
            self._count("page", created=False, changed=False)
            return
        for field_name, value in values.items():
            setattr(page, field_name, value)
        page.parent = parent
        try:
            page.clean()
        except ValidationError:
            # An operator put the WordPress parent under this page here: the page stays on top.
            page.parent = None
            self.report.problem(
                _(
                    "Halaman “%(title)s” tidak dapat disimpan di bawah induknya; disimpan tanpa "
                    "induk."
                )
                % {"title": item.title}
            )
        self._count("page", created, changed)
        if changed:
            self._publish(page, item.title)
            self._remember("page", item.post_id, page, guid=item.guid)

    def _parent_page(self, item: Item) -> Page | None:
        """The page `item` is filed under: its WordPress parent when that came with the export
        (pages come parent first), or that parent's own parent when the tree would pass
        MAX_PAGE_DEPTH levels."""
        parent_id = item.parent_id if item.parent_id in self.pages else None
        depth = self._page_depth(parent_id)
        while parent_id is not None and depth >= MAX_PAGE_DEPTH:
            parent_id = self.page_parents.get(parent_id)
            depth -= 1
        if parent_id is not None and parent_id != item.parent_id:
            self.report.problem(
                _(
                    "Halaman “%(title)s” lebih dalam dari %(depth)s tingkat; disimpan di bawah "
                    "“%(parent)s”."
                )
                % {
                    "title": item.title,
                    "depth": MAX_PAGE_DEPTH,
                    "parent": self.pages[parent_id].title,
                }
            )
        self.page_parents[item.post_id] = parent_id
        return self.pages[parent_id] if parent_id is not None else None

    def _page_depth(self, post_id: int | None) -> int:
        """How many levels the page of `post_id` sits at (1 on top, 0 for none)."""
        depth = 0
        while post_id is not None:
            depth += 1
            post_id = self.page_parents.get(post_id)
        return depth

    def _redirects(self) -> None:
        self.old.redirect(self.site_url.rstrip("/") + "/feed/", "/berita/feed/")
        self.old.save_redirects(self.report, dry_run=self.dry_run)

    def _publish(self, instance, title: str) -> None:
        if self.dry_run:
            if screen(instance):
                self.report.held.append(title)
            return
        instance.full_clean()
        if publish_content(instance).held:
            self.report.held.append(title)


class _Term:
    def __init__(self, nicename: str, name: str, parent: str):
        self.nicename, self.name, self.parent = nicename, name, parent


def _int(value: str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _in_category_order(declared: dict[str, "_Term"]) -> dict[str, "_Term"]:
    """The categories with each parent before its children (a cycle, which WordPress does not
    export, is cut where the walk entered it)."""
    ordered: dict[str, _Term] = {}

    def visit(nicename: str, path: frozenset) -> None:
        category = declared[nicename]
        if nicename in ordered or nicename in path:
            return
        if category.parent in declared:
            visit(category.parent, path | {nicename})
        ordered.setdefault(nicename, category)

    for nicename in declared:
        visit(nicename, frozenset())
    return ordered


def _most_specific_first(categories: list[Category]) -> list[Category]:
    """The post's categories, the deepest first (the first of those in the export's order): a
    post filed under "Kegiatan" and its parent "Berita" keeps "Kegiatan", and still shows on
    the page of "Berita", which lists its subcategories' articles."""
    depth = {category.pk: len(category.ancestors()) for category in categories}
    return sorted(categories, key=lambda category: -depth[category.pk])


def _in_page_order(pages: list[Item]) -> list[Item]:
    """Pages with each parent before its children, siblings by menu order: the hierarchy as
    one ordered list."""
    ids = {item.post_id for item in pages}
    children: dict[int | None, list[Item]] = {}
    for item in pages:
        parent = item.parent_id if item.parent_id in ids else None
        children.setdefault(parent, []).append(item)
    ordered: list[Item] = []

    def walk(parent):
        for item in sorted(children.get(parent, []), key=lambda i: (i.menu_order, i.post_id)):
            ordered.append(item)
            walk(item.post_id)

    walk(None)
    return ordered
