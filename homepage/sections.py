"""The homepage app's own sections of the home page (core.registry.HomeSection): the banner
headline, the quick links, the Sambutan Kepala and the contact details."""

from django.db import connection
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.registry import HomeSection
from homepage.models import HomePage, QuickLink

CHANGE_HOME = "homepage.change_homepage"


def home_of(request) -> HomePage:
    """The OPD's HomePage row, read once per request."""
    home = getattr(request, "homepage", None)
    if home is None:
        home = request.homepage = HomePage.current()
    return home


def banner(request) -> dict | None:
    home = home_of(request)
    shown = home.banner_picture()
    if shown is None:
        return None
    return {"picture": shown, "title": home.banner_title, "link": home.banner_link}


def quick_links(request) -> dict | None:
    links = list(QuickLink.objects.all())
    return {"links": links} if links else None


def welcome(request) -> dict | None:
    home = home_of(request)
    if not home.has_welcome:
        return None
    return {"home": home, "picture": home.welcome_picture(), "is_long": home.welcome_is_long}


def contact(request) -> dict | None:
    opd = getattr(request, "tenant", None) or connection.tenant
    filled = opd.address or opd.phone or opd.email
    return {"opd": opd} if filled else None


SECTIONS = (
    HomeSection(
        key="banner",
        label=_("Gambar banner"),
        template="homepage/_banner.html",
        context=banner,
        position=0,
        admin_url=reverse_lazy("admin:homepage_headline_changelist"),
        permission=CHANGE_HOME,
        todo_label=_("Gambar banner judul utama belum dipilih"),
        headline=True,
    ),
    HomeSection(
        key="tautan",
        label=_("Layanan unggulan (tautan cepat)"),
        template="homepage/_quick_links.html",
        context=quick_links,
        position=10,
        admin_url=reverse_lazy("admin:homepage_quicklink_changelist"),
        permission="homepage.add_quicklink",
        todo_label=_("Tautan layanan belum diisi"),
    ),
    HomeSection(
        key="sambutan",
        label=_("Sambutan kepala"),
        template="homepage/_welcome.html",
        context=welcome,
        position=20,
        admin_url=reverse_lazy("admin:homepage_welcome_changelist"),
        permission=CHANGE_HOME,
        todo_label=_("Sambutan kepala belum diisi"),
    ),
    HomeSection(
        key="kontak",
        label=_("Kontak"),
        template="homepage/_contact.html",
        context=contact,
        compact=True,
        position=90,
        admin_url=reverse_lazy("admin:pages_identity"),
        permission="pages.change_identity",
        todo_label=_("Alamat dan kontak kantor belum diisi"),
    ),
)
