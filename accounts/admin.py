"""Accounts: Kominfo's own in the console, each OPD's operators in its admin, and the
console's list of every OPD's operators."""

from axes.admin import AccessAttemptAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tenants.utils import tenant_context

from accounts import services
from accounts.forms import OperatorForm
from accounts.models import OperatorAccount
from accounts.two_factor import reset_two_factor
from core.sites import console_site


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
                reset_two_factor(User.objects.get(pk=account.user_id))
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
            "back_url": reverse("console:accounts_operatoraccount_changelist"),
        }
        return TemplateResponse(request, "admin/accounts/invitations.html", context)

    @admin.action(description=_("Nonaktifkan akun terpilih"))
    def deactivate_accounts(self, request, queryset):
        for account in queryset.select_related("opd"):
            with tenant_context(account.opd):
                user = User.objects.get(pk=account.user_id)
                services.set_operator_active(opd=account.opd, user=user, active=False)
        self.message_user(request, _("%(count)d akun dinonaktifkan.") % {"count": len(queryset)})


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
            reset_two_factor(user)
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
            reset_two_factor(user)
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
        return TemplateResponse(request, "admin/accounts/invitations.html", context)


class LockoutAttemptAdmin(AccessAttemptAdmin):
    """django-axes' admin, with its clean-up action repaired: axes 8.3 reads the time of a log-in
    attempt from the request, which only a log-in request has (an AttributeError, a 500)."""

    actions = ["cleanup_expired_attempts"]

    @admin.action(description=_("Hapus percobaan yang sudah kedaluwarsa"))
    def cleanup_expired_attempts(self, request, queryset):
        request.axes_attempt_time = timezone.now()
        count = self.handler.clean_expired_user_attempts(request=request)
        self.message_user(request, _("%(count)d percobaan kedaluwarsa dihapus.") % {"count": count})


# Each OPD sees and unlocks its own in its admin, Kominfo its own accounts' in the console.
admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, LockoutAttemptAdmin)
console_site.register(AccessAttempt, LockoutAttemptAdmin)
console_site.register(AccessLog, AccessLogAdmin)
# Neither site offers what django-otp registers by default (device keys) nor the unused
# axes failure log.
for model in (TOTPDevice, StaticDevice, AccessFailureLog):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
