"""Validation and re-encoding of uploaded images with Pillow, and cover-image renditions.

Every image an operator uploads is decoded (decompression bombs refused), re-encoded (which
drops EXIF data and anything smuggled after the pixels) and stored under a random name in the
OPD's own media folder.

Animated images (GIF, WebP, APNG) are kept as a still: their first frame. Re-encoding every frame
costs time and memory in proportion to width × height × frames (a 500 KB GIF of 300 frames of
1000×1000 took 11 s and hundreds of MB), and no page of the portal needs an animation. An
animation whose frames together exceed the pixel cap is refused outright, before any frame is
decoded: counting the frames only walks the file's headers, and an upload that size is a video,
not a picture whose first frame would stand for it.

Two choices keep a photo's processing (some 0.4 s of CPU, most of it in WebP) short, measured on
the WordPress import benchmark's photos (bench/wpimport.py): a JPEG far wider than it will be
stored is decoded at a half, quarter or eighth of its size (libjpeg scales while it decodes; a
4032 px camera photo stored at 2000 px costs a quarter of the decoding and resizing), and WebP
renditions as wide as a desktop screen use libwebp's method 2, which took 0.44 of method 4's
time for files 4 % larger, while those phones load (480 and 960 px) keep method 4, the smallest.
"""

import io
import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.encoding import filepath_to_uri
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

# Formats accepted from uploads, with the format and extension they are re-encoded to.
ALLOWED_FORMATS = {"JPEG": ("JPEG", "jpg"), "PNG": ("PNG", "png"), "WEBP": ("WEBP", "webp"),
                   "GIF": ("GIF", "gif")}  # fmt: skip
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# Far above any photo a camera takes, far below what would exhaust a worker's memory.
DEFAULT_MAX_PIXELS = 40_000_000
COVER_WIDTHS = (480, 960, 1600)
# WebP renditions at least this wide are encoded with method 2, narrower ones with method 4.
WEBP_FAST_FROM_WIDTH = 1200
SHARE_SIZE = (1200, 630)
ORIENTATION_TAG = 0x0112
# Officials' portraits: 4:5, twice the largest size a page shows them at (160×200).
PORTRAIT_SIZE = (320, 400)


