"""Demo PPID content: a Daftar Informasi Publik for every demo OPD (idempotent)."""

import datetime

from console.models import ActivityLevel
from demo.content import showcase
from ppid.models import PublicInformation
from publishing.services import publish_content

# (number, category, title, summary, holder, retention)
_DIP = (
    (
        "DIP-001",
        "berkala",
        "Rencana Strategis (Renstra) 2025–2029",
        "Dokumen perencanaan lima tahunan: tujuan, sasaran, program dan kegiatan.",
        "Sekretariat",
        "5 tahun",
    ),
    (
        "DIP-002",
        "berkala",
        "Laporan Kinerja Instansi Pemerintah (LKjIP) 2025",
        "Capaian kinerja tahun anggaran 2025 dibandingkan dengan target.",
        "Sekretariat",
        "5 tahun",
    ),
    (
        "DIP-003",
        "serta_merta",
        "Informasi peringatan dini dan jalur evakuasi",
        "Peta jalur evakuasi dan titik kumpul yang dapat diakses warga kapan saja.",
        "Bidang Pelayanan",
        "Selama berlaku",
    ),
    (
        "DIP-004",
        "setiap_saat",
        "Daftar aset dan inventaris kantor",
        "Daftar barang milik daerah yang dikelola unit ini.",
        "Subbagian Umum",
        "10 tahun",
    ),
    (
        "DIP-005",
        "dikecualikan",
        "Data pribadi pegawai",
        "Berkas kepegawaian yang memuat data pribadi.",
        "Subbagian Kepegawaian",
        "Selama aktif",
    ),
)


def seed_demo_content(demo) -> None:
    full = showcase(demo)
    if full is not None:
        entries = _DIP + tuple(
            (d.number, d.category, d.title, d.summary, d.holder, d.retention) for d in full.dip
        )
    elif demo.activity != ActivityLevel.INACTIVE:
        entries = _DIP
    else:
        entries = _DIP[:2]
    existing = set(PublicInformation.objects.filter(year=2026).values_list("number", flat=True))
    for number, category, title, summary, holder, retention in entries:
        extra = {}
        if category == PublicInformation.Category.EXCLUDED:
            extra = {
                "exclusion_legal_basis": "Pasal 17 huruf h UU 14/2008",
                "exclusion_consequence": "Membuka data pribadi pegawai tanpa persetujuan.",
                "exclusion_tested_on": datetime.date(2026, 1, 15),
            }
        if number in existing:
            continue
        entry = PublicInformation(
            year=2026,
            number=number,
            category=category,
            title=title,
            summary=summary,
            holder=holder,
            responsible_person=f"Kepala {demo.short_name}",
            produced_when="2026",
            produced_where=demo.name,
            retention_period=retention,
            **extra,
        )
        publish_content(entry)
