"""Demo text for the default pages of the demo OPDs (idempotent)."""

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


def seed_demo_content(demo) -> None:
    for slug, body in (("profil", _PROFILE), ("visi-dan-misi", _VISION)):
        page = Page.objects.filter(slug=slug, body="").first()
        if page is not None:
            page.body = body.format(name=demo.name)
            publish_content(page)
    if not Official.objects.exists() and not OrgUnit.objects.exists():
        seed_demo_officials(demo)


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


def portrait_for(name: str):
    """A demo portrait (a ContentFile) for the official `name`, or None: the page shows the
    neutral placeholder. The demo images' Pillow portraits plug in here."""
    return None


def seed_demo_officials(demo) -> None:
    names = iter(_NAMES * 3)

    def official(position, unit=None, order=0):
        name = next(names)
        item = Official(name=name, position=position, unit=unit, order=order)
        photo = portrait_for(name)
        if photo is not None:
            item.photo.save(photo.name, photo, save=False)
        item.save()

    official(_HEAD_TITLES.get(demo.kind, "Kepala") + " " + demo.short_name, order=1)
    for unit_order, (unit_name, positions) in enumerate(_units_for(demo), start=1):
        unit = OrgUnit.objects.create(name=unit_name, order=unit_order * 10)
        for order, position in enumerate(positions, start=1):
            official(position, unit=unit, order=order)
