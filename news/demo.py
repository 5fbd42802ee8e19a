"""Demo articles for the demo OPDs, dated to reproduce the 2024 activity evaluation.

"active" OPDs published within the last 30 days, "barely_active" ones last published 31–90 days
ago, "inactive" ones long ago (2021–2023) or never. Running the seed again changes nothing.
"""

import hashlib
from datetime import datetime, timedelta

from django.utils import timezone

from console.models import ActivityLevel
from demo import images
from demo.content import NEWEST_ARTICLE_AGE, showcase
from library.services import add_image
from news.models import Article, Category
from publishing.services import publish_content

# The drawn cover of a generic article, by category.
_TOPIC_OF_CATEGORY = {"berita": "kantor", "pengumuman": "layanan", "agenda": "rapat",
                      "artikel": "bukit"}  # fmt: skip

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


def _cover(topic: str, seed: str):
    """A drawn cover, stored in the media library as an operator's upload would be."""
    upload = images.as_upload(images.illustration(topic, seed), "sampul.jpg")
    return add_image(upload=upload, alt_text=images.DESCRIPTIONS[topic])


def seed_demo_content(demo) -> None:
    """Create the demo articles of `demo` in the current OPD schema (idempotent)."""
    if Article.objects.exists():
        return
    categories = {category.slug: category for category in Category.objects.all()}
    full = showcase(demo)
    if full is not None:
        _seed_showcase(demo, full, categories)
        return
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
            article.cover_photo = _cover(_TOPIC_OF_CATEGORY[category_slug], f"{demo.slug}:{title}")
        publish_content(article)


def _seed_showcase(demo, full, categories) -> None:
    newest = timezone.now() - timedelta(days=NEWEST_ARTICLE_AGE[demo.activity])
    for item in full.articles:
        body = "".join(f"<p>{paragraph}</p>" for paragraph in item.paragraphs)
        article = Article(
            title=item.title,
            summary=item.summary,
            body=f"<p>{item.summary}</p>{body}",
            category=categories[item.category],
            status=Article.Status.PUBLISHED,
            published_at=newest - timedelta(days=item.age, hours=item.age % 7),
            is_pinned=item.pinned,
            cover_photo=_cover(item.topic, f"{demo.slug}:{item.title}"),
        )
        publish_content(article)
