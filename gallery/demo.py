"""Demo albums (photos drawn with Pillow by demo.images, nothing binary committed) and a video
for three demo OPDs. Running the seed again changes nothing."""

from datetime import timedelta

from django.utils import timezone

from demo import images
from gallery.forms import photo_file
from gallery.models import Album, Photo, Video
from publishing.services import publish_content

PHOTO_SIZE = (1200, 800)

# slug: [(album title, slug, description, days ago, [(topic, alt text, caption)])], video.
DEMO = {
    "bpbd": (
        [
            (
                "Tanggap darurat banjir Kecamatan Kasemen",
                "tanggap-darurat-banjir-kasemen",
                "Tim Reaksi Cepat BPBD mengevakuasi warga dan mendirikan posko pengungsian "
                "setelah hujan deras tiga hari berturut-turut.",
                4,
                [
                    (
                        "banjir",
                        "Perahu karet tim penyelamat menyusuri permukiman yang tergenang",
                        "Evakuasi warga Kelurahan Kasemen, Senin pagi.",
                    ),
                    (
                        "posko",
                        "Tenda posko pengungsian dan relawan membagikan makanan",
                        "Posko pengungsian di halaman kantor kelurahan.",
                    ),
                    (
                        "banjir",
                        "Genangan air setinggi lutut di jalan permukiman warga",
                        "Genangan mulai surut pada hari ketiga.",
                    ),
                ],
            ),
            (
                "Simulasi kesiapsiagaan bencana di sekolah",
                "simulasi-kesiapsiagaan-sekolah",
                "Siswa dan guru berlatih evakuasi mandiri bersama relawan BPBD.",
                20,
                [
                    (
                        "rapat",
                        "Relawan BPBD memberi pengarahan kepada siswa di aula sekolah",
                        "Pengarahan sebelum simulasi.",
                    ),
                    (
                        "jalan",
                        "Petugas berompi oranye mengatur jalur evakuasi di jalan",
                        "Jalur evakuasi menuju titik kumpul.",
                    ),
                ],
            ),
        ],
        ("Cara menyiapkan tas siaga bencana", "dQw4w9WgXcQ"),
    ),
    "disdukcapil": (
        [
            (
                "Layanan jemput bola perekaman KTP-el",
                "jemput-bola-ktp-el",
                "Petugas Disdukcapil melayani perekaman KTP-el bagi warga lanjut usia dan "
                "penyandang disabilitas di kelurahan.",
                7,
                [
                    (
                        "layanan",
                        "Warga mengantre di loket perekaman KTP-el keliling",
                        "Perekaman di Kelurahan Cipocok Jaya.",
                    ),
                    ("kantor", "Gedung kantor kelurahan tempat layanan jemput bola", ""),
                ],
            ),
        ],
        ("Panduan mengurus akta kelahiran secara daring", "M7lc1UVf-VE"),
    ),
    "disparpora": (
        [
            (
                "Festival budaya Banten Lama",
                "festival-budaya-banten-lama",
                "Pertunjukan seni, kuliner dan pameran kerajinan warga selama tiga hari.",
                12,
                [
                    (
                        "kota",
                        "Deretan gedung kota pada sore hari menjelang pembukaan festival",
                        "Suasana menjelang pembukaan.",
                    ),
                    (
                        "bukit",
                        "Perbukitan hijau di kawasan wisata alam Kota Serang",
                        "Wisata alam yang dipromosikan selama festival.",
                    ),
                ],
            ),
        ],
        None,
    ),
}


def seed_demo_content(demo) -> None:
    spec = DEMO.get(demo.slug)
    if spec is None or Album.objects.exists() or Video.objects.exists():
        return
    albums, video = spec
    now = timezone.now()
    for title, slug, description, days_ago, photos in albums:
        album = Album(title=title, slug=slug, description=description,
                      published_at=now - timedelta(days=days_ago))  # fmt: skip
        publish_content(album)
        for position, (topic, alt_text, caption) in enumerate(photos, start=1):
            drawn = images.illustration(topic, f"{demo.slug}:{slug}:{position}", PHOTO_SIZE)
            photo = Photo(album=album, alt_text=alt_text, caption=caption, position=position * 10)
            photo.image = photo_file(images.as_upload(drawn, "foto.jpg"))
            photo.save()
    if video is not None:
        publish_content(Video(title=video[0], youtube_id=video[1], published_at=now))
