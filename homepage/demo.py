"""Demo home pages: quick links, a Sambutan Kepala with a drawn portrait (demo.images), and a
headline (pinned articles where the OPD has one, else a drawn banner). Idempotent."""

import hashlib

from django.core.files.base import ContentFile

from console.models import ActivityLevel
from demo import images
from demo.content import showcase
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
_GREETING = "<p>Assalamu'alaikum warahmatullahi wabarakatuh, salam sejahtera bagi kita semua.</p>"
_CLOSING = (
    "<p>Situs ini kami hadirkan sebagai sarana informasi dan pelayanan publik yang cepat, "
    "terbuka dan mudah diakses oleh seluruh warga Kota Serang, kapan pun dan di mana pun.</p>"
    "<p>Kami menantikan saran dan masukan Bapak dan Ibu melalui kanal pengaduan resmi. Mari "
    "bersama membangun Kota Serang yang maju, sejahtera dan berdaya saing.</p>"
    "<p>Wassalamu'alaikum warahmatullahi wabarakatuh.</p>"
)
_HEADS = ("Drs. H. Ahmad Fauzi, M.Si.", "Hj. Siti Rahmawati, S.E., M.M.",
          "Ir. Bambang Supriyadi, M.T.", "dr. Dewi Lestari, M.Kes.")  # fmt: skip


def _jpeg(image) -> bytes:
    return images.as_upload(image, "gambar.jpg").read()


def seed_demo_content(demo) -> None:
    if not QuickLink.objects.exists():
        for position, (title, description, url, icon) in enumerate(_LINKS, start=1):
            QuickLink.objects.create(title=title, description=description, url=url, icon=icon,
                                     position=position)  # fmt: skip
    full = showcase(demo)
    if demo.activity == ActivityLevel.INACTIVE and full is None:
        return  # An OPD that neglects its site: no Sambutan (its admin lists it to do).
    home = HomePage.current()
    if not home.has_welcome:
        if full is not None and full.welcome:
            head = full.officials[0]
            name, position, headwear = head.name, head.position, head.headwear
            text = _GREETING + f"<p>{full.welcome}</p>" + _CLOSING
        else:
            seed = int(hashlib.sha256(demo.slug.encode()).hexdigest(), 16)
            name, position = _HEADS[seed % len(_HEADS)], f"Kepala {demo.name}"
            text, headwear = _WELCOME.format(name=demo.name), images.ANY
        photo = images.portrait(f"{demo.slug}:{name}", headwear=headwear)
        set_welcome(name=name, position=position, text=text, photo=_jpeg(photo))
    home = HomePage.for_editing()
    if full is None and demo.activity != ActivityLevel.ACTIVE and not home.banner_image_id:
        title = "Layanan publik tanpa pungutan biaya"
        image = add_image(
            upload=ContentFile(_jpeg(images.illustration("layanan", demo.slug)), "banner.jpg"),
            alt_text=f"Banner {demo.short_name}: {title}",
        )
        home.headline = "banner"
        home.banner_image = image
        home.banner_alt = image.alt_text
        home.banner_title = title
        home.banner_link = "/berita/"
        home.save()
