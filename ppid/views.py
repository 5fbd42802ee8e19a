import csv

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core import throttle
from core.filetypes import CONTENT_TYPES
from core.pagecache import cache_anonymous_page
from ppid import reports, services
from ppid.forms import (
    DipFilterForm,
    InformationRequestForm,
    ObjectionForm,
    YearForm,
)
from ppid.models import InformationRequest, Objection, PublicInformation
from ppidutama.forms import TrackingForm

RECEIPT_SESSION_KEY = "ppid_receipt"
# Wrong tracking codes per client IP per hour, counted together wherever a code is checked
# (request tracking, objection tracking, the objection form's number and code).
TRACKING_FAILURES_PER_HOUR = 30
CODE_CHECK_SCOPE = "ppid-kode"
# The submission scopes; portal.settings.REQUEST_BODY_LIMITS charges refused uploads to them.
REQUEST_SCOPE = "ppid-permohonan"
OBJECTION_SCOPE = "ppid-keberatan"
DIP_CSV_HEADER = (
    "Nomor",
    "Judul",
    "Ringkasan isi informasi",
    "Pejabat/unit yang menguasai informasi",
    "Penanggung jawab pembuatan informasi",
    "Waktu pembuatan",
    "Tempat pembuatan",
    "Bentuk informasi",
    "Jangka waktu penyimpanan",
    "Tahun",
    "Kategori",
    "Dokumen",
    "Dasar hukum pengecualian",
    "Konsekuensi bila dibuka",
    "Tanggal uji konsekuensi",
)


@require_GET
@cache_anonymous_page
def dip(request, as_csv=False):
    """The Daftar Informasi Publik by category, with filters; also as CSV."""
    published = PublicInformation.objects.published()
    years = published.order_by("-year").values_list("year", flat=True).distinct()
    form = DipFilterForm(request.GET or None, years=list(years))
    entries = form.filter(published.in_category_order())
    if as_csv or request.GET.get("format") == "csv":
        return _dip_csv(request, entries)
    return render(request, "ppid/dip.html", {"form": form, "entries": entries})


