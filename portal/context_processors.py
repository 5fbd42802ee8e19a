from django.conf import settings
from django.utils.functional import SimpleLazyObject

from pages.menu import menu_pages
from tenants.banners import current_banners


def portal(request):
    """`opd`: the OPD whose site is being served (None on the main domain and error pages);
    `portal_url`: the main portal's address, for links back from OPD sites;
    `opd_menu`: the OPD's menu pages, read once per page however many times it is shown;
    `emergency_banners`: the emergency broadcasts every page shows (from the shared cache)."""
    tenant = getattr(request, "tenant", None)
    opd = tenant if tenant is not None and not tenant.is_public else None
    port = f":{settings.PORTAL_PORT}" if settings.PORTAL_PORT else ""
    return {
        "opd": opd,
        "opd_menu": SimpleLazyObject(menu_pages) if opd is not None else [],
        "portal_url": f"{settings.PORTAL_SCHEME}://{settings.PORTAL_DOMAIN}{port}/",
        "emergency_banners": current_banners,
    }
