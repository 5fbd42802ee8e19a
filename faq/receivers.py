"""Cache invalidation for the OPD's FAQ."""

from django.db.models.signals import post_delete, post_save

from core import pagecache
from faq.models import FaqGroup, FaqItem


def content_changed(sender, **kwargs):
    pagecache.invalidate()


def connect() -> None:
    for model in (FaqGroup, FaqItem):
        for signal in (post_save, post_delete):
            signal.connect(
                content_changed,
                sender=model,
                dispatch_uid=f"faq-{model._meta.model_name}-{signal is post_save}",
            )
