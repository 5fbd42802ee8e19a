"""The demo OPDs' identity: a drawn logo and contact details (idempotent)."""

from core.images import validated_image_file
from demo import images
from demo.content import showcase
from tenants.forms import LOGO_MAX_WIDTH

# Where the demo OPDs without their own address (demo.content) are.
PUSPEMKOT = "Kawasan Pusat Pemerintahan Kota Serang, Jl. Jenderal Sudirman, Kota Serang, Banten"
OFFICE_HOURS = "Senin–Jumat 08.00–16.00 WIB"


def fill_identity(opd, demo) -> None:
    """Give `opd` (the row of the demo.catalogue.DemoOpd `demo`) a drawn logo and contact
    details where it has none yet: what an operator entered is never replaced, and a second
    run saves nothing."""
    full = showcase(demo)
    wanted = {
        "address": full.address if full else PUSPEMKOT,
        "email": full.email if full else f"{demo.slug}@serangkota.go.id",
        "opening_hours": full.opening_hours if full else OFFICE_HOURS,
    }
    if full is not None:
        wanted |= {"phone": full.phone, "map_url": full.map_url, **full.social}
    changed = [name for name, value in wanted.items() if not getattr(opd, name)]
    for name in changed:
        setattr(opd, name, wanted[name])
    if not opd.logo:
        drawn = images.emblem(images.initials_of(demo.short_name, demo.name), demo.colour)
        # As the identity form re-encodes an uploaded logo (tenants.forms).
        opd.logo = validated_image_file(
            images.as_upload(drawn, "logo.png"), max_width=LOGO_MAX_WIDTH
        )
        changed.append("logo")
    if changed:
        opd.save(update_fields=[*changed, "updated_at"])
