from django.urls import path

from bench.views import minimal
from portal.urls_public import urlpatterns as portal_urlpatterns

urlpatterns = [path("_bench/minimal/", minimal), *portal_urlpatterns]
