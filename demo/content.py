"""The full demo content of the showcase OPDs (BPBD, Dinkes, Disdukcapil).

The other demo OPDs get the light, generic content of each content app's demo module. Every
content app's `seed_demo` hook asks `showcase(demo)` for what it seeds: the news app the
articles, the pages app the pages and officials, the ppid app the extra DIP entries; the demo
command itself fills the OPD's contact details. The texts are invented but written as an OPD of
Kota Serang would write them.
"""

from dataclasses import dataclass, field

# Days before today of each OPD's newest article, so that the console still shows the activity
# of the 2024 evaluation (demo.catalogue): active within 30 days, barely active within 90.
NEWEST_ARTICLE_AGE = {"aktif": 1, "kurang_aktif": 35, "tidak_aktif": 100}


@dataclass(frozen=True)
class DemoArticle:
    age: int  # days before the OPD's newest article
    category: str
    topic: str  # demo.images.TOPICS
    title: str
    summary: str
    paragraphs: tuple[str, ...]
    pinned: bool = False


@dataclass(frozen=True)
class DemoOfficial:
    name: str
    position: str
    unit: str  # the unit of the Struktur Organisasi (pages.Official gets units in issue #17)
    headwear: str | None = None  # demo.images.portrait: "hijab", "peci", "long-hair" or None


@dataclass(frozen=True)
class DemoDip:
    number: str
    category: str
    title: str
    summary: str
    holder: str
    retention: str


@dataclass(frozen=True)
class Showcase:
    address: str
    phone: str
    email: str
    opening_hours: str
    map_url: str
    social: dict[str, str]
    pages: dict[str, str]  # slug -> body (HTML)
    officials: tuple[DemoOfficial, ...]
    articles: tuple[DemoArticle, ...]
    dip: tuple[DemoDip, ...] = field(default=())
    # The head of office's welcome (Sambutan) for the home page, signed by officials[0].
    welcome: str = ""


def _html(*blocks: str) -> str:
    return "".join(block if block.startswith("<") else f"<p>{block}</p>" for block in blocks)


def _list(tag: str, *items: str) -> str:
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def _contact_page(address, phone, email, hours, extra) -> str:
    return _html(
        "Warga dapat menghubungi kami secara langsung, melalui telepon, atau e-mail. "
        "Setiap pesan dicatat dan dijawab pada hari kerja.",
        "<h2>Alamat kantor</h2>",
        address,
        "<h2>Telepon dan e-mail</h2>",
        _list("ul", f"Telepon: {phone}", f"E-mail: {email}", *extra),
        "<h2>Jam layanan</h2>",
        hours,
        "Pengaduan atas layanan kami juga dapat disampaikan melalui SP4N-LAPOR! "
        "(lapor.go.id) dan akan ditindaklanjuti sesuai ketentuan.",
    )


_BPBD_ADDRESS = (
    "Jl. Jenderal Sudirman No. 5, Kelurahan Sumur Pecung, Kecamatan Serang, Kota Serang, "
    "Banten 42118"
)
_BPBD_HOURS = "Senin–Kamis 07.30–16.00 WIB, Jumat 07.30–16.30 WIB; Pusdalops siaga 24 jam"

