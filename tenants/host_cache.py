"""Which OPD a host belongs to, read through the shared cache (no query on most requests).

The tenant middleware resolves the Host header on every request; the answer changes only when a
domain or an OPD changes, so it is kept in `caches["shared"]` (Redis in production: one entry for
every worker) and deleted by signal receivers the moment a Domain or Opd row is saved or deleted,
so that deactivating an OPD or moving a domain takes effect at once on every worker. Rows changed
with `QuerySet.update()` send no signal; the timeout bounds how long such a change can wait, and
nothing the tenant middleware decides on (is_active, the domain itself) is changed that way.
Unknown hosts are never cached (anyone can send any Host header).
"""

import hashlib

from django.core.cache import caches
from django.db import transaction

from tenants.models import Domain, Opd

HOST_CACHE_SECONDS = 300
# A new Opd field (a migration) changes the key, so a deploy never unpickles outdated rows.
_FIELDS_HASH = hashlib.sha256(
    ",".join(field.attname for field in Opd._meta.concrete_fields).encode()
).hexdigest()[:12]


def host_key(hostname: str) -> str:
    return f"tenant-for-host:{_FIELDS_HASH}:{hostname}"


def tenant_for_host(hostname: str) -> Opd:
    """The OPD (or the public portal) serving `hostname`; raises Domain.DoesNotExist."""
    shared = caches["shared"]
    key = host_key(hostname)
    tenant = shared.get(key)
    if tenant is None:
        tenant = Domain.objects.select_related("tenant").get(domain=hostname).tenant
        shared.set(key, tenant, HOST_CACHE_SECONDS)
    return tenant


def forget_hosts(*hostnames: str) -> None:
    """Drop the cached answers for `hostnames`, now and again once the change is committed (a
    request running meanwhile may have cached the old row)."""
    keys = [host_key(hostname) for hostname in hostnames if hostname]
    if keys:
        caches["shared"].delete_many(keys)
        transaction.on_commit(lambda: caches["shared"].delete_many(keys))
