"""Helpers that create news content inside the current schema."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from news.models import Article, Category
from publishing.services import publish_content


def make_article(title="Berita uji", *, category="berita", status=Article.Status.PUBLISHED,
                 published_at=None, **fields):  # fmt: skip
    fields.setdefault("summary", f"Ringkasan {title}")
    fields.setdefault("body", f"<p>Isi {title}</p>")
    article = Article(
        title=title,
        category=Category.objects.get(slug=category),
        status=status,
        published_at=published_at or timezone.now() - timedelta(minutes=1),
        **fields,
    )
    publish_content(article)
    return article


def image_bytes(format="JPEG", size=(64, 48), colour=(200, 30, 30), **save_options) -> bytes:
    buffer = io.BytesIO()
    mode = "RGBA" if format == "PNG" else "RGB"
    Image.new(mode, size, colour).save(buffer, format, **save_options)
    return buffer.getvalue()


def jpeg_with_exif(size=(64, 48)) -> bytes:
    image = Image.new("RGB", size, (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"  # Make
    exif[0x0131] = "GPS-dan-rahasia"  # Software
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def animated_gif(frames=60, size=(1000, 1000)) -> bytes:
    """A GIF of `frames` full-size frames that stays small on disk: each frame differs from the
    one before by a single pixel, so Pillow stores a 1×1 patch, but a decoder composes every
    frame at full size (the shape of the 500 KB, 300-frame GIF that took 11 s to re-encode)."""
    palette = [0, 0, 0, 255, 0, 0, 0, 255, 0] + [0] * 759
    images = []
    for index in range(frames):
        image = Image.new("P", size, 0)
        image.putpalette(palette)
        image.putpixel((index % size[0], 0), 1 + index % 2)
        images.append(image)
    buffer = io.BytesIO()
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:], duration=40, loop=0)
    return buffer.getvalue()


def uploaded(name, data, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)
