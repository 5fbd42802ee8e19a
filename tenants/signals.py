from django.db import connection
from django.utils import timezone
from django_tenants.utils import get_public_schema_name

from tenants import roles
from tenants.models import Opd, OperatorAccount


def in_opd_schema() -> bool:
    return connection.schema_name != get_public_schema_name()


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
