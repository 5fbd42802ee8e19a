"""Keeps the console's mirror of operator accounts and the OPD roles up to date."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils import timezone

from accounts import roles
from accounts.middleware import bind_session_to_schema
from accounts.models import OperatorAccount
from core.tenancy import in_opd_schema
from tenants.models import Opd


def sync_roles_after_migrate(sender, using, **kwargs):
    """Keep every OPD's default roles in step with the permissions that migrations add."""
    if in_opd_schema():
        roles.sync_roles()


def mirror_operator(user) -> None:
    """Copy one operator account into the public OperatorAccount list the console reads."""
    opd = connection.tenant
    OperatorAccount.objects.update_or_create(
        opd=opd,
        user_id=user.pk,
        defaults={
            "username": user.username,
            "full_name": user.get_full_name(),
            "email": user.email,
            "roles": ", ".join(sorted(user.groups.values_list("name", flat=True))),
            "is_active": user.is_active,
            "last_login": user.last_login,
            "date_joined": user.date_joined,
        },
    )


def operator_saved(sender, instance, **kwargs):
    if in_opd_schema() and not kwargs.get("raw"):
        mirror_operator(instance)


def operator_roles_changed(sender, instance, action, reverse, **kwargs):
    if in_opd_schema() and action in ("post_add", "post_remove", "post_clear"):
        if reverse:  # Group.user_set changed: mirror every user of the group
            for user in instance.user_set.all():
                mirror_operator(user)
        else:
            mirror_operator(instance)


def operator_deleted(sender, instance, **kwargs):
    if in_opd_schema():
        OperatorAccount.objects.filter(opd=connection.tenant, user_id=instance.pk).delete()


def operator_logged_in(sender, request, user, **kwargs):
    """Record the OPD's last operator log-in where the console can read it."""
    if in_opd_schema():
        Opd.objects.filter(pk=connection.tenant.pk).update(last_operator_login=timezone.now())


def connect() -> None:
    User = get_user_model()
    # Sent for this app after every app listed before it in INSTALLED_APPS created its
    # permissions: accounts comes after the content apps there.
    post_migrate.connect(sync_roles_after_migrate, sender=apps.get_app_config("accounts"))
    user_logged_in.connect(bind_session_to_schema, dispatch_uid="bind_session_to_schema")
    user_logged_in.connect(operator_logged_in, dispatch_uid="operator_logged_in")
    post_save.connect(operator_saved, sender=User, dispatch_uid="operator_saved")
    post_delete.connect(operator_deleted, sender=User, dispatch_uid="operator_deleted")
    m2m_changed.connect(
        operator_roles_changed, sender=User.groups.through, dispatch_uid="operator_roles_changed"
    )
