"""Demo FAQ for a few demo OPDs (idempotent): what citizens really ask them."""

from faq.models import FaqGroup, FaqItem

# slug -> ((group title, ((question, answer HTML), ...)), ...)
_FAQ = {
    "bpbd": (
        (
            "Saat terjadi bencana",
            (
                (
                    "Ke mana saya melapor bila terjadi banjir atau longsor?",
                    "<p>Hubungi Pusat Pengendalian Operasi (Pusdalops) BPBD yang siaga 24 jam "
                    "melalui nomor darurat di halaman Kontak, atau datang ke kantor kelurahan "
                    "terdekat. Sebutkan lokasi, jumlah warga terdampak dan kebutuhan mendesak.</p>",
                ),
                (
                    "Di mana titik kumpul dan jalur evakuasi terdekat?",
                    "<p>Peta jalur evakuasi dan titik kumpul tiap kecamatan tersedia di Daftar "
                    "Informasi Publik (Informasi Serta Merta) dan dipasang di kantor "
                    "kelurahan.</p>",
                ),
            ),
        ),
        (
            "Kesiapsiagaan",
            (
                (
                    "Bagaimana mengajukan sosialisasi kebencanaan di sekolah atau RW?",
                    "<p>Kirim surat permohonan kepada Kepala Pelaksana BPBD paling lambat dua "
                    "minggu sebelum kegiatan. Sosialisasi tidak dipungut biaya.</p>",
                ),
                (
                    "Apakah ada peta rawan bencana yang bisa saya lihat?",
                    "<p>Ada. Peta rawan banjir dan longsor dapat diunduh dari Daftar Informasi "
                    "Publik atau dilihat langsung di kantor BPBD pada jam kerja.</p>",
                ),
            ),
        ),
    ),
    "disdukcapil": (
        (
            "KTP elektronik",
            (
                (
                    "Apa syarat membuat KTP elektronik pertama kali?",
                    "<p>Sudah berusia 17 tahun atau sudah/pernah menikah, membawa fotokopi "
                    "Kartu Keluarga, lalu datang untuk perekaman foto, sidik jari dan iris mata. "
                    "<strong>Tidak dipungut biaya.</strong></p>",
                ),
                (
                    "Berapa lama KTP elektronik selesai dicetak?",
                    "<p>Bila blangko tersedia, KTP elektronik dicetak pada hari yang sama setelah "
                    "data terverifikasi.</p>",
                ),
            ),
        ),
        (
            "Kartu Keluarga dan akta",
            (
                (
                    "Bagaimana memperbarui Kartu Keluarga setelah kelahiran anak?",
                    "<p>Bawa Kartu Keluarga asli, surat keterangan lahir dari bidan atau rumah "
                    "sakit, dan buku nikah orang tua. Akta kelahiran dan Kartu Keluarga baru "
                    "diterbitkan bersamaan.</p>",
                ),
                (
                    "Apakah pengurusan dokumen kependudukan dipungut biaya?",
                    "<p>Tidak. Seluruh layanan administrasi kependudukan gratis. Laporkan "
                    "pungutan liar melalui kanal pengaduan.</p>",
                ),
            ),
        ),
    ),
    "dbmptsp": (
        (
            "Perizinan",
            (
                (
                    "Bagaimana mengurus Nomor Induk Berusaha (NIB)?",
                    "<p>NIB diurus secara daring melalui OSS. Petugas di Mal Pelayanan Publik "
                    "siap membantu bila Anda belum memiliki akun.</p>",
                ),
                (
                    "Berapa lama izin usaha selesai diproses?",
                    "<p>Izin berusaha risiko rendah terbit seketika melalui OSS; risiko "
                    "menengah dan tinggi mengikuti standar pelayanan yang diumumkan.</p>",
                ),
            ),
        ),
    ),
}


def seed_demo_content(demo) -> None:
    groups = _FAQ.get(demo.slug)
    if not groups or FaqGroup.objects.exists():
        return
    for group_position, (title, items) in enumerate(groups, start=1):
        group = FaqGroup.objects.create(title=title, position=group_position * 10)
        for position, (question, answer) in enumerate(items, start=1):
            FaqItem(group=group, question=question, answer=answer, position=position * 10).save()
