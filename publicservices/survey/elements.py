"""The nine elements of the Survei Kepuasan Masyarakat (PermenPAN-RB No. 14 Tahun 2017).

Each element is one question of the regulation's sample questionnaire (Lampiran, "Contoh
Kuesioner"), scored 1 to 4 with the regulation's answer wording (a = 1 ... d = 4). The order and
the codes U1...U9 follow the list of elements in the regulation's body: persyaratan; sistem,
mekanisme dan prosedur; waktu penyelesaian; biaya/tarif; produk spesifikasi jenis pelayanan;
kompetensi pelaksana; perilaku pelaksana; penanganan pengaduan, saran dan masukan; sarana dan
prasarana. The model stores the score of element Un in the field `un`.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SCORES = (1, 2, 3, 4)


@dataclass(frozen=True)
class Element:
    code: str  # "U1" ... "U9"
    name: str
    question: str
    # The wording of the answers scored 1, 2, 3 and 4.
    answers: tuple[str, str, str, str]

    @property
    def field(self) -> str:
        return self.code.lower()

    @property
    def choices(self) -> list[tuple[int, str]]:
        return list(zip(SCORES, self.answers, strict=True))


ELEMENTS = (
    Element(
        "U1",
        _("Persyaratan"),
        _(
            "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan "
            "jenis pelayanannya?"
        ),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    Element(
        "U2",
        _("Sistem, mekanisme dan prosedur"),
        _("Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?"),
        (_("Tidak mudah"), _("Kurang mudah"), _("Mudah"), _("Sangat mudah")),
    ),
    Element(
        "U3",
        _("Waktu penyelesaian"),
        _("Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?"),
        (_("Tidak cepat"), _("Kurang cepat"), _("Cepat"), _("Sangat cepat")),
    ),
    Element(
        "U4",
        _("Biaya/tarif"),
        _("Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?"),
        (_("Sangat mahal"), _("Cukup mahal"), _("Murah"), _("Gratis")),
    ),
    Element(
        "U5",
        _("Produk spesifikasi jenis pelayanan"),
        _(
            "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang "
            "tercantum dalam standar pelayanan dengan hasil yang diberikan?"
        ),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    Element(
        "U6",
        _("Kompetensi pelaksana"),
        _("Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?"),
        (_("Tidak kompeten"), _("Kurang kompeten"), _("Kompeten"), _("Sangat kompeten")),
    ),
    Element(
        "U7",
        _("Perilaku pelaksana"),
        _(
            "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait "
            "kesopanan dan keramahan?"
        ),
        (
            _("Tidak sopan dan ramah"),
            _("Kurang sopan dan ramah"),
            _("Sopan dan ramah"),
            _("Sangat sopan dan ramah"),
        ),
    ),
    Element(
        "U8",
        _("Penanganan pengaduan, saran dan masukan"),
        _("Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?"),
        (
            _("Tidak ada"),
            _("Ada tetapi tidak berfungsi"),
            _("Berfungsi kurang maksimal"),
            _("Dikelola dengan baik"),
        ),
    ),
    Element(
        "U9",
        _("Sarana dan prasarana"),
        _("Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?"),
        (_("Buruk"), _("Cukup"), _("Baik"), _("Sangat baik")),
    ),
)

FIELDS = tuple(element.field for element in ELEMENTS)
