"""A changed identity shows on every page at once: the cached identity and cached pages go."""

from django.db.models.signals import post_delete, post_save

from core import pagecache
from pemda.models import CommonLink, PemdaIdentity
from pemda.services import PEMDA_KEY, forget_pemda, pemda_version


def connect() -> None:
    pagecache.register_broadcast(PEMDA_KEY, pemda_version)
    for model in (PemdaIdentity, CommonLink):
        for signal in (post_save, post_delete):
            signal.connect(
                forget_pemda, sender=model, dispatch_uid=f"pemda-{model.__name__}-{signal}"
            )
            signal.connect(
                pagecache.broadcast_changed,
                sender=model,
                dispatch_uid=f"pemda-accelerator-{model.__name__}-{signal}",
            )
