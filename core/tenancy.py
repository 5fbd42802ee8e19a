"""Which OPD the database connection is working for."""

from django.db import connection
from django_tenants.utils import get_public_schema_name, get_tenant_model


def in_opd_schema() -> bool:
    return connection.schema_name != get_public_schema_name()


def current_opd():
    """The OPD (tenants.Opd) whose schema is active, or None in the public schema.

    `schema_context()` sets only a schema name, so the row is read when the connection does not
    carry it already.
    """
    if not in_opd_schema():
        return None
    opd_model = get_tenant_model()
    tenant = getattr(connection, "tenant", None)
    if isinstance(tenant, opd_model) and tenant.pk:
        return tenant
    return opd_model.objects.get(schema_name=connection.schema_name)
