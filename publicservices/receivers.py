"""Cache invalidation: any change to the OPD's services or Maklumat makes its cached pages stale.
(The portal index is written by publishing.services.)"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from core import pagecache
from publicservices.models import Service, ServiceMaklumat, ServiceStep


def content_changed(sender, **kwargs):
    pagecache.invalidate()


def connect() -> None:
    for model in (Service, ServiceStep, ServiceMaklumat):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"services-save-{model}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"services-del-{model}")
    m2m_changed.connect(
        content_changed, sender=Service.forms.through, dispatch_uid="services-forms"
    )
