"""Scheduled unpublishing: articles whose "berakhir tampil" has passed leave the portal's index
and the OPD's cached pages. (Their own site hides them the moment they expire: the read rules
are QuerySet methods, and the page cache expires at the next unpublish_at too, receivers.py.)"""

from core import pagecache
from core.tasks import periodic, schema_task
from core.tenancy import current_opd
from mainsite.index import unindex_item
from mainsite.models import PublishedItem
from news.models import Article
from tenants.models import Opd


@schema_task(queue="maintenance")
def retire_expired_articles() -> int:
    """In the OPD whose schema the job runs in: remove expired articles from the portal index
    and retire the cached pages that may still list them. Returns how many left the index."""
    opd = current_opd()
    expired = set(Article.objects.expired().values_list("pk", flat=True))
    if not expired:
        return 0
    indexed = PublishedItem.objects.filter(
        opd=opd, kind=Article.guard_kind, source_id__in=expired
    ).values_list("source_id", flat=True)
    removed = 0
    for source_id in list(indexed):
        unindex_item(kind=Article.guard_kind, source_id=source_id, opd=opd)
        removed += 1
    if removed:
        pagecache.invalidate()
    return removed


@periodic("5 * * * *")  # hourly, five past the hour
@schema_task(queue="maintenance")
def retire_expired_articles_everywhere() -> None:
    """Every hour: queue the retirement of expired articles in every OPD."""
    for schema_name in Opd.objects.sites().values_list("schema_name", flat=True):
        retire_expired_articles.defer(schema=schema_name)
