"""Demo services with their Standar Pelayanan and a signed Maklumat Pelayanan for a few demo
OPDs (idempotent: an OPD that has services already is left alone)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from demo import images
from library.services import add_document
from publicservices.models import Service, ServiceMaklumat, ServiceStep
from publishing.services import publish_content

_HOURS = "Senin–Kamis 08.00–15.00 WIB, Jumat 08.00–11.00 WIB"
_COMPLAINTS = (
    "<p>Pengaduan, saran dan masukan dapat disampaikan melalui:</p><ul>"
    "<li>kotak saran di ruang pelayanan;</li><li>SP4N-LAPOR! (lapor.go.id);</li>"
    "<li>petugas pengaduan di loket informasi pada jam pelayanan.</li></ul>"
    "<p>Setiap pengaduan ditanggapi paling lama 5 hari kerja.</p>"
)


def _service(name, slug, summary, requirements, steps, **fields):
    return {
        "name": name,
        "slug": slug,
        "summary": summary,
        "requirements": "<ul>" + "".join(f"<li>{item}</li>" for item in requirements) + "</ul>",
        "steps": steps,
        "complaints": _COMPLAINTS,
        "opening_hours": _HOURS,
        **fields,
    }


DISDUKCAPIL_LOCATION = "Mal Pelayanan Publik Kota Serang, Jl. Jenderal Sudirman No. 5, Serang"
BPBD_LOCATION = "Kantor BPBD Kota Serang, Jl. Kitapa No. 1, Serang"
DPUPR_LOCATION = "Loket DPUPR di Mal Pelayanan Publik Kota Serang"

SERVICES = {
    "disdukcapil": [
        _service(
            "Penerbitan KTP-el",
            "ktp-el",
            "Perekaman dan pencetakan Kartu Tanda Penduduk elektronik (KTP) bagi warga yang "
            "berusia 17 tahun, sudah menikah, atau mengganti KTP yang rusak atau hilang.",
            [
                "Berusia 17 tahun atau sudah/pernah menikah",
                "Fotokopi Kartu Keluarga (KK)",
                "KTP-el lama yang rusak, atau surat keterangan kehilangan dari kepolisian",
            ],
            [
                ("Mengambil nomor antrean", "Di loket informasi atau melalui aplikasi antrean."),
                ("Verifikasi berkas", "Petugas memeriksa KK dan dokumen pendukung."),
                ("Perekaman biometrik", "Foto, sidik jari, iris mata dan tanda tangan."),
                ("Pencetakan KTP-el", "KTP-el dicetak setelah data terverifikasi pusat."),
                ("Penyerahan KTP-el", "Diambil sendiri dengan menunjukkan bukti antrean."),
            ],
            duration="1 hari kerja bila blangko tersedia",
            cost="Gratis (UU 24/2013 tentang Administrasi Kependudukan)",
            product="Kartu Tanda Penduduk elektronik (KTP-el)",
            location=DISDUKCAPIL_LOCATION,
            apply_url="https://serangkota.go.id/layanan/",
        ),
        _service(
            "Penerbitan Kartu Keluarga (KK)",
            "kartu-keluarga",
            "Penerbitan KK baru, perubahan data anggota keluarga, atau penggantian KK yang "
            "hilang atau rusak.",
            [
                "KK lama (untuk perubahan atau penggantian)",
                "Buku nikah atau akta perkawinan untuk keluarga baru",
                "Surat pindah bagi pendatang",
                "Formulir F-1.01 yang sudah diisi",
            ],
            [
                ("Mengisi formulir F-1.01", "Formulir tersedia di loket atau diunduh di sini."),
                ("Menyerahkan berkas", "Di loket pendaftaran Kartu Keluarga."),
                ("Verifikasi dan validasi", "Petugas memeriksa data kependudukan."),
                ("Pencetakan KK", "KK dicetak di kertas HVS dengan tanda tangan elektronik."),
            ],
            duration="1 hari kerja",
            cost="Gratis",
            product="Kartu Keluarga",
            location=DISDUKCAPIL_LOCATION,
        ),
        _service(
            "Penerbitan Akta Kelahiran",
            "akta-kelahiran",
            "Pencatatan kelahiran dan penerbitan akta kelahiran bagi anak yang lahir di Kota "
            "Serang atau orang tuanya berdomisili di Kota Serang.",
            [
                "Surat keterangan lahir dari rumah sakit, puskesmas atau bidan",
                "Fotokopi KK dan KTP-el kedua orang tua",
                "Buku nikah atau akta perkawinan orang tua",
                "Dua orang saksi kelahiran",
            ],
            [
                ("Menyerahkan berkas", "Di loket pencatatan sipil."),
                ("Verifikasi berkas", "Petugas memeriksa kelengkapan dan kebenaran data."),
                ("Pencetakan akta", "Akta ditandatangani secara elektronik."),
            ],
            duration="1 hari kerja",
            cost="Gratis",
            product="Kutipan Akta Kelahiran dan KK yang diperbarui",
            location=DISDUKCAPIL_LOCATION,
        ),
    ],
    "bpbd": [
        _service(
            "Permohonan Bantuan Logistik Bencana",
            "bantuan-logistik",
            "Bantuan sembako, selimut, terpal dan perlengkapan darurat bagi warga terdampak "
            "banjir, angin puting beliung atau kebakaran.",
            [
                "Surat permohonan dari ketua RT/RW atau lurah",
                "Daftar warga terdampak dengan NIK",
                "Foto kejadian bila ada",
            ],
            [
                ("Melapor", "Ke Pusdalops BPBD (24 jam) atau melalui kelurahan."),
                ("Kaji cepat", "Tim reaksi cepat meninjau lokasi dan jumlah terdampak."),
                ("Penyaluran", "Bantuan diserahkan dengan berita acara serah terima."),
            ],
            duration="Paling lama 1 × 24 jam setelah kaji cepat",
            cost="Gratis",
            product="Bantuan logistik dan berita acara serah terima",
            location=BPBD_LOCATION,
            opening_hours="Pusdalops 24 jam setiap hari",
        ),
        _service(
            "Sosialisasi dan Simulasi Kesiapsiagaan Bencana",
            "sosialisasi-kesiapsiagaan",
            "Sosialisasi mitigasi dan simulasi evakuasi bencana untuk sekolah, kantor dan "
            "kelurahan tangguh bencana.",
            ["Surat permohonan dari instansi atau sekolah", "Usulan waktu dan tempat kegiatan"],
            [
                ("Mengajukan surat", "Surat ditujukan kepada Kepala Pelaksana BPBD."),
                ("Penjadwalan", "BPBD menghubungi pemohon untuk menyepakati jadwal."),
                ("Pelaksanaan", "Tim BPBD memberikan materi dan memandu simulasi."),
            ],
            duration="Dijadwalkan paling lama 14 hari kerja",
            cost="Gratis",
            product="Kegiatan sosialisasi/simulasi dan sertifikat peserta",
            location=BPBD_LOCATION,
        ),
    ],
    "dpupr": [
        _service(
            "Persetujuan Bangunan Gedung (PBG)",
            "pbg",
            "Izin mendirikan, mengubah atau merawat bangunan gedung (pengganti IMB), termasuk "
            "bangunan untuk izin usaha.",
            [
                "KTP-el pemohon dan bukti kepemilikan tanah",
                "Gambar rencana arsitektur, struktur dan utilitas",
                "Keterangan Rencana Kota (KRK)",
                "Akun SIMBG (simbg.pu.go.id)",
            ],
            [
                ("Mendaftar di SIMBG", "Pemohon mengunggah dokumen rencana teknis."),
                ("Pemeriksaan dokumen", "Tim Profesi Ahli memeriksa kesesuaian teknis."),
                ("Konsultasi", "Pemohon memperbaiki rencana bila diminta."),
                ("Pembayaran retribusi", "Retribusi PBG dibayar melalui bank persepsi."),
                ("Penerbitan PBG", "PBG terbit secara elektronik di SIMBG."),
            ],
            duration="Paling lama 28 hari kerja",
            cost="Retribusi PBG sesuai Perda Kota Serang tentang Pajak dan Retribusi Daerah",
            product="Persetujuan Bangunan Gedung (PBG)",
            location=DPUPR_LOCATION,
            apply_url="https://simbg.pu.go.id/",
        ),
        _service(
            "Keterangan Rencana Kota (KRK)",
            "krk",
            "Informasi peruntukan ruang, garis sempadan dan intensitas bangunan sebuah bidang "
            "tanah, syarat PBG dan izin usaha.",
            ["KTP-el pemohon", "Fotokopi sertifikat tanah", "Denah lokasi"],
            [
                ("Menyerahkan berkas", "Di loket DPUPR."),
                (
                    "Peninjauan lokasi",
                    "Petugas mencocokkan lokasi dengan rencana tata ruang.",
                ),
                ("Penerbitan KRK", "KRK ditandatangani kepala bidang tata ruang."),
            ],
            duration="5 hari kerja",
            cost="Gratis",
            product="Dokumen Keterangan Rencana Kota",
            location=DPUPR_LOCATION,
        ),
    ],
    # The one active OPD of the 2024 evaluation: a kecamatan with its service standard.
    "kec-kasemen": [
        _service(
            "Surat Keterangan Tidak Mampu (SKTM)",
            "sktm",
            "Surat keterangan bagi warga kurang mampu untuk keringanan biaya sekolah, berobat "
            "atau bantuan sosial.",
            [
                "KTP-el dan Kartu Keluarga pemohon",
                "Surat pengantar RT/RW dan kelurahan",
                "Surat pernyataan tidak mampu bermeterai",
            ],
            [
                ("Menyerahkan berkas", "Di loket pelayanan kantor kecamatan."),
                ("Verifikasi", "Petugas memeriksa berkas dan data DTKS."),
                ("Penandatanganan", "Camat atau sekretaris camat menandatangani surat."),
            ],
            duration="1 hari kerja",
            cost="Gratis",
            product="Surat Keterangan Tidak Mampu",
            location="Kantor Kecamatan Kasemen, loket pelayanan terpadu",
        ),
    ],
}

MAKLUMAT = (
    "<p>Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan "
    "yang telah ditetapkan, dan apabila tidak menepati janji ini kami siap menerima sanksi "
    "sesuai peraturan perundang-undangan yang berlaku.</p>"
)


def _scan(demo) -> Image.Image:
    """A drawn "scan" of the signed Maklumat: the text and a signature line."""
    image = Image.new("RGB", (800, 1000), (252, 251, 247))
    draw = ImageDraw.Draw(image)
    draw.text(
        (400, 90), "MAKLUMAT PELAYANAN", fill=(20, 20, 20), anchor="mm", font=images._font(40)
    )
    draw.text((400, 150), demo.name, fill=(40, 40, 40), anchor="mm", font=images._font(22))
    lines = [
        "Dengan ini kami menyatakan sanggup",
        "menyelenggarakan pelayanan sesuai standar",
        "pelayanan yang telah ditetapkan, dan apabila",
        "tidak menepati janji ini kami siap menerima",
        "sanksi sesuai peraturan perundang-undangan.",
    ]
    for number, line in enumerate(lines):
        draw.text((80, 260 + number * 44), line, fill=(30, 30, 30), font=images._font(28))
    draw.text((480, 700), "Kepala,", fill=(30, 30, 30), font=images._font(26))
    draw.line((470, 820, 740, 800), fill=(20, 40, 140), width=4)
    draw.text((480, 840), "(tanda tangan dan cap)", fill=(90, 90, 90), font=images._font(20))
    return image


def seed_demo_content(demo) -> None:
    services = SERVICES.get(demo.slug)
    if services is None or Service.objects.exists():
        return
    for position, data in enumerate(services):
        data = dict(data)
        steps = data.pop("steps")
        service = Service(position=position * 10, **data)
        publish_content(service)
        ServiceStep.objects.bulk_create(
            ServiceStep(service=service, position=order, title=title, description=text)
            for order, (title, text) in enumerate(steps, start=1)
        )
    if not ServiceMaklumat.objects.exists():
        # A PDF scan, as most offices scan the signed sheet (the image library stays the
        # articles' covers).
        buffer = io.BytesIO()
        _scan(demo).save(buffer, "PDF", resolution=100)
        scan = add_document(
            upload=SimpleUploadedFile("maklumat.pdf", buffer.getvalue(), "application/pdf"),
            title=f"Maklumat Pelayanan {demo.name} (bertanda tangan)",
        )
        ServiceMaklumat.objects.create(
            text=MAKLUMAT, signed_by=f"Kepala {demo.name}", scan_document=scan
        )
