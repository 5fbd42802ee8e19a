"""The portal's objection pages (`/ppid/keberatan/`): file an objection to the Atasan PPID
against any request of the pemda, the receipt shown once, and tracking with the answer letter."""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core import throttle
from ppidutama import objections
from ppidutama.models import PemdaObjection
from ppidutama.objection_forms import UNKNOWN_REQUEST, ObjectionForm, ObjectionTrackingForm

# Wrong tracking codes are counted together wherever the portal checks one (request tracking,
# objection tracking, the objection form's request number and code).
from ppidutama.views import CODE_CHECK_SCOPE, TRACKING_FAILURES_PER_HOUR

RECEIPT_SESSION_KEY = "ppidutama_objection_receipt"
# The scope of the OPD sites' objection forms, which portal.settings.REQUEST_BODY_LIMITS charges
# an oversized body to (`/ppid/keberatan/`): each schema counts its own clients.
OBJECTION_SCOPE = "ppid-keberatan"
FORM_TEMPLATE = "ppidutama/objection_form.html"


@never_cache
@require_http_methods(["GET", "POST"])
def objection_create(request):
    """The objection form. Each client IP gets PPID_SUBMISSIONS_PER_HOUR filings per hour,
    counted before any work (core.throttle); a form to correct, or a double submit landing on its
    first receipt, gives its slot back. Checking the request's code counts against the
    code-check throttle, and a right code is given back."""
    if request.method != "POST":
        return render(request, FORM_TEMPLATE, {"form": ObjectionForm()})
    if throttle.hit(request, OBJECTION_SCOPE) > settings.PPID_SUBMISSIONS_PER_HOUR:
        return render(request, "ppidutama/objection_rate_limited.html", status=429)
    if not _code_check_allowed(request):
        throttle.give_back(request, OBJECTION_SCOPE)
        context = {"form": ObjectionForm(), "limited": True}
        return render(request, FORM_TEMPLATE, context, status=429)
    form = ObjectionForm(request.POST)
    valid = form.is_valid()
    if not form.has_error(NON_FIELD_ERRORS, UNKNOWN_REQUEST):
        throttle.give_back(request, CODE_CHECK_SCOPE)
    if valid:
        try:
            submission = objections.file_objection(
                found=form.found_request,
                ground=form.cleaned_data["ground"],
                reason=form.cleaned_data["reason"],
                submission_token=form.cleaned_data["submission_token"],
            )
        except objections.DuplicateSubmission:
            throttle.give_back(request, OBJECTION_SCOPE)
            return redirect("ppidutama:objection_receipt")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[RECEIPT_SESSION_KEY] = {
                "pk": submission.objection.pk,
                "code": submission.tracking_code,
            }
            return redirect("ppidutama:objection_receipt")
    if not form.has_error(NON_FIELD_ERRORS, "spam"):
        throttle.give_back(request, OBJECTION_SCOPE)
    return render(request, FORM_TEMPLATE, {"form": form})


@never_cache
@require_GET
def objection_receipt(request):
    """The receipt with the tracking code, shown once right after filing (a double submit lands
    here too, and finds the receipt of the first one in the session)."""
    receipt = request.session.pop(RECEIPT_SESSION_KEY, None)
    objection = None
    if isinstance(receipt, dict):
        objection = PemdaObjection.objects.select_related("opd").filter(pk=receipt["pk"]).first()
    if objection is None:
        return redirect("ppidutama:objection_track")
    context = {"objection": objection, "tracking_code": receipt["code"]}
    return render(request, "ppidutama/objection_receipt.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def objection_track(request):
    """Status by objection number and tracking code, with the answer letter once there is one;
    a wrong code looks exactly like an unknown number."""
    form = ObjectionTrackingForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "objection": None, "not_found": False, "limited": False}
    template = "ppidutama/objection_track.html"
    if request.method == "POST" and form.is_valid():
        if not _code_check_allowed(request):
            context["limited"] = True
            return render(request, template, context, status=429)
        objection = (
            PemdaObjection.objects.select_related("opd")
            .filter(number=form.cleaned_data["number"])
            .first()
        )
        if objection is not None and objection.check_tracking_code(form.cleaned_data["code"]):
            throttle.give_back(request, CODE_CHECK_SCOPE)
            context["objection"] = objection
            context["today"] = timezone.localdate()
        else:
            context["not_found"] = True
    return render(request, template, context)


def _code_check_allowed(request) -> bool:
    """Count one tracking-code check before it is made; a right code is given back after."""
    return throttle.hit(request, CODE_CHECK_SCOPE) <= TRACKING_FAILURES_PER_HOUR
