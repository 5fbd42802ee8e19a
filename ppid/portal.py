"""What the portal's public index (mainsite.PublishedItem) holds of the OPD's DIP entries, so
the portal search finds them ("renstra", "peta rawan") across OPDs."""

from django.conf import settings
from django.db import connection
from django.urls import reverse

from mainsite.index import IndexEntry
from ppid.models import PublicInformation


def information_entry(information) -> IndexEntry:
    path = reverse("ppid:dip", urlconf=settings.ROOT_URLCONF) + f"#informasi-{information.pk}"
    return IndexEntry(
        kind=PublicInformation.guard_kind,
        source_id=information.pk,
        title=information.title,
        summary=information.summary,
        url=connection.tenant.site_url(path),
        category=str(information.get_category_display()),
        published_at=information.created_at,
    )


def index_entries() -> list[IndexEntry]:
    """Every published DIP entry of the current OPD (used to rebuild the index)."""
    return [information_entry(item) for item in PublicInformation.objects.published()]
