"""Demo home pages: quick links, a Sambutan Kepala with a portrait drawn with Pillow, and a
headline (pinned articles where the OPD has one, else a drawn banner). Idempotent."""

import hashlib
import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from console.models import ActivityLevel
from homepage.models import HomePage, QuickLink
from homepage.services import set_welcome
from library.services import add_image

_LINKS = (
    ("Layanan kami", "Daftar layanan beserta syarat dan alur", "/halaman/profil/", "layanan"),
    ("Permohonan informasi", "Ajukan permohonan informasi publik", "/ppid/permohonan/",
     "informasi"),
    ("Dokumen publik", "Daftar Informasi Publik dan unduhan", "/ppid/", "dokumen"),
    ("Pengaduan", "Sampaikan aduan melalui LAPOR!", "https://www.lapor.go.id/", "pengaduan"),
    ("Berita dan pengumuman", "Kabar terbaru dari kantor kami", "/berita/", "kalender"),
    ("Lokasi kantor", "Alamat dan jam layanan", "/halaman/profil/", "lokasi"),
)  # fmt: skip

_WELCOME = (
    "<p>Assalamu'alaikum warahmatullahi wabarakatuh, salam sejahtera bagi kita semua.</p>"
    "<p>Selamat datang di situs resmi {name}. Situs ini kami hadirkan sebagai sarana informasi "
    "dan pelayanan publik yang cepat, terbuka dan mudah diakses oleh seluruh warga Kota Serang, "
    "kapan pun dan di mana pun.</p>"
    "<p>Melalui situs ini warga dapat membaca berita dan pengumuman terbaru, mengetahui layanan "
    "beserta persyaratannya, serta mengajukan permohonan informasi publik melalui PPID. Kami "
    "terus berbenah agar setiap layanan semakin mudah, dan kami menantikan saran serta masukan "
    "Bapak dan Ibu melalui kanal pengaduan resmi.</p>"
    "<p>Mari bersama membangun Kota Serang yang maju, sejahtera dan berdaya saing. Terima "
    "kasih atas kunjungan Anda.</p>"
    "<p>Wassalamu'alaikum warahmatullahi wabarakatuh.</p>"
)
_HEADS = ("Drs. H. Ahmad Fauzi, M.Si.", "Hj. Siti Rahmawati, S.E., M.M.",
          "Ir. Bambang Supriyadi, M.T.", "dr. Dewi Lestari, M.Kes.")  # fmt: skip


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def portrait(colour: str, *, seed: int) -> bytes:
    """A head-and-shoulders illustration (a formal portrait's framing): 600×800 JPEG."""
    width, height = 600, 800
    base = _rgb(colour)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):  # a studio backdrop: the OPD colour, lighter towards the top
        mix = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(c + (235 - c) * (1 - mix) * 0.7)
                                                   for c in base))  # fmt: skip
    skin = ((224, 172, 105), (198, 134, 66), (241, 194, 125), (170, 110, 60))[seed % 4]
    suit = ((32, 41, 64), (44, 44, 52), (30, 58, 48), (70, 40, 30))[seed % 4]
    # Shoulders and a dark suit with a white collar and the official's name badge.
    draw.ellipse([(60, 560), (540, 1040)], fill=suit)
    draw.polygon([(250, 560), (300, 700), (350, 560)], fill=(245, 245, 245))
    draw.rectangle([(380, 660), (460, 680)], fill=(212, 175, 55))
    draw.rectangle([(272, 470), (328, 580)], fill=skin)  # neck
    draw.ellipse([(190, 230), (410, 500)], fill=skin)  # face
    hair = (25, 20, 18)
    if seed % 2:  # a hijab framing the face
        draw.pieslice([(160, 190), (440, 560)], 180, 360, fill=(30, 90, 120))
        draw.polygon([(160, 375), (190, 560), (410, 560), (440, 375), (410, 470), (190, 470)],
                     fill=(30, 90, 120))  # fmt: skip
        draw.ellipse([(200, 250), (400, 500)], fill=skin)
    else:
        draw.chord([(185, 215), (415, 420)], 180, 360, fill=hair)
        draw.rectangle([(185, 300), (200, 360)], fill=hair)
        draw.rectangle([(400, 300), (415, 360)], fill=hair)
    for x in (255, 345):  # eyes and brows
        draw.ellipse([(x - 12, 350), (x + 12, 366)], fill=(40, 30, 25))
        draw.line([(x - 20, 335), (x + 20, 332)], fill=(60, 45, 35), width=5)
    draw.arc([(265, 400), (335, 450)], 20, 160, fill=(150, 70, 60), width=5)  # a smile
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def banner(colour: str, title: str) -> bytes:
    """A wide banner: the OPD colour, a city skyline and the programme's title band."""
    width, height = 1600, 600
    base = _rgb(colour)
    image = Image.new("RGB", (width, height), base)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        mix = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(c * (0.55 + 0.45 * mix)) for c in base))
    x = 0
    step = 0
    while x < width:  # skyline
        w = 60 + (step * 37) % 90
        h = 120 + (step * 53) % 220
        draw.rectangle([(x, height - h), (x + w, height)], fill=(20, 30, 45))
        for wy in range(height - h + 20, height - 10, 30):
            for wx in range(x + 10, x + w - 10, 22):
                if (wx + wy + step) % 3:
                    draw.rectangle([(wx, wy), (wx + 8, wy + 12)], fill=(250, 220, 140))
        x += w + 8
        step += 1
    draw.ellipse([(1300, 70), (1420, 190)], fill=(255, 236, 179))
    draw.rectangle([(80, 120), (1240, 300)], fill=(255, 255, 255))
    draw.rectangle([(80, 120), (100, 300)], fill=base)
    draw.text((140, 180), title[:40], fill=(20, 20, 20), font_size=56)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def seed_demo_content(demo) -> None:
    if not QuickLink.objects.exists():
        for position, (title, description, url, icon) in enumerate(_LINKS, start=1):
            QuickLink.objects.create(title=title, description=description, url=url, icon=icon,
                                     position=position)  # fmt: skip
    if demo.activity == ActivityLevel.INACTIVE:
        return  # An OPD that neglects its site: no Sambutan (its admin lists it to do).
    home = HomePage.current()
    if not home.has_welcome:
        seed = int(hashlib.sha256(demo.slug.encode()).hexdigest(), 16)
        head = _HEADS[seed % len(_HEADS)]
        set_welcome(
            name=head,
            position=f"Kepala {demo.name}",
            text=_WELCOME.format(name=demo.name),
            photo=portrait(demo.colour, seed=seed % len(_HEADS)),
        )
    home = HomePage.for_editing()
    if demo.activity != ActivityLevel.ACTIVE and not home.banner_image_id:
        title = "Layanan publik tanpa pungutan biaya"
        image = add_image(
            upload=ContentFile(banner(demo.colour, title), name="banner.jpg"),
            alt_text=f"Banner {demo.short_name}: {title}",
        )
        home.headline = "banner"
        home.banner_image = image
        home.banner_alt = image.alt_text
        home.banner_title = title
        home.banner_link = "/berita/"
        home.save()
