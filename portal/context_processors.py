from functools import partial

from django.db import connection
from django.utils.functional import SimpleLazyObject

from banners.services import current_banners
from core.links import portal_url
from pages.menu import menu_pages


def portal(request):
    """`opd`: the OPD whose site is being served (None on the main domain and error pages);
    `portal_url`: the main portal's address, for links back from OPD sites;
    `opd_menu`: the OPD's menu pages, read once per page however many times it is shown;
    `emergency_banners`: the emergency banners this site shows (from the shared cache):
    broadcasts, and the OPD's own local ones."""
    tenant = getattr(request, "tenant", None)
    opd = tenant if tenant is not None and not tenant.is_public else None
    return {
        "opd": opd,
        "opd_menu": SimpleLazyObject(menu_pages) if opd is not None else [],
        "portal_url": portal_url(),
        "emergency_banners": partial(current_banners, connection.schema_name),
    }
