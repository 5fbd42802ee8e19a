"""Production settings plus the benchmark's reference route (never part of the real URLconfs).

`/_bench/minimal/` answers a constant string through the full middleware stack (tenant
resolution included), on every host: the ceiling this stack reaches on the same gunicorn.
"""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls_tenant"
PUBLIC_SCHEMA_URLCONF = "bench.urls_public"
