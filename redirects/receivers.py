"""Renamed slugs keep their old address: for every publishable content model of the registry
(core.registry) that has a `slug` and a `get_absolute_url()`, renaming a published item leaves
a redirect from its old address to its new one (redirects.services.follow_renamed_url).

A signal, not a step of publishing.services: an item is renamed through the admin, the
publishing service, a revision restored or an importer, and every one of them must leave the
redirect, in the same transaction as the rename; the content apps need not know this app exists.
The old row is read once before an existing item is saved (saves are rare; pages are not), so
nothing is added to what citizens' pages cost.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.urls import NoReverseMatch

from core import registry
from redirects import home, services
from redirects.models import Redirect

_OLD_URL = "_redirects_old_url"


def follows_slugs(model) -> bool:
    field_names = {field.name for field in model._meta.get_fields()}
    return "slug" in field_names and hasattr(model, "get_absolute_url")


def remember_old_url(sender, instance, raw=False, update_fields=None, **kwargs):
    instance.__dict__.pop(_OLD_URL, None)
    if raw or instance._state.adding or instance.pk is None:
        return
    if update_fields is not None and "slug" not in update_fields:
        return
    old = sender._base_manager.filter(pk=instance.pk).first()
    if old is None or old.slug == instance.slug:
        return
    is_published = getattr(old, "guard_is_published", None)
    if is_published is not None and not is_published():
        return
    try:
        instance.__dict__[_OLD_URL] = old.get_absolute_url()
    except NoReverseMatch:  # an old slug the URLconf no longer accepts had no address
        return


def follow_renamed_slug(sender, instance, raw=False, **kwargs):
    old_url = instance.__dict__.pop(_OLD_URL, None)
    if old_url and not raw:
        services.follow_renamed_url(old_url=old_url, new_url=instance.get_absolute_url())


def connect_content_app(app: registry.ContentApp) -> None:
    for publishable in app.publishables:
        model = publishable.model
        if not follows_slugs(model):
            continue
        uid = model._meta.label
        pre_save.connect(remember_old_url, sender=model, dispatch_uid=f"redirects-pre-{uid}")
        post_save.connect(follow_renamed_slug, sender=model, dispatch_uid=f"redirects-post-{uid}")


def redirects_changed(sender, **kwargs):
    home.forget()


def connect() -> None:
    registry.on_register(connect_content_app)
    # The home page's parameter names (redirects.home) follow every change of a redirect.
    post_save.connect(redirects_changed, sender=Redirect, dispatch_uid="redirects-saved")
    post_delete.connect(redirects_changed, sender=Redirect, dispatch_uid="redirects-deleted")
