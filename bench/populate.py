"""Fill the benchmark database: N OPDs with realistic content, created in bulk.

The first CLONE_ABOVE OPDs are provisioned by the real service (`create_opd`: schema, migrations,
roles, default pages and categories, first admin); the rest are copies of the last of those
(bench/clone.py: its schema, rows, public rows and media links, with their own names). Each real
OPD's content is bulk-created in its schema: articles (200
in the first BIG_OPDS OPDs, 20 in the rest) with cover renditions, filled pages, PPID entries,
services with their steps, a signed Maklumat and a few SKM answers (15 services in the big OPDs,
5 in the rest), events (half upcoming, half past), FAQ groups and items, downloadable documents
(small valid PDFs), one photo album and a video, and its rows in the portal index
(`replace_opd_index`: articles, services, events). Rich text is sanitised and every `body_text`
filled as the models' save() does, so the generated search vectors hold what a real save gives.
Cover and photo renditions are made by the real rendition code for the big OPDs; the other OPDs
hard-link those files (same names, no disk cost).

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


# --- the content types of issue #18 ----------------------------------------------------------

BIG_SERVICES = 15
SMALL_SERVICES = 5
SKM_SERVICES = 5
SKM_RESPONSES_PER_SERVICE = 8
BIG_EVENTS = 30
SMALL_EVENTS = 8
BIG_DOCUMENTS = 40
SMALL_DOCUMENTS = 10
BIG_PHOTOS = 6
SMALL_PHOTOS = 3
ALBUM_SLUG = "kegiatan-pelayanan-publik"
# (name, slug, product); the same services (and so the same URLs) in every OPD.
SERVICES = (
    ("Penerbitan KTP-el", "ktp-el", "Kartu Tanda Penduduk elektronik (KTP-el)"),
    ("Penerbitan Kartu Keluarga", "kartu-keluarga", "Kartu Keluarga"),
    ("Penerbitan Akta Kelahiran", "akta-kelahiran", "Kutipan Akta Kelahiran"),
    ("Permohonan Data dan Informasi", "permohonan-data", "Salinan data atau informasi"),
    ("Pengaduan Pelayanan Masyarakat", "pengaduan-masyarakat", "Tanggapan atas pengaduan"),
    ("Penerbitan Akta Kematian", "akta-kematian", "Kutipan Akta Kematian"),
    ("Surat Keterangan Pindah", "surat-pindah", "Surat Keterangan Pindah WNI"),
    ("Kartu Identitas Anak", "kartu-identitas-anak", "Kartu Identitas Anak (KIA)"),
    ("Legalisasi Fotokopi KTP dan KK", "legalisasi-dokumen", "Fotokopi yang dilegalisasi"),
    ("Rekomendasi Izin Usaha Mikro", "rekomendasi-izin-usaha", "Surat rekomendasi"),
    ("Surat Keterangan Domisili", "surat-domisili", "Surat Keterangan Domisili"),
    ("Permohonan Bantuan Sosial", "bantuan-sosial", "Keputusan penerima bantuan"),
    ("Pendaftaran Pelatihan Kerja", "pelatihan-kerja", "Bukti pendaftaran pelatihan"),
    ("Permohonan Audiensi", "audiensi", "Jadwal audiensi"),
    ("Konsultasi Teknis", "konsultasi-teknis", "Catatan hasil konsultasi"),
)  # fmt: skip
SERVICE_STEPS = (
    ("Mengambil nomor antrean", "Di loket informasi atau melalui aplikasi antrean daring."),
    ("Menyerahkan berkas persyaratan", "Petugas loket memeriksa kelengkapan berkas pemohon."),
    ("Verifikasi dan validasi", "Petugas memeriksa kebenaran data pada sistem."),
    ("Penyerahan hasil layanan", "Hasil diambil pemohon dengan menunjukkan bukti antrean."),
)
SERVICE_REQUIREMENTS = (
    "<ul><li>Fotokopi KTP-el pemohon</li><li>Fotokopi Kartu Keluarga (KK)</li>"
    "<li>Formulir permohonan yang sudah diisi dan ditandatangani</li>"
    "<li>Surat pengantar dari RT/RW dan kelurahan bila diperlukan</li></ul>"
)
SERVICE_COMPLAINTS = (
    "<p>Pengaduan, saran dan masukan dapat disampaikan melalui kotak saran di ruang pelayanan, "
    "SP4N-LAPOR! (lapor.go.id) atau petugas pengaduan di loket informasi.</p>"
    "<p>Setiap pengaduan ditanggapi paling lama 5 hari kerja.</p>"
)
MAKLUMAT = (
    "<p>Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan "
    "yang telah ditetapkan, dan apabila tidak menepati janji ini kami siap menerima sanksi "
    "sesuai peraturan perundang-undangan yang berlaku.</p>"
)
EVENT_TOPICS = (
    "Rapat koordinasi pelayanan terpadu", "Sosialisasi layanan daring", "Apel pagi bersama",
    "Pelayanan keliling di kecamatan", "Forum konsultasi publik", "Simulasi tanggap darurat",
    "Pameran produk usaha mikro", "Bimbingan teknis operator kelurahan",
)  # fmt: skip
EVENT_PLACES = ("Aula kantor", "Balai kelurahan", "Alun-alun kota", "Ruang rapat lantai 2")
FAQ_GROUPS = {
    "Pendaftaran dan persyaratan": (
        "Dokumen apa saja yang perlu dibawa?",
        "Apakah pendaftaran bisa diwakilkan?",
        "Bisakah mendaftar secara daring?",
        "Bagaimana bila dokumen saya hilang?",
        "Apakah fotokopi harus dilegalisasi?",
        "Di mana formulir permohonan bisa didapat?",
    ),
    "Biaya dan waktu": (
        "Berapa biaya layanan?",
        "Berapa lama permohonan selesai?",
        "Kapan jam pelayanan dibuka?",
        "Apakah layanan buka pada hari Sabtu?",
        "Bagaimana mengetahui permohonan sudah selesai?",
        "Apakah ada layanan percepatan?",
    ),
    "Pengaduan": (
        "Ke mana menyampaikan pengaduan?",
        "Berapa lama pengaduan ditanggapi?",
        "Apakah identitas pelapor dirahasiakan?",
        "Bisakah mengadu melalui SP4N-LAPOR!?",
    ),
    "Lain-lain": (
        "Bagaimana mengisi survei kepuasan masyarakat?",
        "Di mana lokasi kantor pelayanan?",
        "Apakah tersedia layanan bagi penyandang disabilitas?",
    ),
}
FAQ_ANSWER = (
    "<p>Warga dapat menanyakan hal ini di loket informasi pada jam pelayanan atau melalui "
    "kontak resmi kantor. Persyaratan lengkap setiap layanan tercantum pada halaman "
    "<strong>Layanan</strong> situs ini.</p><ul><li>Bawa dokumen asli untuk diperlihatkan</li>"
    "<li>Layanan tidak dipungut biaya kecuali disebut lain</li></ul>"
)
DOCUMENT_TITLES = {
    "formulir": "Formulir permohonan layanan",
    "peraturan": "Peraturan Wali Kota tentang standar pelayanan",
    "laporan": "Laporan kinerja pelayanan triwulan",
    "lainnya": "Brosur informasi layanan",
}


def create_services(count: int) -> None:
    """Services with their steps and a signed Maklumat, as the admin's save path writes them
    (sanitised rich text, body_text for the generated search vector)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection

    from core.richtext import html_to_text, sanitize_html
    from documents.demo import minimal_pdf
    from library.services import add_document
    from publicservices.models import Service, ServiceMaklumat, ServiceStep

    opd = connection.tenant
    requirements = sanitize_html(SERVICE_REQUIREMENTS)
    complaints = sanitize_html(SERVICE_COMPLAINTS)
    services = []
    for index, (name, slug, product) in enumerate(SERVICES[:count]):
        duration = f"{1 + index % 5} hari kerja"
        cost = "Gratis" if index % 4 else "Sesuai Peraturan Daerah tentang Retribusi"
        service = Service(
            name=name,
            slug=slug,
            summary=f"{name} bagi warga. Pelayanan diberikan di kantor {opd.short_name} "
            "pada jam kerja, tanpa calo.",
            requirements=requirements,
            duration=duration,
            cost=cost,
            product=product,
            complaints=complaints,
            opening_hours="Senin–Kamis 08.00–15.00 WIB, Jumat 08.00–11.00 WIB",
            location=f"Ruang pelayanan {opd.name}",
            position=index * 10,
        )
        # As Service.save() does it.
        service.body_text = " ".join(
            part for part in (html_to_text(requirements), product, duration, cost) if part
        )
        services.append(service)
    created = Service.objects.bulk_create(services)
    ServiceStep.objects.bulk_create(
        ServiceStep(service=service, position=order, title=title, description=text)
        for service in created
        for order, (title, text) in enumerate(SERVICE_STEPS, start=1)
    )
    pdf = minimal_pdf(["MAKLUMAT PELAYANAN", opd.name, "(tanda tangan dan cap)"])
    scan = add_document(
        upload=SimpleUploadedFile("maklumat.pdf", pdf, "application/pdf"),
        title=f"Maklumat Pelayanan {opd.name} (bertanda tangan)",
    )
    ServiceMaklumat.objects.create(
        text=MAKLUMAT, signed_by=f"Kepala {opd.name}", scan_document=scan
    )


