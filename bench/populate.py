"""Fill the benchmark database: N OPDs with realistic content, created in bulk.

The first CLONE_ABOVE OPDs are provisioned by the real service (`create_opd`: schema, migrations,
roles, default pages and categories, first admin); the rest are copies of the last of those
(bench/clone.py: its schema, rows, public rows and media links, with their own names). Each real
OPD's content is bulk-created in its schema: articles (200
in the first BIG_OPDS OPDs, 20 in the rest) with cover renditions, filled pages, PPID entries, and
its rows in the portal index (`replace_opd_index`). Cover renditions are made by the real
rendition code for the big OPDs; the other OPDs hard-link those files (same names, no disk cost).

    python -m bench.populate --opds 300          # grow the database to 300 bench OPDs
    python -m bench.populate --provision-one X   # time create_opd for one more OPD (JSON out)

Run with DJANGO_SETTINGS_MODULE=bench.settings (bench/run.py does).
"""

import argparse
import io
import json
import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import django

BIG_OPDS = 3
# OPDs past this number are copies of this one (bench/clone.py), so 2,000 OPDs take minutes.
CLONE_ABOVE = 20
BIG_ARTICLES = 200
SMALL_ARTICLES = 20
COVERS_PER_OPD = 4
PPID_ENTRIES = 12
SLUG_PREFIX = "opd-"
# Same titles (and so the same slugs) in every OPD, so one URL works on every host.
TOPICS = (
    "Rapat koordinasi pelayanan publik", "Sosialisasi program bantuan warga",
    "Pemutakhiran data penerima layanan", "Kunjungan kerja ke kecamatan",
    "Bimbingan teknis petugas layanan", "Peluncuran layanan daring terpadu",
    "Jadwal layanan selama libur nasional", "Penyerahan bantuan kepada masyarakat",
    "Evaluasi kinerja triwulan", "Musyawarah perencanaan pembangunan",
    "Pelatihan kewirausahaan bagi pemuda", "Pemeriksaan kesehatan gratis",
    "Gerakan kebersihan lingkungan", "Penandatanganan nota kesepahaman",
    "Survei kepuasan masyarakat", "Pengumuman hasil seleksi",
)  # fmt: skip
PARAGRAPH = (
    "<p>Kegiatan {topic} ke-{number} dilaksanakan di aula kantor dan diikuti perwakilan warga, "
    "ketua RT dan RW, serta seluruh bidang. Pelayanan kepada masyarakat menjadi pokok bahasan; "
    "setiap unit menyampaikan capaian, kendala dan rencana tindak lanjut untuk triwulan "
    "berikutnya. Informasi lebih lanjut dapat diperoleh melalui kontak resmi kantor.</p>"
)
PPID_CATEGORIES = ("berkala",) * 5 + ("serta_merta",) * 2 + ("setiap_saat",) * 4 + ("dikecualikan",)
KINDS = ("dinas", "badan", "kecamatan", "kelurahan", "sekretariat", "inspektorat")


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()


def opd_slug(number: int) -> str:
    return f"{SLUG_PREFIX}{number:03d}"


def article_title(index: int) -> str:
    return f"{TOPICS[index % len(TOPICS)]} nomor {index + 1}"


