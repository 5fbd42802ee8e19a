"""The audit log: every create, change, publish, delete and permission change, with who, when,
what and from which IP (audit.models.AuditEvent, public schema).

The actor and IP come from the request being served (AuditContextMiddleware keeps it in a
context variable; WSGI serves one request per thread at a time); outside a request (commands,
migrations) the actor is "system". Events are written in the same transaction as the change, so
an audited change and its event are saved or rolled back together.
"""

from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models

from audit.models import AuditEvent
from core.client_ip import client_ip
from core.tenancy import current_opd

SYSTEM_ACTOR = "system"
ANONYMOUS_ACTOR = "pengunjung"
VALUE_MAX_LENGTH = 100
REPR_MAX_LENGTH = 200

_current_request: ContextVar = ContextVar("audit_request", default=None)

# The fields recorded for Django's own models; every other audited model lists its own in an
# `audit_fields` attribute. An allow-list: a field added later (a citizen's NIK, a token) stays
# out of the public-schema log until someone decides it belongs there.
CONTRIB_AUDIT_FIELDS = {
    "auth.User": (
        "username",
        "first_name",
        "last_name",
        "email",
        "is_active",
        "is_staff",
        "is_superuser",
        "date_joined",
    ),
    "auth.Group": ("name",),
}
PERMISSION_FIELDS = frozenset({"is_superuser", "is_staff"})


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
    opd = current_opd()
    return opd.pk if opd is not None else None


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


def audited_fields(model) -> list:
    """The fields of `model` an event may carry: its `audit_fields` allow-list."""
    names = getattr(model, "audit_fields", None) or CONTRIB_AUDIT_FIELDS.get(model._meta.label)
    if names is None:
        raise ImproperlyConfigured(
            f"{model._meta.label} is audited but lists no audit_fields: decide which of its "
            "fields the public-schema audit log may record."
        )
    return [model._meta.get_field(name) for name in names]


def json_value(value):
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    text = str(value)
    return text if len(text) <= VALUE_MAX_LENGTH else f"{text[: VALUE_MAX_LENGTH - 1]}…"


def snapshot(instance) -> dict:
    """The audited fields of `instance`, as they would be written into an event."""
    return {
        field.attname: json_value(field.value_from_object(instance))
        for field in audited_fields(type(instance))
    }


def changes_between(before: dict | None, after: dict) -> dict:
    """{field: [old, new]} between two snapshots (a new object: every field it has a value for)."""
    if before is None:
        return {key: [None, value] for key, value in after.items() if value not in (None, "")}
    return {
        key: [before.get(key), value] for key, value in after.items() if before.get(key) != value
    }
