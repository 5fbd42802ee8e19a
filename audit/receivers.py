"""Audit events for changes made outside the publishing service: accounts, roles, OPDs,
domains, banners and the other records an operator or Kominfo user edits."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django_tenants.utils import get_public_schema_name

from audit.models import AuditEvent
from audit.services import (
    ANONYMOUS_ACTOR,
    PERMISSION_FIELDS,
    audited_fields,
    changes_between,
    json_value,
    record,
    snapshot,
)
from banners.models import EmergencyBanner
from core import registry
from redirects.models import Redirect
from tenants.models import Domain, Opd

# Changes ---------------------------------------------------------------------------------------


def remember_old_values(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save: one primary-key read of the row as it is before the change."""
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        instance._audit_before = None
        return
    if raw or instance._state.adding or instance.pk is None:
        instance._audit_before = None
        return
    fields = [field.attname for field in audited_fields(sender)]
    if sender is get_user_model():
        fields.append("password")
    before = sender._base_manager.filter(pk=instance.pk).values(*fields).first()
    instance._audit_before = (
        {key: json_value(value) for key, value in before.items()} if before else None
    )


def _diff(instance) -> dict:
    return changes_between(getattr(instance, "_audit_before", None), snapshot(instance))


def content_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    changes = _diff(instance)
    if created:
        action = AuditEvent.Action.CREATE
    else:
        if not changes:
            return
        action = AuditEvent.Action.CHANGE
    record(action, instance=instance, changes=changes, opd_id=_concerned_opd(instance))


def content_deleted(sender, instance, **kwargs):
    record(AuditEvent.Action.DELETE, instance=instance, opd_id=_concerned_opd(instance))


def _concerned_opd(instance) -> int | None:
    """In the console (public schema), an event about an OPD or its domain belongs to it."""
    if connection.schema_name != get_public_schema_name():
        return None
    if isinstance(instance, Opd) and not instance.is_public:
        return instance.pk
    if isinstance(instance, Domain) and instance.tenant_id:
        tenant = instance.tenant
        return None if tenant.is_public else tenant.pk
    return None


def user_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a log-in, recorded by user_logged_in
    changes = _diff(instance)
    before = getattr(instance, "_audit_before", None)
    password_changed = before is not None and before.get("password") != instance.password
    if created:
        action = AuditEvent.Action.CREATE
    elif PERMISSION_FIELDS & changes.keys():
        action = AuditEvent.Action.PERMISSION
    elif changes:
        action = AuditEvent.Action.CHANGE
    elif password_changed:
        action = AuditEvent.Action.PASSWORD
    else:
        return
    if password_changed:
        changes["password"] = "(diubah)"
    record(action, instance=instance, changes=changes)


def _names(model, pks) -> list[str]:
    return sorted(str(obj) for obj in model._default_manager.filter(pk__in=pks or ()))


def relations_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Roles of a user, or permissions of a user or role, were added or removed."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action != "post_clear" and not pk_set:
        return
    verb = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action]
    forward, backward = _RELATION_NAMES.get(sender, ("relation", "relation"))
    changes = {backward if reverse else forward: {verb: _names(model, pk_set)}}
    record(AuditEvent.Action.PERMISSION, instance=instance, changes=changes)


def logged_in(sender, request, user, **kwargs):
    record(AuditEvent.Action.LOGIN, instance=user)


def logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(AuditEvent.Action.LOGOUT, instance=user)


def login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    record(
        AuditEvent.Action.LOGIN_FAILED,
        object_type=get_user_model()._meta.label,
        object_repr=username,
        actor=username or ANONYMOUS_ACTOR,
    )


# m2m through model -> (field name seen from the instance, name seen from the other side).
_RELATION_NAMES = {}


def connect_model(model) -> None:
    audited_fields(model)  # fails at start-up, not at the first save, without an allow-list
    uid = model._meta.label
    pre_save.connect(remember_old_values, sender=model, dispatch_uid=f"audit-pre-{uid}")
    post_save.connect(content_saved, sender=model, dispatch_uid=f"audit-save-{uid}")
    post_delete.connect(content_deleted, sender=model, dispatch_uid=f"audit-del-{uid}")


def connect_content_app(app: registry.ContentApp) -> None:
    # Publishable content is audited by publishing.services, in the same transaction.
    for publishable in app.publishables:
        audited_fields(publishable.model)
    for model in app.audited_models:
        connect_model(model)


def connect() -> None:
    User = get_user_model()
    _RELATION_NAMES.update(
        {
            User.groups.through: ("groups", "users"),
            User.user_permissions.through: ("user_permissions", "users"),
            Group.permissions.through: ("permissions", "groups"),
        }
    )
    # Redirects: an infrastructure app's model operators edit (the CSV import writes in bulk
    # and is not recorded row by row).
    for model in (Group, Opd, Domain, EmergencyBanner, Redirect):
        connect_model(model)
    registry.on_register(connect_content_app)
    pre_save.connect(remember_old_values, sender=User, dispatch_uid="audit-pre-user")
    post_save.connect(user_saved, sender=User, dispatch_uid="audit-save-user")
    post_delete.connect(content_deleted, sender=User, dispatch_uid="audit-del-user")
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(
            relations_changed, sender=through, dispatch_uid=f"audit-m2m-{through._meta.label}"
        )
    user_logged_in.connect(logged_in, dispatch_uid="audit-login")
    user_logged_out.connect(logged_out, dispatch_uid="audit-logout")
    user_login_failed.connect(login_failed, dispatch_uid="audit-login-failed")
