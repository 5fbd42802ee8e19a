"""URLs of an OPD's site, served on <slug>.<PORTAL_DOMAIN> (and the OPD's custom domains)."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from pages import views as pages_views
from portal import views

urlpatterns = [
    path("", pages_views.home, name="home"),
    path("berita/", include("news.urls")),
    path("halaman/", include("pages.urls")),
    path("ppid/", include("ppid.urls")),
    path("tema.css", views.theme_css, name="theme_css"),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    urlpatterns += [re_path(r"^media/(?P<path>.+)$", views.serve_media, name="media")]
