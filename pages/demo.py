"""Demo text for the default pages of the demo OPDs, and their officials (idempotent).

The showcase OPDs (demo.content) get their own pages and officials with drawn portraits; the
others a short profile and two officials without photos."""

from core.images import validated_image_file
from demo import images
from demo.content import showcase
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
    if Official.objects.exists():
        return
    if full is None:
        Official.objects.create(name="Kepala " + demo.short_name, position="Kepala", order=1)
        Official.objects.create(
            name="Sekretaris " + demo.short_name, position="Sekretaris", order=2
        )
        return
    for order, official in enumerate(full.officials, start=1):
        drawn = images.portrait(f"{demo.slug}:{official.name}", headwear=official.headwear)
        photo = validated_image_file(images.as_upload(drawn, "foto.jpg"), max_width=PHOTO_MAX_WIDTH)
        Official.objects.create(
            name=official.name, position=official.position, photo=photo, order=order
        )