def create_survey_responses() -> None:
    """A few SKM answers for the first services, and the OPD's IKM on its public row."""
    import random

    from django.utils import timezone

    from publicservices.models import Service, SurveyResponse
    from publicservices.survey.elements import ELEMENTS
    from publicservices.survey.summary import record_ikm

    rng = random.Random(7)
    now = timezone.now()
    rows = [
        SurveyResponse(
            service=service,
            submitted_at=now - timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 600)),
            **{element.field: rng.choices((1, 2, 3, 4), (0, 2, 10, 8))[0] for element in ELEMENTS},
        )
        for service in Service.objects.order_by("position")[:SKM_SERVICES]
        for _ in range(SKM_RESPONSES_PER_SERVICE)
    ]
    SurveyResponse.objects.bulk_create(rows)
    record_ikm()


def event_title(index: int) -> str:
    return f"{EVENT_TOPICS[index % len(EVENT_TOPICS)]} nomor {index + 1}"


def create_events(count: int) -> None:
    """Half upcoming, half past (every third day), every fifth all day."""
    from django.utils import timezone
    from django.utils.text import slugify

    from agenda.models import Event
    from core.richtext import html_to_text, sanitize_html

    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    events = []
    for index in range(count):
        title = event_title(index)
        # Index 0 is the soonest upcoming event, odd indexes are past.
        days = 3 * (index // 2) + 1
        starts = now + timedelta(days=days if index % 2 == 0 else -days, hours=2)
        description = sanitize_html(
            f"<p>{title} terbuka untuk umum. Warga yang ingin hadir diminta datang 15 menit "
            "sebelum acara dimulai dan membawa kartu identitas.</p><ul><li>Tanpa biaya</li>"
            "<li>Tempat terbatas</li></ul>"
        )
        event = Event(
            title=title,
            slug=slugify(title),
            all_day=index % 5 == 4,
            starts_at=starts,
            ends_at=starts + timedelta(hours=3),
            place=EVENT_PLACES[index % len(EVENT_PLACES)],
            organiser="Sekretariat",
            description=description,
            body_text=html_to_text(description),  # as Event.save()
        )
        event.normalise_times()
        events.append(event)
    Event.objects.bulk_create(events)


def create_faq(big: bool) -> None:
    from core.richtext import html_to_text, sanitize_html
    from faq.models import FaqGroup, FaqItem

    answer = sanitize_html(FAQ_ANSWER)
    groups = list(FAQ_GROUPS.items()) if big else list(FAQ_GROUPS.items())[:2]
    created = FaqGroup.objects.bulk_create(
        FaqGroup(title=title, position=index * 10) for index, (title, _) in enumerate(groups)
    )
    FaqItem.objects.bulk_create(
        FaqItem(
            group=group,
            question=question,
            answer=answer,
            answer_text=html_to_text(answer),  # as FaqItem.save()
            position=order * 10,
        )
        for group, (_, questions) in zip(created, groups, strict=True)
        for order, question in enumerate(questions if big else questions[:4])
    )


def create_documents(count: int) -> None:
    """Documents of every default category, each category's a small valid PDF."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from core.filetypes import PDF
    from core.richtext import html_to_text, sanitize_html
    from documents.defaults import seed_defaults
    from documents.demo import minimal_pdf
    from documents.models import Document, DocumentCategory

    seed_defaults()
    categories = list(DocumentCategory.objects.filter(slug__in=DOCUMENT_TITLES))
    files = {}
    for category in categories:
        content = minimal_pdf([DOCUMENT_TITLES[category.slug], "Halaman 1 dari 1"])
        name = default_storage.save(f"unduhan/bench/{category.slug}.pdf", ContentFile(content))
        files[category.slug] = (name, len(content))
    now = timezone.now()
    documents = []
    for index in range(count):
        category = categories[index % len(categories)]
        title = f"{DOCUMENT_TITLES[category.slug]} nomor {index + 1}"
        description = sanitize_html(
            f"<p>{title}: unduh, baca, lalu cetak bila diperlukan untuk pelayanan bagi warga.</p>"
        )
        name, size = files[category.slug]
        documents.append(
            Document(
                title=title,
                description=description,
                body_text=html_to_text(description),  # as Document.save()
                category=category,
                file=name,
                original_filename=f"{title}.pdf",
                file_type=PDF,
                file_size=size,
                published_at=now - timedelta(days=3 * index + 1),
            )
        )
    Document.objects.bulk_create(documents)


def make_photos(opd, album) -> list[dict]:
    """A big OPD's album photos, through the real upload path (Photo.save makes renditions)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from gallery.models import PHOTO_FOLDER, Photo

    metas = []
    for number in range(BIG_PHOTOS):
        colour = (40 + 30 * number, 120, 90 + 20 * number)
        data = cover_image(colour, f"{opd.short_name} foto kegiatan {number + 1}")
        photo = Photo(
            album=album,
            alt_text=f"Petugas melayani warga di ruang pelayanan, foto {number + 1}",
            caption=f"Kegiatan pelayanan publik, foto {number + 1}.",
            position=(number + 1) * 10,
        )
        photo.image = default_storage.save(f"{PHOTO_FOLDER}/bench/{number}.jpg", ContentFile(data))
        photo.save()
        metas.append(photo.renditions)
    return metas


def existing_photos(slug: str) -> tuple[list[dict], str]:
    """The photo renditions of a big OPD created by an earlier run, and its schema."""
    from django_tenants.utils import tenant_context

    from gallery.models import Photo
    from tenants.models import Opd

    opd = Opd.objects.get(slug=slug)
    with tenant_context(opd):
        return [photo.renditions for photo in Photo.objects.order_by("position")], opd.schema_name


def create_gallery(opd, photo_metas: list[dict] | None) -> list[dict]:
    """One album (real photos when `photo_metas` is None, else rows on linked files) and a
    video; returns the photos' renditions."""
    from django.utils import timezone

    from gallery.models import Album, Photo, Video

    now = timezone.now()
    description = (
        f"Dokumentasi kegiatan pelayanan publik {opd.name} bersama warga di kantor dan kelurahan."
    )
    album = Album(
        title="Kegiatan pelayanan publik",
        slug=ALBUM_SLUG,
        description=description,
        body_text=description,  # as Album.save()
        published_at=now - timedelta(days=2),
    )
    album.save()
    if photo_metas is None:
        photo_metas = make_photos(opd, album)
    else:
        Photo.objects.bulk_create(
            Photo(
                album=album,
                image=meta["source"],
                renditions=meta,
                width=meta["width"],
                height=meta["height"],
                alt_text=f"Petugas melayani warga di ruang pelayanan, foto {number + 1}",
                caption=f"Kegiatan pelayanan publik, foto {number + 1}.",
                position=(number + 1) * 10,
            )
            for number, meta in enumerate(photo_metas)
        )
    Album.objects.filter(pk=album.pk).update(cover=album.photos.order_by("position").first())
    Video.objects.create(
        title="Cara mengurus layanan secara daring", youtube_id="M7lc1UVf-VE", published_at=now
    )
    return photo_metas


def populate(
    target: int, *, clone_above: int = CLONE_ABOVE, log=lambda line: sys.stderr.write(line + "\n")
) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django_tenants.utils import tenant_context

    from agenda import portal as agenda_portal
    from agenda.models import Event
    from console.checklist import record_content_checklist
    from mainsite.index import replace_opd_index
    from news.portal import index_entries
    from publicservices import portal as services_portal
    from publicservices.models import Service
    from tenants.models import Opd
    from tenants.services import create_opd, create_public_tenant

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    create_public_tenant()
    existing = Opd.objects.filter(slug__startswith=SLUG_PREFIX).count()
    big_metas: list[dict] = []
    big_schema = ""
    big_photos: list[dict] = []
    photos_schema = ""
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
            create_services(BIG_SERVICES if big else SMALL_SERVICES)
            create_survey_responses()
            create_events(BIG_EVENTS if big else SMALL_EVENTS)
            create_faq(big)
            create_documents(BIG_DOCUMENTS if big else SMALL_DOCUMENTS)
            if big:
                photos = create_gallery(opd, None)
                if not big_photos:
                    big_photos, photos_schema = photos, opd.schema_name
            else:
                if not big_photos:
                    big_photos, photos_schema = existing_photos(opd_slug(1))
                photos = big_photos[:SMALL_PHOTOS]
                link_covers(photos, photos_schema, opd.schema_name)
                create_gallery(opd, photos)
            replace_opd_index(opd, "article", index_entries())
            replace_opd_index(opd, Service.guard_kind, services_portal.index_entries())
            replace_opd_index(opd, Event.guard_kind, agenda_portal.index_entries())
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
