"""Writes to the media library. An image is decoded, straightened, shrunk and re-encoded
(core.images: no EXIF, no polyglot, random name) and gets its renditions at once; a PDF is
checked by its bytes and refused when it carries active content (core.filetypes).

Files are stored apart from any form around the call (core.storage.kept_apart): an upload that
was valid stays in the library even when the article or quick post it came with has errors,
so the re-rendered form can show it chosen instead of asking for the file again."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core import filetypes, storage
from core.images import make_cover_renditions, validated_image_file
from library.models import Document, Image

# Wide enough for a full-width cover on a large screen; phone photos (4000 px) are shrunk.
IMAGE_MAX_WIDTH = 2400
ALT_TEXT_REQUIRED = _("Isi teks alternatif: jelaskan isi gambar untuk pembaca tunanetra.")


@transaction.atomic
def add_image(
    *, upload, alt_text: str, by=None, require_alt_text: bool = True, max_bytes: int | None = None
) -> Image:
    """Store `upload` in the library with its alt text; raise ValidationError for the user.

    Only the editor's own upload (whose alt text the editor asks afterwards) passes
    `require_alt_text=False`. `max_bytes` defaults to the editor's limit (core.images); the
    library's own pages pass library_max_bytes(), room for a phone camera's photos."""
    alt_text = (alt_text or "").strip()
    if require_alt_text and not alt_text:
        raise ValidationError(ALT_TEXT_REQUIRED, code="alt_text")
    content = validated_image_file(upload, max_width=IMAGE_MAX_WIDTH, max_bytes=max_bytes)
    image = Image(alt_text=alt_text, uploaded_by=by)
    with storage.kept_apart():
        image.file.save(content.name, content, save=False)
        meta = make_cover_renditions(image.file.name, storage=image.file.storage)
        image.renditions = meta
        image.width, image.height = meta["width"], meta["height"]
        image.full_clean()
        image.save()
    return image


@transaction.atomic
def update_alt_text(*, image: Image, alt_text: str) -> Image:
    alt_text = (alt_text or "").strip()
    if not alt_text:
        raise ValidationError(ALT_TEXT_REQUIRED, code="alt_text")
    if alt_text != image.alt_text:
        image.alt_text = alt_text
        image.full_clean()
        image.save(update_fields=["alt_text"])
    return image


def library_max_bytes() -> int:
    return getattr(settings, "LIBRARY_IMAGE_MAX_BYTES", 15 * 1024 * 1024)


def max_document_mb() -> int:
    return getattr(settings, "LIBRARY_MAX_DOCUMENT_MB", settings.PPID_MAX_UPLOAD_MB)


@transaction.atomic
def add_document(*, upload, title: str, by=None) -> Document:
    """Store a PDF in the library; raise ValidationError for the user."""
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Isi judul dokumen."), code="title")
    filetypes.validate_upload(upload, allowed={".pdf": {filetypes.PDF}}, max_mb=max_document_mb())
    document = Document(title=title, uploaded_by=by, size=upload.size)
    with storage.kept_apart():
        upload.seek(0)
        document.file.save("dokumen.pdf", upload, save=False)
        document.full_clean()
        document.save()
    return document