BPBD = Showcase(
    address=_BPBD_ADDRESS,
    phone="(0254) 220112",
    email="bpbd@serangkota.go.id",
    opening_hours=_BPBD_HOURS,
    map_url="https://www.openstreetmap.org/?mlat=-6.1197&mlon=106.1503#map=17/-6.1197/106.1503",
    social={
        "instagram_url": "https://www.instagram.com/bpbdkotaserang",
        "facebook_url": "https://www.facebook.com/bpbdkotaserang",
        "x_url": "https://x.com/bpbdkotaserang",
        "youtube_url": "https://www.youtube.com/@bpbdkotaserang",
    },
    pages={
        "profil": _html(
            "Badan Penanggulangan Bencana Daerah (BPBD) Kota Serang dibentuk berdasarkan "
            "Peraturan Daerah Kota Serang tentang Pembentukan dan Susunan Perangkat Daerah. "
            "BPBD mengoordinasikan pencegahan, kesiapsiagaan, tanggap darurat, serta "
            "rehabilitasi dan rekonstruksi di enam kecamatan Kota Serang.",
            "Wilayah Kota Serang menghadapi ancaman banjir di sepanjang Sungai Cibanten, "
            "banjir rob di pesisir Kasemen, cuaca ekstrem, kebakaran permukiman, dan tanah "
            "longsor di perbukitan Taktakan. Pusat Pengendalian Operasi (Pusdalops) BPBD "
            "siaga 24 jam menerima laporan warga dan menyebarkan peringatan dini.",
            "<h2>Layanan kami</h2>",
            _list(
                "ul",
                "Penerimaan laporan kejadian bencana 24 jam melalui Pusdalops",
                "Peringatan dini cuaca dan tinggi muka air",
                "Sosialisasi dan pelatihan Kelurahan Tangguh Bencana (Katana)",
                "Bantuan logistik dan hunian sementara bagi warga terdampak",
                "Kajian risiko bencana untuk perencanaan pembangunan",
            ),
        ),
        "visi-dan-misi": _html(
            "<h2>Visi</h2>",
            "Terwujudnya masyarakat Kota Serang yang tangguh menghadapi bencana.",
            "<h2>Misi</h2>",
            _list(
                "ol",
                "Membangun budaya sadar bencana melalui edukasi di sekolah, kelurahan dan "
                "tempat kerja.",
                "Memperkuat sistem peringatan dini yang cepat sampai ke warga.",
                "Menyelenggarakan tanggap darurat yang terpadu, cepat dan tepat sasaran.",
                "Memulihkan kehidupan warga terdampak dengan membangun kembali lebih baik.",
            ),
        ),
        "tugas-pokok-dan-fungsi": _html(
            "<h2>Tugas pokok</h2>",
            "BPBD Kota Serang mempunyai tugas membantu Wali Kota dalam melaksanakan urusan "
            "pemerintahan di bidang penanggulangan bencana yang menjadi kewenangan daerah.",
            "<h2>Fungsi</h2>",
            _list(
                "ol",
                "Perumusan dan penetapan kebijakan penanggulangan bencana dan penanganan "
                "pengungsi secara cepat, tepat, efektif dan efisien.",
                "Pengoordinasian pelaksanaan kegiatan penanggulangan bencana secara terencana, "
                "terpadu dan menyeluruh.",
                "Pelaksanaan komando penanganan darurat bencana.",
                "Pelaporan penyelenggaraan penanggulangan bencana kepada Wali Kota.",
                "Pengendalian pengumpulan dan penyaluran uang dan barang bantuan.",
            ),
        ),
        "struktur-organisasi": _html(
            "BPBD Kota Serang dipimpin oleh Kepala Pelaksana yang membawahkan Sekretariat dan "
            "tiga bidang: Pencegahan dan Kesiapsiagaan; Kedaruratan dan Logistik; serta "
            "Rehabilitasi dan Rekonstruksi.",
        ),
        "kontak": _contact_page(
            _BPBD_ADDRESS,
            "(0254) 220112",
            "bpbd@serangkota.go.id",
            _BPBD_HOURS,
            ("Pusdalops (24 jam): 112 atau (0254) 220113",),
        ),
    },
    welcome=(
        "Assalamualaikum warahmatullahi wabarakatuh. Selamat datang di situs resmi BPBD Kota "
        "Serang. Melalui situs ini kami menyampaikan peringatan dini, informasi kejadian "
        "bencana dan layanan kepada warga secara terbuka. Kesiapsiagaan dimulai dari rumah: "
        "kenali ancaman di sekitar Anda, siapkan tas siaga, dan laporkan kejadian ke "
        "Pusdalops kami yang siaga 24 jam. Bersama, kita wujudkan Kota Serang yang tangguh "
        "bencana."
    ),
    officials=(
        DemoOfficial("Drs. H. Ahmad Suhaimi, M.Si.", "Kepala Pelaksana", "Pimpinan", "peci"),
        DemoOfficial("Hj. Rina Marlina, S.Sos., M.M.", "Sekretaris", "Sekretariat", "hijab"),
        DemoOfficial(
            "Dedi Kurniawan, S.T.",
            "Kepala Bidang Pencegahan dan Kesiapsiagaan",
            "Bidang Pencegahan dan Kesiapsiagaan",
        ),
        DemoOfficial(
            "Agus Setiawan, S.IP.",
            "Kepala Bidang Kedaruratan dan Logistik",
            "Bidang Kedaruratan dan Logistik",
            "peci",
        ),
        DemoOfficial(
            "Siti Nurhayati, S.E., M.Si.",
            "Kepala Bidang Rehabilitasi dan Rekonstruksi",
            "Bidang Rehabilitasi dan Rekonstruksi",
            "hijab",
        ),
        DemoOfficial(
            "Yusuf Maulana, A.Md.", "Kepala Subbagian Umum dan Kepegawaian", "Sekretariat"
        ),
    ),
    articles=(
        DemoArticle(
            0,
            "pengumuman",
            "banjir",
            "Siaga banjir: warga bantaran Sungai Cibanten diminta waspada",
            "Curah hujan tinggi diperkirakan berlangsung sepekan ke depan. Warga di bantaran "
            "Sungai Cibanten diminta menyiapkan tas siaga dan memantau informasi resmi.",
            (
                "Berdasarkan prakiraan BMKG, hujan dengan intensitas sedang hingga lebat "
                "berpotensi terjadi di wilayah Kota Serang selama sepekan ke depan. BPBD "
                "menetapkan status siaga bagi kelurahan di bantaran Sungai Cibanten, antara lain "
                "Kelurahan Sumur Pecung, Cimuncang dan Kasemen.",
                "Warga diminta menyiapkan tas siaga berisi dokumen penting, obat-obatan, senter "
                "dan pakaian ganti, serta mengenali jalur evakuasi dan titik kumpul terdekat. "
                "Laporan genangan atau kenaikan air dapat disampaikan ke Pusdalops BPBD melalui "
                "nomor 112 yang siaga 24 jam.",
            ),
            pinned=True,
        ),
        DemoArticle(
            2,
            "berita",
            "posko",
            "Posko tanggap darurat di Kasemen layani 240 warga terdampak rob",
            "BPBD bersama relawan mendirikan posko, dapur umum dan layanan kesehatan bagi "
            "warga yang rumahnya tergenang banjir rob.",
            (
                "Banjir rob yang merendam permukiman pesisir Kecamatan Kasemen membuat 240 warga "
                "mengungsi sementara. BPBD mendirikan posko tanggap darurat di halaman kantor "
                "kelurahan, lengkap dengan tenda pengungsian, dapur umum dan pos kesehatan.",
                "Bantuan logistik berupa makanan siap saji, air bersih, selimut dan perlengkapan "
                "bayi disalurkan setiap hari. Petugas juga mendata rumah yang rusak untuk "
                "tahap pemulihan.",
            ),
        ),
        DemoArticle(
            5,
            "berita",
            "rapat",
            "Rapat koordinasi kesiapsiagaan menghadapi musim hujan",
            "Seluruh perangkat daerah, TNI, Polri dan relawan menyepakati pembagian tugas "
            "penanganan darurat selama musim hujan.",
            (
                "Rapat koordinasi yang dipimpin Kepala Pelaksana BPBD di aula kantor Wali Kota "
                "membahas peta rawan banjir, kesiapan peralatan dan jalur komunikasi "
                "antarinstansi.",
                "Disepakati bahwa setiap kecamatan menyiapkan satu titik pengungsian dan satu "
                "petugas penghubung. Dinas Pekerjaan Umum akan membersihkan saluran air di "
                "lima titik rawan sebelum puncak musim hujan.",
            ),
        ),
        DemoArticle(
            9,
            "agenda",
            "kantor",
            "Simulasi evakuasi gempa bumi di sekolah dasar",
            "BPBD menggelar simulasi evakuasi di 12 sekolah dasar agar murid dan guru "
            "terbiasa menyelamatkan diri saat gempa.",
            (
                "Simulasi dilaksanakan setiap Selasa dan Kamis selama bulan ini. Murid berlatih "
                "berlindung di bawah meja, keluar kelas dengan tertib dan berkumpul di lapangan.",
                "Sekolah yang ingin dijadwalkan dapat menghubungi Bidang Pencegahan dan "
                "Kesiapsiagaan melalui kontak resmi BPBD.",
            ),
        ),
        DemoArticle(
            14,
            "pengumuman",
            "kantor",
            "Pendaftaran relawan Kelurahan Tangguh Bencana dibuka",
            "Warga berusia 18–45 tahun dapat mendaftar sebagai relawan Katana di kelurahan "
            "masing-masing hingga akhir bulan.",
            (
                "Relawan yang terpilih akan mengikuti pelatihan pertolongan pertama, dapur umum, "
                "pendataan pengungsi dan komunikasi darurat selama tiga hari.",
                "Pendaftaran dilakukan di kantor kelurahan dengan membawa fotokopi KTP dan surat "
                "keterangan sehat. Kegiatan ini tidak dipungut biaya.",
            ),
        ),
        DemoArticle(
            20,
            "berita",
            "jalan",
            "Pohon tumbang di Jalan Raya Serang–Pandeglang ditangani dalam dua jam",
            "Tim reaksi cepat BPBD bersama Dinas Lingkungan Hidup membersihkan pohon yang "
            "tumbang akibat angin kencang.",
            (
                "Angin kencang pada Rabu sore menumbangkan sebuah pohon angsana yang menutup "
                "separuh badan jalan. Tidak ada korban jiwa; satu sepeda motor rusak ringan.",
                "BPBD mengimbau pengendara berhati-hati saat hujan disertai angin dan segera "
                "melaporkan pohon yang rawan tumbang.",
            ),
        ),
        DemoArticle(
            27,
            "artikel",
            "banjir",
            "Tujuh langkah menyiapkan rumah sebelum banjir datang",
            "Panduan singkat bagi keluarga di daerah rawan banjir: dari tas siaga sampai "
            "mematikan listrik.",
            (
                "Letakkan dokumen penting di wadah kedap air dan simpan di tempat tinggi. "
                "Siapkan tas siaga untuk tiga hari dan kenali jalur evakuasi terdekat.",
                "Saat air mulai masuk, matikan aliran listrik dari meteran, angkat barang "
                "berharga dan segera mengungsi bila diminta petugas.",
            ),
        ),
        DemoArticle(
            36,
            "berita",
            "sawah",
            "Kajian risiko kekeringan lahan pertanian di Walantaka",
            "BPBD dan Dinas Pertanian memetakan sawah yang rawan kekeringan untuk "
            "menyiapkan pompa dan sumur dangkal.",
            (
                "Kajian mencakup 420 hektare sawah tadah hujan. Hasilnya menjadi dasar usulan "
                "bantuan pompa air dan pembangunan embung.",
                "Kelompok tani diajak menyusun jadwal tanam yang menyesuaikan prakiraan musim.",
            ),
        ),
        DemoArticle(
            48,
            "agenda",
            "rapat",
            "Pelatihan dapur umum bagi relawan dan ibu PKK",
            "Peserta berlatih menyiapkan makanan bergizi untuk ratusan pengungsi dengan "
            "peralatan dapur lapangan.",
            (
                "Pelatihan diikuti 80 peserta dari enam kecamatan. Materi meliputi kebersihan "
                "pangan, takaran gizi dan pengelolaan logistik.",
                "Setiap kelurahan diharapkan memiliki tim dapur umum yang siap digerakkan.",
            ),
        ),
        DemoArticle(
            63,
            "berita",
            "kota",
            "Pemasangan sirene peringatan dini di tiga kelurahan pesisir",
            "Sirene baru akan berbunyi otomatis ketika tinggi muka air laut melewati batas aman.",
            (
                "Sirene dipasang di Kelurahan Banten, Sawah Luhur dan Kasemen. Uji coba bunyi "
                "dilakukan setiap tanggal 26 pukul 10.00 WIB.",
                "Warga diminta tidak panik saat uji coba dan mengenali bunyi sirene tanda "
                "evakuasi.",
            ),
        ),
    ),
    dip=(
        DemoDip(
            "DIP-006",
            "berkala",
            "Dokumen Kajian Risiko Bencana Kota Serang 2025–2029",
            "Peta ancaman, kerentanan dan kapasitas setiap kecamatan.",
            "Bidang Pencegahan dan Kesiapsiagaan",
            "5 tahun",
        ),
        DemoDip(
            "DIP-007",
            "serta_merta",
            "Laporan situasi kejadian bencana terkini",
            "Lokasi, dampak, jumlah pengungsi dan kebutuhan mendesak, diperbarui setiap hari "
            "selama tanggap darurat.",
            "Bidang Kedaruratan dan Logistik",
            "Selama tanggap darurat",
        ),
        DemoDip(
            "DIP-008",
            "setiap_saat",
            "Standar operasional prosedur penyaluran bantuan logistik",
            "Tata cara permintaan, verifikasi dan penyaluran bantuan bagi warga terdampak.",
            "Bidang Kedaruratan dan Logistik",
            "Selama berlaku",
        ),
    ),
)

