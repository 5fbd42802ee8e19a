"""Emergency broadcasts posted from an OPD's own admin, by OPDs given the right (e.g. BPBD)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import roles
from banners.forms import EndBannerForm, OpdBannerForm
from banners.models import EmergencyBanner


def may_broadcast(request) -> bool:
    user = request.user
    is_admin = user.is_superuser or user.groups.filter(name=roles.ADMIN_OPD).exists()
    return request.tenant.can_broadcast and user.is_active and is_admin


def opd_broadcast_view(request, admin_site):
    if not may_broadcast(request):
        raise PermissionDenied
    opd = request.tenant
    ending = request.method == "POST" and "end" in request.POST
    end_form = EndBannerForm(request.POST if ending else None)
    if ending and end_form.is_valid():
        end_banner(opd=opd, banner_id=end_form.cleaned_data["end"])
        return redirect("admin:broadcast")
    form = OpdBannerForm(
        request.POST if request.method == "POST" and not ending else None,
        initial={"starts_at": timezone.localtime()},
    )
    if form.is_bound and form.is_valid():
        banner = form.save(commit=False)
        banner.issued_by = opd
        banner.created_by = request.user.get_username()
        banner.save()
        return redirect("admin:broadcast")
    context = {
        **admin_site.each_context(request),
        "title": _("Siaran darurat (informasi serta merta)"),
        "form": form,
        "end_form": end_form,
        "banners": EmergencyBanner.objects.filter(issued_by=opd).order_by("-starts_at")[:20],
        "now": timezone.now(),
    }
    return TemplateResponse(request, "admin/banners/opd_broadcast.html", context)


def end_banner(*, opd, banner_id: int) -> None:
    """End one of the OPD's own current banners now."""
    banner = EmergencyBanner.objects.filter(
        pk=banner_id,
        issued_by=opd,
        expires_at__gt=timezone.now(),
    ).first()
    if banner is not None:
        banner.expires_at = max(timezone.now(), banner.starts_at + timedelta(seconds=1))
        banner.save(update_fields=["expires_at"])
