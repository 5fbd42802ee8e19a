"""Accounts: Kominfo's own in the console, each OPD's operators in its admin, and the
console's list of every OPD's operators."""

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm
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
from accounts.forms import OperatorForm, PermissionsField
from accounts.models import OperatorAccount
from accounts.two_factor import reset_two_factor
from core.admin import ViewOnlyAdminMixin
from core.sites import console_site
from ppidutama import roles as ppid_roles


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
class OperatorAccountAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
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

    @admin.action(description=_("Buka kunci akun terpilih"))
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


class IndonesianPermissionsMixin:
    """Permissions listed as "Artikel: ubah" instead of Django's stored English names."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in ("permissions", "user_permissions"):
            kwargs["form_class"] = PermissionsField
            kwargs.setdefault("queryset", PermissionsField.offered())
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ConfirmOnlyWhatIsDeletedMixin:
    """The delete confirmation lists the accounts themselves: what goes with them (their role
    links, two-factor devices) has no page of its own and only technical names."""

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        shown = [item for item in to_delete if not isinstance(item, list)]
        plural = str(self.opts.verbose_name_plural)
        count = {name: n for name, n in model_count.items() if str(name) == plural}
        return shown, count, perms_needed, protected


USABLE_PASSWORD_HELP = _(
    "Tanpa kata sandi, akun ini tidak dapat masuk sampai diberi kata sandi baru. Kata sandi "
    "yang sekarang hilang bila pilihan ini dimatikan."
)


class IndonesianPasswordHelpMixin:
    """Django's help text of the usable-password switch is partly English, and partly written
    at import time (so no catalogue can reach it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "usable_password" in self.fields:
            self.fields["usable_password"].help_text = USABLE_PASSWORD_HELP


class KominfoPasswordChangeForm(IndonesianPasswordHelpMixin, AdminPasswordChangeForm):
    pass


class KominfoUserCreationForm(IndonesianPasswordHelpMixin, AdminUserCreationForm):
    pass


@admin.register(User, site=console_site)
class KominfoUserAdmin(ConfirmOnlyWhatIsDeletedMixin, IndonesianPermissionsMixin, UserAdmin):
    list_display = ("username", "email", "full_name", "is_staff")
    add_form = KominfoUserCreationForm
    change_password_form = KominfoPasswordChangeForm
    actions = ("unlock_accounts", "reset_two_factor")

    @admin.display(description=_("Nama lengkap"), ordering="first_name")
    def full_name(self, user):
        return user.get_full_name()

    @admin.action(description=_("Buka kunci akun terpilih"))
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


@admin.register(Group, site=console_site)
class RoleAdmin(ConfirmOnlyWhatIsDeletedMixin, IndonesianPermissionsMixin, GroupAdmin):
    def has_delete_permission(self, request, obj=None):
        # The pemda-level PPID roles are the platform's: each migration re-creates them.
        if obj is not None and obj.name in ppid_roles.ROLE_PERMISSIONS:
            return False
        return super().has_delete_permission(request, obj)


# The OPD admin site (Django's default site here) manages the OPD's own operator accounts. Users
# live in each OPD's schema, so this never reaches Kominfo's or another OPD's accounts.
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class OperatorAdmin(ConfirmOnlyWhatIsDeletedMixin, admin.ModelAdmin):
    list_display = ("username", "full_name", "roles", "is_active", "last_login")
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

    @admin.display(description=_("Nama lengkap"), ordering="first_name")
    def full_name(self, user):
        return user.get_full_name()

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


class LockedOutFilter(admin.SimpleListFilter):
    title = _("terkunci")
    parameter_name = "terkunci"

    def lookups(self, request, model_admin):
        return (("ya", _("Ya")), ("tidak", _("Tidak")))

    def queryset(self, request, queryset):
        limit = settings.AXES_FAILURE_LIMIT
        if self.value() == "ya":
            return queryset.filter(failures_since_start__gte=limit)
        if self.value() == "tidak":
            return queryset.filter(failures_since_start__lt=limit)
        return queryset


class LockoutAttemptAdmin(admin.ModelAdmin):
    """django-axes' failed log-ins, in words an operator reads: who, from where, how many, and
    whether the account is locked; deleting the row unlocks it. The request's raw data (GET and
    POST data, Accept header) that axes' own admin shows are left out. The clean-up action sets
    the time axes 8.3 reads from a log-in request only (without it: an AttributeError, a 500)."""

    list_display = ("username", "ip_address", "failures", "attempted", "lock_state")
    list_filter = (LockedOutFilter, "attempt_time")
    search_fields = ("username", "ip_address")
    date_hierarchy = "attempt_time"
    fields = ("username", "ip_address", "failures", "attempted", "lock_state", "browser")
    readonly_fields = fields
    actions = ["cleanup_expired_attempts"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("gagal masuk"), ordering="failures_since_start")
    def failures(self, attempt):
        return attempt.failures_since_start

    @admin.display(description=_("percobaan terakhir"), ordering="attempt_time")
    def attempted(self, attempt):
        return attempt.attempt_time

    @admin.display(description=_("peramban"))
    def browser(self, attempt):
        return attempt.user_agent

    @admin.display(description=_("keadaan"))
    def lock_state(self, attempt):
        remaining = settings.AXES_FAILURE_LIMIT - attempt.failures_since_start
        if remaining > 0:
            return _("%(count)d percobaan lagi sebelum terkunci") % {"count": remaining}
        return _("Terkunci; hapus baris ini untuk membuka kunci")

    @admin.action(description=_("Hapus percobaan yang sudah kedaluwarsa"))
    def cleanup_expired_attempts(self, request, queryset):
        request.axes_attempt_time = timezone.now()
        count = AxesDatabaseHandler().clean_expired_user_attempts(request=request)
        self.message_user(request, _("%(count)d percobaan kedaluwarsa dihapus.") % {"count": count})


# Each OPD sees and unlocks its own in its admin, Kominfo its own accounts' in the console.
admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, LockoutAttemptAdmin)
console_site.register(AccessAttempt, LockoutAttemptAdmin)
# Neither site offers what django-otp registers by default (device keys), axes' failure log, or
# axes' log of every log-in and log-out: the audit log records those (audit.receivers), in words.
for model in (TOTPDevice, StaticDevice, AccessFailureLog, AccessLog):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
