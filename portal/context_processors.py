from functools import partial

from django.db import connection
from django.utils.functional import SimpleLazyObject

from banners.services import current_banners
from core.links import portal_url
from navigation.services import shortcuts, site_menu
from pemda.services import current_pemda


def portal(request):
    """`opd`: the OPD whose site is being served (None on the main domain and error pages);
    `portal_url`: the main portal's address, for links back from OPD sites;
    `site_menu`: the OPD's two-level menu (navigation), read once per page however many times
    it is shown, and `menu_shortcuts`, the links beside the phone menu button (PPID);
    `emergency_banners`: the emergency banners this site shows (from the shared cache):
    broadcasts, and the OPD's own local ones;
    `pemda`: the pemda's identity (name, arms, contacts, common links; from the shared cache)."""
    tenant = getattr(request, "tenant", None)
    opd = tenant if tenant is not None and not tenant.is_public else None
    return {
        "opd": opd,
        "site_menu": SimpleLazyObject(site_menu) if opd is not None else [],
        "menu_shortcuts": SimpleLazyObject(shortcuts) if opd is not None else [],
        "portal_url": portal_url(),
        "emergency_banners": partial(current_banners, connection.schema_name),
        "pemda": SimpleLazyObject(current_pemda),
    }
