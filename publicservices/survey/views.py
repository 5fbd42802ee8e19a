"""The citizen's side of the SKM: the results (/skm/), the CSV and the questionnaire."""

import csv

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core import throttle
from publicservices.models import Service
from publicservices.survey import ikm, services
from publicservices.survey.elements import ELEMENTS
from publicservices.survey.forms import SurveyForm

# Questionnaires per client IP per hour, for all the OPD's services together (the cache only:
# no address is stored). A family sharing one connection, or a service desk's tablet, stays
# well below it.
THROTTLE_SCOPE = "skm-isi"


def _published_services():
    return Service.objects.published()


@require_GET
def results(request):
    """The OPD's IKM of a semester (the current one by default), per element and per service."""
    semesters = services.semesters_with_answers()
    current = services.current_semester()
    requested = request.GET.get("semester")
    semester = ikm.Semester.parse(requested) if requested else current
    if semester is None:
        raise Http404
    context = {
        "semester": semester,
        "current": current,
        "semesters": sorted({current, *semesters}, reverse=True),
        "opd_result": services.opd_result(semester),
        "service_results": services.service_results(semester),
        "services": list(_published_services().order_by("position", "name").only("name", "slug")),
    }
    return render(request, "publicservices/survey/results.html", context)


@require_GET
def results_csv(request):
    """Every semester's IKM, per service and for the whole OPD: figures only, no answers."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="skm-{request.tenant.slug}.csv"'
    response.write("\ufeff")  # lets spreadsheet programs detect UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Semester"),
            _("Layanan"),
            _("Jumlah responden"),
            *(f"NRR {element.code} {element.name}" for element in ELEMENTS),
            _("IKM"),
            _("Mutu pelayanan"),
        ]
    )
    for semester in services.semesters_with_answers():
        rows = [(r.name, r.result) for r in services.service_results(semester)]
        rows.append((_("Seluruh layanan"), services.opd_result(semester)))
        for name, result in rows:
            writer.writerow(
                [
                    str(semester.label),
                    _csv_cell(name),
                    result.respondents,
                    *(element.nrr for element in result.elements),
                    result.ikm,
                    result.mutu,
                ]
            )
    return response


def _csv_cell(value) -> str:
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request, slug):
    """The questionnaire about one service, on one phone screen.

    Each client IP gets SKM_RESPONSES_PER_HOUR questionnaires per hour (core.throttle, counted
    before any work in one atomic step). A form the citizen has to correct gives its slot back;
    spam keeps it.
    """
    service = get_object_or_404(_published_services(), slug=slug)
    template = "publicservices/survey/form.html"
    if request.method != "POST":
        return render(request, template, {"form": SurveyForm(), "service": service})
    if throttle.hit(request, THROTTLE_SCOPE) > settings.SKM_RESPONSES_PER_HOUR:
        return render(
            request, "publicservices/survey/rate_limited.html", {"service": service}, status=429
        )
    form = SurveyForm(request.POST)
    if form.is_valid():
        services.record_response(service, form)
        # No session: the citizen's next pages stay cacheable, and nothing ties them to it.
        return redirect(f"{reverse('skm:thanks')}?{urlencode({'layanan': service.slug})}")
    if not (form.has_error(NON_FIELD_ERRORS, "spam")):
        throttle.give_back(request, THROTTLE_SCOPE)
    return render(request, template, {"form": form, "service": service})


@never_cache
@require_GET
def thanks(request):
    slug = request.GET.get("layanan", "")
    service = _published_services().filter(slug=slug).first() if slug else None
    if service is None:
        return redirect("skm:results")
    return render(request, "publicservices/survey/thanks.html", {"service": service})
