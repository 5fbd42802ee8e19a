"""Production settings for the load test's gunicorn (bench/loadtest.py), minus the static
manifest (which would need a collectstatic first)."""

from portal.settings import *  # noqa: F403

STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
