"""URLs of the main domain: the Kominfo portal for citizens and the Kominfo console."""

from django.conf import settings
from django.urls import include, path, re_path

from agenda import portal as agenda_portal
from core.sites import console_site
from library import views as library_views
from mainsite import views as mainsite_views
from pemda import views as pemda_views
from publicservices import portal as services_portal
from tenants import views as tenants_views

urlpatterns = [
    path("", mainsite_views.portal_home, name="portal_home"),
    path("opd/", mainsite_views.opd_directory, name="opd_directory"),
    path("berita/", mainsite_views.news_list, name="portal_news"),
    path("berita/feed/", mainsite_views.PortalNewsFeed(), name="portal_news_feed"),
    path("cari/", mainsite_views.search, name="portal_search"),
    path("layanan/", services_portal.portal_service_list, name="portal_services"),
    path("agenda/", agenda_portal.portal_agenda, name="portal_agenda"),
    path("kebijakan-privasi/", pemda_views.privacy_statement, name="privacy_statement"),
    path(
        "pernyataan-aksesibilitas/",
        pemda_views.accessibility_statement,
        name="accessibility_statement",
    ),
    path("lambang-pemda/", pemda_views.coat_of_arms, name="pemda_arms"),
    path("ppid/", include("ppidutama.urls")),
    path("admin/", console_site.urls),
    # Only so that the editor widget renders here too; uploads need an OPD operator.
    path("editor/unggah-gambar/", library_views.upload_editor_image, name="editor_upload"),
]

if settings.SERVE_MEDIA:
    urlpatterns += [re_path(r"^media/(?P<path>.+)$", tenants_views.serve_media, name="media")]

handler500 = "core.views.server_error"
