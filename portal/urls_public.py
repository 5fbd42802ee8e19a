"""URLs of the main domain: the Kominfo portal for citizens and the Kominfo console."""

from django.conf import settings
from django.urls import path, re_path

from news import views as news_views
from portal import views
from portal.admin_sites import console_site
from tenants import views as tenants_views

urlpatterns = [
    path("", tenants_views.portal_home, name="portal_home"),
    path("opd/", tenants_views.opd_directory, name="opd_directory"),
    path("berita/", tenants_views.news_list, name="portal_news"),
    path("berita/feed/", tenants_views.PortalNewsFeed(), name="portal_news_feed"),
    path("cari/", tenants_views.search, name="portal_search"),
    path("admin/", console_site.urls),
    # Only so that the editor widget renders here too; uploads need an OPD operator.
    path("editor/unggah-gambar/", news_views.upload_editor_image, name="editor_upload"),
]

if settings.SERVE_MEDIA:
    urlpatterns += [re_path(r"^media/(?P<path>.+)$", views.serve_media, name="media")]

handler500 = "portal.views.server_error"