_DINKES_ADDRESS = (
    "Jl. Ki Mas Jong No. 2, Kelurahan Kotabaru, Kecamatan Serang, Kota Serang, Banten 42112"
)
_DINKES_HOURS = "Senin–Jumat 08.00–16.00 WIB"

DINKES = Showcase(
    address=_DINKES_ADDRESS,
    phone="(0254) 201565",
    email="dinkes@serangkota.go.id",
    opening_hours=_DINKES_HOURS,
    map_url="https://www.openstreetmap.org/?mlat=-6.1151&mlon=106.1571#map=17/-6.1151/106.1571",
    social={
        "instagram_url": "https://www.instagram.com/dinkeskotaserang",
        "facebook_url": "https://www.facebook.com/dinkeskotaserang",
        "youtube_url": "https://www.youtube.com/@dinkeskotaserang",
        "tiktok_url": "https://www.tiktok.com/@dinkeskotaserang",
    },
    pages={
        "profil": _html(
            "Dinas Kesehatan Kota Serang menyelenggarakan urusan pemerintahan bidang kesehatan: "
            "pelayanan kesehatan dasar di 16 puskesmas, pencegahan dan pengendalian penyakit, "
            "kesehatan keluarga dan gizi, serta pengawasan sumber daya kesehatan.",
            "Kami bekerja bersama rumah sakit, klinik, bidan praktik mandiri dan kader "
            "posyandu di 67 kelurahan agar setiap warga Kota Serang mendapat layanan kesehatan "
            "yang dekat, bermutu dan terjangkau.",
            "<h2>Layanan kami</h2>",
            _list(
                "ul",
                "Imunisasi dasar lengkap dan imunisasi lanjutan di puskesmas",
                "Pemeriksaan kesehatan ibu hamil, bayi dan balita",
                "Penerbitan izin praktik tenaga kesehatan dan sertifikat laik higiene",
                "Layanan ambulans gawat darurat Public Safety Center 119",
            ),
        ),
        "visi-dan-misi": _html(
            "<h2>Visi</h2>",
            "Masyarakat Kota Serang yang sehat, mandiri dan berkeadilan.",
            "<h2>Misi</h2>",
            _list(
                "ol",
                "Meningkatkan mutu dan pemerataan pelayanan kesehatan dasar dan rujukan.",
                "Menggerakkan masyarakat untuk hidup bersih dan sehat.",
                "Menurunkan angka kematian ibu dan bayi serta prevalensi stunting.",
                "Memperkuat tata kelola dan sistem informasi kesehatan.",
            ),
        ),
        "tugas-pokok-dan-fungsi": _html(
            "<h2>Tugas pokok</h2>",
            "Dinas Kesehatan mempunyai tugas membantu Wali Kota melaksanakan urusan "
            "pemerintahan bidang kesehatan yang menjadi kewenangan daerah dan tugas pembantuan.",
            "<h2>Fungsi</h2>",
            _list(
                "ol",
                "Perumusan kebijakan di bidang kesehatan masyarakat, pencegahan dan "
                "pengendalian penyakit, pelayanan kesehatan, serta sumber daya kesehatan.",
                "Pelaksanaan kebijakan dan pembinaan teknis puskesmas dan laboratorium "
                "kesehatan daerah.",
                "Pelaksanaan evaluasi dan pelaporan di bidang kesehatan.",
                "Pelaksanaan administrasi dinas sesuai dengan lingkup tugasnya.",
            ),
        ),
        "struktur-organisasi": _html(
            "Dinas Kesehatan dipimpin oleh Kepala Dinas yang membawahkan Sekretariat, empat "
            "bidang, 16 UPTD Puskesmas dan UPTD Laboratorium Kesehatan Daerah.",
        ),
        "kontak": _contact_page(
            _DINKES_ADDRESS,
            "(0254) 201565",
            "dinkes@serangkota.go.id",
            _DINKES_HOURS,
            ("Ambulans gawat darurat (PSC 119): 119",),
        ),
    },
    welcome=(
        "Selamat datang di situs resmi Dinas Kesehatan Kota Serang. Kami berkomitmen "
        "menghadirkan layanan kesehatan yang dekat, bermutu dan terjangkau bagi seluruh warga, "
        "dari posyandu sampai puskesmas. Di sini Anda dapat menemukan jadwal layanan, informasi "
        "program kesehatan dan cara mengajukan permohonan informasi publik. Mari bersama "
        "menjaga kesehatan keluarga dan lingkungan kita."
    ),
    officials=(
        DemoOfficial("dr. Hj. Ratu Ani Nuraeni, M.K.M.", "Kepala Dinas", "Pimpinan", "hijab"),
        DemoOfficial("H. Iwan Sunardi, S.K.M., M.Kes.", "Sekretaris", "Sekretariat", "peci"),
        DemoOfficial(
            "dr. Fitri Handayani",
            "Kepala Bidang Kesehatan Masyarakat",
            "Bidang Kesehatan Masyarakat",
            "hijab",
        ),
        DemoOfficial(
            "Budi Santoso, S.K.M.",
            "Kepala Bidang Pencegahan dan Pengendalian Penyakit",
            "Bidang Pencegahan dan Pengendalian Penyakit",
        ),
        DemoOfficial(
            "drg. Maya Puspitasari",
            "Kepala Bidang Pelayanan Kesehatan",
            "Bidang Pelayanan Kesehatan",
            "long-hair",
        ),
        DemoOfficial(
            "apt. Hendra Gunawan, S.Farm.",
            "Kepala Bidang Sumber Daya Kesehatan",
            "Bidang Sumber Daya Kesehatan",
        ),
    ),
    articles=(
        DemoArticle(
            0,
            "berita",
            "puskesmas",
            "Pekan imunisasi: 9.800 balita mendapat imunisasi lengkap",
            "Seluruh puskesmas dan posyandu membuka layanan imunisasi gratis selama sepekan, "
            "termasuk imunisasi kejar bagi anak yang tertinggal jadwal.",
            (
                "Pekan imunisasi menyasar balita di 67 kelurahan. Orang tua cukup membawa buku "
                "KIA ke posyandu atau puskesmas terdekat; imunisasi diberikan tanpa biaya.",
                "Kepala Dinas Kesehatan mengingatkan bahwa imunisasi lengkap melindungi anak dari "
                "campak, polio, difteri dan penyakit berbahaya lainnya.",
            ),
            pinned=True,
        ),
        DemoArticle(
            4,
            "pengumuman",
            "kantor",
            "Jadwal layanan puskesmas selama cuti bersama",
            "Unit gawat darurat dan persalinan di puskesmas rawat inap tetap buka 24 jam; "
            "layanan rawat jalan tutup pada hari cuti bersama.",
            (
                "Puskesmas rawat inap Ciracas, Kasemen, Singandaru dan Taktakan tetap melayani "
                "gawat darurat dan persalinan. Warga dapat menghubungi PSC 119 untuk ambulans.",
                "Layanan rawat jalan kembali dibuka normal pada hari kerja berikutnya.",
            ),
        ),
        DemoArticle(
            8,
            "berita",
            "rapat",
            "Rembuk stunting tingkat kota sepakati 12 kelurahan prioritas",
            "Pemerintah Kota Serang memusatkan intervensi gizi di kelurahan dengan angka "
            "stunting tertinggi.",
            (
                "Rembuk stunting dihadiri camat, lurah, kader posyandu dan tim penggerak PKK. "
                "Intervensi meliputi pemberian makanan tambahan, pemantauan tumbuh kembang dan "
                "penyediaan air bersih.",
                "Data hasil penimbangan bulan Februari dan Agustus menjadi dasar penentuan "
                "keluarga sasaran.",
            ),
        ),
        DemoArticle(
            13,
            "agenda",
            "rapat",
            "Pelatihan kader posyandu tentang pemantauan tumbuh kembang",
            "Sebanyak 300 kader berlatih mengukur tinggi badan, menimbang dan mengisi grafik "
            "pertumbuhan dengan benar.",
            (
                "Pelatihan digelar bergilir di enam kecamatan. Setiap posyandu menerima alat "
                "ukur panjang badan dan timbangan digital baru.",
                "Kader juga dilatih mengenali tanda bahaya pada balita dan merujuk ke puskesmas.",
            ),
        ),
        DemoArticle(
            19,
            "pengumuman",
            "layanan",
            "Pengurusan izin praktik tenaga kesehatan kini daring",
            "Perawat, bidan dan tenaga kesehatan lain dapat mengajukan Surat Izin Praktik "
            "melalui sistem perizinan daring tanpa datang ke kantor.",
            (
                "Berkas yang dibutuhkan: STR yang masih berlaku, rekomendasi organisasi profesi "
                "dan surat keterangan dari fasilitas kesehatan tempat praktik.",
                "Permohonan yang lengkap diproses paling lama lima hari kerja.",
            ),
        ),
        DemoArticle(
            26,
            "artikel",
            "bukit",
            "Mengenali gejala demam berdarah dan kapan harus ke puskesmas",
            "Demam tinggi mendadak, nyeri otot dan bintik merah perlu diwaspadai, terutama "
            "pada musim hujan.",
            (
                "Segera periksakan diri bila demam berlangsung lebih dari dua hari, muncul "
                "mimisan, gusi berdarah atau muntah terus-menerus.",
                "Cegah demam berdarah dengan 3M Plus: menguras, menutup, mendaur ulang barang "
                "bekas, serta memakai obat anti nyamuk.",
            ),
        ),
        DemoArticle(
            33,
            "berita",
            "kota",
            "Ambulans PSC 119 tiba rata-rata 14 menit setelah panggilan",
            "Layanan ambulans gratis Public Safety Center 119 menangani 1.240 panggilan "
            "sepanjang semester pertama.",
            (
                "Sebagian besar panggilan terkait kecelakaan lalu lintas dan persalinan. "
                "Armada kini berjumlah delapan ambulans yang bersiaga di empat titik.",
                "Warga diimbau hanya menghubungi 119 untuk keadaan darurat agar jalur tetap "
                "terbuka bagi yang membutuhkan.",
            ),
        ),
        DemoArticle(
            41,
            "agenda",
            "layanan",
            "Pemeriksaan kesehatan gratis bagi lansia di posbindu",
            "Warga berusia 60 tahun ke atas dapat memeriksa tekanan darah, gula darah dan "
            "kolesterol tanpa biaya.",
            (
                "Pemeriksaan digelar setiap Sabtu pekan kedua di posbindu kelurahan.",
                "Peserta dengan hasil tidak normal akan dirujuk ke puskesmas untuk pemeriksaan "
                "lanjutan.",
            ),
        ),
        DemoArticle(
            55,
            "berita",
            "sawah",
            "Gerakan air bersih dan jamban sehat di Kecamatan Curug",
            "Sebanyak 150 rumah mendapat jamban sehat dan sambungan air bersih dari program "
            "sanitasi total berbasis masyarakat.",
            (
                "Program dijalankan bersama Dinas Perumahan dan Kawasan Permukiman. Warga "
                "bergotong royong membangun jamban dengan bantuan material dari pemerintah.",
                "Tiga kelurahan kini dinyatakan bebas buang air besar sembarangan.",
            ),
        ),
        DemoArticle(
            70,
            "artikel",
            "sawah",
            "Isi piringku: panduan gizi seimbang untuk keluarga",
            "Separuh piring sayur dan buah, seperempat makanan pokok, seperempat lauk pauk.",
            (
                "Panduan Isi Piringku membantu keluarga menyiapkan makanan bergizi dengan bahan "
                "yang mudah didapat di pasar.",
                "Batasi gula, garam dan lemak, serta minum air putih delapan gelas sehari.",
            ),
        ),
    ),
    dip=(
        DemoDip(
            "DIP-006",
            "berkala",
            "Profil Kesehatan Kota Serang 2025",
            "Data derajat kesehatan, sumber daya dan capaian program kesehatan setiap kecamatan.",
            "Sekretariat",
            "5 tahun",
        ),
        DemoDip(
            "DIP-007",
            "setiap_saat",
            "Daftar puskesmas, jam layanan dan jenis layanannya",
            "Alamat, nomor telepon dan layanan 16 puskesmas Kota Serang.",
            "Bidang Pelayanan Kesehatan",
            "Selama berlaku",
        ),
    ),
)

