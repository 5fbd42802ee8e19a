"""Settings for Portal OPD Terpadu, read from environment variables (see README)."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.storage_config import disk_storages, s3_storages

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env(name, default=None):
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


def env_bool(name, default):
    return env(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


# Fail closed: only DJANGO_DEBUG=1 (make run, make test) gets development defaults.
DEBUG = env_bool("DJANGO_DEBUG", False)


def required_in_production(name):
    """The variable's value. Without DEBUG a missing or blank one stops the project; with DEBUG
    it is "" and the caller's development default stands in."""
    value = os.environ.get(name, "")
    if value.strip():
        return value
    if not DEBUG:
        raise ImproperlyConfigured(
            f"Set the {name} environment variable: it is required in production (DJANGO_DEBUG "
            "unset or 0). For development, set DJANGO_DEBUG=1 instead (see README, Configuration)."
        )
    return ""


SECRET_KEY = required_in_production("DJANGO_SECRET_KEY") or "dev-only-insecure-secret-key"

PORTAL_DOMAIN = env("PORTAL_DOMAIN", "localhost").lower()
PORTAL_SCHEME = env("PORTAL_SCHEME", "http" if DEBUG else "https")
# Port added to the links the portal writes into e-mails and the console (e.g. 8000 in development).
PORTAL_PORT = env("PORTAL_PORT", "")
# Custom OPD domains must be added here (or use "*": the tenant middleware still answers 404 for
# any host that is not in the Domain table).
_hosts = required_in_production("DJANGO_ALLOWED_HOSTS") or f"{PORTAL_DOMAIN},.{PORTAL_DOMAIN}"
ALLOWED_HOSTS = [host.strip() for host in _hosts.split(",") if host.strip()]

ACCOUNT_SECURITY_APPS = [
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

# Shared apps live in the public schema (the Kominfo portal and console); tenant apps in every
# OPD's schema. contenttypes, auth, sessions, admin and messages sit in both, so that operators are
# users of their own OPD and Kominfo staff are users of the public schema.
# "portal.apps.OpdAdminConfig" is django.contrib.admin with the OPD admin as the default site.
SHARED_APPS = [
    "django_tenants",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "portal.apps.OpdAdminConfig",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Model-less apps (templates and static files only) are needed once, in INSTALLED_APPS.
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_ckeditor_5",
    # Log-in throttling (axes) and two-factor devices (django-otp) sit in both lists, like auth:
    # each schema keeps its own lock-outs and devices, so a lock-out on one OPD stays there.
    *ACCOUNT_SECURITY_APPS,
    # The task queue (README, Background tasks): its tables live in the public schema only.
    "procrastinate.contrib.django",
    "core",
    "tenants",
    "workdays",
    "mainsite",
    "guard",
    "publishing",
    "audit",
    "banners",
    # The pemda's own identity (name, coat of arms, contacts, statements) every site shows.
    "pemda",
    # The pemda-level PPID: PPID Utama, the Atasan PPID, the front door at /ppid/ (issue #20).
    "ppidutama",
    # The Skor Keterbukaan: an OPD's self-assessment before the Komisi Informasi's monev.
    "openness",
    "console",
    "backups",
    "demo",
    "accounts",
]
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "portal.apps.OpdAdminConfig",
    "django.contrib.messages",
    *ACCOUNT_SECURITY_APPS,
    # core's outgoing-mail table: a message lives in the schema whose data it carries.
    "core",
    # Revisions of articles and pages (README, Dependencies): model-less itself; the history
    # tables belong to news and pages, so they live in each OPD's schema.
    "simple_history",
    # The media library: images and PDFs uploaded once and reused by every content app.
    "library",
    "news",
    "pages",
    "ppid",
    # The document library ("Unduhan", issue #18).
    "documents",
    # Layanan: the service catalogue and the Maklumat Pelayanan (issue #18).
    "publicservices",
    # Photo albums and YouTube videos (issue #18).
    "gallery",
    # Questions and answers (issue #18).
    "faq",
    # Events, their calendar files and the OPD's iCalendar feed (issue #18).
    "agenda",
    "homepage",
    # Old addresses (an imported site's, renamed slugs) answered with a 301 (issue #19).
    "redirects",
    # The WordPress importer's memory of what it created and its runs (issue #19).
    "wpimport",
    # Last: its default menu is seeded from the targets of the apps before it.
    "navigation",
]
# "accounts" goes last: its post_migrate handler syncs the OPD roles once every other app has
# created its permissions.
INSTALLED_APPS = [app for app in SHARED_APPS if app != "accounts"]
INSTALLED_APPS += [app for app in TENANT_APPS if app not in SHARED_APPS] + ["accounts"]

