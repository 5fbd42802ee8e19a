"""The Kominfo console: OPDs, their domains and operators, and Kominfo's own accounts.

Everything here is registered on `console_site` only, which is routed only from the main domain.
"""

from axes.admin import AccessAttemptAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tenants.utils import get_public_schema_name, tenant_context

from portal.admin_sites import console_site
from tenants import accounts, guard, services
from tenants.forms import HandOverForm, OpdCreationForm, OperatorForm
from tenants.models import (
    ActivityReminder,
    ActivitySettings,
    AllowedLinkDomain,
    AuditEvent,
    ContentHold,
    Domain,
    EmergencyBanner,
    LocalHoliday,
    Opd,
    OperatorAccount,
)


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0
    fields = ("domain", "is_primary")


@admin.register(Opd, site=console_site)
class OpdAdmin(admin.ModelAdmin):
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
    actions = ("deactivate", "reactivate")
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
        (_("Keamanan akun"), {"fields": ("require_2fa_for_operators",)}),
        (_("Teknis"), {"fields": ("slug", "schema_name", "created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(schema_name=get_public_schema_name())

    def has_delete_permission(self, request, obj=None):
        # An OPD is deactivated, never deleted from the console (its data stays).
        return False

    @admin.display(description=_("Situs"))
    def site_link(self, opd):
        return format_html('<a href="{0}">{0}</a>', opd.site_url())

    @admin.display(description=_("Operator"))
    def operators_link(self, opd):
        url = reverse("console:tenants_opd_operators", args=[opd.pk])
        return format_html('<a href="{}">{}</a>', url, _("Kelola operator"))

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
        operators = services.operators_of(opd)
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
        return services.create_operator(opd=opd, **data)

    @staticmethod
    def _hand_over(opd, data):
        outgoing = get_object_or_404(User, pk=data["outgoing"])
        return services.hand_over_opd(
            opd=opd, outgoing=outgoing, full_name=data["full_name"], email=data["email"]
        )

    def operator_action_view(self, request, opd_id, user_id, operation):
        if not self.has_change_permission(request):
            raise PermissionDenied
        opd = get_object_or_404(self.get_queryset(request), pk=opd_id)
        with tenant_context(opd):
            user = get_object_or_404(User, pk=user_id)
            if operation == "reset":
                invitation = services.reset_operator_password(opd=opd, user=user)
                return self._render_invitation(request, invitation, created=False)
            if operation not in ("deactivate", "activate"):
                raise PermissionDenied
            services.set_operator_active(opd=opd, user=user, active=operation == "activate")
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


@admin.register(ActivitySettings, site=console_site)
class ActivitySettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not ActivitySettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        return redirect("console:tenants_activitysettings_change", ActivitySettings.current().pk)


@admin.register(ActivityReminder, site=console_site)
class ActivityReminderAdmin(admin.ModelAdmin):
    list_display = ("opd", "sent_at", "status", "recipients")
    list_filter = ("status", "opd__kind")
    list_select_related = ("opd",)
    search_fields = ("opd__name", "recipients")
    date_hierarchy = "sent_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(EmergencyBanner, site=console_site)
class EmergencyBannerAdmin(admin.ModelAdmin):
    list_display = ("text", "level", "issued_by", "starts_at", "expires_at", "is_current")
    list_filter = ("level",)
    list_select_related = ("issued_by",)
    fields = ("level", "text", "link", "starts_at", "expires_at")

    @admin.display(boolean=True, description=_("Tayang"))
    def is_current(self, banner):
        return banner.starts_at <= timezone.now() < banner.expires_at

    def save_model(self, request, obj, form, change):
        if not change:
            obj.issued_by = Opd.objects.get(schema_name=get_public_schema_name())
            obj.created_by = request.user.get_username()
        super().save_model(request, obj, form, change)


class InactiveOperatorFilter(admin.SimpleListFilter):
    """Accounts without a log-in for OPERATOR_INACTIVE_DAYS (never logged in: since created)."""

    parameter_name = "tidak_aktif"

    @property
    def title(self):
        return _("tidak masuk > %(days)d hari") % {"days": settings.OPERATOR_INACTIVE_DAYS}

    def lookups(self, request, model_admin):
        return (("ya", _("Ya")), ("tidak", _("Tidak")))

    def queryset(self, request, queryset):
        dormant = OperatorAccount.dormant_q()
        if self.value() == "ya":
            return queryset.filter(dormant)
        if self.value() == "tidak":
            return queryset.exclude(dormant)
        return queryset


@admin.register(OperatorAccount, site=console_site)
class OperatorAccountAdmin(admin.ModelAdmin):
    list_display = (
        "username",
        "full_name",
        "opd",
        "roles",
        "last_login",
        "is_dormant",
        "is_active",
    )
    list_filter = ("is_active", InactiveOperatorFilter, "roles", "opd__kind", "opd")
    list_select_related = ("opd",)
    search_fields = ("username", "full_name", "email", "opd__name", "opd__short_name")
    actions = (
        "send_set_password_links",
        "deactivate_accounts",
        "unlock_accounts",
        "reset_two_factor",
    )

    @admin.display(boolean=True, description=_("Tidak aktif lama"))
    def is_dormant(self, account):
        return account.is_dormant

    @admin.action(description=_("Buka kunci log-in akun terpilih"))
    def unlock_accounts(self, request, queryset):
        for account in queryset.select_related("opd"):
            with tenant_context(account.opd):
                axes_reset(username=account.username)
        self.message_user(request, _("Kunci %(count)d akun dibuka.") % {"count": len(queryset)})

    @admin.action(description=_("Reset verifikasi dua langkah akun terpilih"))
    def reset_two_factor(self, request, queryset):
        for account in queryset.select_related("opd"):
            with tenant_context(account.opd):
                accounts.reset_two_factor(User.objects.get(pk=account.user_id))
        self.message_user(
            request,
            _("Verifikasi dua langkah %(count)d akun direset.") % {"count": len(queryset)},
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Kirim tautan kata sandi baru"))
    def send_set_password_links(self, request, queryset):
        invitations = []
        for account in queryset.select_related("opd"):
            with tenant_context(account.opd):
                user = User.objects.get(pk=account.user_id)
                invitations.append(services.reset_operator_password(opd=account.opd, user=user))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Tautan kata sandi"),
            "invitations": invitations,
            "opts": self.opts,
            "back_url": reverse("console:tenants_operatoraccount_changelist"),
        }
        return TemplateResponse(request, "admin/tenants/invitations.html", context)

    @admin.action(description=_("Nonaktifkan akun terpilih"))
    def deactivate_accounts(self, request, queryset):
        for account in queryset.select_related("opd"):
            with tenant_context(account.opd):
                user = User.objects.get(pk=account.user_id)
                services.set_operator_active(opd=account.opd, user=user, active=False)
        self.message_user(request, _("%(count)d akun dinonaktifkan.") % {"count": len(queryset)})


@admin.register(Domain, site=console_site)
class DomainAdmin(admin.ModelAdmin):
    list_display = ("domain", "tenant", "is_primary")
    list_select_related = ("tenant",)
    search_fields = ("domain", "tenant__name")
    autocomplete_fields = ("tenant",)


@admin.register(LocalHoliday, site=console_site)
class LocalHolidayAdmin(admin.ModelAdmin):
    list_display = ("date", "name")
    date_hierarchy = "date"
    search_fields = ("name",)


@admin.register(User, site=console_site)
class KominfoUserAdmin(UserAdmin):
    actions = ("unlock_accounts", "reset_two_factor")

    @admin.action(description=_("Buka kunci log-in akun terpilih"))
    def unlock_accounts(self, request, queryset):
        for user in queryset:
            axes_reset(username=user.get_username())
        self.message_user(request, _("Kunci %(count)d akun dibuka.") % {"count": len(queryset)})

    @admin.action(description=_("Reset verifikasi dua langkah akun terpilih"))
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            accounts.reset_two_factor(user)
        self.message_user(
            request,
            _("Verifikasi dua langkah %(count)d akun direset.") % {"count": len(queryset)},
        )


console_site.register(Group, GroupAdmin)


# The OPD admin site (Django's default site here) manages the OPD's own operator accounts. Users
# live in each OPD's schema, so this never reaches Kominfo's or another OPD's accounts.
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class OperatorAdmin(admin.ModelAdmin):
    list_display = ("username", "get_full_name", "roles", "is_active", "last_login")
    list_filter = ("is_active", "groups")
    search_fields = ("username", "first_name", "last_name", "email")
    ordering = ("username",)
    fields = ("username", "first_name", "last_name", "email", "groups", "is_active", "last_login")
    readonly_fields = ("username", "last_login")
    filter_horizontal = ("groups",)
    actions = ("send_set_password_link", "reset_two_factor")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(is_superuser=False).prefetch_related("groups")

    @admin.action(
        description=_("Reset verifikasi dua langkah (ponsel hilang)"), permissions=("change",)
    )
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            accounts.reset_two_factor(user)
        self.message_user(
            request,
            _("Verifikasi dua langkah %(count)d akun direset.") % {"count": len(queryset)},
        )

    @admin.display(description=_("Peran"))
    def roles(self, user):
        return ", ".join(group.name for group in user.groups.all())

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = OperatorForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                invitation = services.create_operator(opd=request.tenant, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return self._render_invitations(request, [invitation])
        context = {
            **self.admin_site.each_context(request),
            "title": _("Tambah operator"),
            "form": form,
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/auth/user/operator_add.html", context)

    @admin.action(description=_("Kirim ulang tautan pembuatan kata sandi"))
    def send_set_password_link(self, request, queryset):
        invitations = [
            services.reset_operator_password(opd=request.tenant, user=user) for user in queryset
        ]
        return self._render_invitations(request, invitations)

    def _render_invitations(self, request, invitations):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Tautan kata sandi"),
            "invitations": invitations,
            "opts": self.opts,
            "back_url": reverse("admin:auth_user_changelist"),
        }
        return TemplateResponse(request, "admin/tenants/invitations.html", context)


@admin.register(AuditEvent, site=console_site)
class AuditEventAdmin(admin.ModelAdmin):
    """Every OPD's audit log, read-only."""

    list_display = ("at", "opd", "actor", "action", "object_type", "object_repr", "ip_address")
    list_filter = ("action", "opd", "at")
    list_select_related = ("opd",)
    search_fields = ("actor", "object_repr", "object_id", "ip_address")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Log-in lock-outs of Kominfo's own accounts (public schema); deleting an attempt unlocks it.
# Each OPD sees and unlocks its own in its admin (django-axes registers on the OPD admin site).
console_site.register(AccessAttempt, AccessAttemptAdmin)
console_site.register(AccessLog, AccessLogAdmin)
# Neither site offers what django-otp registers by default (device keys) nor the unused
# axes failure log.
for model in (TOTPDevice, StaticDevice, AccessFailureLog):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(AllowedLinkDomain, site=console_site)
class AllowedLinkDomainAdmin(admin.ModelAdmin):
    list_display = ("domain", "note", "created_at")
    search_fields = ("domain", "note")


@admin.register(ContentHold, site=console_site)
class ContentHoldAdmin(admin.ModelAdmin):
    """Content the guard held: Kominfo reviews it, then releases (publishes) or rejects it."""

    list_display = ("title", "opd", "kind", "reasons", "status", "held_at", "resolved_by")
    list_filter = ("status", "kind", "opd")
    list_select_related = ("opd",)
    search_fields = ("title", "opd__name", "opd__short_name")
    date_hierarchy = "held_at"
    actions = ("release", "reject")
    fields = (
        "opd",
        "kind",
        "title",
        "edit_link",
        "findings_list",
        "status",
        "held_at",
        "resolved_at",
        "resolved_by",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Temuan"))
    def reasons(self, hold):
        return ", ".join(finding["code"] for finding in hold.findings)

    @admin.display(description=_("Temuan"))
    def findings_list(self, hold):
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}<br><code>{}</code></li>",
                ((finding["message"], finding["evidence"]) for finding in hold.findings),
            ),
        )

    @admin.display(description=_("Di situs OPD"))
    def edit_link(self, hold):
        model = guard.guarded_models()[hold.kind]._meta
        url = hold.opd.site_url(f"/admin/{model.app_label}/{model.model_name}/{hold.object_id}/")
        return format_html('<a href="{0}" rel="noopener">{0}</a>', url)

    @admin.action(description=_("Lepaskan: isi sudah diperiksa dan benar, terbitkan"))
    def release(self, request, queryset):
        self._resolve(request, queryset, guard.release_hold, _("%(count)d konten diterbitkan."))

    @admin.action(description=_("Tolak: biarkan tetap draf"))
    def reject(self, request, queryset):
        self._resolve(request, queryset, guard.reject_hold, _("%(count)d penahanan ditolak."))

    def _resolve(self, request, queryset, service, done_message):
        done = 0
        for hold in queryset.select_related("opd"):
            try:
                service(hold=hold, by=request.user.get_username())
            except ValidationError as error:
                self.message_user(request, f"{hold}: {' '.join(error.messages)}", messages.ERROR)
            else:
                done += 1
        self.message_user(request, done_message % {"count": done})
