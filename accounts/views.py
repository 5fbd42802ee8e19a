"""The "forgot password" pages of both admin sites (accounts.password_reset)."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from accounts.forms import PasswordResetRequestForm
from accounts.password_reset import WINDOW_SECONDS, client_over_limit, request_password_reset


def password_reset(request, admin_site):
    form = PasswordResetRequestForm(request.POST if request.method == "POST" else None)
    context = {
        **admin_site.each_context(request),
        "title": _("Lupa kata sandi"),
        "form": form,
    }
    if request.method == "POST":
        if client_over_limit(request):
            context["rate_limited"] = True
            context["window_minutes"] = WINDOW_SECONDS // 60
            return TemplateResponse(
                request, "admin/accounts/password_reset.html", context, status=429
            )
        if form.is_valid():
            request_password_reset(email=form.cleaned_data["email"])
            return redirect(f"{admin_site.name}:password_reset_done")
    return TemplateResponse(request, "admin/accounts/password_reset.html", context)


def password_reset_done(request, admin_site):
    context = {**admin_site.each_context(request), "title": _("Periksa e-mail Anda")}
    return TemplateResponse(request, "admin/accounts/password_reset_done.html", context)
