"""The demo OPDs: the 32 OPDs of Kota Serang, with the activity a 2024 evaluation found."""

from dataclasses import dataclass

from console.models import ActivityLevel
from tenants.models import Opd

DEMO_PASSWORD = "portal-demo-2026"
DEMO_KOMINFO_USERNAME = "kominfo"
DEMO_OPD_ADMIN_USERNAME = "admin"


@dataclass(frozen=True)
class DemoOpd:
    slug: str
    short_name: str
    name: str
    kind: str
    activity: str = ActivityLevel.INACTIVE
    colour: str = "#0b5394"


_K = Opd.Kind
_A = ActivityLevel

DEMO_OPDS = (
    DemoOpd(
        "bpbd",
        "BPBD",
        "Badan Penanggulangan Bencana Daerah Kota Serang",
        _K.BADAN,
        colour="#c2410c",
    ),
    DemoOpd("bappeda", "Bappeda", "Badan Perencanaan Pembangunan Daerah Kota Serang", _K.BADAN),
    DemoOpd(
        "disdukcapil",
        "Disdukcapil",
        "Dinas Kependudukan dan Pencatatan Sipil Kota Serang",
        _K.DINAS,
        colour="#1d4ed8",
    ),
    DemoOpd(
        "disparpora",
        "Disparpora",
        "Dinas Pariwisata, Pemuda dan Olahraga Kota Serang",
        _K.DINAS,
        colour="#0f766e",
    ),
    DemoOpd(
        "dpupr",
        "DPUPR",
        "Dinas Pekerjaan Umum dan Penataan Ruang Kota Serang",
        _K.DINAS,
        colour="#b45309",
    ),
    DemoOpd(
        "disperkim", "Disperkim", "Dinas Perumahan dan Kawasan Permukiman Kota Serang", _K.DINAS
    ),
    DemoOpd("dinsos", "Dinsos", "Dinas Sosial Kota Serang", _K.DINAS, colour="#9d174d"),
    DemoOpd(
        "disnakertrans",
        "Disnakertrans",
        "Dinas Tenaga Kerja dan Transmigrasi Kota Serang",
        _K.DINAS,
    ),
    DemoOpd(
        "inspektorat", "Inspektorat", "Inspektorat Kota Serang", _K.INSPEKTORAT, colour="#374151"
    ),
    DemoOpd(
        "kesbangpol",
        "Kesbangpol",
        "Badan Kesatuan Bangsa dan Politik Kota Serang",
        _K.BADAN,
        colour="#991b1b",
    ),
    DemoOpd(
        "kec-cipocokjaya",
        "Kec. Cipocokjaya",
        "Kecamatan Cipocokjaya",
        _K.KECAMATAN,
        colour="#166534",
    ),
    DemoOpd("kec-curug", "Kec. Curug", "Kecamatan Curug", _K.KECAMATAN, colour="#166534"),
    DemoOpd("kec-serang", "Kec. Serang", "Kecamatan Serang", _K.KECAMATAN, colour="#166534"),
    DemoOpd(
        "kec-walantaka", "Kec. Walantaka", "Kecamatan Walantaka", _K.KECAMATAN, colour="#166534"
    ),
    DemoOpd(
        "satpolpp",
        "Satpol PP",
        "Satuan Polisi Pamong Praja Kota Serang",
        _K.LAINNYA,
        colour="#1e3a8a",
    ),
    DemoOpd("setwan", "Setwan", "Sekretariat DPRD Kota Serang", _K.SEKRETARIAT, colour="#7c2d12"),
    DemoOpd(
        "bkpsdm",
        "BKPSDM",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Serang",
        _K.BADAN,
    ),
    DemoOpd(
        "diskominfo",
        "Diskominfo",
        "Dinas Komunikasi, Informatika, Statistik dan Persandian Kota Serang",
        _K.DINAS,
        colour="#0369a1",
    ),
    DemoOpd(
        "disperpusda",
        "Disperpusda",
        "Dinas Perpustakaan dan Kearsipan Daerah Kota Serang",
        _K.DINAS,
        colour="#6d28d9",
    ),
    DemoOpd(
        "dindikbud",
        "Dindikbud",
        "Dinas Pendidikan dan Kebudayaan Kota Serang",
        _K.DINAS,
        colour="#1d4ed8",
    ),
    DemoOpd("dlh", "DLH", "Dinas Lingkungan Hidup Kota Serang", _K.DINAS, colour="#15803d"),
    DemoOpd(
        "bapenda", "Bapenda", "Badan Pendapatan Daerah Kota Serang", _K.BADAN, colour="#a16207"
    ),
    DemoOpd(
        "dbmptsp",
        "DBMPTSP",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Serang",
        _K.DINAS,
    ),
    DemoOpd(
        "bpkad",
        "BPKAD",
        "Badan Pengelolaan Keuangan dan Aset Daerah Kota Serang",
        _K.BADAN,
        _A.BARELY_ACTIVE,
        "#854d0e",
    ),
    DemoOpd(
        "dinkes", "Dinkes", "Dinas Kesehatan Kota Serang", _K.DINAS, _A.BARELY_ACTIVE, "#047857"
    ),
    DemoOpd(
        "dp3akb",
        "DP3AKB",
        "Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana Kota Serang",
        _K.DINAS,
        _A.BARELY_ACTIVE,
        "#be185d",
    ),
    DemoOpd(
        "disdaginkukm",
        "Disdaginkukm",
        "Dinas Perdagangan, Industri, Koperasi dan UKM Kota Serang",
        _K.DINAS,
        _A.BARELY_ACTIVE,
    ),
    DemoOpd(
        "dishub", "Dishub", "Dinas Perhubungan Kota Serang", _K.DINAS, _A.BARELY_ACTIVE, "#1e40af"
    ),
    DemoOpd(
        "distan", "Distan", "Dinas Pertanian Kota Serang", _K.DINAS, _A.BARELY_ACTIVE, "#3f6212"
    ),
    DemoOpd(
        "kec-taktakan",
        "Kec. Taktakan",
        "Kecamatan Taktakan",
        _K.KECAMATAN,
        _A.BARELY_ACTIVE,
        "#166534",
    ),
    DemoOpd(
        "setda",
        "Setda",
        "Sekretariat Daerah Kota Serang",
        _K.SEKRETARIAT,
        _A.BARELY_ACTIVE,
        "#7f1d1d",
    ),
    DemoOpd("kec-kasemen", "Kec. Kasemen", "Kecamatan Kasemen", _K.KECAMATAN, _A.ACTIVE, "#166534"),
)
