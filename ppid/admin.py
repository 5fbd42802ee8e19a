import csv

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, re_path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import StoredUploadsAdminMixin
from ppid import dashboard, notifications, reports, services
from ppid.forms import (
    AnswerObjectionForm,
    ExtendForm,
    HandOverForm,
    ProcessForm,
    PublicInformationAdminForm,
    RespondForm,
    YearForm,
)
from ppid.models import InformationRequest, Objection, PublicInformation
from ppidutama import reports as pemda_reports
from ppidutama.report_pages import docx_response
from publishing.admin import PublishingAdminMixin


class StaleFilter(admin.SimpleListFilter):
    title = _("pembaruan")
    parameter_name = "usang"

    def lookups(self, request, model_admin):
        return (("ya", _("Informasi Berkala > 6 bulan belum diperbarui")),)

    def queryset(self, request, queryset):
        if self.value() == "ya":
            return queryset.stale()
        return queryset


class DeadlineFilter(admin.SimpleListFilter):
    """Open requests past their deadline, or at most three working days from it (the
    dashboard's counts link here)."""

    title = _("tenggat")
    parameter_name = dashboard.DEADLINE_PARAMETER

    def lookups(self, request, model_admin):
        return (
            (dashboard.OVERDUE, _("Lewat tenggat")),
            (dashboard.NEAR, _("Mendekati tenggat (≤ 3 hari kerja)")),
        )

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == dashboard.OVERDUE:
            return queryset.open().filter(due_date__lt=today)
        if self.value() == dashboard.NEAR:
            return queryset.open().filter(
                due_date__gte=today, due_date__lte=notifications.reminder_limit(today)
            )
        return queryset


class PpidListMixin:
    """The PPID lists' own styles (static/css/ppid_admin.css): their columns fit at 1280 px."""

    class Media:
        css = {"all": ("css/ppid_admin.css",)}


