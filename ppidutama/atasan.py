"""The Atasan PPID's pages on the Kominfo console (routed by portal.admin_sites): the objections
to answer, most urgent first, each with the request's facts, the answer form and the decision
letter. The Atasan PPID role answers (the model's change permission); PPID Utama follows them
(view); anyone else on the console gets 403."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ppidutama import objections
from ppidutama.models import PemdaObjection
from ppidutama.objection_forms import AnswerForm

VIEW_PERMISSION = "ppidutama.view_pemdaobjection"
ANSWER_PERMISSION = "ppidutama.change_pemdaobjection"
PER_PAGE = 50


def waiting_count(user) -> int | None:
    """How many objections wait for the Atasan PPID's answer; None for who may not see them."""
    if not may_view(user):
        return None
    return PemdaObjection.objects.open().count()


def _page_context(request, admin_site) -> dict:
    # The sidebar lists registered models only; for a PPID role it would say "no permission
    # to view anything" beside the very page it is working on.
    return {**admin_site.each_context(request), "is_nav_sidebar_enabled": False}


def may_view(user) -> bool:
    return user.has_perm(VIEW_PERMISSION) or user.has_perm(ANSWER_PERMISSION)


def may_answer(user) -> bool:
    return user.has_perm(ANSWER_PERMISSION)


@require_GET
def objection_list(request, admin_site):
    """Open objections first, overdue ones at the top (by the days left to answer), then the
    answered ones."""
    if not may_view(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    page = Paginator(
        PemdaObjection.objects.select_related("opd").with_urgency(), PER_PAGE
    ).get_page(request.GET.get("halaman"))
    for objection in page:
        objection.days_left_today = objection.days_left(today)
        objection.overdue_by = max(0, -(objection.days_left_today or 0))
    context = {
        **_page_context(request, admin_site),
        "title": _("Keberatan kepada atasan PPID"),
        "page": page,
        "open_count": PemdaObjection.objects.open().count(),
        "today": today,
    }
    return TemplateResponse(request, "ppidutama/atasan_list.html", context)


@require_GET
def objection_detail(request, admin_site, pk):
    if not may_view(request.user):
        raise PermissionDenied
    objection = get_object_or_404(
        PemdaObjection.objects.select_related("opd", "answered_by"), pk=pk
    )
    today = timezone.localdate()
    context = {
        **_page_context(request, admin_site),
        "title": _("Keberatan %(number)s") % {"number": objection.number},
        "objection": objection,
        "days_left": objection.days_left(today),
        "overdue": objection.is_overdue(today),
        "may_answer": may_answer(request.user),
    }
    return TemplateResponse(request, "ppidutama/atasan_detail.html", context)


@require_http_methods(["GET", "POST"])
def objection_answer(request, admin_site, pk):
    """The Atasan PPID's written answer: an outcome and a response, both required; saving it
    produces the decision letter."""
    if not may_answer(request.user):
        raise PermissionDenied
    objection = get_object_or_404(PemdaObjection.objects.select_related("opd"), pk=pk)
    if not objection.is_open:
        messages.warning(request, _("Keberatan ini sudah ditanggapi."))
        return redirect(f"{admin_site.name}:atasan_objection_letter", objection.pk)
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            objections.answer_objection(
                objection=objection,
                by=request.user,
                outcome=form.cleaned_data["outcome"],
                response=form.cleaned_data["response"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Tanggapan tersimpan; surat tanggapan siap dicetak."))
            return redirect(f"{admin_site.name}:atasan_objection_letter", objection.pk)
    context = {
        **_page_context(request, admin_site),
        "title": _("Tanggapan atasan PPID: %(number)s") % {"number": objection.number},
        "objection": objection,
        "form": form,
    }
    return TemplateResponse(request, "ppidutama/atasan_answer.html", context)


@require_GET
def objection_letter(request, admin_site, pk):
    """The decision letter, print-ready: letterhead, the objection, the outcome, the response
    and the right to go to the Komisi Informasi (UU 14/2008 Pasal 37 ayat (2))."""
    if not may_view(request.user):
        raise PermissionDenied
    objection = get_object_or_404(PemdaObjection.objects.select_related("opd"), pk=pk)
    if objection.is_open:
        return redirect(f"{admin_site.name}:atasan_objection", objection.pk)
    context = {
        "title": _("Surat tanggapan atas keberatan %(number)s") % {"number": objection.number},
        "objection": objection,
        "back_url_name": f"{admin_site.name}:atasan_objection",
    }
    return TemplateResponse(request, "ppidutama/atasan_letter.html", context)
