from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.views import PasswordResetConfirmView
from django.db import connection
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_tenants.utils import get_public_schema_name

from accounts.roles import is_opd_admin
from accounts.tokens import set_password_token_generator
from accounts.two_factor import TwoFactorAdminSiteMixin
from accounts.views import password_reset, password_reset_done
from audit.views import opd_audit_detail, opd_audit_list
from banners.views import may_broadcast, opd_broadcast_view
from console.activity import RECENT_NEWS, checklist_items, opd_activity
from console.views import activity_dashboard, send_reminder_now
from core import registry
from core.admin import ValidatedSelectionSiteMixin
from core.tasks import failed_job_count
from openness import views as openness_views
from ppidutama import atasan
from ppidutama import console as ppidutama_console
from ppidutama import report_pages as ppidutama_reports
from tenants.models import Opd
from wpimport import views as wpimport_views


class SetPasswordView(PasswordResetConfirmView):
    """The one-time link with which a new or reset operator chooses a password."""

    token_generator = set_password_token_generator
    template_name = "admin/password_set.html"
    # Never signs in: the log-in that follows asks for the second step where it is required.
    post_reset_login = False
    admin_site = None

    def get_success_url(self):
        return reverse(f"{self.admin_site.name}:login")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.admin_site.each_context(self.request))
        context["title"] = _("Buat kata sandi")
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Kata sandi tersimpan. Silakan masuk."))
        return response


class PasswordPagesSiteMixin:
    """ "Lupa kata sandi?" and the one-time set-password link, open to anonymous users, on the
    site's own host: each OPD's for its operators, the console's for Kominfo's users."""

    def get_urls(self):
        def site_view(view):
            return csrf_protect(never_cache(lambda request: view(request, self)))

        return [
            path("lupa-sandi/", site_view(password_reset), name="password_reset"),
            path(
                "lupa-sandi/terkirim/", site_view(password_reset_done), name="password_reset_done"
            ),
            path(
                "atur-sandi/<uidb64>/<token>/",
                SetPasswordView.as_view(admin_site=self),
                name="password_set",
            ),
            *super().get_urls(),
        ]


class OpdAdminSite(
    PasswordPagesSiteMixin, TwoFactorAdminSiteMixin, ValidatedSelectionSiteMixin, admin.AdminSite
):
    """The back office of one OPD, served only on that OPD's host (portal/urls_tenant.py).

    It must never register shared (public-schema) models such as Opd or Domain: the tenant
    search path includes the public schema, so doing so would expose every OPD.
    """

    site_title = _("Admin OPD")
    index_title = _("Kelola situs")

    def each_context(self, request):
        context = super().each_context(request)
        tenant = getattr(request, "tenant", None)
        if tenant is not None:
            context["site_header"] = tenant.name
        return context

    def has_base_permission(self, request):
        # Defence in depth: this site is only meaningful inside an OPD's schema.
        return connection.schema_name != get_public_schema_name() and super().has_base_permission(
            request
        )

    def two_factor_required(self, request):
        return request.tenant.require_2fa_for_operators

    index_template = "admin/opd_index.html"

    def get_urls(self):
        broadcast = self.admin_view(lambda request: opd_broadcast_view(request, self))
        audit_list = self.admin_view(lambda request: opd_audit_list(request, self))
        audit_detail = self.admin_view(lambda request, pk: opd_audit_detail(request, self, pk))
        return [
            path("siaran/", broadcast, name="broadcast"),
            path("log-audit/", audit_list, name="audit_log"),
            path("log-audit/<int:pk>/", audit_detail, name="audit_event"),
            *self._openness_urls(),
            *super().get_urls(),
        ]

    def _openness_urls(self):
        def view(function):
            return self.admin_view(lambda request, **kwargs: function(request, self, **kwargs))

        pages = openness_views
        return [
            path("keterbukaan/", view(pages.opd_score), name="openness_score"),
            path("keterbukaan/jawab/<slug:key>/", view(pages.opd_answer), name="openness_answer"),
            path("keterbukaan/bukti/<int:pk>/", view(pages.opd_evidence), name="openness_evidence"),
            path(
                "keterbukaan/bukti/<int:pk>/hapus/",
                view(pages.opd_evidence_delete),
                name="openness_evidence_delete",
            ),
            path("keterbukaan/paket-bukti/", view(pages.opd_pack), name="openness_pack"),
        ]

    def index(self, request, extra_context=None):
        """The first screen says what to do today: the content apps' to-do items (new and
        overdue requests, drafts...), the missing mandatory content as links to where each is
        done, the site's activity status and what raises it; the app list below."""
        (activity,) = opd_activity(opds=Opd.objects.filter(pk=request.tenant.pk))
        write_news_url = _write_news_url(request)
        extra_context = {
            **(extra_context or {}),
            "activity": activity,
            "thresholds": activity.thresholds,
            "dashboard_items": registry.dashboard_items(request),
            "todo": _checklist_todo(request, activity, write_news_url),
            "write_news_url": write_news_url,
            "quick_post_url": _quick_post_url(request, write_news_url),
            "may_broadcast": may_broadcast(request),
            "is_opd_admin": is_opd_admin(request.user),
            "identity_url": _identity_url(request),
        }
        return super().index(request, extra_context)

    def get_app_list(self, request, app_label=None):
        """The OPD's identity has its own entry, not a button inside "Halaman"."""
        app_list = super().get_app_list(request, app_label)
        url = _identity_url(request)
        if url and app_label is None:
            identity = {
                "name": _("Identitas situs"),
                # The app whose permission guards it; also what django-tenants' app list
                # template checks to link it (a label outside TENANT_APPS shows greyed out).
                "app_label": "pages",
                "app_url": url,
                "has_module_perms": True,
                "models": [
                    {
                        "name": _("Logo, warna, kontak dan media sosial"),
                        "object_name": "Identity",
                        "perms": {"change": True, "view": True},
                        "admin_url": url,
                        "add_url": None,
                        "view_only": False,
                    }
                ],
            }
            app_list.insert(0, identity)
        if app_label is None and openness_views.may_assess(request.user):
            app_list.append(_openness_entry())
        return app_list


