"""The pemda's PPID front door for citizens (`/ppid/` on the main domain): where to ask for
information without knowing which OPD holds it, and tracking of any request of the pemda."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core import throttle
from pemda.models import PemdaIdentity
from ppidutama import disposition
from ppidutama.forms import PortalRequestForm, TrackingForm
from ppidutama.lookup import find_request
from tenants.models import Opd

RECEIPT_SESSION_KEY = "ppidutama_receipt"
REQUEST_SCOPE = "ppidutama-permohonan"
# Wrong tracking codes per client IP per hour (as on the OPD sites).
CODE_CHECK_SCOPE = "ppidutama-kode"
TRACKING_FAILURES_PER_HOUR = 30


@require_GET
def home(request):
    identity = PemdaIdentity.objects.first()
    return render(request, "ppidutama/home.html", {"identity": identity})


@never_cache
@require_http_methods(["GET", "POST"])
def request_create(request):
    """Each client IP gets PPID_SUBMISSIONS_PER_HOUR requests per hour (as on the OPD sites);
    a form to correct or a double submit gives its slot back."""
    opds = list(disposition.forward_targets())
    if request.method != "POST":
        return render(
            request, "ppidutama/request_form.html", {"form": PortalRequestForm(opds=opds)}
        )
    if throttle.hit(request, REQUEST_SCOPE) > settings.PPID_SUBMISSIONS_PER_HOUR:
        return render(request, "ppidutama/rate_limited.html", status=429)
    form = PortalRequestForm(request.POST, opds=opds)
    if form.is_valid():
        opd = form.cleaned_data["addressee"]
        token = form.cleaned_data["submission_token"]
        try:
            if opd is None:
                receipt = disposition.submit_to_utama(
                    submission_token=token, **form.applicant_fields()
                )
            else:
                receipt = disposition.submit_to_opd(
                    opd=opd, submission_token=token, **form.applicant_fields()
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if receipt.tracking_code is None:
                throttle.give_back(request, REQUEST_SCOPE)
                return redirect("ppidutama:request_receipt")
            request.session[RECEIPT_SESSION_KEY] = {
                "number": receipt.number,
                "code": receipt.tracking_code,
                "opd": receipt.opd.pk if receipt.opd else None,
            }
            return redirect("ppidutama:request_receipt")
    if not form.has_error("__all__", "spam"):
        throttle.give_back(request, REQUEST_SCOPE)
    return render(request, "ppidutama/request_form.html", {"form": form})


@never_cache
@require_GET
def request_receipt(request):
    """The receipt with the tracking code, shown once right after submitting."""
    receipt = request.session.pop(RECEIPT_SESSION_KEY, None)
    if not receipt:
        return redirect("ppidutama:track")
    opd = Opd.objects.filter(pk=receipt["opd"]).first() if receipt["opd"] else None
    found = find_request(receipt["number"], receipt["code"], opd=opd)
    if found is None:
        return redirect("ppidutama:track")
    context = {"found": found, "tracking_code": receipt["code"]}
    return render(request, "ppidutama/request_receipt.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    """Any request of the pemda by number and code; a wrong code looks like an unknown number."""
    form = TrackingForm(request.POST or None)
    context = {"form": form, "found": None, "not_found": False, "limited": False}
    if request.method == "POST" and form.is_valid():
        if throttle.hit(request, CODE_CHECK_SCOPE) > TRACKING_FAILURES_PER_HOUR:
            context["limited"] = True
            return render(request, "ppidutama/track.html", context, status=429)
        found = find_request(form.cleaned_data["number"], form.cleaned_data["code"])
        if found is None:
            context["not_found"] = True
        else:
            throttle.give_back(request, CODE_CHECK_SCOPE)
            context["found"] = found
            context["today"] = timezone.localdate()
    return render(request, "ppidutama/track.html", context)
