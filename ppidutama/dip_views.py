"""The pemda's Daftar Informasi Publik on the main domain (`/ppid/informasi/`) and its CSV.

Reads ppidutama.DipEntry only (public schema): a fixed number of queries whatever the number of
OPDs or entries. Each entry links to the OPD's own DIP and to its document on the OPD's host.
"""

import csv

from django import forms
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from core import pagecache
from core.pagecache import cache_anonymous_page
from mainsite.views import per_content_version
from ppidutama.models import DipEntry
from tenants.models import Opd

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 100
CSV_FILENAME = "dip-pemda.csv"
CSV_HEADER = (
    _("OPD"),
    _("Nomor"),
    _("Judul"),
    _("Ringkasan isi informasi"),
    _("Pejabat/unit yang menguasai informasi"),
    _("Penanggung jawab pembuatan informasi"),
    _("Waktu pembuatan"),
    _("Tempat pembuatan"),
    _("Bentuk informasi"),
    _("Jangka waktu penyimpanan"),
    _("Tahun"),
    _("Kategori"),
    _("Dokumen"),
    _("Dasar hukum pengecualian"),
    _("Konsekuensi bila dibuka"),
    _("Tanggal uji konsekuensi"),
    _("Alamat di DIP OPD"),
)


def dip_opds() -> list[tuple[str, str]]:
    """(slug, name) of the active OPDs that have entries in the pemda's DIP (one query)."""
    has_entries = Exists(DipEntry.objects.filter(opd=OuterRef("pk")))
    opds = Opd.objects.sites().filter(has_entries, is_active=True).order_by("name")
    return list(opds.values_list("slug", "name"))


def dip_years() -> list[int]:
    years = DipEntry.objects.visible().order_by("-year").values_list("year", flat=True)
    return list(years.distinct())


class PemdaDipFilterForm(forms.Form):
    """The filters of the pemda's DIP. An unknown value is left out (with a notice), never an
    error page: `cleaned_data` keeps the valid filters only."""

    opd = forms.ChoiceField(label=_("OPD"), required=False)
    kategori = forms.ChoiceField(
        label=_("Kategori"),
        required=False,
        choices=[("", _("Semua kategori")), *DipEntry.Category.choices],
    )
    tahun = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int, empty_value=None)
    q = forms.CharField(
        label=_("Cari"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, opds=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].choices = [("", _("Semua OPD")), *opds]
        self.fields["tahun"].choices = [("", _("Semua tahun")), *((y, y) for y in years)]

    def filter(self, entries):
        if not self.is_bound:
            return entries
        self.is_valid()
        data = self.cleaned_data
        if data.get("opd"):
            entries = entries.filter(opd__slug=data["opd"])
        if data.get("kategori"):
            entries = entries.filter(category=data["kategori"])
        if data.get("tahun"):
            entries = entries.filter(year=data["tahun"])
        if query := " ".join(data.get("q", "").split()):
            entries = entries.filter(
                Q(title__icontains=query)
                | Q(summary__icontains=query)
                | Q(holder__icontains=query)
                | Q(number__iexact=query)
            )
        return entries

    def ignored_labels(self) -> list[str]:
        """The labels of the filters whose values were not understood (and are not applied)."""
        return [str(self.fields[name].label) for name in self.errors]


def _entries():
    columns = [field.name for field in DipEntry._meta.concrete_fields]
    return (
        DipEntry.objects.visible()
        .select_related("opd")
        .only(*columns, "opd__name", "opd__short_name", "opd__slug")
        .in_category_order()
    )


@require_GET
@cache_anonymous_page
def dip(request, as_csv=False):
    """The Daftar Informasi Publik of every OPD, filtered by OPD, category, year and text."""
    # The filter's choices scan the whole table: read once per content version of the portal
    # (renewed whenever an entry or an OPD changes), not for every combination of filters.
    version = pagecache.content_version()
    opds = per_content_version("pemda-dip-opds", dip_opds, version)
    years = per_content_version("pemda-dip-years", dip_years, version)
    form = PemdaDipFilterForm(request.GET or None, opds=opds, years=years)
    entries = form.filter(_entries())
    if as_csv or request.GET.get("format") == "csv":
        return _dip_csv(entries)
    page_obj = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page_obj,
        "ignored_filters": form.ignored_labels() if form.is_bound else [],
        "filters": request.GET.copy(),
    }
    return render(request, "ppidutama/dip.html", context)


def _csv_cell(value) -> str:
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _dip_csv(entries) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{CSV_FILENAME}"'
    response.write("\ufeff")  # lets spreadsheet programs detect UTF-8
    writer = csv.writer(response)
    writer.writerow(str(label) for label in CSV_HEADER)
    for entry in entries.iterator(chunk_size=500):
        writer.writerow(
            _csv_cell(value)
            for value in (
                entry.opd.name,
                entry.number,
                entry.title,
                entry.summary,
                entry.holder,
                entry.responsible_person,
                entry.produced_when,
                entry.produced_where,
                entry.available_format,
                entry.retention_period,
                entry.year,
                entry.get_category_display(),
                entry.document_url,
                entry.exclusion_legal_basis,
                entry.exclusion_consequence,
                entry.exclusion_tested_on or "",
                entry.url,
            )
        )
    return response
