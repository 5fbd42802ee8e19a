"""PPID Utama's desk on the Kominfo console: the requests it holds, and the disposisi."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ppidutama import disposition
from ppidutama.forms import DecisionForm, ForwardForm
from ppidutama.models import PemdaRequest

VIEW_PERMISSION = "ppidutama.view_pemdarequest"
FORWARD_PERMISSION = "ppidutama.forward_pemdarequest"
RECENT_HANDLED = 50


def waiting_count(user) -> int | None:
    """How many requests wait at PPID Utama's desk; None for who may not see it."""
    if not user.has_perm(VIEW_PERMISSION):
        return None
    return PemdaRequest.objects.filter(stage=PemdaRequest.Stage.WITH_UTAMA).count()


def request_list(request, admin_site):
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    held = PemdaRequest.objects.filter(stage=PemdaRequest.Stage.WITH_UTAMA).order_by(
        "due_date", "received_at"
    )
    handled = (
        PemdaRequest.objects.exclude(stage=PemdaRequest.Stage.WITH_UTAMA)
        .select_related("opd")
        .order_by("-received_at")[:RECENT_HANDLED]
    )
    today = timezone.localdate()
    context = {
        **admin_site.each_context(request),
        "title": _("Permohonan kepada PPID Utama"),
        "held": [(item, item.days_left(today)) for item in held],
        "handled": handled,
    }
    return TemplateResponse(request, "admin/ppidutama/request_list.html", context)


def request_detail(request, admin_site, pk):
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    pemda_request = get_object_or_404(PemdaRequest.objects.select_related("opd"), pk=pk)
    targets = disposition.forward_targets()
    forward_form = ForwardForm(targets=targets)
    decision_form = DecisionForm()
    if request.method == "POST":
        if not request.user.has_perm(FORWARD_PERMISSION):
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "forward":
            forward_form = ForwardForm(request.POST, targets=targets)
            if forward_form.is_valid():
                return _act(
                    request,
                    pemda_request,
                    lambda: disposition.forward(
                        request=pemda_request,
                        to_opd=forward_form.cleaned_data["to_opd"],
                        note=forward_form.cleaned_data["note"],
                        by=request.user,
                    ),
                    _("Permohonan %(number)s diteruskan ke %(opd)s.")
                    % {"number": pemda_request.number, "opd": forward_form.cleaned_data["to_opd"]},
                    form=forward_form,
                )
        elif action == "decide":
            decision_form = DecisionForm(request.POST)
            if decision_form.is_valid():
                return _act(
                    request,
                    pemda_request,
                    lambda: disposition.decide(
                        request=pemda_request, by=request.user, **decision_form.cleaned_data
                    ),
                    _("Pemberitahuan tertulis atas permohonan %(number)s tersimpan.")
                    % {"number": pemda_request.number},
                    form=decision_form,
                )
        else:
            messages.error(request, _("Tindakan tidak dikenal."))
        if forward_form.errors or decision_form.errors:
            messages.error(request, _("Periksa isian di bawah."))
    context = {
        **admin_site.each_context(request),
        "title": _("Permohonan %(number)s") % {"number": pemda_request.number},
        "item": pemda_request,
        "applicant": getattr(pemda_request, "applicant", None)
        if pemda_request.is_with_utama
        else None,
        "hops": pemda_request.hops.select_related("from_opd", "to_opd"),
        "days_left": pemda_request.days_left(),
        "forward_form": forward_form,
        "decision_form": decision_form,
        "may_act": request.user.has_perm(FORWARD_PERMISSION) and pemda_request.is_with_utama,
    }
    return TemplateResponse(request, "admin/ppidutama/request_detail.html", context)


def _act(request, pemda_request, action, success_message, *, form):
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("console:ppidutama_request", pk=pemda_request.pk)
    messages.success(request, success_message)
    return redirect("console:ppidutama_requests")