def max_upload_bytes() -> int:
    return getattr(settings, "EDITOR_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"


@dataclass
class DecodedImage:
    image: Image.Image
    format: str


def decode_image(
    upload, *, max_bytes: int | None = None, max_width: int | None = None
) -> DecodedImage:
    """Open an uploaded file as an image or raise ValidationError with a message for the user.

    With `max_width`, a JPEG at least twice that wide (once upright) may be decoded at a smaller
    scale, never narrower than `max_width`."""
    max_bytes = max_upload_bytes() if max_bytes is None else max_bytes
    if upload is None or not upload.size:
        raise ValidationError(_("Tidak ada berkas yang diunggah."), code="empty")
    if upload.size > max_bytes:
        raise ValidationError(
            _("Ukuran berkas melebihi batas %(max)s MB.") % {"max": _megabytes(max_bytes)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(
            _("Ukuran berkas melebihi batas %(max)s MB.") % {"max": _megabytes(max_bytes)},
            code="too_large",
        )
    max_pixels = getattr(settings, "IMAGE_MAX_PIXELS", DEFAULT_MAX_PIXELS)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            format = image.format
            if format not in ALLOWED_FORMATS:
                raise ValidationError(
                    _("Jenis berkas tidak didukung. Gunakan gambar JPEG, PNG, WebP atau GIF."),
                    code="format",
                )
            width, height = image.size
            if width * height > max_pixels:
                raise ValidationError(
                    _("Dimensi gambar terlalu besar untuk diproses."), code="too_many_pixels"
                )
            frames = getattr(image, "n_frames", 1)
            if width * height * frames > max_pixels:
                raise ValidationError(
                    _(
                        "Animasi terlalu besar untuk diproses (%(frames)d bingkai). Unggah "
                        "gambar diam atau animasi yang lebih kecil."
                    )
                    % {"frames": frames},
                    code="too_many_frames",
                )
            if format == "JPEG" and max_width:
                _decode_no_larger_than_needed(image, max_width)
            image.load()
            if frames > 1:
                image = image.copy()  # The first frame alone, as a still.
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("Dimensi gambar terlalu besar untuk diproses."), code="too_many_pixels"
        ) from error
    except Exception as error:  # Pillow raises many types for broken or foreign files.
        raise ValidationError(
            _("Berkas bukan gambar yang valid atau rusak. Gunakan JPEG, PNG, WebP atau GIF."),
            code="invalid",
        ) from error
    return DecodedImage(image=image, format=format)


def _decode_no_larger_than_needed(image: Image.Image, max_width: int) -> None:
    # Pillow's draft() picks the largest libjpeg scale (1/2, 1/4, 1/8) that keeps both sides at
    # least the size asked for: ask for the side that becomes the width once EXIF turns it.
    turned = image.getexif().get(ORIENTATION_TAG, 1) in (5, 6, 7, 8)
    image.draft(None, (1, max_width) if turned else (max_width, 1))


def _flatten(image: Image.Image) -> Image.Image:
    """RGB copy of `image`, with transparency composited on white (for JPEG)."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def _upright(image: Image.Image) -> Image.Image:
    return ImageOps.exif_transpose(image) or image


def encode(image: Image.Image, format: str) -> bytes:
    """Encode `image` in `format` without any metadata."""
    buffer = io.BytesIO()
    if format == "JPEG":
        _flatten(image).save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    elif format == "WEBP":
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        method = 2 if image.width >= WEBP_FAST_FROM_WIDTH else 4
        image.save(buffer, "WEBP", quality=80, method=method)
    elif format == "PNG":
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(buffer, "PNG", optimize=True)
    elif format == "GIF":
        image.save(buffer, "GIF")
    else:
        raise ValueError(format)
    return buffer.getvalue()


def reencode_upload(
    upload, *, max_width: int = 2000, max_bytes: int | None = None
) -> tuple[bytes, str]:
    """Validate, straighten, shrink to `max_width` and re-encode. Returns (data, extension)."""
    decoded = decode_image(upload, max_bytes=max_bytes, max_width=max_width)
    image = decoded.image
    target_format, extension = ALLOWED_FORMATS[decoded.format]
    image = _upright(image)
    if image.width > max_width:
        image = image.resize((max_width, round(image.height * max_width / image.width)))
    return encode(image, target_format), extension


def save_upload(upload, *, folder: str, max_width: int = 2000, storage=None) -> str:
    """Store a re-encoded copy of `upload` under `folder` with a random name; return its name."""
    data, extension = reencode_upload(upload, max_width=max_width)
    storage = storage or default_storage
    return storage.save(f"{folder}/{uuid.uuid4().hex}.{extension}", ContentFile(data))


def validated_image_file(
    upload, *, max_width: int = 2000, max_bytes: int | None = None
) -> ContentFile:
    """A re-encoded copy of `upload` for an ImageField; its name is random (upload_to decides)."""
    data, extension = reencode_upload(upload, max_width=max_width, max_bytes=max_bytes)
    return ContentFile(data, name=f"{uuid.uuid4().hex}.{extension}")


def reencoded_if_uploaded(value, *, max_width: int = 2000):
    """For an image field's clean_<name>(): re-encode a fresh upload; leave a stored file (or
    none) as it is."""
    if isinstance(value, UploadedFile):
        return validated_image_file(value, max_width=max_width)
    return value


def _open_stored(source_name: str, storage) -> Image.Image:
    """A stored upload, upright and flattened onto white, ready to be resized or cropped."""
    with storage.open(source_name, "rb") as source:
        image = _upright(Image.open(source))
        image.load()
    return _flatten(image)


def _save_webp_and_jpeg(image: Image.Image, name_stem: str, storage) -> dict[str, str]:
    """`image` saved as <name_stem>.webp and .jpg, replacing earlier files of those names."""
    names = {}
    for format, extension in (("WEBP", "webp"), ("JPEG", "jpg")):
        name = f"{name_stem}.{extension}"
        if storage.exists(name):
            storage.delete(name)
        names[extension] = storage.save(name, ContentFile(encode(image, format)))
    return names


def make_cover_renditions(source_name: str, *, storage=None) -> dict:
    """Resized WebP and JPEG copies of a stored cover image plus a 1200×630 share image.

    Returns the metadata stored on the article: the source's name, its width and height, and
    the names of every rendition.
    """
    storage = storage or default_storage
    image = _open_stored(source_name, storage)
    stem = source_name.rsplit(".", 1)[0]
    widths = [w for w in COVER_WIDTHS if w <= image.width]
    if image.width < COVER_WIDTHS[-1] and image.width not in widths:
        widths.append(image.width)
    renditions = []
    for width in sorted(set(widths)):
        height = round(image.height * width / image.width)
        resized = image.resize((width, height), Image.LANCZOS) if width != image.width else image
        names = _save_webp_and_jpeg(resized, f"{stem}-{width}", storage)
        renditions.append({"width": width, "height": height, **names})
    share = ImageOps.fit(image, SHARE_SIZE, Image.LANCZOS)
    share_name = f"{stem}-share.jpg"
    if storage.exists(share_name):
        storage.delete(share_name)
    return {
        "source": source_name,
        "width": image.width,
        "height": image.height,
        "renditions": renditions,
        "share": storage.save(share_name, ContentFile(encode(share, "JPEG"))),
    }


def make_fixed_ratio_renditions(
    source_name: str, *, ratio: tuple[int, int], widths: tuple[int, ...], storage=None
) -> dict:
    """WebP and JPEG copies of a stored image cropped around its centre to `ratio` (width,
    height), one per width in `widths` the image is wide enough for (at least the smallest).
    Returns metadata in make_cover_renditions()'s shape, without a share image, so picture()
    reads it: a portrait keeps its frame on every screen."""
    storage = storage or default_storage
    image = _open_stored(source_name, storage)
    stem = source_name.rsplit(".", 1)[0]
    fitting = [w for w in widths if w <= image.width] or [min(widths)]
    renditions = []
    for width in sorted(set(fitting)):
        size = (width, round(width * ratio[1] / ratio[0]))
        cropped = ImageOps.fit(image, size, Image.LANCZOS)
        names = _save_webp_and_jpeg(cropped, f"{stem}-{size[0]}x{size[1]}", storage)
        renditions.append({"width": size[0], "height": size[1], **names})
    largest = renditions[-1]
    return {"source": source_name, "width": largest["width"], "height": largest["height"],
            "renditions": renditions, "share": None}  # fmt: skip


def make_portrait_rendition(source_name: str, *, storage=None, size=PORTRAIT_SIZE) -> dict:
    """A portrait cropped to the fixed ratio of `size` (centred a little above the middle,
    where a face usually is), in WebP and JPEG. Returns the metadata stored on the model."""
    storage = storage or default_storage
    image = _open_stored(source_name, storage)
    image = ImageOps.fit(image, size, Image.LANCZOS, centering=(0.5, 0.35))
    names = _save_webp_and_jpeg(image, f"{source_name.rsplit('.', 1)[0]}-potret", storage)
    return {"source": source_name, "width": size[0], "height": size[1], **names}


def picture(meta: dict, *, base_url: str, alt: str) -> dict | None:
    """Everything a template needs for a responsive <picture> of an image whose renditions
    make_cover_renditions() made (`meta`), or None when it has none.

    Rendition names are made by make_cover_renditions (no "..", no scheme), so each URL is the
    storage's base URL (`base_url`, storage.url("")) plus the quoted name: one storage.url()
    call instead of eight, which a page of article cards would otherwise spend most of its
    time on.
    """
    renditions = meta.get("renditions") if meta else None
    if not renditions:
        return None
    largest = renditions[-1]
    middle = renditions[len(renditions) // 2]

    def url(name: str) -> str:
        return base_url + filepath_to_uri(name)

    return {
        "webp_srcset": ", ".join(f"{url(r['webp'])} {r['width']}w" for r in renditions),
        "jpeg_srcset": ", ".join(f"{url(r['jpg'])} {r['width']}w" for r in renditions),
        "src": url(middle["jpg"]),
        "thumb_url": url(renditions[0]["jpg"]),
        "width": largest["width"],
        "height": largest["height"],
        "alt": alt,
        "share_url": url(meta["share"]) if meta.get("share") else None,
    }
