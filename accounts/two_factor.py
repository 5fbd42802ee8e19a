"""Account security of both admin sites: the log-in form with its second step, the lock-out page,
and the two-factor (TOTP) set-up with recovery codes.

Devices live in the user's own schema (django-otp is in SHARED_APPS and TENANT_APPS), like the
users. The Kominfo console always requires a verified device (CONSOLE_REQUIRE_2FA); an OPD admin
requires one when Kominfo set `Opd.require_2fa_for_operators`, and offers it to every operator.

Every code is checked by django-otp's own form logic (`OTPAuthenticationFormMixin.clean_otp`:
throttling, a locked device row, `otp_verification_failed`). django-otp's admin support
(`django_otp.admin.OTPAdminSite` + `OTPAdminAuthenticationForm`, 1.7.5) is not used, because it
covers none of what is left here, checked against our users in a throw-away test:
- it requires a verified device of every user of the site (no optional mode for an OPD, no
  CONSOLE_REQUIRE_2FA switch), and its log-in form asks every user for a code ("token_required"
  without a device), so a user without a device can never log in to set one up: it has no
  set-up page, QR code or recovery codes, and no audit events;
- an unverified user is treated as not staff (the log-in page says "not authorised") instead of
  being sent to the set-up or verification page;
- its form needs the device picked from a list ("device_required" for a right code without
  one), where ours infers it from the code; its template and messages are English only
  (django-otp ships no Indonesian catalogue).
"""

from functools import update_wrapper

import qrcode
import qrcode.image.svg
from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.forms import OTPAuthenticationFormMixin, OTPTokenForm
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent
from audit.services import record
from core import throttle

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Aplikasi autentikator"
RECOVERY_DEVICE_NAME = "Kode pemulihan"
LOGIN_IP_SCOPE = "login-ip"

OTP_ERROR_MESSAGES = {
    **OTPAuthenticationFormMixin.otp_error_messages,
    "token_required": _(
        "Akun ini memakai verifikasi dua langkah. Masukkan kode 6 angka dari aplikasi "
        "autentikator, atau salah satu kode pemulihan."
    ),
    "invalid_token": _("Kode verifikasi salah atau sudah dipakai. Coba lagi."),
    "device_required": _("Kode verifikasi salah atau sudah dipakai. Coba lagi."),
    "verification_not_allowed": _("Terlalu banyak kode salah. Tunggu sebentar lalu coba lagi."),
    "n_failed_attempts": _("Terlalu banyak kode salah. Tunggu sebentar lalu coba lagi."),
}


def is_verified(user) -> bool:
    return bool(getattr(user, "is_verified", None) and user.is_verified())


def _device_for_token(user, token: str):
    """A six-digit token is checked against the authenticator app, anything else against the
    recovery codes; the user never has to pick a device."""
    model = TOTPDevice if token.isascii() and token.isdigit() and len(token) == 6 else StaticDevice
    return model.objects.filter(user=user, confirmed=True).order_by("pk").first()


class OtpTokenMixin(OTPAuthenticationFormMixin):
    otp_error_messages = OTP_ERROR_MESSAGES

    def clean_otp_token(self):
        # Authenticator apps show the code as "123 456".
        return self.cleaned_data["otp_token"].replace(" ", "")

    def _chosen_device(self, user):
        device = _device_for_token(user, self.cleaned_data.get("otp_token") or "")
        if device is not None:
            # Re-read with a row lock, as django-otp does, so throttling counts every attempt.
            device = type(device).objects.select_for_update().get(pk=device.pk)
        return device


class LoginForm(OtpTokenMixin, AdminAuthenticationForm):
    """Username and password, then (only for users with a device) the second step's code."""

    otp_token = forms.CharField(
        label=_("Kode verifikasi"),
        required=False,
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "spellcheck": "false"}
        ),
        help_text=_("Hanya jika akun Anda memakai verifikasi dua langkah."),
    )

    def clean(self):
        self.cleaned_data = super().clean()
        user = self.get_user()
        if user is not None and user_has_device(user):
            self.clean_otp(user)
        # Password (and code) right: this attempt was no failure (see LoginThrottleBackend).
        if getattr(self.request, "login_attempt_counted", False):
            throttle.give_back(self.request, LOGIN_IP_SCOPE)
            self.request.login_attempt_counted = False
        return self.cleaned_data


