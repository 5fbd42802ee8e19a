"""Demo text for the default pages of the demo OPDs, and their officials (idempotent).

The showcase OPDs (demo.content) get their own pages, and officials by unit with drawn
portraits; the others a short profile and a small structure without photos (the page shows
the neutral placeholder; drawing and cropping ~400 portraits would slow every fresh seed)."""

from core.images import validated_image_file
from demo import images
from demo.content import showcase
from pages.models import Official, OrgUnit, Page
from publishing.services import publish_content
from tenants.models import Opd

_PROFILE = (
    "<p>{name} adalah perangkat daerah yang melaksanakan urusan pemerintahan di Kota Serang "
    "sesuai dengan tugas dan fungsinya.</p>"
    "<p>Kami melayani warga dengan cepat, ramah dan terbuka.</p>"
)
_VISION = (
    "<h2>Visi</h2><p>Terwujudnya pelayanan publik yang prima bagi masyarakat Kota Serang.</p>"
    "<h2>Misi</h2><ol><li>Meningkatkan mutu layanan.</li>"
    "<li>Memperkuat keterbukaan informasi.</li><li>Mengembangkan sumber daya aparatur.</li></ol>"
)
# As the official form re-encodes an uploaded photo (pages.forms).
PHOTO_MAX_WIDTH = 600


def seed_demo_content(demo) -> None:
    full = showcase(demo)
    if full is not None:
        bodies = full.pages
    else:
        bodies = {"profil": _PROFILE.format(name=demo.name), "visi-dan-misi": _VISION}
    for page in Page.objects.filter(slug__in=bodies, body=""):
        page.body = bodies[page.slug]
        publish_content(page)
    if Official.objects.exists() or OrgUnit.objects.exists():
        return
    if full is None:
        seed_demo_officials(demo)
        return
    # The showcase's officials, by the unit each belongs to ("Pimpinan" heads the office).
    units: dict[str, OrgUnit] = {}
    for order, official in enumerate(full.officials, start=1):
        unit = None
        if official.unit != "Pimpinan":
            if official.unit not in units:
                units[official.unit] = OrgUnit.objects.create(
                    name=official.unit, order=(len(units) + 1) * 10
                )
            unit = units[official.unit]
        Official.objects.create(
            name=official.name,
            position=official.position,
            unit=unit,
            order=order,
            photo=_portrait(f"{demo.slug}:{official.name}", official.headwear),
        )


def _portrait(seed: str, headwear: str | None):
    """A drawn portrait, re-encoded as the official form re-encodes an uploaded photo."""
    drawn = images.portrait(seed, headwear=headwear)
    return validated_image_file(images.as_upload(drawn, "foto.jpg"), max_width=PHOTO_MAX_WIDTH)


# Units of a demo OPD by kind: (unit, [(position, name), ...]); the first is the unit's head.
_HEAD_TITLES = {
    Opd.Kind.DINAS: "Kepala Dinas",
    Opd.Kind.BADAN: "Kepala Badan",
    Opd.Kind.KECAMATAN: "Camat",
}
_NAMES = (
    "Drs. H. Ahmad Fauzi, M.Si.", "Hj. Siti Rohmah, S.E., M.M.", "Ir. Bambang Sutrisno, M.T.",
    "Dewi Lestari, S.Sos., M.AP.", "Rudi Hartono, S.H.", "Nurul Hidayah, S.Kom.",
    "Agus Salim, S.T.", "Maya Puspita, S.Psi.", "Eko Prasetyo, S.IP.", "Rina Marlina, A.Md.",
    "Dedi Kurniawan, S.E.", "Lina Herlina, S.Pd.",
)  # fmt: skip


def _units_for(demo) -> list[tuple[str, list[str]]]:
    if demo.kind == Opd.Kind.KECAMATAN:
        return [
            ("Sekretariat Kecamatan", ["Sekretaris Camat", "Kepala Subbagian Umum"]),
            ("Seksi Pemerintahan", ["Kepala Seksi Pemerintahan"]),
            ("Seksi Pelayanan Umum", ["Kepala Seksi Pelayanan Umum"]),
            ("Seksi Kesejahteraan Sosial", ["Kepala Seksi Kesejahteraan Sosial"]),
        ]
    return [
        ("Sekretariat", ["Sekretaris", "Kepala Subbagian Umum dan Kepegawaian",
                         "Kepala Subbagian Keuangan"]),
        ("Bidang Perencanaan dan Program", ["Kepala Bidang Perencanaan dan Program"]),
        ("Bidang Pelayanan", ["Kepala Bidang Pelayanan", "Analis Pelayanan Publik"]),
        (f"UPT Layanan Terpadu {demo.short_name}", ["Kepala UPT"]),
    ]  # fmt: skip


def seed_demo_officials(demo) -> None:
    names = iter(_NAMES * 3)

    def official(position, unit=None, order=0):
        name = next(names)
        Official.objects.create(name=name, position=position, unit=unit, order=order)

    official(_HEAD_TITLES.get(demo.kind, "Kepala") + " " + demo.short_name, order=1)
    for unit_order, (unit_name, positions) in enumerate(_units_for(demo), start=1):
        unit = OrgUnit.objects.create(name=unit_name, order=unit_order * 10)
        for order, position in enumerate(positions, start=1):
            official(position, unit=unit, order=order)
