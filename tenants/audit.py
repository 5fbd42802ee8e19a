"""The audit log: every create, change, publish, delete and permission change, with who, when,
what and from which IP (tenants.models.AuditEvent, public schema).

The actor and IP come from the request being served (AuditContextMiddleware keeps it in a
context variable; WSGI serves one request per thread at a time); outside a request (commands,
migrations) the actor is "system". Events are written in the same transaction as the change, so
an audited change and its event are saved or rolled back together.
"""

from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection, models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django_tenants.utils import get_public_schema_name

from portal.client_ip import client_ip
from tenants import roles
from tenants.models import AuditEvent, Domain, EmergencyBanner, Opd

SYSTEM_ACTOR = "system"
ANONYMOUS_ACTOR = "pengunjung"
VALUE_MAX_LENGTH = 100
REPR_MAX_LENGTH = 200

_current_request: ContextVar = ContextVar("audit_request", default=None)

# Tenant models: (label, boolean/status field that publishes, the value that means "published").
TENANT_MODELS = {
    "news.Article": ("status", "published"),
    "news.Category": None,
    "pages.Page": ("is_published", True),
    "pages.Official": None,
    "ppid.PublicInformation": ("is_published", True),
    "ppid.InformationRequest": None,
    "ppid.Objection": None,
}
# Fields never written into an event: secrets, derived data and timestamps.
IGNORED_FIELDS = frozenset(
    {
        "password",
        "last_login",
        "search_vector",
        "body_text",
        "cover_meta",
        "created_at",
        "updated_at",
        # Opd fields the platform itself keeps up to date.
        "last_operator_login",
        "content_checklist",
        "ppid_open_due_dates",
    }
)
PERMISSION_FIELDS = frozenset({"is_superuser", "is_staff"})


class AuditContextMiddleware:
    """Make the current request (its user and client IP) available to the audit receivers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def _actor(request) -> tuple[str, int | None]:
    if request is None:
        return SYSTEM_ACTOR, None
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ANONYMOUS_ACTOR, None
    username = user.get_username()
    tenant = getattr(request, "tenant", None)
    if tenant is not None and tenant.schema_name != connection.schema_name:
        # A Kominfo console user acting inside an OPD's schema (tenant_context).
        username = f"Kominfo/{username}"
    return username, user.pk


def _current_opd_id() -> int | None:
    if connection.schema_name == get_public_schema_name():
        return None
    tenant = getattr(connection, "tenant", None)
    if isinstance(tenant, Opd):
        return tenant.pk
    return (
        Opd.objects.filter(schema_name=connection.schema_name).values_list("pk", flat=True).first()
    )


def record(
    action: str,
    *,
    instance: models.Model | None = None,
    object_type: str = "",
    object_id="",
    object_repr: str = "",
    changes: dict | None = None,
    opd_id: int | None = None,
    actor: str | None = None,
) -> AuditEvent:
    """Write one audit event; the OPD defaults to the schema being worked in."""
    request = _current_request.get()
    actor_name, actor_id = _actor(request)
    if actor is not None:
        actor_name, actor_id = actor, None
    if instance is not None:
        object_type = object_type or instance._meta.label
        object_id = object_id or instance.pk
        object_repr = object_repr or str(instance)
    return AuditEvent.objects.create(
        opd_id=opd_id if opd_id is not None else _current_opd_id(),
        actor=actor_name[:150],
        actor_id=actor_id,
        action=action,
        object_type=object_type,
        object_id="" if object_id is None else str(object_id)[:64],
        object_repr=object_repr[:REPR_MAX_LENGTH],
        changes=changes or {},
        ip_address=client_ip(request) if request is not None else None,
    )


# Changes ---------------------------------------------------------------------------------------


def _audited_fields(model) -> list:
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in IGNORED_FIELDS
        and not field.primary_key
        and not isinstance(field, models.GeneratedField)
        and not getattr(field, "auto_now", False)
    ]


def _json_value(value):
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    text = str(value)
    return text if len(text) <= VALUE_MAX_LENGTH else f"{text[: VALUE_MAX_LENGTH - 1]}…"


def _snapshot(instance) -> dict:
    return {
        field.attname: _json_value(field.value_from_object(instance))
        for field in _audited_fields(type(instance))
    }


def remember_old_values(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save: one primary-key read of the row as it is before the change."""
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        instance._audit_before = None
        return
    if raw or instance._state.adding or instance.pk is None:
        instance._audit_before = None
        return
    fields = [field.attname for field in _audited_fields(sender)]
    if sender is get_user_model():
        fields.append("password")
    before = sender._base_manager.filter(pk=instance.pk).values(*fields).first()
    instance._audit_before = (
        {key: _json_value(value) for key, value in before.items()} if before else None
    )


def _diff(instance) -> dict:
    before = getattr(instance, "_audit_before", None)
    after = _snapshot(instance)
    if before is None:
        return {key: [None, value] for key, value in after.items() if value not in (None, "")}
    return {
        key: [before.get(key), value] for key, value in after.items() if before.get(key) != value
    }


def _publish_action(sender, instance, changes: dict) -> str | None:
    spec = TENANT_MODELS.get(sender._meta.label)
    if not spec:
        return None
    field, published = spec
    if field not in changes:
        return None
    old, new = changes[field]
    if new == published and old != published:
        return AuditEvent.Action.PUBLISH
    if old == published and new != published:
        return AuditEvent.Action.UNPUBLISH
    return None


def content_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    changes = _diff(instance)
    if created:
        action = AuditEvent.Action.CREATE
    else:
        if not changes:
            return
        action = _publish_action(sender, instance, changes) or AuditEvent.Action.CHANGE
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


def connect() -> None:
    User = get_user_model()
    _RELATION_NAMES.update(
        {
            User.groups.through: ("groups", "users"),
            User.user_permissions.through: ("user_permissions", "users"),
            Group.permissions.through: ("permissions", "groups"),
        }
    )
    content_models = [*TENANT_MODELS, Group, Opd, Domain, EmergencyBanner]
    for model in content_models:
        uid = model if isinstance(model, str) else model._meta.label
        pre_save.connect(remember_old_values, sender=model, dispatch_uid=f"audit-pre-{uid}")
        post_save.connect(content_saved, sender=model, dispatch_uid=f"audit-save-{uid}")
        post_delete.connect(content_deleted, sender=model, dispatch_uid=f"audit-del-{uid}")
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


# The OPD admin's view of its own log ---------------------------------------------------------

AUDIT_PAGE_SIZE = 50


def opd_audit_list(request, admin_site):
    """The audit log of the current OPD only (Admin OPD role)."""
    if not roles.is_opd_admin(request.user):
        raise PermissionDenied
    events = AuditEvent.objects.filter(opd=request.tenant)
    action = request.GET.get("tindakan", "")
    if action in AuditEvent.Action.values:
        events = events.filter(action=action)
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("halaman"))
    context = {
        **admin_site.each_context(request),
        "title": _("Log audit"),
        "page": page,
        "actions": AuditEvent.Action.choices,
        "current_action": action,
    }
    return TemplateResponse(request, "admin/tenants/audit_list.html", context)


def opd_audit_detail(request, admin_site, pk):
    if not roles.is_opd_admin(request.user):
        raise PermissionDenied
    event = get_object_or_404(AuditEvent, pk=pk, opd=request.tenant)
    context = {
        **admin_site.each_context(request),
        "title": _("Peristiwa audit"),
        "event": event,
    }
    return TemplateResponse(request, "admin/tenants/audit_detail.html", context)
