"""Settings, URLconf and view of the bare Django ceiling (bench/run.py): no middleware, no
app, no database, one view answering "ok". Served by gunicorn as

    DJANGO_SETTINGS_MODULE=bench.bare gunicorn 'django.core.wsgi:get_wsgi_application()'

with the portal's worker settings, it is what Django and gunicorn alone reach on this machine.
"""

from django.http import HttpResponse
from django.urls import path

DEBUG = False
# Nothing is signed: no sessions, no messages, no CSRF.
SECRET_KEY = "bench-bare-ceiling"
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
ROOT_URLCONF = "bench.bare"
USE_TZ = True


def ok(request):
    return HttpResponse(b"ok", content_type="text/plain")


# /healthz: what bench.run.Gunicorn waits for before measuring.
urlpatterns = [path("", ok), path("healthz", ok)]
