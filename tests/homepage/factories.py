"""Helpers that fill the home page inside the current schema."""

from django.core.files.base import ContentFile

from demo import images
from homepage.models import HomePage, QuickLink
from homepage.services import set_welcome
from library.services import add_image


def portrait(seed: str = "kepala") -> bytes:
    """A drawn head-and-shoulders photo, as a phone sends it (JPEG)."""
    return images.as_upload(images.portrait(seed), "foto.jpg").read()


def banner(seed: str = "banner") -> bytes:
    return images.as_upload(images.illustration("kota", seed), "banner.jpg").read()


LONG_TEXT = "<p>" + " ".join(f"kata{n}" for n in range(150)) + " penutup-sambutan</p>"


def make_quick_link(title="Izin praktik", *, position=1, **fields):
    fields.setdefault("url", "/halaman/izin/")
    fields.setdefault("description", f"Keterangan {title}")
    return QuickLink.objects.create(title=title, position=position, **fields)


def make_welcome(name="Dr. Kepala Uji", *, text="<p>Selamat datang di situs kami.</p>",
                 photo=True):  # fmt: skip
    return set_welcome(
        name=name,
        position="Kepala Dinas Uji",
        text=text,
        photo=portrait("1") if photo else None,
    )


def make_banner(*, title="Program unggulan", link="/berita/", alt="Banner program unggulan"):
    image = add_image(upload=ContentFile(banner(title), name="b.jpg"), alt_text=alt)
    home = HomePage.for_editing()
    home.headline = "banner"
    home.banner_image, home.banner_alt = image, alt
    home.banner_title, home.banner_link = title, link
    home.save()
    return home


def set_layout(*entries, headline=None):
    """`set_layout(("kontak", True), ("tautan", False), ...)`."""
    home = HomePage.for_editing()
    home.layout = [{"key": key, "visible": visible} for key, visible in entries]
    if headline is not None:
        home.headline = headline
    home.save()
    return home
