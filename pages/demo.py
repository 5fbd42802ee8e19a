"""Demo text for the default pages of the demo OPDs (idempotent)."""

from pages.models import Official, Page
from publishing.services import publish_content

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
    if not Official.objects.exists():
        Official.objects.create(name="Kepala " + demo.short_name, position="Kepala", order=1)
        Official.objects.create(
            name="Sekretaris " + demo.short_name, position="Sekretaris", order=2
        )
