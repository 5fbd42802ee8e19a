"""The portal's pages show OPD names, logos and domains: a change to one is a new version."""

from django.db.models.signals import post_delete, post_save

from core import pagecache
from mainsite import index
from tenants.models import Domain, Opd


def connect() -> None:
    pagecache.register_schedule_provider(index.next_scheduled_item, public=True)
    for signal in (post_save, post_delete):
        signal.connect(index.opd_changed, sender=Opd, dispatch_uid=f"portal-{signal}")
        signal.connect(index.opd_changed, sender=Domain, dispatch_uid=f"portal-domain-{signal}")