def cover_image(colour: tuple[int, int, int], label: str) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1600, 900), colour)
    draw = ImageDraw.Draw(image)
    for step in range(0, 1600, 80):
        draw.line([(step, 900), (step + 400, 0)], fill=(255, 255, 255), width=3)
    draw.rectangle([(80, 600), (1520, 820)], fill=(255, 255, 255))
    draw.text((120, 680), label, fill=(20, 20, 20), font_size=48)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def make_covers(opd) -> list[dict]:
    """Real uploads + renditions for a big OPD; returns the cover_meta of each cover."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from core.images import make_cover_renditions

    metas = []
    for number in range(COVERS_PER_OPD):
        colour = (30 + 50 * number, 90, 160 - 30 * number)
        data = cover_image(colour, f"{opd.short_name} sampul {number + 1}")
        name = default_storage.save(f"berita/sampul/bench/{number}.jpg", ContentFile(data))
        metas.append(make_cover_renditions(name, storage=default_storage))
    return metas


def link_covers(metas: list[dict], source_schema: str, target_schema: str) -> None:
    """Hard-link a big OPD's cover files into another OPD's media folder (same names)."""
    from django.conf import settings

    for meta in metas:
        names = [meta["source"], meta["share"]]
        for rendition in meta["renditions"]:
            names += [rendition["webp"], rendition["jpg"]]
        for name in names:
            source = Path(settings.MEDIA_ROOT) / source_schema / name
            target = Path(settings.MEDIA_ROOT) / target_schema / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                os.link(source, target)


def existing_covers(slug: str) -> tuple[list[dict], str]:
    """The cover_meta of a big OPD created by an earlier run, and its schema."""
    from django_tenants.utils import tenant_context

    from news.models import Article
    from tenants.models import Opd

    opd = Opd.objects.get(slug=slug)
    with tenant_context(opd):
        metas = Article.objects.exclude(cover="").values_list("cover_meta", flat=True)
        unique = {json.dumps(meta, sort_keys=True): meta for meta in metas}
    return list(unique.values()), opd.schema_name


def create_articles(count: int, metas: list[dict]) -> None:
    from django.utils import timezone
    from django.utils.text import slugify

    from core.richtext import html_to_text
    from news.models import Article, Category, Tag

    categories = {category.slug: category for category in Category.objects.all()}
    tags = [Tag.objects.create(name=name, slug=slugify(name)) for name in ("Layanan", "Warga")]
    now = timezone.now()
    articles = []
    for index in range(count):
        title = article_title(index)
        topic = TOPICS[index % len(TOPICS)].lower()
        body = "".join(PARAGRAPH.format(topic=topic, number=n + 1) for n in range(6))
        body = f"<h2>Rincian</h2>{body}<ul><li>Terbuka untuk umum</li><li>Tanpa biaya</li></ul>"
        meta = metas[index % len(metas)] if metas else {}
        category = "pengumuman" if index % 5 == 4 else ("berita", "agenda", "artikel")[index % 3]
        articles.append(
            Article(
                title=title,
                slug=slugify(title),
                summary=f"Ringkasan kegiatan {topic} yang ke-{index + 1} bagi masyarakat.",
                body=body,
                body_text=html_to_text(body),
                cover=meta.get("source", ""),
                cover_alt=f"Ilustrasi: {title}" if meta else "",
                cover_meta=meta,
                category=categories[category],
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(hours=6 * index + 1),
                is_pinned=index in (0, 1),
            )
        )
    created = Article.objects.bulk_create(articles)
    through = Article.tags.through
    through.objects.bulk_create(
        through(article_id=article.pk, tag_id=tags[index % 2].pk)
        for index, article in enumerate(created)
    )


def fill_pages(opd) -> None:
    from core.richtext import html_to_text
    from pages.demo import seed_demo_officials
    from pages.models import Official, Page

    for page in Page.objects.all():
        body = (
            f"<h2>{page.title}</h2><p>{opd.name} melaksanakan urusan pemerintahan daerah di "
            "bidangnya dan melayani masyarakat setiap hari kerja.</p>"
        ) * 3
        Page.objects.filter(pk=page.pk).update(body=body, body_text=html_to_text(body))
    if not Official.objects.exists():
        # The Struktur Organisasi page's chart: a head and four units, as a demo OPD has.
        seed_demo_officials(opd)


def create_ppid_entries() -> None:
    from ppid.models import PublicInformation

    entries = []
    for index, category in enumerate(PPID_CATEGORIES[:PPID_ENTRIES]):
        excluded = category == "dikecualikan"
        entries.append(
            PublicInformation(
                number=f"DIP-{index + 1:03d}",
                title=f"Informasi publik nomor {index + 1}",
                summary="Ringkasan isi informasi yang tersedia bagi masyarakat.",
                holder="Sekretariat",
                responsible_person="Sekretaris",
                produced_when="2025",
                produced_where="Kantor",
                retention_period="5 tahun",
                year=2025 - index % 3,
                category=category,
                link="" if excluded else f"https://arsip.example.go.id/dip/{index + 1}",
                exclusion_legal_basis="UU 14/2008 Pasal 17 huruf a" if excluded else "",
                exclusion_consequence="Menghambat proses penegakan hukum." if excluded else "",
                exclusion_tested_on=date(2025, 1, 15) if excluded else None,
            )
        )
    PublicInformation.objects.bulk_create(entries)


def populate(
    target: int, *, clone_above: int = CLONE_ABOVE, log=lambda line: sys.stderr.write(line + "\n")
) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django_tenants.utils import tenant_context

    from console.checklist import record_content_checklist
    from mainsite.index import replace_opd_index
    from news.portal import index_entries
    from tenants.models import Opd
    from tenants.services import create_opd, create_public_tenant

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    create_public_tenant()
    existing = Opd.objects.filter(slug__startswith=SLUG_PREFIX).count()
    big_metas: list[dict] = []
    big_schema = ""
    clone_above = max(clone_above, BIG_OPDS + 1)  # the template is a small OPD
    started = time.perf_counter()
    for number in range(existing + 1, min(target, clone_above) + 1):
        slug = opd_slug(number)
        create_opd(
            name=f"{KINDS[number % len(KINDS)].capitalize()} Uji Beban {number:03d}",
            short_name=f"OPD {number:03d}",
            kind=KINDS[number % len(KINDS)],
            slug=slug,
            admin_name=f"Admin {number:03d}",
            admin_email=f"admin@{slug}.example.go.id",
            send_invitation=False,
        )
        opd = Opd.objects.prefetch_related("domains").get(slug=slug)
        Opd.objects.filter(pk=opd.pk).update(
            address=f"Jl. Raya Pemerintahan No. {number}",
            phone=f"0254-{200000 + number}",
            email=f"info@{slug}.example.go.id",
        )
        big = number <= BIG_OPDS
        with tenant_context(opd):
            if big:
                metas = make_covers(opd)
                if not big_metas:
                    big_metas, big_schema = metas, opd.schema_name
            else:
                if not big_metas:
                    big_metas, big_schema = existing_covers(opd_slug(1))
                metas = big_metas[:2]
                link_covers(metas, big_schema, opd.schema_name)
            create_articles(BIG_ARTICLES if big else SMALL_ARTICLES, metas)
            fill_pages(opd)
            create_ppid_entries()
            replace_opd_index(opd, "article", index_entries())
            record_content_checklist()
        connection.set_schema_to_public()
        if number % 25 == 0 or number == target:
            log(f"  {number} OPDs ({time.perf_counter() - started:.0f} s)")
    copies = list(range(max(existing, clone_above) + 1, target + 1))
    if copies:
        from bench.clone import Cloner

        log(f"  copying {opd_slug(clone_above)} {len(copies)} times")
        Cloner(opd_slug(clone_above), clone_above).clone_many(copies, log)
    # A live database has statistics (autovacuum analyses it); a bulk load leaves none until
    # autovacuum comes by, and without them the planner sorts the whole portal index.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def provision_one(slug: str) -> float:
    """Seconds `create_opd` takes for one more OPD (the console's and the command's path)."""
    from tenants.models import Opd
    from tenants.services import create_opd

    started = time.perf_counter()
    create_opd(
        name=f"Dinas Tambahan {slug}",
        short_name=slug,
        kind=Opd.Kind.DINAS,
        slug=slug,
        admin_name="Admin Tambahan",
        admin_email=f"admin@{slug}.example.go.id",
        send_invitation=False,
    )
    return time.perf_counter() - started


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opds", type=int, help="grow the database to this many bench OPDs")
    parser.add_argument(
        "--clone-above",
        type=int,
        default=CLONE_ABOVE,
        help="OPDs past this number are copies of that OPD's schema (bench/clone.py)",
    )
    parser.add_argument("--provision-one", metavar="SLUG", help="time create_opd for one OPD")
    options = parser.parse_args(argv)
    setup()
    if options.opds is not None:
        populate(options.opds, clone_above=options.clone_above)
    if options.provision_one:
        sys.stdout.write(json.dumps({"seconds": provision_one(options.provision_one)}) + "\n")


if __name__ == "__main__":
    main()
