"""Default content of the document library for a newly provisioned OPD."""

from documents.models import DocumentCategory

# (slug, name); the data migration 0002 seeds the same for the OPDs that existed before.
DEFAULT_CATEGORIES = (
    ("formulir", "Formulir"),
    ("peraturan", "Peraturan"),
    ("laporan", "Laporan"),
    ("lainnya", "Lainnya"),
)


def seed_defaults() -> None:
    """Create the default categories in the current OPD schema (idempotent)."""
    for position, (slug, name) in enumerate(DEFAULT_CATEGORIES):
        DocumentCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
