"""Default content of the news app for a newly provisioned OPD."""

from news.models import Category

DEFAULT_CATEGORIES = (
    ("berita", "Berita"),
    ("pengumuman", "Pengumuman"),
    ("agenda", "Agenda"),
    ("artikel", "Artikel"),
)


def seed_defaults() -> None:
    """Create the default news categories in the current OPD schema (idempotent)."""
    for order, (slug, name) in enumerate(DEFAULT_CATEGORIES):
        Category.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})