class ClosedIsReadOnlyMixin:
    """A decided request or an answered objection is a record: shown read-only, with no save
    button, and a POST to its change form is refused. Open ones are not edited here either
    (their steps have their own forms), so they show no save button."""

    def has_change_permission(self, request, obj=None):
        if obj is not None and not obj.is_open:
            return False
        return super().has_change_permission(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(
            show_save=False, show_save_and_continue=False, show_save_and_add_another=False
        )
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(PublicInformation)
class PublicInformationAdmin(StoredUploadsAdminMixin, PublishingAdminMixin, admin.ModelAdmin):
    form = PublicInformationAdminForm
    list_display = ("number", "title", "category", "year", "is_published", "stale", "updated_at")
    list_filter = ("category", "year", "is_published", StaleFilter)
    search_fields = ("number", "title", "summary")
    readonly_fields = ("original_filename", "updated_at")
    fieldsets = (
        (None, {"fields": ("number", "title", "year", "category", "is_published")}),
        (
            _("Tujuh unsur DIP"),
            {
                "fields": (
                    "summary",
                    "holder",
                    "responsible_person",
                    "produced_when",
                    "produced_where",
                    "available_format",
                    "retention_period",
                )
            },
        ),
        (_("Dokumen"), {"fields": ("file", "original_filename", "link")}),
        (
            _("Uji konsekuensi (hanya untuk Informasi Dikecualikan)"),
            {"fields": ("exclusion_legal_basis", "exclusion_consequence", "exclusion_tested_on")},
        ),
        (None, {"fields": ("updated_at",)}),
    )

    @admin.display(description=_("perlu diperbarui"), boolean=True)
    def stale(self, entry):
        return entry.is_stale()

    def changelist_view(self, request, extra_context=None):
        stale = PublicInformation.objects.stale().count()
        if stale and request.method == "GET":
            messages.warning(
                request,
                _(
                    "%(count)d Informasi Berkala belum diperbarui lebih dari 6 bulan; saring "
                    "dengan “pembaruan” untuk melihatnya."
                )
                % {"count": stale},
            )
        return super().changelist_view(request, extra_context)


@admin.register(InformationRequest)
class InformationRequestAdmin(PpidListMixin, ClosedIsReadOnlyMixin, admin.ModelAdmin):
    list_display = (
        "number",
        "applicant_name",
        "status",
        "received_at",
        "due_date",
        "days_left_display",
    )
    list_filter = ("status", DeadlineFilter, "year", "obtain_method", "delivery_method")
    search_fields = ("number", "applicant_name", "email")
    actions = ("mark_processing",)
    fieldsets = (
        (
            _("Pemohon"),
            {
                "fields": (
                    "number",
                    "applicant_name",
                    "identity_type",
                    "identity_number",
                    "address",
                    "phone",
                    "email",
                    "occupation",
                )
            },
        ),
        (
            _("Permohonan"),
            {
                "fields": (
                    "information_requested",
                    "purpose",
                    "obtain_method",
                    "delivery_method",
                )
            },
        ),
        (
            _("Jalannya waktu"),
            {
                "fields": (
                    "status",
                    "pemda_number",
                    "received_at",
                    "due_date",
                    "extension_days",
                    "extension_reason",
                    "decided_at",
                )
            },
        ),
        (
            _("Keputusan"),
            {"fields": ("notice", "refusal_ground", "refusal_basis")},
        ),
    )

    def get_fieldsets(self, request, obj=None):
        """Only what applies to this request: no extension rows without an extension, no
        decision before there is one, no refusal rows for a decision that refuses nothing."""
        hidden = set()
        if obj is not None:
            if not obj.pemda_number:
                hidden.add("pemda_number")
            if not obj.extension_days:
                hidden |= {"extension_days", "extension_reason"}
            if obj.is_open:
                hidden |= {"decided_at", "notice", "refusal_ground", "refusal_basis"}
            elif obj.status != InformationRequest.Status.REFUSED:
                hidden |= {"refusal_ground", "refusal_basis"}
        fieldsets = []
        for name, options in self.fieldsets:
            fields = [field for field in options["fields"] if field not in hidden]
            if fields:
                fieldsets.append((name, {**options, "fields": fields}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        # Citizens' data is never edited here and statuses only move through the services.
        return [field for fieldset in self.fieldsets for field in fieldset[1]["fields"]]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return InformationRequest.objects.annotate(
            is_closed=Case(
                When(status__in=InformationRequest.OPEN_STATUSES, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        ).order_by(*self.get_ordering(request))

    def get_ordering(self, request):
        # Open requests first, the most overdue at the top.
        return ("is_closed", "due_date", "received_at")

    @admin.display(description=_("sisa hari kerja"))
    def days_left_display(self, request_):
        days = request_.days_left()
        if days is None:
            return "–"
        if days < 0:
            return format_html(
                '<span class="ppid-overdue">{}</span>',
                _("terlambat %(days)d") % {"days": -days},
            )
        return days

    @admin.action(description=_("Tandai diproses"), permissions=["change"])
    def mark_processing(self, request, queryset):
        done = 0
        for information_request in queryset.filter(status=InformationRequest.Status.RECEIVED):
            services.start_processing(request=information_request, by=request.user)
            done += 1
        self.message_user(request, _("%(count)d permohonan ditandai diproses.") % {"count": done})

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "laporan-tahunan/",
                view(self.annual_report_view),
                name="ppid_informationrequest_annual_report",
            ),
            re_path(
                r"^(?P<pk>\d+)/(?P<step>proses|perpanjang|tanggapi|alihkan)/$",
                view(self.step_view),
                name="ppid_informationrequest_step",
            ),
            path(
                "<int:pk>/berkas/<str:which>/",
                view(self.file_view),
                name="ppid_informationrequest_file",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        information_request = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if information_request is not None:
            extra_context["events"] = information_request.events.select_related("by")
            extra_context["objections"] = information_request.objections.all()
        return super().change_view(request, object_id, form_url, extra_context)

    STEPS = {
        "proses": (ProcessForm, _("Proses permohonan")),
        "perpanjang": (ExtendForm, _("Perpanjang batas waktu")),
        "tanggapi": (RespondForm, _("Pemberitahuan tertulis (keputusan)")),
        "alihkan": (HandOverForm, _("Kembalikan atau alihkan permohonan")),
    }

    def step_view(self, request, pk, step):
        if step not in self.STEPS:
            raise Http404
        information_request = get_object_or_404(InformationRequest, pk=pk)
        if not information_request.is_open and self.has_view_permission(request):
            # A step opened in another tab, or an old link: nothing more to do on a record.
            self.message_user(request, _("Permohonan ini sudah diputuskan."), messages.WARNING)
            return redirect("admin:ppid_informationrequest_change", information_request.pk)
        if not self.has_change_permission(request, information_request):
            raise PermissionDenied
        form_class, title = self.STEPS[step]
        form = form_class(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                self._run_step(request, information_request, step, form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(request, _("Permohonan diperbarui."), messages.SUCCESS)
                return redirect("admin:ppid_informationrequest_change", information_request.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{title}: {information_request.number}",
            "form": form,
            "original": information_request,
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/ppid/step_form.html", context)

    def _run_step(self, request, information_request, step, data):
        if step == "proses":
            services.start_processing(
                request=information_request, by=request.user, note=data["note"]
            )
        elif step == "perpanjang":
            services.extend_request(
                opd=request.tenant,
                request=information_request,
                by=request.user,
                days=data["days"],
                reason=data["reason"],
            )
        elif step == "alihkan":
            services.hand_over(
                request=information_request,
                by=request.user,
                reason=data["reason"],
                to_opd=data["to"],
            )
        else:
            services.respond_to_request(
                opd=request.tenant,
                request=information_request,
                by=request.user,
                decision=data["decision"],
                notice=data["notice"],
                refusal_ground=data["refusal_ground"],
                refusal_basis=data["refusal_basis"],
                attachment=data["attachment"],
            )

    def file_view(self, request, pk, which):
        """The requester's ID scan or the notice attachment, from private storage."""
        information_request = get_object_or_404(InformationRequest, pk=pk)
        if not self.has_view_permission(request, information_request):
            raise PermissionDenied
        files = {
            "identitas": information_request.id_scan,
            "lampiran": information_request.notice_attachment,
        }
        field_file = files.get(which)
        if not field_file:
            raise Http404
        try:
            file = field_file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(
            file,
            as_attachment=True,
            filename=f"{which}-{information_request.sequence}-{field_file.name.rsplit('/', 1)[-1]}",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response

    def annual_report_view(self, request):
        """Laporan tahunan layanan informasi publik (Perki 1/2021 Pasal 56), due 31 March."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = YearForm(request.GET)
        year = form.cleaned_data.get("tahun") if form.is_valid() else None
        year = year or reports.default_report_year()
        figures = reports.yearly_figures(year)
        table = reports.figures_table(figures)
        if request.GET.get("format") == "csv":
            return _report_csv(request, year, figures, table)
        if request.GET.get("format") == "docx":
            # The same report as PPID Utama's for this OPD, from the records the register writes.
            report = pemda_reports.annual_report(year, opd=request.tenant)
            return docx_response(report)
        context = {
            "year": year,
            "figures": figures,
            "table": table,
            "years": reports.report_years(including=year),
            "admin_url": reverse("admin:ppid_informationrequest_changelist"),
        }
        return TemplateResponse(request, "ppid/annual_report.html", context)


def _report_csv(request, year, figures, table):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="laporan-ppid-{request.tenant.slug}-{year}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(_("Laporan layanan informasi publik")), request.tenant.name, year])
    writer.writerow([str(_("Uraian")), *(f.label for f in figures)])
    writer.writerows(table)
    return response


@admin.register(Objection)
class ObjectionAdmin(PpidListMixin, ClosedIsReadOnlyMixin, admin.ModelAdmin):
    list_display = ("number", "request", "ground", "filed_at", "due_date", "status", "days_left")
    list_filter = ("status", "ground", "year")
    list_select_related = ("request",)
    search_fields = ("number", "request__number", "request__applicant_name")
    fields = (
        "number",
        "request",
        "ground",
        "reason",
        "filed_at",
        "due_date",
        "status",
        "outcome",
        "response",
        "answered_at",
        "answered_by",
    )
    readonly_fields = fields
    ANSWER_FIELDS = ("outcome", "response", "answered_at", "answered_by")

    def get_fields(self, request, obj=None):
        # No empty answer rows while the objection waits for its answer.
        if obj is not None and obj.is_open:
            return [field for field in self.fields if field not in self.ANSWER_FIELDS]
        return self.fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_ordering(self, request):
        return ("-status", "due_date")

    @admin.display(description=_("sisa hari kerja"))
    def days_left(self, objection):
        days = objection.days_left()
        return "–" if days is None else days

    def get_urls(self):
        return [
            path(
                "<int:pk>/tanggapi/",
                self.admin_site.admin_view(self.answer_view),
                name="ppid_objection_answer",
            ),
            *super().get_urls(),
        ]

    def answer_view(self, request, pk):
        objection = get_object_or_404(Objection.objects.select_related("request"), pk=pk)
        if not objection.is_open and self.has_view_permission(request):
            self.message_user(request, _("Keberatan ini sudah ditanggapi."), messages.WARNING)
            return redirect("admin:ppid_objection_change", objection.pk)
        if not self.has_change_permission(request, objection):
            raise PermissionDenied
        form = AnswerObjectionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.answer_objection(
                    opd=request.tenant,
                    objection=objection,
                    by=request.user,
                    outcome=form.cleaned_data["outcome"],
                    response=form.cleaned_data["response"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(request, _("Tanggapan keberatan tersimpan."), messages.SUCCESS)
                return redirect("admin:ppid_objection_change", objection.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Tanggapan atasan PPID: %(number)s") % {"number": objection.number},
            "form": form,
            "original": objection,
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/ppid/step_form.html", context)
