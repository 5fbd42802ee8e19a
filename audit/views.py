"""The OPD admin's view of its own audit log."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from accounts import roles
from audit.models import AuditEvent

# The OPD admin's view of its own log ---------------------------------------------------------

AUDIT_PAGE_SIZE = 50


def opd_audit_list(request, admin_site):
    """The audit log of the current OPD only (Admin OPD role)."""
    if not roles.is_opd_admin(request.user):
        raise PermissionDenied
    events = AuditEvent.objects.filter(opd=request.tenant)
    action = request.GET.get("tindakan", "")
    if action in AuditEvent.Action.values:
        events = events.filter(action=action)
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("halaman"))
    context = {
        **admin_site.each_context(request),
        "title": _("Jejak audit"),
        "page": page,
        "actions": AuditEvent.Action.choices,
        "current_action": action,
    }
    return TemplateResponse(request, "admin/audit/audit_list.html", context)


def opd_audit_detail(request, admin_site, pk):
    if not roles.is_opd_admin(request.user):
        raise PermissionDenied
    event = get_object_or_404(AuditEvent, pk=pk, opd=request.tenant)
    context = {
        **admin_site.each_context(request),
        "title": _("Peristiwa audit"),
        "event": event,
    }
    return TemplateResponse(request, "admin/audit/audit_detail.html", context)
