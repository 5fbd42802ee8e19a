"""The demo pemda: Kota Serang, with a coat of arms drawn for the demo (demo_arms.svg: a shield
with a star, a gate and waves, marked CONTOH), never a real one."""

from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction

from pemda.models import IDENTITY_PK, CommonLink, PemdaIdentity
from pemda.svg import sanitise_svg

ARMS = Path(__file__).with_name("demo_arms.svg")
LINKS = (
    ("LAPOR!", "https://www.lapor.go.id/"),
    ("JDIH Kota Serang", "https://jdih.serangkota.go.id/"),
    ("PPID Pemda", "https://ppid.serangkota.go.id/"),
)
PRIVACY = (
    "<p>Situs ini dikelola oleh Pemerintah Kota Serang. Kami hanya mengumpulkan data pribadi "
    "yang Anda kirim sendiri melalui formulir (misalnya permohonan informasi publik), hanya "
    "untuk keperluan layanan tersebut, dan tidak membagikannya kepada pihak lain kecuali "
    "diwajibkan undang-undang.</p>"
    "<h2>Kuki</h2><p>Situs ini tidak memakai kuki pelacak atau iklan. Kuki hanya dipakai "
    "untuk keamanan formulir dan untuk petugas yang masuk ke halaman admin.</p>"
    "<h2>Hak Anda</h2><p>Anda berhak meminta salinan, perbaikan atau penghapusan data pribadi "
    "Anda sesuai Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi. Hubungi "
    "kami melalui kontak di bagian bawah halaman.</p>"
)
ACCESSIBILITY = (
    "<p>Pemerintah Kota Serang berupaya agar situs ini dapat digunakan oleh semua warga, "
    "termasuk penyandang disabilitas, dengan mengikuti pedoman WCAG 2.1 tingkat AA.</p>"
    "<ul><li>Seluruh halaman dapat dipakai dengan papan ketik dan pembaca layar.</li>"
    "<li>Kontras warna teks memenuhi tingkat AA.</li>"
    "<li>Situs tetap dapat dibaca di layar ponsel dan saat teks diperbesar.</li></ul>"
    "<p>Jika Anda menemukan kendala, sampaikan melalui kontak di bagian bawah halaman; kami "
    "menanggapinya paling lambat 10 hari kerja.</p>"
)


@transaction.atomic
def seed_demo_identity() -> PemdaIdentity:
    """Create the demo identity once; running it again changes nothing."""
    identity = PemdaIdentity.objects.filter(pk=IDENTITY_PK).first()
    if identity is not None:
        return identity
    identity = PemdaIdentity(
        name="Pemerintah Kota Serang",
        region_name="Kota Serang",
        address="Jl. Jenderal Sudirman No. 5, Kota Serang, Banten 42111",
        phone="(0254) 200 001",
        email="info@serangkota.go.id",
        portal_url="https://serangkota.go.id/",
        map_url="https://www.openstreetmap.org/search?query=Kota%20Serang",
        lapor_url="https://www.lapor.go.id/",
        instagram_url="https://www.instagram.com/pemkotserang",
        facebook_url="https://www.facebook.com/pemkotserang",
        youtube_url="https://www.youtube.com/@pemkotserang",
        privacy_statement=PRIVACY,
        accessibility_statement=ACCESSIBILITY,
    )
    identity.coat_of_arms.save(
        "lambang.svg", ContentFile(sanitise_svg(ARMS.read_bytes())), save=False
    )
    identity.save()
    for order, (title, url) in enumerate(LINKS):
        CommonLink.objects.create(identity=identity, title=title, url=url, order=order)
    return identity
