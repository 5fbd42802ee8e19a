"""PPID Utama's pages on the Kominfo console: every OPD's open requests and the Pasal 56 annual
report. Both read the records only (ppidutama.models.records), never an OPD schema."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from pemda.services import current_pemda
from ppidutama import dashboard, docx, reports, services
from ppidutama.forms import NarrativeForm
from tenants.models import Opd

VIEW_PERMISSION = "ppidutama.view_requestrecord"
NARRATIVE_PERMISSION = "ppidutama.change_annualreportnarrative"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def may_view(user) -> bool:
    """PPID Utama and the Atasan PPID (their roles hold the permission) and superusers."""
    return user.has_perm(VIEW_PERMISSION)


def _require_view(request) -> None:
    if not may_view(request.user):
        raise PermissionDenied


def _selected_opd(value, opds) -> Opd | None:
    """The OPD of `?opd=<id>` among `opds`; None (every OPD) for anything else."""
    return next((opd for opd in opds if str(opd.pk) == str(value).strip()), None)


def open_requests_dashboard(request, admin_site):
    _require_view(request)
    opds = list(dashboard.active_opds())
    selected = _selected_opd(request.GET.get("opd", ""), opds)
    requests = dashboard.open_requests(opd=selected)
    context = {
        **admin_site.each_context(request),
        "title": _("Permohonan informasi yang berjalan di semua OPD"),
        "requests": requests,
        "opds": opds,
        "selected_opd": selected,
        "due_soon_days": dashboard.DUE_SOON_WORKING_DAYS,
    }
    return TemplateResponse(request, "admin/ppidutama/open_requests.html", context)


def annual_report_view(request, admin_site):
    """The pemda's report, or one OPD's with `?opd=<id>`; `?format=docx` downloads it; a POST
    stores its narrative parts (holders of NARRATIVE_PERMISSION)."""
    _require_view(request)
    year = reports.parse_report_year(request.GET.get("tahun", ""))
    opds = list(Opd.objects.sites().order_by("name"))
    selected = _selected_opd(request.GET.get("opd", ""), opds)
    may_edit = request.user.has_perm(NARRATIVE_PERMISSION)
    form = None
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        form = NarrativeForm(request.POST)
        if form.is_valid():
            services.save_narrative(
                opd=selected, year=year, texts=form.cleaned_data, by=request.user
            )
            messages.success(request, _("Uraian laporan tersimpan."))
            query = {"tahun": year, **({"opd": selected.pk} if selected else {})}
            return redirect(f"{request.path}?{urlencode(query)}")
    report = reports.annual_report(year, opd=selected)
    if request.GET.get("format") == "docx":
        return docx_response(report)
    if may_edit and form is None:
        form = NarrativeForm(initial=report.narratives)
    context = {
        **admin_site.each_context(request),
        "title": _("Laporan layanan informasi publik"),
        "report": report,
        "pemda_name": pemda_name(),
        "years": reports.report_years(opd=selected, including=year),
        "opds": opds,
        "selected_opd": selected,
        "figures_heading": reports.FIGURES_HEADING,
        "disputes_heading": reports.DISPUTES_HEADING,
        "to_be_filled": reports.TO_BE_FILLED,
        "opd_header": reports.opd_table_header(),
        "opd_rows": [reports.opd_table_row(item) for item in report.per_opd],
        "narrative_form": form,
    }
    return TemplateResponse(request, "admin/ppidutama/annual_report.html", context)


def pemda_name() -> str:
    return current_pemda()["name"] or _("Pemerintah Daerah")


def docx_response(report: reports.AnnualReport) -> HttpResponse:
    """The report as a Word file; also what an OPD downloads from its own admin."""
    content = docx.annual_report_docx(report, pemda_name())
    response = HttpResponse(content, content_type=DOCX_TYPE)
    who = "pemda" if report.opd is None else report.opd.slug
    response["Content-Disposition"] = (
        f'attachment; filename="laporan-layanan-informasi-{who}-{report.year}.docx"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
