"""The Kominfo console's pages for OPDs and their domains (console site only)."""

from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_tenants.utils import tenant_context

from accounts import services as accounts_services
from accounts.forms import HandOverForm, OperatorForm
from console.tasks import send_activity_reminder
from core.admin import StoredUploadsAdminMixin, ValidatedAutocompleteAdminMixin
from core.sites import console_site
from tenants import services
from tenants.forms import OpdAdminForm, OpdCreationForm
from tenants.models import Domain, Opd


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0
    fields = ("domain", "is_primary")


@admin.register(Opd, site=console_site)
class OpdAdmin(StoredUploadsAdminMixin, admin.ModelAdmin):
    form = OpdAdminForm
    list_display = (
        "name",
        "short_name",
        "kind",
        "site_link",
        "operators_link",
        "is_active",
        "created_at",
    )
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "slug")
    ordering = ("name",)
    readonly_fields = ("slug", "schema_name", "created_at", "updated_at")
    inlines = (DomainInline,)
    actions = ("send_reminders", "deactivate", "reactivate")
    fieldsets = (
        (None, {"fields": ("name", "short_name", "kind", "is_active")}),
        (_("Identitas"), {"fields": ("logo", "primary_color", "header_image")}),
        (
            _("Kontak"),
            {"fields": ("address", "phone", "email", "opening_hours", "map_url")},
        ),
        (
            _("Media sosial"),
            {"fields": ("instagram_url", "facebook_url", "x_url", "youtube_url", "tiktok_url")},
        ),
        (_("Hak dan keamanan"), {"fields": ("can_broadcast", "require_2fa_for_operators")}),
        (_("Alur kerja redaksi"), {"fields": ("require_article_review",)}),
        (_("Teknis"), {"fields": ("slug", "schema_name", "created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).sites()

    def has_delete_permission(self, request, obj=None):
        # An OPD is deactivated, never deleted from the console (its data stays).
        return False

    @admin.display(description=_("Situs"))
    def site_link(self, opd):
        return format_html(
            '<a href="{0}">{0}</a><br><a href="{1}">{2}</a>',
            opd.site_url(),
            opd.site_url("/admin/"),
            _("Buka admin OPD"),
        )

    @admin.display(description=_("Operator"))
    def operators_link(self, opd):
        url = reverse("console:tenants_opd_operators", args=[opd.pk])
        return format_html('<a href="{}">{}</a>', url, _("Kelola operator"))

    @admin.action(description=_("Kirim pengingat keaktifan sekarang ke admin OPD terpilih"))
    def send_reminders(self, request, queryset):
        # The same service as the daily job, through the worker, one job per OPD.
        for opd in queryset:
            send_activity_reminder.defer(opd_id=opd.pk)
        self.message_user(
            request,
            _("Pengingat untuk %(count)d OPD sedang dikirim (lihat Pengingat keaktifan).")
            % {"count": len(queryset)},
        )

    @admin.action(description=_("Nonaktifkan situs OPD terpilih (data tidak dihapus)"))
    def deactivate(self, request, queryset):
        for opd in queryset:
            services.set_opd_active(opd=opd, active=False)
        self.message_user(request, _("%(count)d OPD dinonaktifkan.") % {"count": len(queryset)})

    @admin.action(description=_("Aktifkan kembali situs OPD terpilih"))
    def reactivate(self, request, queryset):
        for opd in queryset:
            services.set_opd_active(opd=opd, active=True)
        self.message_user(request, _("%(count)d OPD diaktifkan.") % {"count": len(queryset)})

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:opd_id>/operator/", view(self.operators_view), name="tenants_opd_operators"),
            path(
                "<int:opd_id>/operator/<int:user_id>/<str:operation>/",
                view(require_POST(self.operator_action_view)),
                name="tenants_opd_operator_action",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = OpdCreationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                invitation = services.create_opd(**form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return self._render_invitation(request, invitation, created=True)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Buat situs OPD baru"),
            "form": form,
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/tenants/opd/create.html", context)

    def operators_view(self, request, opd_id):
        if not self.has_change_permission(request):
            raise PermissionDenied
        opd = get_object_or_404(self.get_queryset(request), pk=opd_id)
        operators = accounts_services.operators_of(opd)
        posted = request.POST if request.method == "POST" else None
        form = OperatorForm(posted if posted and "handover" not in posted else None)
        handover = HandOverForm(
            posted if posted and "handover" in posted else None, operators=operators
        )
        for bound, action in ((form, self._create_operator), (handover, self._hand_over)):
            if bound.is_bound and bound.is_valid():
                try:
                    with tenant_context(opd):
                        invitation = action(opd, bound.cleaned_data)
                except ValidationError as error:
                    bound.add_error(None, error)
                else:
                    return self._render_invitation(request, invitation, created=False)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Operator %(opd)s") % {"opd": opd.name},
            "opd": opd,
            "operators": operators,
            "form": form,
            "handover_form": handover,
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/tenants/opd/operators.html", context)

    @staticmethod
    def _create_operator(opd, data):
        return accounts_services.create_operator(opd=opd, **data)

    @staticmethod
    def _hand_over(opd, data):
        outgoing = get_object_or_404(User, pk=data["outgoing"])
        return accounts_services.hand_over_opd(
            opd=opd, outgoing=outgoing, full_name=data["full_name"], email=data["email"]
        )

    def operator_action_view(self, request, opd_id, user_id, operation):
        if not self.has_change_permission(request):
            raise PermissionDenied
        opd = get_object_or_404(self.get_queryset(request), pk=opd_id)
        with tenant_context(opd):
            user = get_object_or_404(User, pk=user_id)
            if operation == "reset":
                invitation = accounts_services.reset_operator_password(opd=opd, user=user)
                return self._render_invitation(request, invitation, created=False)
            if operation not in ("deactivate", "activate"):
                raise PermissionDenied
            accounts_services.set_operator_active(
                opd=opd, user=user, active=operation == "activate"
            )
        messages.success(request, _("Akun %(user)s diperbarui.") % {"user": user.username})
        return redirect("console:tenants_opd_operators", opd_id=opd.pk)

    def _render_invitation(self, request, invitation, *, created):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Situs OPD dibuat") if created else _("Tautan kata sandi dibuat"),
            "invitation": invitation,
            "created": created,
            "operators_url": reverse("console:tenants_opd_operators", args=[invitation.opd.pk]),
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/tenants/opd/invitation.html", context)


@admin.register(Domain, site=console_site)
class DomainAdmin(ValidatedAutocompleteAdminMixin, admin.ModelAdmin):
    list_display = ("domain", "tenant", "is_primary")
    list_select_related = ("tenant",)
    search_fields = ("domain", "tenant__name")
    autocomplete_fields = ("tenant",)