def _openness_entry() -> dict:
    url = reverse("admin:openness_score")
    return {
        "name": _("Skor Keterbukaan"),
        # A shared app: django-tenants' app list template links it on an OPD's host.
        "app_label": "openness",
        "app_url": url,
        "has_module_perms": True,
        "models": [
            {
                "name": _("Penilaian mandiri sebelum monev Komisi Informasi"),
                "object_name": "OpennessScore",
                "perms": {"change": True, "view": True},
                "admin_url": url,
                "add_url": None,
                "view_only": False,
            }
        ],
    }


IDENTITY_PERMISSION = "pages.change_identity"


def _identity_url(request) -> str | None:
    if not request.user.has_perm(IDENTITY_PERMISSION):
        return None
    return reverse("admin:pages_identity")


def _write_news_url(request) -> str | None:
    """The add form of the OPD's news (the registry's news kind), if the user may write."""
    for publishable in registry.publishables():
        opts = publishable.model._meta
        if publishable.is_news and request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}"):
            return reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    return None


def _quick_post_url(request, write_news_url) -> str | None:
    """The quick post from a phone (news.quickpost), for whoever may write news."""
    return None if write_news_url is None else reverse("admin:news_article_quick_post")


def _checklist_todo(request, activity, write_news_url) -> list[dict]:
    """The missing checklist items, each with the link to where it is done (None: this user
    may not do it here)."""
    items = {item.key: item for item in checklist_items()}
    todo = []
    for key in activity.missing:
        item = items[key]
        if key == RECENT_NEWS.key:
            url = write_news_url
        elif item.admin_url and (not item.permission or request.user.has_perm(item.permission)):
            url = str(item.admin_url)
        else:
            url = None
        todo.append({"key": key, "label": item.label, "url": url})
    return todo


class KominfoConsoleSite(
    PasswordPagesSiteMixin, TwoFactorAdminSiteMixin, ValidatedSelectionSiteMixin, admin.AdminSite
):
    """The Kominfo console on the main domain (portal/urls_public.py)."""

    site_header = _("Konsol Kominfo · Portal OPD Terpadu")
    site_title = _("Konsol Kominfo")
    index_title = _("Pengelolaan OPD")
    index_template = "admin/console_index.html"

    def index(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "failed_jobs": failed_job_count(),
            "may_view_ppid": ppidutama_reports.may_view(request.user),
            "ppid_waiting": ppidutama_console.waiting_count(request.user),
            "objections_waiting": atasan.waiting_count(request.user),
        }
        return super().index(request, extra_context)

    def get_urls(self):
        dashboard = self.admin_view(lambda request: activity_dashboard(request, self))
        remind = self.admin_view(
            lambda request, opd_id: send_reminder_now(request, self, opd_id=opd_id)
        )
        openness = self.admin_view(lambda request: openness_views.console_scores(request, self))
        return [
            path("aktivitas/", dashboard, name="activity_dashboard"),
            path("keterbukaan/", openness, name="openness_scores"),
            path("aktivitas/<int:opd_id>/pengingat/", remind, name="activity_remind"),
            *self._ppid_utama_urls(),
            *self._wordpress_import_urls(),
            *self._atasan_ppid_urls(),
            *super().get_urls(),
        ]

    def _ppid_utama_urls(self):
        def view(function):
            return self.admin_view(lambda request, **kwargs: function(request, self, **kwargs))

        return [
            path("ppid/utama/", view(ppidutama_console.request_list), name="ppidutama_requests"),
            path(
                "ppid/utama/<int:pk>/",
                view(ppidutama_console.request_detail),
                name="ppidutama_request",
            ),
            path(
                "ppid/permohonan-berjalan/",
                view(ppidutama_reports.open_requests_dashboard),
                name="ppidutama_open_requests",
            ),
            path(
                "ppid/laporan-tahunan/",
                view(ppidutama_reports.annual_report_view),
                name="ppidutama_annual_report",
            ),
        ]

    def _atasan_ppid_urls(self):
        def view(function):
            return self.admin_view(lambda request, **kwargs: function(request, self, **kwargs))

        one = "keberatan-pemda/<int:pk>/"
        return [
            path("keberatan-pemda/", view(atasan.objection_list), name="atasan_objections"),
            path(one, view(atasan.objection_detail), name="atasan_objection"),
            path(f"{one}tanggapi/", view(atasan.objection_answer), name="atasan_objection_answer"),
            path(f"{one}surat/", view(atasan.objection_letter), name="atasan_objection_letter"),
        ]

    def _wordpress_import_urls(self):
        def view(function):
            return self.admin_view(lambda request, **kwargs: function(request, self, **kwargs))

        run = "impor-wordpress/<int:opd_id>/<int:run_id>/"
        pages = wpimport_views
        return [
            path("impor-wordpress/", view(pages.console_upload), name="wpimport_upload"),
            path(run, view(pages.console_run), name="wpimport_run"),
            path(f"{run}mulai/", view(pages.console_confirm), name="wpimport_run_confirm"),
            path(f"{run}batalkan/", view(pages.console_cancel), name="wpimport_run_cancel"),
        ]

    def has_base_permission(self, request):
        return connection.schema_name == get_public_schema_name() and super().has_base_permission(
            request
        )

    def two_factor_required(self, request):
        return settings.CONSOLE_REQUIRE_2FA
