from datetime import timedelta

from django.utils import timezone

from mainsite.index import IndexEntry, index_item
from news.models import Article
from tenants.models import Opd


def index_article(opd, source_id, title, *, days_ago=1, **fields):
    """Put one article of `opd` into the portal index, as the OPD side does on publish."""
    entry = IndexEntry(
        kind=Article.guard_kind,
        source_id=source_id,
        title=title,
        url=f"http://{opd.slug}.localhost/berita/artikel-{source_id}/",
        published_at=timezone.now() - timedelta(days=days_ago),
        **fields,
    )
    index_item(entry, opd=opd)


def bare_opd(slug, name=None, **fields):
    """An Opd row without a schema: enough for pages that only read the public index."""
    return Opd.objects.create(
        schema_name=slug.replace("-", "_"),
        slug=slug,
        name=name or f"Dinas {slug.title()}",
        short_name=slug.title(),
        **fields,
    )