class TokenForm(OtpTokenMixin, OTPTokenForm):
    """The second step alone, for a user already signed in with a password."""

    # The device comes from the code (OtpTokenMixin), so django-otp's device list is never shown.
    otp_device = forms.ChoiceField(required=False, widget=forms.HiddenInput)
    otp_token = forms.CharField(
        label=_("Kode verifikasi"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class SetUpTokenForm(TokenForm):
    """The first code of the authenticator app being set up (its device is not confirmed yet)."""

    def _chosen_device(self, user):
        return TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the Indonesian lock-out page, status 429 (one account from one
    address, or every account from an address past LOGIN_FAILURES_PER_IP)."""
    if getattr(request, "login_ip_locked", False):
        context = {
            "ip_locked": True,
            "failure_limit": settings.LOGIN_FAILURES_PER_IP,
            "cooloff_minutes": settings.LOGIN_IP_WINDOW_MINUTES,
        }
    else:
        context = {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        }
    return render(request, "errors/429_locked_out.html", context, status=429)


def qr_code_svg(data: str) -> SafeString:
    """The QR code of `data` as inline SVG, drawn on the server (no external service).

    Safe to emit as markup: the SVG holds only the library's own path geometry; `data` is
    encoded into the modules, never written as text.
    """
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return mark_safe(image.to_string(encoding="unicode"))


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with fresh ones; each works once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def reset_two_factor(user) -> None:
    """Remove every device of `user` (lost phone): the next log-in asks for a new set-up."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record(AuditEvent.Action.TWO_FACTOR, instance=user, changes={"two_factor": "reset"})


class TwoFactorAdminSiteMixin:
    """Adds the second log-in step and the set-up page to an AdminSite.

    Sites define `has_base_permission` (who may use the site at all) and `two_factor_required`.
    A user who passes the first but must and has not yet verified a device is sent to the set-up
    page, which is the only admin page open to them.
    """

    login_form = LoginForm
    login_template = "admin/login_2fa.html"

    def has_base_permission(self, request) -> bool:
        return super().has_permission(request)

    def two_factor_required(self, request) -> bool:
        raise NotImplementedError

    def has_permission(self, request):
        return self.has_base_permission(request) and (
            is_verified(request.user) or not self.two_factor_required(request)
        )

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def wrapper(request, *args, **kwargs):
            if not self.has_permission(request) and self.has_base_permission(request):
                if request.path == reverse(f"{self.name}:logout"):
                    return view(request, *args, **kwargs)
                return redirect(f"{self.name}:two_factor")
            return inner(request, *args, **kwargs)

        return update_wrapper(wrapper, view)

    def login(self, request, extra_context=None):
        if (
            request.method == "GET"
            and self.has_base_permission(request)
            and not self.has_permission(request)
        ):
            return redirect(f"{self.name}:two_factor")
        return super().login(request, extra_context)

    def get_urls(self):
        two_factor = csrf_protect(never_cache(self.two_factor_view))
        return [
            path("verifikasi-dua-langkah/", two_factor, name="two_factor"),
            *super().get_urls(),
        ]

    def two_factor_view(self, request):
        if not self.has_base_permission(request):
            return redirect_to_login(request.get_full_path(), reverse(f"{self.name}:login"))
        user = request.user
        required = self.two_factor_required(request)
        context = {
            **self.each_context(request),
            "title": _("Verifikasi dua langkah"),
            "required": required,
            # Shows the user tools (log out) in the header; the app list stays hidden.
            "has_permission": True,
        }
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            return self._set_up(request, context)
        if not is_verified(user):
            return self._verify(request, context)
        action = request.POST.get("action") if request.method == "POST" else None
        if action == "recovery":
            codes = new_recovery_codes(user)
            record(AuditEvent.Action.TWO_FACTOR, instance=user, changes={"recovery_codes": "new"})
            return self._show_recovery_codes(request, context, codes)
        if action == "disable" and not required:
            reset_two_factor(user)
            return redirect(f"{self.name}:index")
        context["recovery_left"] = StaticToken.objects.filter(device__user=user).count()
        return TemplateResponse(request, "admin/two_factor/status.html", context)

    def _set_up(self, request, context):
        user = request.user
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
        form = SetUpTokenForm(user, request, data=request.POST or None)
        if request.method == "POST" and form.is_valid():
            device = form.get_user().otp_device
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = new_recovery_codes(user)
            otp_login(request, device)
            record(AuditEvent.Action.TWO_FACTOR, instance=user, changes={"two_factor": "on"})
            return self._show_recovery_codes(request, context, codes)
        context.update(
            {
                "form": form,
                "qr_svg": qr_code_svg(device.config_url),
                "secret": _grouped(device.config_url.split("secret=", 1)[1].split("&", 1)[0]),
            }
        )
        return TemplateResponse(request, "admin/two_factor/set_up.html", context)

    def _verify(self, request, context):
        form = TokenForm(request.user, request, data=request.POST or None)
        if request.method == "POST" and form.is_valid():
            otp_login(request, form.get_user().otp_device)
            return redirect(f"{self.name}:index")
        context["form"] = form
        return TemplateResponse(request, "admin/two_factor/verify.html", context)

    def _show_recovery_codes(self, request, context, codes):
        context["codes"] = codes
        return TemplateResponse(request, "admin/two_factor/recovery_codes.html", context)


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' backend, leaving authentication without a request (the test client's
    login(), the shell) to the next backend: there is no client to throttle there. Every
    log-in form passes its request, so every one of them is throttled.

    Axes locks one account from one address (AXES_LOCKOUT_PARAMETERS). On top of that, one
    address may fail LOGIN_FAILURES_PER_IP times per LOGIN_IP_WINDOW_MINUTES across all
    accounts of the schema, so trying a few passwords on many accounts is stopped too. The
    attempt is counted before the password is checked, in one atomic step (core.throttle), and
    given back by LoginForm when it succeeds; the ceiling is far above what one office behind a
    shared address mistypes in an hour, and axes' own limit stays per account and address.
    """

    def authenticate(self, request=None, *args, **kwargs):
        if request is None:
            return None
        window = settings.LOGIN_IP_WINDOW_MINUTES * 60
        if throttle.hit(request, LOGIN_IP_SCOPE, window=window) > settings.LOGIN_FAILURES_PER_IP:
            # Axes' middleware turns this into AXES_LOCKOUT_CALLABLE's page; axes does not
            # record the attempt against the account (it was never checked).
            request.axes_locked_out = True
            request.login_ip_locked = True
            raise AxesBackendPermissionDenied("Too many failed log-ins from this address.")
        request.login_attempt_counted = True
        return super().authenticate(request, *args, **kwargs)
