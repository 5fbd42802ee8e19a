"""URLs of the main domain: the Kominfo portal for citizens and the Kominfo console."""

from django.conf import settings
from django.urls import path, re_path

from portal import views
from portal.admin_sites import console_site
from tenants import views as tenants_views

urlpatterns = [
    path("", tenants_views.portal_home, name="portal_home"),
    path("opd/", tenants_views.opd_directory, name="opd_directory"),
    path("admin/", console_site.urls),
]

if settings.SERVE_MEDIA:
    urlpatterns += [re_path(r"^media/(?P<path>.+)$", views.serve_media, name="media")]
