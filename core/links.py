"""Absolute links to the portal and to OPD sites, for e-mails, feeds and the console."""

from django.conf import settings


def absolute_url(host: str, path: str = "/") -> str:
    """`path` on `host`, with the scheme and port the portal is served on."""
    port = f":{settings.PORTAL_PORT}" if settings.PORTAL_PORT else ""
    return f"{settings.PORTAL_SCHEME}://{host}{port}{path}"


def portal_url(path: str = "/") -> str:
    """`path` on the main domain (the portal and the Kominfo console)."""
    return absolute_url(settings.PORTAL_DOMAIN, path)