@require_GET
def document(request, pk):
    """Download a DIP document under its original name; excluded entries are never served."""
    entry = get_object_or_404(PublicInformation.objects.downloadable(), pk=pk)
    if not entry.file:
        if entry.link:
            return redirect(entry.link)
        raise Http404
    try:
        file = entry.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        file,
        as_attachment=True,
        filename=entry.original_filename or entry.file.name.rsplit("/", 1)[-1],
        content_type=CONTENT_TYPES.get(entry.file_type, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def request_create(request):
    return _submission_form(
        request,
        form_class=InformationRequestForm,
        scope=REQUEST_SCOPE,
        template="ppid/request_form.html",
        submit=lambda form: services.submit_request(
            opd=request.tenant,
            submission_token=form.cleaned_data["submission_token"],
            **form.submission_fields(),
        ),
        receipt="ppid:request_receipt",
    )


@never_cache
@require_GET
def request_receipt(request):
    return _receipt(request, InformationRequest, "ppid/request_receipt.html", "ppid:request_track")


@never_cache
@require_http_methods(["GET", "POST"])
def request_track(request):
    return _track(
        request,
        InformationRequest.objects.prefetch_related("events", "objections"),
        "ppid/request_track.html",
    )


@never_cache
@require_http_methods(["GET", "POST"])
def objection_create(request):
    return _submission_form(
        request,
        form_class=ObjectionForm,
        scope=OBJECTION_SCOPE,
        checks_code=True,
        template="ppid/objection_form.html",
        submit=lambda form: services.file_objection(
            opd=request.tenant,
            request=form.information_request,
            ground=form.cleaned_data["ground"],
            reason=form.cleaned_data["reason"],
            submission_token=form.cleaned_data["submission_token"],
        ),
        receipt="ppid:objection_receipt",
    )


@never_cache
@require_GET
def objection_receipt(request):
    return _receipt(request, Objection, "ppid/objection_receipt.html", "ppid:objection_track")


@never_cache
@require_http_methods(["GET", "POST"])
def objection_track(request):
    return _track(request, Objection.objects.select_related("request"), "ppid/objection_track.html")


@require_GET
def statistics(request):
    form = YearForm(request.GET)
    year = (form.cleaned_data.get("tahun") if form.is_valid() else None) or (
        timezone.localdate().year
    )
    years = reports.report_years(including=year)
    figures = reports.yearly_figures(year)
    context = {
        "year": year,
        "years": years,
        "figures": figures,
        "table": reports.figures_table(figures),
    }
    return render(request, "ppid/statistics.html", context)


def _submission_form(request, *, form_class, scope, template, submit, receipt, checks_code=False):
    """A public form: each client IP gets PPID_SUBMISSIONS_PER_HOUR submissions per hour.

    The slot is taken before any work, in one atomic step (core.throttle), so clients posting at
    the same moment cannot all find room left. Accepted and spam-caught posts keep their slot; a
    form the citizen has to correct, or a double submit landing on its first receipt, gives it
    back. A form that checks a tracking code also counts against the code-check throttle.
    """
    if request.method != "POST":
        return render(request, template, {"form": form_class()})
    if throttle.hit(request, scope) > settings.PPID_SUBMISSIONS_PER_HOUR:
        return render(request, "ppid/rate_limited.html", status=429)
    form = form_class(request.POST, request.FILES)
    if checks_code and not _code_check_allowed(request):
        throttle.give_back(request, scope)
        return render(request, template, {"form": form_class(), "limited": True}, status=429)
    valid = form.is_valid()
    if checks_code and not form.has_error(NON_FIELD_ERRORS, "unknown_request"):
        throttle.give_back(request, CODE_CHECK_SCOPE)
    if valid:
        try:
            submission = submit(form)
        except services.DuplicateSubmission:
            throttle.give_back(request, scope)
            return redirect(receipt)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[RECEIPT_SESSION_KEY] = {
                "model": submission.record._meta.label_lower,
                "pk": submission.record.pk,
                "code": submission.tracking_code,
            }
            return redirect(receipt)
    if not form.has_error(NON_FIELD_ERRORS, "spam"):
        throttle.give_back(request, scope)
    return render(request, template, {"form": form})


def _code_check_allowed(request) -> bool:
    """Count one tracking-code check before it is made; a right code is given back after."""
    return throttle.hit(request, CODE_CHECK_SCOPE) <= TRACKING_FAILURES_PER_HOUR


def _receipt(request, model, template, track_url):
    """The receipt with the tracking code, shown once right after submitting."""
    receipt = request.session.pop(RECEIPT_SESSION_KEY, None)
    if not receipt or receipt.get("model") != model._meta.label_lower:
        return redirect(track_url)
    record = model.objects.filter(pk=receipt["pk"]).first()
    if record is None:
        return redirect(track_url)
    return render(request, template, {"record": record, "tracking_code": receipt["code"]})


def _track(request, queryset, template):
    """Status by number and tracking code; a wrong code looks exactly like an unknown number."""
    form = TrackingForm(request.POST or None)
    context = {"form": form, "record": None, "not_found": False, "limited": False}
    if request.method == "POST" and form.is_valid():
        if not _code_check_allowed(request):
            context["limited"] = True
            return render(request, template, context, status=429)
        record = queryset.filter(number=form.cleaned_data["number"]).first()
        if record is not None and record.check_tracking_code(form.cleaned_data["code"]):
            throttle.give_back(request, CODE_CHECK_SCOPE)
            context["record"] = record
            context["today"] = timezone.localdate()
        else:
            context["not_found"] = True
    return render(request, template, context)


def _csv_cell(value) -> str:
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _dip_csv(request, entries):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"dip-{request.tenant.slug}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # lets spreadsheet programs detect UTF-8
    writer = csv.writer(response)
    writer.writerow(DIP_CSV_HEADER)
    for entry in entries:
        document_url = ""
        if not entry.is_excluded and (entry.file or entry.link):
            document_url = request.build_absolute_uri(entry.download_url())
        writer.writerow(
            _csv_cell(value)
            for value in (
                entry.number,
                entry.title,
                entry.summary,
                entry.holder,
                entry.responsible_person,
                entry.produced_when,
                entry.produced_where,
                entry.get_available_format_display(),
                entry.retention_period,
                entry.year,
                entry.get_category_display(),
                document_url,
                entry.exclusion_legal_basis,
                entry.exclusion_consequence,
                entry.exclusion_tested_on or "",
            )
        )
    return response
