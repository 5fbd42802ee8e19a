"""The indicators of the Skor Keterbukaan: their groups, wording, weights and sources.

The Komisi Informasi scores every badan publik each year under Peraturan Komisi Informasi
Nomor 1 Tahun 2022 tentang Monitoring dan Evaluasi Keterbukaan Informasi Publik (in force since
5 January 2022, replacing Perki 5/2016): a Self Assessment Questionnaire (SAQ, 80 % of the
final mark) and a visit (20 %), in the bands Informatif 90–100, Menuju Informatif 80–89,9,
Cukup Informatif 60–79,9, Kurang Informatif 40–59,9 and Tidak Informatif < 40.

Group weights. We could not find the Perki's own annex (the SAQ and its weights) in the sources
we searched. The weights used here are the ones a commissioner of the Komisi Informasi Pusat
(Muhammad Khaidir) presented at the Rapat Kerja PPID of the Provinsi Kalimantan Timur on
20 May 2025, as reported by the province (kaltimprov.go.id, "KI Kaltim dorong penguatan
monitoring dan evaluasi keterbukaan informasi di badan publik"): jenis informasi 40 %,
digitalisasi 20 %, kualitas informasi, pelayanan informasi, komitmen organisasi and sarana dan
prasarana 10 % each. The Komisi Informasi sets them for each year's monev (the 2022 launch
named "inovasi dan strategi" as an indicator of its own; 2023 reports give other weights), so
they live here, in one place, to be updated when the year's technical guidelines change them.

Indicator weights within a group are the platform's own (not the Komisi Informasi's): they
split each group's points between what the platform can measure and what the PPID answers,
and sum to the group's weight, so that the score is simply the sum of the points earned.
The wording of each indicator follows the obligations it checks; `source` names the rule.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

MEASURED = "diukur"
ANSWERED = "dijawab"


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    weight: int


@dataclass(frozen=True)
class Indicator:
    key: str
    group: str
    wording: str
    weight: int
    # MEASURED: read from what the platform holds (a core.registry.OpennessFact of this key);
    # ANSWERED: the PPID answers it (ya / sebagian / tidak) and uploads its evidence.
    kind: str
    source: str


GROUP_SOURCE = _(
    "Bobot kelompok: paparan Komisioner KI Pusat pada Rapat Kerja PPID Provinsi Kalimantan "
    "Timur, 20 Mei 2025 (kaltimprov.go.id), untuk monev menurut Perki 1/2022"
)

GROUPS = (
    Group("jenis_informasi", _("Jenis informasi"), 40),
    Group("kualitas_informasi", _("Kualitas informasi"), 10),
    Group("pelayanan_informasi", _("Pelayanan informasi"), 10),
    Group("komitmen_organisasi", _("Komitmen organisasi"), 10),
    Group("sarana_prasarana", _("Sarana dan prasarana"), 10),
    Group("digitalisasi", _("Digitalisasi dan inovasi"), 20),
)

INDICATORS = (
    # Jenis informasi (40)
    Indicator(
        "dip_kategori",
        "jenis_informasi",
        _("Daftar Informasi Publik memuat Informasi Berkala, Serta Merta dan Tersedia Setiap Saat"),
        15,
        MEASURED,
        _("UU 14/2008 Pasal 9, 10, 11; Perki 1/2021 Pasal 11–13"),
    ),
    Indicator(
        "laporan_tahunan",
        "jenis_informasi",
        _("Laporan layanan informasi publik tahun lalu diumumkan di DIP"),
        10,
        MEASURED,
        _("Perki 1/2021 Pasal 56 (laporan tahunan layanan informasi publik)"),
    ),
    Indicator(
        "maklumat",
        "jenis_informasi",
        _("Maklumat pelayanan diumumkan"),
        5,
        MEASURED,
        _("UU 25/2009 Pasal 22; PermenPANRB 15/2014"),
    ),
    Indicator(
        "standar_pelayanan",
        "jenis_informasi",
        _("Standar pelayanan setiap layanan diumumkan (persyaratan, waktu, biaya, produk)"),
        5,
        MEASURED,
        _("UU 25/2009 Pasal 15 dan 21; PermenPANRB 15/2014"),
    ),
    Indicator(
        "profil_pejabat",
        "jenis_informasi",
        _("Profil pimpinan dan pejabat struktural diumumkan"),
        5,
        MEASURED,
        _("UU 14/2008 Pasal 9; Perki 1/2021 Pasal 11 ayat (1) huruf a"),
    ),
    # Kualitas informasi (10)
    Indicator(
        "dip_berkala_mutakhir",
        "kualitas_informasi",
        _("Informasi Berkala diperbarui paling lama enam bulan sekali"),
        6,
        MEASURED,
        _("UU 14/2008 Pasal 9 ayat (3) (paling singkat enam bulan sekali)"),
    ),
    Indicator(
        "informasi_mudah_dipahami",
        "kualitas_informasi",
        _("Informasi publik disajikan akurat, benar, tidak menyesatkan dan mudah dipahami"),
        4,
        ANSWERED,
        _("UU 14/2008 Pasal 7 ayat (2) dan Pasal 9 ayat (4)"),
    ),
    # Pelayanan informasi (10)
    Indicator(
        "permohonan_tepat_waktu",
        "pelayanan_informasi",
        _("Permohonan informasi dijawab dalam 10 hari kerja (+7 bila diperpanjang)"),
        5,
        MEASURED,
        _("UU 14/2008 Pasal 22 ayat (7) dan (8); Perki 1/2021"),
    ),
    Indicator(
        "skm",
        "pelayanan_informasi",
        _("Survei Kepuasan Masyarakat dilaksanakan dan hasilnya baik"),
        3,
        MEASURED,
        _("PermenPANRB 14/2017 (nilai IKM semester ini dibagi 100)"),
    ),
    Indicator(
        "evaluasi_layanan",
        "pelayanan_informasi",
        _("Layanan informasi dievaluasi dan dilaporkan kepada pimpinan dan PPID Utama"),
        2,
        ANSWERED,
        _("Perki 1/2021 (laporan dan evaluasi layanan informasi publik)"),
    ),
    # Komitmen organisasi (10)
    Indicator(
        "sk_ppid",
        "komitmen_organisasi",
        _("PPID Pelaksana ditetapkan dengan surat keputusan pimpinan yang masih berlaku"),
        3,
        ANSWERED,
        _("UU 14/2008 Pasal 13; PP 61/2010; Perki 1/2021"),
    ),
    Indicator(
        "sop_ppid",
        "komitmen_organisasi",
        _("SOP layanan informasi (permohonan, keberatan, uji konsekuensi) ditetapkan"),
        3,
        ANSWERED,
        _("Perki 1/2021 (standar layanan informasi publik)"),
    ),
    Indicator(
        "anggaran",
        "komitmen_organisasi",
        _("Anggaran layanan informasi publik dialokasikan pada tahun berjalan"),
        2,
        ANSWERED,
        _("Perki 1/2021 (anggaran layanan informasi publik)"),
    ),
    Indicator(
        "petugas_terlatih",
        "komitmen_organisasi",
        _("Petugas layanan informasi ditugaskan dan mengikuti pelatihan atau bimbingan teknis"),
        2,
        ANSWERED,
        _("Perki 1/2021 (sumber daya manusia PPID)"),
    ),
    # Sarana dan prasarana (10)
    Indicator(
        "meja_layanan",
        "sarana_prasarana",
        _("Ruang atau meja layanan informasi dengan papan nama, buka pada jam kerja"),
        4,
        ANSWERED,
        _("Perki 1/2021 (sarana dan prasarana layanan informasi)"),
    ),
    Indicator(
        "papan_informasi",
        "sarana_prasarana",
        _("Papan pengumuman atau layar informasi publik di kantor"),
        3,
        ANSWERED,
        _("UU 14/2008 Pasal 9 ayat (4); Perki 1/2021"),
    ),
    Indicator(
        "sarana_disabilitas",
        "sarana_prasarana",
        _("Sarana layanan informasi bagi penyandang disabilitas"),
        3,
        ANSWERED,
        _("UU 8/2016 tentang Penyandang Disabilitas; Perki 1/2021"),
    ),
    # Digitalisasi dan inovasi (20)
    Indicator(
        "dip_dapat_diunduh",
        "digitalisasi",
        _("Informasi di DIP dapat diunduh atau dibuka langsung di situs"),
        8,
        MEASURED,
        _("UU 14/2008 Pasal 9 ayat (4); Perki 1/2021 (media elektronik)"),
    ),
    Indicator(
        "profil_situs",
        "digitalisasi",
        _("Situs memuat profil, visi misi, tugas dan fungsi, struktur organisasi dan kontak"),
        4,
        MEASURED,
        _("Perki 1/2021 Pasal 11 ayat (1) huruf a"),
    ),
    Indicator(
        "media_sosial",
        "digitalisasi",
        _("Akun media sosial resmi tercantum di situs"),
        3,
        MEASURED,
        _("Perki 1/2021 (penyebarluasan informasi melalui media elektronik)"),
    ),
    Indicator(
        "inovasi_layanan",
        "digitalisasi",
        _("Inovasi layanan informasi (aplikasi, layanan jemput bola, kanal terpadu SP4N-LAPOR!)"),
        5,
        ANSWERED,
        _("Perki 1/2022 (indikator inovasi dan strategi / digitalisasi)"),
    ),
)

BY_KEY = {indicator.key: indicator for indicator in INDICATORS}
ANSWERED_KEYS = tuple(indicator.key for indicator in INDICATORS if indicator.kind == ANSWERED)


def group_weights_match() -> bool:
    """Each group's indicators share exactly its points, and the groups make 100."""
    return sum(group.weight for group in GROUPS) == 100 and all(
        sum(i.weight for i in INDICATORS if i.group == group.key) == group.weight
        for group in GROUPS
    )
