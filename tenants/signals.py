from django.db import connection
from django_tenants.utils import get_public_schema_name

from tenants import roles


def sync_roles_after_migrate(sender, using, **kwargs):
    """Keep every OPD's default roles in step with the permissions that migrations add."""
    if connection.schema_name != get_public_schema_name():
        roles.sync_roles()