_DUKCAPIL_ADDRESS = (
    "Jl. Jenderal Sudirman No. 3, Kompleks Puspemkot, Kecamatan Cipocokjaya, Kota Serang, "
    "Banten 42121"
)
_DUKCAPIL_HOURS = "Senin–Jumat 08.00–15.00 WIB; Sabtu 08.00–12.00 WIB (perekaman KTP-el)"

DISDUKCAPIL = Showcase(
    address=_DUKCAPIL_ADDRESS,
    phone="(0254) 8481234",
    email="disdukcapil@serangkota.go.id",
    opening_hours=_DUKCAPIL_HOURS,
    map_url="https://www.openstreetmap.org/?mlat=-6.1362&mlon=106.1713#map=17/-6.1362/106.1713",
    social={
        "instagram_url": "https://www.instagram.com/disdukcapilkotaserang",
        "facebook_url": "https://www.facebook.com/disdukcapilkotaserang",
        "x_url": "https://x.com/dukcapilserang",
    },
    pages={
        "profil": _html(
            "Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil) Kota Serang melayani "
            "pendaftaran penduduk dan pencatatan peristiwa penting: kelahiran, kematian, "
            "perkawinan, perceraian dan perpindahan penduduk.",
            "Semua layanan administrasi kependudukan tidak dipungut biaya. Dokumen dapat "
            "diurus di kantor dinas, di kecamatan, atau secara daring dan dicetak sendiri "
            "dengan kertas HVS.",
            "<h2>Layanan kami</h2>",
            _list(
                "ul",
                "Perekaman dan pencetakan KTP elektronik",
                "Kartu Keluarga, Kartu Identitas Anak dan Identitas Kependudukan Digital",
                "Akta kelahiran, akta kematian, akta perkawinan dan akta perceraian",
                "Surat pindah dan pindah datang antarkota",
                "Layanan jemput bola bagi lansia, penyandang disabilitas dan warga sakit",
            ),
        ),
        "visi-dan-misi": _html(
            "<h2>Visi</h2>",
            "Tertib administrasi kependudukan dengan pelayanan yang cepat, mudah dan gratis.",
            "<h2>Misi</h2>",
            _list(
                "ol",
                "Meningkatkan cakupan kepemilikan dokumen kependudukan.",
                "Mendekatkan layanan melalui kecamatan, kelurahan dan layanan daring.",
                "Menjaga keamanan dan pemanfaatan data kependudukan.",
            ),
        ),
        "tugas-pokok-dan-fungsi": _html(
            "<h2>Tugas pokok</h2>",
            "Disdukcapil mempunyai tugas membantu Wali Kota melaksanakan urusan pemerintahan "
            "bidang administrasi kependudukan dan pencatatan sipil.",
            "<h2>Fungsi</h2>",
            _list(
                "ol",
                "Pelayanan pendaftaran penduduk dan pencatatan sipil.",
                "Pengelolaan informasi administrasi kependudukan.",
                "Pemanfaatan data kependudukan bagi perangkat daerah dan lembaga.",
                "Pembinaan dan pengawasan pelayanan di kecamatan.",
            ),
        ),
        "struktur-organisasi": _html(
            "Disdukcapil dipimpin oleh Kepala Dinas yang membawahkan Sekretariat dan empat "
            "bidang: Pelayanan Pendaftaran Penduduk; Pelayanan Pencatatan Sipil; Pengelolaan "
            "Informasi Administrasi Kependudukan; serta Pemanfaatan Data dan Inovasi Pelayanan.",
        ),
        "kontak": _contact_page(
            _DUKCAPIL_ADDRESS,
            "(0254) 8481234",
            "disdukcapil@serangkota.go.id",
            _DUKCAPIL_HOURS,
            ("WhatsApp layanan (pesan teks saja): 0811 1234 5678",),
        ),
    },
    welcome=(
        "Selamat datang di situs resmi Disdukcapil Kota Serang. Seluruh layanan administrasi "
        "kependudukan tidak dipungut biaya. Kami terus mendekatkan layanan melalui kecamatan, "
        "layanan keliling dan layanan daring, agar setiap warga memiliki dokumen kependudukan "
        "yang sah. Manfaatkan informasi persyaratan di situs ini sebelum datang ke kantor kami."
    ),
    officials=(
        DemoOfficial("H. Muhammad Rizal, S.H., M.H.", "Kepala Dinas", "Pimpinan", "peci"),
        DemoOfficial("Nurul Aini, S.Sos.", "Sekretaris", "Sekretariat", "hijab"),
        DemoOfficial(
            "Eko Prasetyo, S.Kom.",
            "Kepala Bidang Pelayanan Pendaftaran Penduduk",
            "Bidang Pelayanan Pendaftaran Penduduk",
        ),
        DemoOfficial(
            "Dewi Lestari, S.H.",
            "Kepala Bidang Pelayanan Pencatatan Sipil",
            "Bidang Pelayanan Pencatatan Sipil",
            "long-hair",
        ),
        DemoOfficial(
            "Asep Saepudin, S.T., M.T.",
            "Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan",
            "Bidang Pengelolaan Informasi Administrasi Kependudukan",
            "peci",
        ),
    ),
    articles=(
        DemoArticle(
            0,
            "pengumuman",
            "layanan",
            "Perekaman KTP-el kini dibuka setiap Sabtu",
            "Warga yang bekerja pada hari kerja dapat merekam KTP elektronik di kantor "
            "Disdukcapil setiap Sabtu pukul 08.00–12.00 WIB.",
            (
                "Layanan Sabtu khusus perekaman dan pencetakan KTP-el bagi warga yang sudah "
                "berusia 17 tahun atau sudah menikah. Cukup membawa Kartu Keluarga asli.",
                "Kuota 150 orang setiap Sabtu; nomor antrean dibagikan mulai pukul 07.30 WIB.",
            ),
            pinned=True,
        ),
        DemoArticle(
            3,
            "berita",
            "kantor",
            "Layanan jemput bola KTP-el untuk lansia dan penyandang disabilitas",
            "Petugas mendatangi rumah warga yang tidak dapat datang ke kantor untuk merekam "
            "data KTP elektronik.",
            (
                "Keluarga cukup mendaftarkan nama dan alamat melalui kelurahan atau nomor "
                "layanan Disdukcapil. Petugas datang dengan perangkat perekaman keliling.",
                "Sepanjang tahun ini, 612 warga telah dilayani di rumah, di panti dan di rumah "
                "sakit.",
            ),
        ),
        DemoArticle(
            7,
            "berita",
            "rapat",
            "Sosialisasi Identitas Kependudukan Digital kepada ASN",
            "Aparatur sipil negara di lingkungan Pemerintah Kota Serang diajak mengaktifkan "
            "KTP digital di ponsel.",
            (
                "Identitas Kependudukan Digital memudahkan warga menunjukkan identitas tanpa "
                "membawa kartu fisik dan mengakses layanan publik daring.",
                "Aktivasi dilakukan di kantor Disdukcapil atau kecamatan dengan memindai kode "
                "QR dari petugas.",
            ),
        ),
        DemoArticle(
            12,
            "artikel",
            "layanan",
            "Syarat membuat akta kelahiran: cukup empat dokumen",
            "Akta kelahiran dapat diurus tanpa biaya dan dicetak sendiri di rumah.",
            (
                "Siapkan surat keterangan lahir dari bidan atau rumah sakit, Kartu Keluarga, "
                "KTP-el kedua orang tua, serta buku nikah atau akta perkawinan.",
                "Bila buku nikah tidak ada, orang tua dapat mengisi surat pernyataan tanggung "
                "jawab mutlak.",
            ),
        ),
        DemoArticle(
            18,
            "pengumuman",
            "kantor",
            "Pelayanan tatap muka tutup sementara untuk pemeliharaan server",
            "Pada Jumat pekan depan pukul 13.00–15.00 WIB layanan cetak dokumen dihentikan "
            "sementara.",
            (
                "Pemeliharaan server dilakukan oleh Direktorat Jenderal Dukcapil. Permohonan "
                "daring tetap dapat diajukan dan akan diproses setelah pemeliharaan selesai.",
                "Mohon maaf atas ketidaknyamanan ini.",
            ),
        ),
        DemoArticle(
            25,
            "berita",
            "kota",
            "Disdukcapil terbitkan 3.100 Kartu Identitas Anak di sekolah",
            "Petugas mendatangi sekolah dasar dan taman kanak-kanak untuk mendata dan "
            "menerbitkan KIA.",
            (
                "Kartu Identitas Anak berguna untuk mendaftar sekolah, membuka tabungan dan "
                "mengurus layanan kesehatan.",
                "Sekolah yang ingin dikunjungi dapat mengajukan jadwal melalui surat resmi.",
            ),
        ),
        DemoArticle(
            32,
            "agenda",
            "rapat",
            "Bimbingan teknis petugas registrasi kelurahan",
            "Petugas registrasi dari 67 kelurahan mendapat pelatihan verifikasi berkas dan "
            "pelayanan daring.",
            (
                "Bimbingan teknis digelar dua hari di aula Disdukcapil. Materi meliputi "
                "pencegahan pemalsuan dokumen dan perlindungan data pribadi.",
                "Petugas kelurahan menjadi garda terdepan layanan bagi warga.",
            ),
        ),
        DemoArticle(
            44,
            "berita",
            "jalan",
            "Mobil layanan keliling hadir di enam kecamatan",
            "Warga dapat mengurus KTP-el, KK dan akta tanpa datang ke pusat kota.",
            (
                "Jadwal mobil layanan keliling diumumkan setiap awal bulan melalui kecamatan "
                "dan akun media sosial resmi Disdukcapil.",
                "Sebanyak 1.450 dokumen dicetak langsung di lokasi sepanjang bulan lalu.",
            ),
        ),
        DemoArticle(
            58,
            "artikel",
            "layanan",
            "Pindah domisili ke Kota Serang: langkah demi langkah",
            "Urus surat pindah dari daerah asal secara daring, lalu lapor kedatangan di "
            "Kota Serang.",
            (
                "Ajukan surat pindah melalui layanan daring daerah asal. Setelah tiba, "
                "laporkan kedatangan dengan membawa surat pindah dan KTP-el lama.",
                "KK dan KTP-el baru diterbitkan paling lama tiga hari kerja.",
            ),
        ),
    ),
    dip=(
        DemoDip(
            "DIP-006",
            "berkala",
            "Data agregat kependudukan per kecamatan semester II 2025",
            "Jumlah penduduk menurut jenis kelamin, usia, agama dan pekerjaan.",
            "Bidang Pengelolaan Informasi Administrasi Kependudukan",
            "5 tahun",
        ),
        DemoDip(
            "DIP-007",
            "setiap_saat",
            "Standar pelayanan administrasi kependudukan",
            "Persyaratan, prosedur, waktu penyelesaian dan biaya (gratis) setiap layanan.",
            "Sekretariat",
            "Selama berlaku",
        ),
    ),
)

SHOWCASES = {"bpbd": BPBD, "dinkes": DINKES, "disdukcapil": DISDUKCAPIL}


def showcase(demo) -> Showcase | None:
    """The full content of `demo` (a demo.catalogue.DemoOpd), or None for a lighter OPD."""
    return SHOWCASES.get(demo.slug)
