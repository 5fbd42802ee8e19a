"""Demo articles for the demo OPDs, dated to reproduce the 2024 activity evaluation.

"active" OPDs published within the last 30 days, "barely_active" ones last published 31–90 days
ago, "inactive" ones long ago (2021–2023) or never. Running the seed again changes nothing.
"""

import hashlib
import io
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from console.models import ActivityLevel
from news.models import Article, Category
from publishing.services import publish_content

# (days ago, category slug, title, summary) per activity level.
_RECENT = (
    (
        2,
        "berita",
        "Rapat koordinasi pelayanan publik triwulan ini",
        "Pimpinan dan seluruh bidang membahas capaian layanan serta tindak lanjut aduan warga.",
    ),
    (
        6,
        "pengumuman",
        "Jadwal layanan selama libur nasional",
        "Layanan tatap muka tutup pada hari libur; layanan daring tetap dapat diakses.",
    ),
    (
        13,
        "agenda",
        "Sosialisasi program kepada ketua RT dan RW",
        "Sosialisasi digelar di aula kantor dan terbuka untuk perwakilan warga.",
    ),
    (
        24,
        "artikel",
        "Tanya jawab seputar layanan kami",
        "Pertanyaan yang paling sering diajukan warga beserta jawabannya.",
    ),
)
_WEEKS_AGO = (
    (
        38,
        "berita",
        "Kunjungan kerja ke kelurahan",
        "Tim meninjau langsung pelaksanaan program di lapangan.",
    ),
    (
        52,
        "pengumuman",
        "Pemutakhiran data penerima layanan",
        "Warga diminta memeriksa dan memperbarui data melalui kantor kelurahan.",
    ),
    (
        75,
        "agenda",
        "Bimbingan teknis bagi petugas layanan",
        "Bimbingan teknis meningkatkan mutu layanan di seluruh unit.",
    ),
)
_LONG_AGO = (
    (datetime(2023, 3, 14, 9, 0), "berita", "Peluncuran layanan pengaduan terpadu",
     "Warga kini dapat menyampaikan pengaduan melalui satu pintu."),
    (datetime(2021, 8, 2, 10, 30), "pengumuman", "Perubahan jam layanan kantor",
     "Jam layanan disesuaikan mulai bulan ini."),
)  # fmt: skip

_BODY = (
    "<p>{summary}</p>"
    "<h2>Rincian</h2>"
    "<p>Kegiatan ini merupakan bagian dari upaya meningkatkan kualitas pelayanan kepada "
    "masyarakat Kota Serang. Informasi lebih lanjut dapat diperoleh melalui kontak resmi.</p>"
    "<ul><li>Tempat: kantor {opd}</li><li>Terbuka untuk umum</li></ul>"
)


def _articles_for(demo) -> list[tuple[datetime, str, str, str]]:
    now = timezone.now()
    if demo.activity == ActivityLevel.ACTIVE:
        return [(now - timedelta(days=d), *rest) for d, *rest in _RECENT + _WEEKS_AGO]
    if demo.activity == ActivityLevel.BARELY_ACTIVE:
        return [(now - timedelta(days=d), *rest) for d, *rest in _WEEKS_AGO]
    # Some inactive OPDs never published anything at all.
    if int(hashlib.sha256(demo.slug.encode()).hexdigest(), 16) % 3 == 0:
        return []
    return [(timezone.make_aware(when), *rest) for when, *rest in _LONG_AGO]


def _cover(colour: str, title: str) -> ContentFile:
    image = Image.new("RGB", (1600, 900), colour)
    draw = ImageDraw.Draw(image)
    for step in range(0, 1600, 80):
        draw.line([(step, 900), (step + 400, 0)], fill=(255, 255, 255), width=3)
    draw.rectangle([(80, 600), (1520, 820)], fill=(255, 255, 255))
    draw.text((120, 680), title[:60], fill=(20, 20, 20), font_size=48)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return ContentFile(buffer.getvalue(), name="sampul.jpg")


def seed_demo_content(demo) -> None:
    """Create the demo articles of `demo` in the current OPD schema (idempotent)."""
    if Article.objects.exists():
        return
    categories = {category.slug: category for category in Category.objects.all()}
    for index, (published_at, category_slug, title, summary) in enumerate(_articles_for(demo)):
        article = Article(
            title=title,
            summary=summary,
            body=_BODY.format(summary=summary, opd=demo.short_name),
            category=categories[category_slug],
            status=Article.Status.PUBLISHED,
            published_at=published_at,
            is_pinned=index == 0 and demo.activity == ActivityLevel.ACTIVE,
        )
        # Covers only for the first article of OPDs that publish: enough to show renditions.
        if index == 0 and demo.activity != ActivityLevel.INACTIVE:
            article.cover = _cover(demo.colour, title)
            article.cover_alt = f"Ilustrasi: {title}"
        publish_content(article)