TENANT_MODEL = "tenants.Opd"
TENANT_DOMAIN_MODEL = "tenants.Domain"
PUBLIC_SCHEMA_URLCONF = "portal.urls_public"
# django-tenants paints tenant apps' captions on the admin index green, a developer's aid that
# tells operators nothing.
TENANT_COLOR_ADMIN_APPS = False
ROOT_URLCONF = "portal.urls_tenant"
DEFAULT_NOT_FOUND_TENANT_VIEW = "core.views.unknown_host"
# The Kominfo console (core.sites.console_site builds it from this path).
CONSOLE_ADMIN_SITE = "portal.admin_sites.KominfoConsoleSite"

MIDDLEWARE = [
    # First, so that the duration it logs covers every other middleware (core/logs.py).
    "core.logs.RequestLogMiddleware",
    # Prometheus request metrics (core/metrics.py). Both of django-prometheus' middlewares come
    # this early, not the "after" one last as its README suggests: answers given before the
    # view (unknown hosts, a deactivated OPD's 503, cached pages) would go uncounted by status.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "core.metrics.RequestMetricsMiddleware",
    # The certificate check (/_tls/ask) validates its domain itself, before any query.
    "tenants.middleware.InfrastructureEndpointsMiddleware",
    "tenants.middleware.OpdTenantMiddleware",
    # Before anything reads the body (StripNulBytesMiddleware reads request.POST), after the
    # tenant (a refused upload is charged to the OPD's PPID limit).
    "core.request_body.RequestBodyLimitMiddleware",
    "core.middleware.StripNulBytesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # An OPD's 404 (or its home page asked with a WordPress query, /?p=123) becomes a 301 when
    # its redirects know the old address: one query on those requests, none on others. Inside the
    # middleware that add security headers, so the 301 carries them too; outside the page
    # cache, which would serve the home page for /?p=123.
    "redirects.middleware.RedirectFallbackMiddleware",
    # Serves cached pages to visitors without a session, so after every middleware that adds
    # response headers and before everything a cached page does not need.
    "core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.SessionSchemaBindingMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "audit.middleware.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes asks: it turns a lock-out raised during log-in into the 429 page.
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

_database_url = required_in_production("DATABASE_URL")
if not _database_url:
    # Development only: the embedded PostgreSQL (pgserver, a dev dependency) under var/.
    from core.embedded_db import embedded_database_url

    _database_url = embedded_database_url(VAR_DIR / "pgdata")
DATABASES = {"default": dj_database_url.parse(_database_url)}
# django-tenants' backend, with a table list that reads only the current schema's relations
# (core/postgresql_backend: Django's scans all of pg_class, 0.55 s a call at 2,000 OPDs).
DATABASES["default"]["ENGINE"] = "core.postgresql_backend"
# Each persistent connection is one PostgreSQL backend, and a backend's private memory grows with
# every OPD schema it has served (its catalogue caches; README, Connections): a connection is
# closed after at most DATABASE_CONN_MAX_AGE seconds, never kept for good. 0 closes it after
# every request (the choice behind PgBouncer, whose pool then bounds the backends).
CONN_MAX_AGE_LIMIT = 600
DATABASES["default"]["CONN_MAX_AGE"] = int(env("DATABASE_CONN_MAX_AGE", "60"))
if not 0 <= DATABASES["default"]["CONN_MAX_AGE"] <= CONN_MAX_AGE_LIMIT:
    raise ImproperlyConfigured(
        f"DATABASE_CONN_MAX_AGE must be between 0 and {CONN_MAX_AGE_LIMIT} seconds (README, "
        "Connections)."
    )
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "default" is keyed by schema, so one OPD can never read another's entries. "shared" holds what
# the request path reads before or without a schema-keyed lookup: hosts, emergency banners and the
# page cache, whose keys name the schema themselves (core/pagecache.py).
if "REDIS_URL" in os.environ:
    _cache = {
        # Django's RedisCache, degrading to "no cache" while Redis is unavailable.
        "BACKEND": "core.cache.ResilientRedisCache",
        "LOCATION": env("REDIS_URL"),
    }
else:
    _cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
CACHES = {
    "default": {**_cache, "KEY_FUNCTION": "django_tenants.cache.make_key", "KEY_PREFIX": "opd"},
    "shared": {**_cache, "KEY_PREFIX": "shared", "LOCATION": _cache.get("LOCATION", "shared")},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(env("PASSWORD_MIN_LENGTH", "10"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# Where a log-in goes when its ?next= is missing or refused (another host): the admin home of the
# site logged in to (both sites live at /admin/), not Django's /accounts/profile/.
LOGIN_REDIRECT_URL = "/admin/"
# The axes backend goes first: it refuses a locked-out user/IP before any password is checked.
AUTHENTICATION_BACKENDS = [
    "accounts.two_factor.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Log-in throttling (django-axes), per schema: failures count per username *and* client IP
# together, so a whole office behind one NAT address is not locked out by one person's typos.
# On top of it, one client IP may fail LOGIN_FAILURES_PER_IP times per LOGIN_IP_WINDOW_MINUTES
# over all accounts of the schema (accounts.two_factor.LoginThrottleBackend): far above an
# office's typos, far below what guessing passwords on many accounts needs.
LOGIN_FAILURES_PER_IP = int(env("LOGIN_FAILURES_PER_IP", "30"))
LOGIN_IP_WINDOW_MINUTES = int(env("LOGIN_IP_WINDOW_MINUTES", "60"))
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.two_factor.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_VERBOSE = False
# The client IP is REMOTE_ADDR unless the app sits behind this many trusted reverse proxies that
# append to X-Forwarded-For (1 for the Caddy of docker-compose.yml; never more than you run).
PORTAL_TRUSTED_PROXY_COUNT = int(env("PORTAL_TRUSTED_PROXY_COUNT", "0"))

# Two-factor authentication (django-otp): required on the Kominfo console, optional for OPD
# operators unless Kominfo makes it mandatory for an OPD (Opd.require_2fa_for_operators).
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "Portal OPD Terpadu")
CONSOLE_REQUIRE_2FA = env_bool("CONSOLE_REQUIRE_2FA", True)
# Operator accounts without a log-in for this many days are flagged in the console.
OPERATOR_INACTIVE_DAYS = int(env("OPERATOR_INACTIVE_DAYS", "90"))
PASSWORD_RESET_TIMEOUT = int(env("PASSWORD_RESET_TIMEOUT", str(3 * 24 * 3600)))
# An emergency broadcast ends at most this many days after it starts (or after now, for one that
# started earlier): it shows on every site of the pemda, so none is left on for good.
BROADCAST_MAX_DAYS = int(env("BROADCAST_MAX_DAYS", "7"))

# Every page is served in Indonesian. Once an English catalogue exists under locale/, add
# django.middleware.locale.LocaleMiddleware after SessionMiddleware to offer it.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploaded files (core/storage.py): local disk under var/ unless S3_BUCKET is set, then an
# S3-compatible object store through django-storages. Public media keep the same key layout either
# way: <schema>/... in MEDIA_ROOT or in the public bucket.
if os.environ.get("S3_BUCKET") or os.environ.get("S3_ENDPOINT_URL"):
    _storages = s3_storages(
        endpoint_url=env("S3_ENDPOINT_URL", ""),
        access_key=env("S3_ACCESS_KEY_ID"),
        secret_key=env("S3_SECRET_ACCESS_KEY"),
        region=env("S3_REGION", ""),
        bucket=env("S3_BUCKET"),
        private_bucket=env("S3_PRIVATE_BUCKET"),
        backup_bucket=env("S3_BACKUP_BUCKET", ""),
        # Where browsers fetch public media: the bucket's public URL, or MEDIA_URL when the proxy
        # serves the bucket under /media/ (deploy/Caddyfile), which keeps tenants.media's rules.
        public_url=env("S3_PUBLIC_URL", MEDIA_URL),
        timeout=float(env("S3_TIMEOUT_SECONDS", "5")),
    )
else:
    _storages = disk_storages()
STORAGES = {
    **_storages,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Serve /media/ from Django itself (development, tests); in production the reverse proxy does.
SERVE_MEDIA = env_bool("PORTAL_SERVE_MEDIA", DEBUG)
# Personal files (ID scans of PPID requesters) live outside MEDIA_ROOT, one folder per schema,
# and are only ever served through permission-checked admin views.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
# OPD archives (backup_opd, backup_all, archive_opd, delete_opd) and the directory of the
# PostgreSQL client tools they use (default: the PATH, then the embedded pgserver's own).
BACKUP_DIR = Path(env("BACKUP_DIR", str(VAR_DIR / "backups")))
# Archives are encrypted at rest (backups/encryption.py) with this Fernet key (several, comma
# separated: the first encrypts, all decrypt, for key rotation). Without it a backup refuses to
# start in production; with DJANGO_DEBUG=1 a development key is made once in BACKUP_DEV_KEY_FILE.
BACKUP_ENCRYPTION_KEY = env("BACKUP_ENCRYPTION_KEY", "")
BACKUP_DEV_KEY_FILE = Path(env("BACKUP_DEV_KEY_FILE", str(VAR_DIR / "backup-dev.key")))
# Archives kept per OPD by backup_all (the newest ones; 0 keeps all).
BACKUP_KEEP = int(env("BACKUP_KEEP", "7"))
PG_BIN_DIR = env("PG_BIN_DIR", "")
PPID_MAX_UPLOAD_MB = int(env("PPID_MAX_UPLOAD_MB", "20"))
# Evidence documents of the Skor Keterbukaan (openness app): scans and photos.
OPENNESS_EVIDENCE_MAX_MB = int(env("OPENNESS_EVIDENCE_MAX_MB", "10"))
PPID_MAX_ID_SCAN_MB = int(env("PPID_MAX_ID_SCAN_MB", "5"))
# Public PPID forms accepted per client IP per hour (requests and objections each).
PPID_SUBMISSIONS_PER_HOUR = int(env("PPID_SUBMISSIONS_PER_HOUR", "10"))
# Survei Kepuasan Masyarakat questionnaires accepted per client IP per hour (all services).
SKM_RESPONSES_PER_HOUR = int(env("SKM_RESPONSES_PER_HOUR", "20"))

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", f"Portal OPD <noreply@{PORTAL_DOMAIN}>")
# Who hears about content the content guard holds (guard/); empty: every active
# Kominfo superuser with an e-mail address.
KOMINFO_ALERT_EMAILS = env_list("KOMINFO_ALERT_EMAIL", "")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where django.core.mail.backends.filebased.EmailBackend writes, if chosen.
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))

# Background tasks (core/tasks.py, README "Background tasks"): procrastinate, with PostgreSQL as
# the queue. A failing task is tried TASK_MAX_ATTEMPTS times in all, waiting
# TASK_RETRY_BASE_SECONDS ** (attempt + 1) seconds before each retry, then stays failed (the
# console lists it). A job whose worker stopped sending heartbeats for TASK_STALLED_AFTER_SECONDS
# (killed, crashed) is run again.
PROCRASTINATE_AUTODISCOVER_MODULE_NAME = "tasks"
PROCRASTINATE_IMPORT_PATHS = ["core.mail"]
TASK_MAX_ATTEMPTS = int(env("TASK_MAX_ATTEMPTS", "6"))
TASK_RETRY_BASE_SECONDS = int(env("TASK_RETRY_BASE_SECONDS", "5"))
TASK_HEARTBEAT_SECONDS = float(env("TASK_HEARTBEAT_SECONDS", "10"))
TASK_STALLED_AFTER_SECONDS = int(env("TASK_STALLED_AFTER_SECONDS", "60"))
TASK_STALLED_CHECK_CRON = env("TASK_STALLED_CHECK_CRON", "* * * * *")
PROCRASTINATE_WORKER_DEFAULTS = {
    "update_heartbeat_interval": TASK_HEARTBEAT_SECONDS,
    "stalled_worker_timeout": TASK_STALLED_AFTER_SECONDS,
    # Jobs that succeeded are removed by the daily clean-up (core.tasks), failed ones stay.
    "delete_jobs": "never",
}
# Archives kept per OPD by the scheduled backup (backups/tasks.py).
BACKUP_KEEP = int(env("BACKUP_KEEP", "14"))

# Cookies stay host-only: never set SESSION_COOKIE_DOMAIN or CSRF_COOKIE_DOMAIN.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): no inline script anywhere. Only the admin (/admin/: the
# Django admin and the CKEditor 5 editor inject styles and data: images at run time) gets style-src
# 'unsafe-inline' and img-src data:, added by core.middleware.ContentSecurityPolicyMiddleware.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        # YouTube videos, once a citizen clicks one (core.richtext.video_block): only there.
        "frame-src": ["https://www.youtube-nocookie.com"],
    },
}
if not DEBUG:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(env("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Logs go to standard error, as JSON lines (one object per record, core.logs.JsonFormatter) or as
# text; LOG_REQUESTS adds one line per request (core.logs.RequestLogMiddleware).
LOG_FORMAT = env("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured("LOG_FORMAT must be json or text.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {
        "core.logs.requests": {
            "level": "INFO" if env_bool("LOG_REQUESTS", not DEBUG) else "WARNING"
        },
    },
}
# /metrics answers the internal network (loopback, private addresses) and, from anywhere, a
# request with "Authorization: Bearer <METRICS_TOKEN>" (core/metrics.py). Empty: no token.
METRICS_TOKEN = env("METRICS_TOKEN", "")

# Reserved subdomains that can never become an OPD slug.
RESERVED_SLUGS = frozenset(
    env_list(
        "PORTAL_RESERVED_SLUGS",
        "www,admin,api,static,media,mail,smtp,imap,pop,ftp,ns1,ns2,public,portal,localhost",
    )
)

# Rich text: django-ckeditor-5 (see core/richtext.py for the matching allowlist). Markdown and
# FullPage must be removed together, or the editor starts saving Markdown; GeneralHtmlSupport
# must stay (the Style plugin needs it). Uploads go through library.views.upload_editor_image
# into the OPD's media library.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "editor_upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "jpg", "png", "webp", "gif"]
EDITOR_UPLOAD_MAX_BYTES = int(env("EDITOR_UPLOAD_MAX_BYTES", str(5 * 1024 * 1024)))
# One image on the media library's pages and the quick post (a phone camera's photo), before
# it is shrunk and re-encoded; the request as a whole stays within BACK_OFFICE_BODY_MAX_BYTES.
LIBRARY_IMAGE_MAX_BYTES = int(env("LIBRARY_IMAGE_MAX_BYTES", str(15 * 1024 * 1024)))

# Request bodies (core/request_body.py): the largest body a route accepts, refused with 413 before
# it is read; deploy/Caddyfile sets the same ceilings at the proxy. Public PPID forms carry at most
# one ID scan; the back office (the OPD admin, the console, the editor's image upload) the largest
# DIP document. The room on top is for the form's other fields and for a file only a little too
# large, which the form then refuses by name ("melebihi batas 20 MB") instead of a bare 413.
_MB = 1024 * 1024
PUBLIC_FORM_BODY_MAX_BYTES = (PPID_MAX_ID_SCAN_MB + 1) * _MB
BACK_OFFICE_BODY_MAX_BYTES = (max(PPID_MAX_UPLOAD_MB, EDITOR_UPLOAD_MAX_BYTES // _MB) + 5) * _MB
REQUEST_BODY_MAX_BYTES = int(env("REQUEST_BODY_MAX_BYTES", str(_MB)))
# A WordPress export (at most 200 MB, wpimport/wxr.py) with its wp-content/uploads archive, on
# the two upload pages of the import (the OPD admin's and the console's). A larger archive goes
# through `manage.py import_wordpress` or is downloaded from the old site.
WPIMPORT_MAX_ARCHIVE_MB = int(env("WPIMPORT_MAX_ARCHIVE_MB", "500"))
WPIMPORT_BODY_MAX_BYTES = (200 + WPIMPORT_MAX_ARCHIVE_MB + 1) * _MB
# (path prefix, largest body, throttle scope a refused body is charged to); first match wins.
REQUEST_BODY_LIMITS = (
    ("/ppid/permohonan/", PUBLIC_FORM_BODY_MAX_BYTES, "ppid-permohonan"),
    ("/ppid/keberatan/", REQUEST_BODY_MAX_BYTES, "ppid-keberatan"),
    # The SKM questionnaire: nine scores, a profile and a 1,000-character suggestion.
    ("/skm/isi/", 64 * 1024, "skm-isi"),
    ("/admin/wpimport/importrun/add/", WPIMPORT_BODY_MAX_BYTES, None),
    ("/admin/impor-wordpress/", WPIMPORT_BODY_MAX_BYTES, None),
    ("/admin/", BACK_OFFICE_BODY_MAX_BYTES, None),
    ("/editor/unggah-gambar/", BACK_OFFICE_BODY_MAX_BYTES, None),
)
# Django's own limits inside those: form fields other than files (2.5 MB, Django's default, is
# far above any of our texts), and uploads above 1 MB spool to a temporary file, not memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * _MB)
FILE_UPLOAD_MAX_MEMORY_SIZE = _MB

# How long an anonymous page stays in the per-OPD page cache at most (0 turns the cache off);
# any change to the OPD's content invalidates it at once.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "600"))
# The HTTP accelerator (Varnish, deploy/varnish/default.vcl) in front of the web nodes: the
# address of each Varnish, to which every invalidation is sent as a BAN after commit (empty:
# no accelerator, and no page is marked public for shared caches; core/accelerator.py).
ACCELERATOR_URLS = env_list("ACCELERATOR_URLS", "")
# How long Varnish keeps a page at most (s-maxage; never longer than PAGE_CACHE_SECONDS or the
# next scheduled change), and how long a BAN may take before the accelerator counts as down.
ACCELERATOR_MAX_AGE = int(env("ACCELERATOR_MAX_AGE", str(PAGE_CACHE_SECONDS)))
ACCELERATOR_TIMEOUT = float(env("ACCELERATOR_TIMEOUT_SECONDS", "1"))
# Each ban is sent again this long after the first (0: never), for a page rendered from the old
# rows that reached Varnish just after the first (core/accelerator.py).
ACCELERATOR_REBAN_SECONDS = float(env("ACCELERATOR_REBAN_SECONDS", "2"))
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "id",
        "removePlugins": ["Markdown", "FullPage", "HtmlEmbed", "SourceEditing"],
        "toolbar": {
            "items": [
                "heading", "|", "bold", "italic", "underline", "link", "|",
                "bulletedList", "numberedList", "blockQuote", "insertTable", "imageUpload",
                "mediaEmbed", "|",
                "alignment", "fontColor", "fontSize", "highlight", "|", "undo", "redo",
            ],
            "shouldNotGroupWhenFull": False,
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Paragraf", "class": "ck-heading_paragraph"},
                *(
                    {"model": f"heading{n}", "view": f"h{n}", "title": f"Judul {n}",
                     "class": f"ck-heading_heading{n}"}
                    for n in (2, 3, 4)
                ),
            ]
        },
        "image": {
            "toolbar": [
                "imageTextAlternative", "toggleImageCaption", "|", "imageStyle:alignLeft",
                "imageStyle:alignCenter", "imageStyle:alignRight", "imageStyle:side",
            ],
            "styles": ["alignLeft", "alignCenter", "alignRight", "side"],
        },
        "table": {
            "contentToolbar": [
                "tableColumn", "tableRow", "mergeTableCells", "tableProperties",
                "tableCellProperties",
            ],
        },
        "link": {"defaultProtocol": "https://"},
        # YouTube only (core.richtext keeps nothing else), stored as <oembed url>; the site
        # shows it as a click-to-load block.
        "mediaEmbed": {
            "previewsInData": False,
            "removeProviders": [
                "dailymotion", "spotify", "vimeo", "instagram", "twitter", "googleMaps",
                "flickr", "facebook",
            ],
        },
    },
}  # fmt: skip
