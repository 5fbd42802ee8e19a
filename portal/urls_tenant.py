"""URLs of an OPD's site, served on <slug>.<PORTAL_DOMAIN> (and the OPD's custom domains)."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from agenda.sitemaps import EventSitemap
from core import views as core_views
from documents.sitemaps import DocumentSitemap
from faq.sitemaps import FaqSitemap
from gallery.sitemaps import AlbumSitemap
from homepage import views as homepage_views
from library import views as library_views
from news.sitemaps import ArticleSitemap
from pages import views as pages_views
from pages.sitemaps import PageSitemap
from pemda import views as pemda_views
from ppid.sitemaps import PpidSitemap
from publicservices.sitemaps import ServiceSitemap
from publicservices.survey.sitemaps import SurveySitemap
from tenants import views as tenants_views

SITEMAPS = {
    "berita": ArticleSitemap,
    "halaman": PageSitemap,
    "ppid": PpidSitemap,
    "unduhan": DocumentSitemap,
    "layanan": ServiceSitemap,
    "skm": SurveySitemap,
    "galeri": AlbumSitemap,
    "faq": FaqSitemap,
    "agenda": EventSitemap,
}

urlpatterns = [
    path("", homepage_views.home, name="home"),
    path("cari/", core_views.site_search, name="search"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", pages_views.robots_txt, name="robots_txt"),
    path("editor/unggah-gambar/", library_views.upload_editor_image, name="editor_upload"),
    path("berita/", include("news.urls")),
    path("halaman/", include("pages.urls")),
    path("sambutan/", include("homepage.urls")),
    path("ppid/", include("ppid.urls")),
    path("unduhan/", include("documents.urls")),
    path("layanan/", include("publicservices.urls")),
    path("skm/", include("publicservices.survey.urls")),
    path("galeri/", include("gallery.urls")),
    path("faq/", include("faq.urls")),
    path("agenda/", include("agenda.urls")),
    path("kebijakan-privasi/", pemda_views.privacy_statement, name="privacy_statement"),
    path(
        "pernyataan-aksesibilitas/",
        pemda_views.accessibility_statement,
        name="accessibility_statement",
    ),
    path("lambang-pemda/", pemda_views.coat_of_arms, name="pemda_arms"),
    path("tema.css", tenants_views.theme_css, name="theme_css"),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    urlpatterns += [re_path(r"^media/(?P<path>.+)$", tenants_views.serve_media, name="media")]

handler500 = "core.views.server_error"
