from django.utils.functional import SimpleLazyObject

from banners.services import current_banners
from core.links import portal_url
from pages.menu import menu_pages
from pemda.services import current_pemda


def portal(request):
    """`opd`: the OPD whose site is being served (None on the main domain and error pages);
    `portal_url`: the main portal's address, for links back from OPD sites;
    `opd_menu`: the OPD's menu pages, read once per page however many times it is shown;
    `emergency_banners`: the emergency broadcasts every page shows (from the shared cache);
    `pemda`: the pemda's identity (name, arms, contacts, common links; from the shared cache)."""
    tenant = getattr(request, "tenant", None)
    opd = tenant if tenant is not None and not tenant.is_public else None
    return {
        "opd": opd,
        "opd_menu": SimpleLazyObject(menu_pages) if opd is not None else [],
        "portal_url": portal_url(),
        "emergency_banners": current_banners,
        "pemda": SimpleLazyObject(current_pemda),
    }
