"""Recording answers and computing the results of the SKM, per service and per OPD."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, Count, IntegerField, Sum, Value, When
from django.db.models.functions import ExtractYear
from django.utils import timezone

from publicservices.models.survey import SurveyResponse
from publicservices.survey import ikm
from publicservices.survey.elements import FIELDS


def current_semester() -> ikm.Semester:
    return ikm.Semester.of(timezone.localdate())


def record_response(service, form) -> SurveyResponse:
    """Store one questionnaire, all of it or nothing."""
    with transaction.atomic():
        response = form.save(commit=False)
        response.service = service
        response.submitted_at = timezone.now()
        response.full_clean()
        response.save()
    return response


def _totals(queryset):
    return queryset.aggregate(respondents=Count("id"), **{name: Sum(name) for name in FIELDS})


def opd_result(semester: ikm.Semester) -> ikm.IkmResult:
    """The IKM of the whole OPD in `semester`: every answer about every service (one query)."""
    totals = _totals(SurveyResponse.objects.in_semester(semester))
    return ikm.from_totals(totals.pop("respondents"), totals)


@dataclass
class ServiceResult:
    service_id: int
    name: str
    slug: str
    result: ikm.IkmResult


def service_results(semester: ikm.Semester) -> list[ServiceResult]:
    """The IKM of each service that has answers in `semester`, by name (one query)."""
    rows = (
        SurveyResponse.objects.in_semester(semester)
        .values("service_id", "service__name", "service__slug")
        .annotate(respondents=Count("id"), **{name: Sum(name) for name in FIELDS})
        .order_by("service__name")
    )
    return [
        ServiceResult(
            row["service_id"],
            row["service__name"],
            row["service__slug"],
            ikm.from_totals(row["respondents"], row),
        )
        for row in rows
    ]


def semesters_with_answers() -> list[ikm.Semester]:
    """Every semester with at least one answer, newest first (one query)."""
    half = Case(
        When(submitted_at__month__lte=6, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    rows = (
        SurveyResponse.objects.annotate(year=ExtractYear("submitted_at"), half=half)
        .values_list("year", "half")
        .distinct()
    )
    return sorted({ikm.Semester(int(year), int(half)) for year, half in rows}, reverse=True)
