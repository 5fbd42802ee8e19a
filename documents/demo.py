"""Demo documents for a few demo OPDs, with small PDFs written here (idempotent)."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from core.filetypes import PDF
from documents.defaults import seed_defaults
from documents.models import Document, DocumentCategory
from publishing.services import publish_content

# slug -> [(category slug, title, description, lines of the PDF)]
_DOCUMENTS = {
    "bpbd": [
        (
            "formulir",
            "Formulir Laporan Kejadian Bencana",
            "Formulir yang diisi warga atau ketua RT untuk melaporkan kejadian bencana di "
            "lingkungannya: banjir, longsor, angin puting beliung atau kebakaran.",
            ["Formulir Laporan Kejadian Bencana", "Nama pelapor: ....", "Lokasi kejadian: ...."],
        ),
        (
            "laporan",
            "Laporan Penanganan Banjir Januari 2026",
            "Ringkasan penanganan banjir di Kecamatan Kasemen dan Taktakan: jumlah warga "
            "terdampak, posko pengungsian dan bantuan yang disalurkan.",
            ["Laporan Penanganan Banjir Januari 2026", "Warga terdampak: 1.240 jiwa"],
        ),
        (
            "peraturan",
            "Peraturan Wali Kota tentang Rencana Kontinjensi Banjir",
            "Rencana kontinjensi banjir Kota Serang sebagai pedoman bersama saat tanggap darurat.",
            ["Peraturan Wali Kota Serang", "Rencana Kontinjensi Banjir"],
        ),
    ],
    "disdukcapil": [
        (
            "formulir",
            "Formulir Biodata Keluarga (F-1.01)",
            "Formulir untuk penerbitan atau perubahan Kartu Keluarga. Cetak, isi dengan huruf "
            "kapital, lalu bawa ke loket pelayanan bersama dokumen pendukung.",
            ["Formulir Biodata Keluarga F-1.01", "Nomor KK: ....", "Nama kepala keluarga: ...."],
        ),
        (
            "formulir",
            "Formulir Pendaftaran Peristiwa Kependudukan (F-1.02)",
            "Formulir untuk pindah datang, pindah keluar dan perubahan data kependudukan.",
            ["Formulir Pendaftaran Peristiwa Kependudukan F-1.02"],
        ),
        (
            "laporan",
            "Data Agregat Kependudukan Semester II 2025",
            "Jumlah penduduk Kota Serang per kecamatan menurut jenis kelamin dan kelompok umur.",
            ["Data Agregat Kependudukan Semester II 2025", "Jumlah penduduk: 724.512 jiwa"],
        ),
    ],
    "dinkes": [
        (
            "formulir",
            "Formulir Permohonan Izin Praktik Tenaga Kesehatan",
            "Formulir permohonan Surat Izin Praktik (SIP) bagi dokter, bidan dan perawat.",
            ["Formulir Permohonan Surat Izin Praktik", "Nama: ....", "Profesi: ...."],
        ),
        (
            "laporan",
            "Profil Kesehatan Kota Serang 2025",
            "Gambaran derajat kesehatan, fasilitas dan tenaga kesehatan Kota Serang tahun 2025.",
            ["Profil Kesehatan Kota Serang 2025"],
        ),
    ],
}


def minimal_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF showing `lines` in Helvetica, with a correct cross-reference table."""

    def escaped(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    shown = "".join(
        f"BT /F1 {16 if i == 0 else 12} Tf 56 {780 - 28 * i} Td ({escaped(line)}) Tj ET\n"
        for i, line in enumerate(lines)
    ).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(shown) + shown + b"endstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def seed_demo_content(demo) -> None:
    entries = _DOCUMENTS.get(demo.slug)
    if not entries:
        return
    seed_defaults()
    categories = {category.slug: category for category in DocumentCategory.objects.all()}
    existing = set(Document.objects.values_list("title", flat=True))
    start = timezone.now() - datetime.timedelta(days=40)
    for index, (category, title, description, lines) in enumerate(entries):
        if title in existing:
            continue
        content = minimal_pdf(lines)
        document = Document(
            title=title,
            description=f"<p>{description}</p>",
            category=categories[category],
            file_type=PDF,
            file_size=len(content),
            original_filename=f"{title}.pdf",
            published_at=start + datetime.timedelta(days=7 * index),
        )
        document.file.save("dokumen.pdf", ContentFile(content), save=False)
        publish_content(document)
