"""Cache invalidation: any change to the agenda makes the OPD's cached pages stale.

An event that ends moves from the upcoming list to the past one by the lists' own query
(ends_at); a cached page shows the move at most PAGE_CACHE_SECONDS later. No schedule provider
is registered for it: one would cost every cold page of every OPD one more query."""

from django.db.models.signals import post_delete, post_save

from agenda.models import Event
from core import pagecache


def content_changed(sender, **kwargs):
    pagecache.invalidate()


def connect() -> None:
    post_save.connect(content_changed, sender=Event, dispatch_uid="agenda-event-save")
    post_delete.connect(content_changed, sender=Event, dispatch_uid="agenda-event-delete")
