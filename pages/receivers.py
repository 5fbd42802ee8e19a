"""Cache invalidation for the OPD's pages, officials, units and identity."""

from django.db.models.signals import post_delete, post_save

from core import pagecache
from pages.models import Official, OrgUnit, Page
from tenants.models import Opd


def content_changed(sender, **kwargs):
    pagecache.invalidate()


def opd_changed(sender, instance, **kwargs):
    if not instance.is_public and instance.schema_name:
        pagecache.invalidate(instance.schema_name)


def connect() -> None:
    post_save.connect(content_changed, sender=Page, dispatch_uid="pages-page-save")
    post_delete.connect(content_changed, sender=Page, dispatch_uid="pages-page-delete")
    post_save.connect(content_changed, sender=Official, dispatch_uid="pages-official-save")
    post_delete.connect(content_changed, sender=Official, dispatch_uid="pages-official-delete")
    post_save.connect(content_changed, sender=OrgUnit, dispatch_uid="pages-orgunit-save")
    post_delete.connect(content_changed, sender=OrgUnit, dispatch_uid="pages-orgunit-delete")
    post_save.connect(opd_changed, sender=Opd, dispatch_uid="pages-opd-identity")
