"""The cached menu follows its items and their targets."""

from django.db import connection
from django.db.models.signals import post_delete, post_migrate, post_save
from django_tenants.utils import get_public_schema_name

from core import registry
from navigation import services
from navigation.models import MenuItem


def item_changed(sender, **kwargs):
    services.forget_menu()


def target_changed(sender, **kwargs):
    services.refresh_targets()


def targets_after_migrating(sender, **kwargs):
    """A deploy may change what targets resolve to (a new URL): read them again in each OPD."""
    if connection.schema_name != get_public_schema_name() and sender.name == "navigation":
        services.refresh_targets()


def connect_targets(app: registry.ContentApp) -> None:
    for model in app.menu_target_models:
        uid = f"navigation-target-{model._meta.label}"
        post_save.connect(target_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(target_changed, sender=model, dispatch_uid=f"{uid}-delete")


def connect() -> None:
    post_save.connect(item_changed, sender=MenuItem, dispatch_uid="navigation-item-save")
    post_delete.connect(item_changed, sender=MenuItem, dispatch_uid="navigation-item-delete")
    post_migrate.connect(targets_after_migrating, dispatch_uid="navigation-post-migrate")
    registry.on_register(connect_targets)
