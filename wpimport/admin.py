"""The WordPress import in the OPD's admin: upload an export, read the dry run's report, start
the import and follow it; every run stays listed with its report."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wpimport import jobs
from wpimport.forms import UploadForm
from wpimport.models import ImportRun
from wpimport.views import act_on_run, run_context


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ("started_at", "export_name", "status", "progress", "started_by_label")
    list_filter = ("status",)
    list_display_links = ("started_at", "export_name")

    def has_change_permission(self, request, obj=None):
        return False  # nothing of a run is edited

    def has_delete_permission(self, request, obj=None):
        return False

    def may_act(self, request) -> bool:
        """The "change" permission is the right to start or cancel a checked run."""
        return request.user.has_perm("wpimport.change_importrun")

    @admin.display(description=_("kemajuan"))
    def progress(self, run):
        if run.status in (ImportRun.Status.RUNNING, ImportRun.Status.DONE):
            return f"{run.processed}/{run.total}"
        return "—"

    @admin.display(description=_("dimulai oleh"))
    def started_by_label(self, run):
        return run.started_by or run.started_by_name or "—"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:run_id>/mulai/",
                view(require_POST(self.confirm_view)),
                name="wpimport_importrun_confirm",
            ),
            path(
                "<int:run_id>/batalkan/",
                view(require_POST(self.cancel_view)),
                name="wpimport_importrun_cancel",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                run = jobs.receive_upload(
                    opd=request.tenant,
                    export=data["export"],
                    uploads=data["uploads"],
                    fetch_from=data["fetch_from"],
                    time_zone=data["time_zone"],
                    started_by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("admin:wpimport_importrun_change", run.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Impor situs WordPress"),
            "opts": self.opts,
            "form": form,
            "changelist_url": reverse("admin:wpimport_importrun_changelist"),
        }
        return TemplateResponse(request, "admin/wpimport/importrun/upload.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        run = get_object_or_404(ImportRun, pk=object_id) if object_id.isdigit() else None
        if run is None:
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Impor %(name)s") % {"name": run.export_name or run.pk},
            "opts": self.opts,
            "changelist_url": reverse("admin:wpimport_importrun_changelist"),
            **run_context(
                run,
                confirm_url=reverse("admin:wpimport_importrun_confirm", args=[run.pk]),
                cancel_url=reverse("admin:wpimport_importrun_cancel", args=[run.pk]),
                may_act=self.may_act(request),
            ),
        }
        return TemplateResponse(request, "admin/wpimport/importrun/run.html", context)

    def confirm_view(self, request, run_id):
        return self._act(request, run_id, jobs.confirm, _("Impor dimulai."))

    def cancel_view(self, request, run_id):
        return self._act(request, run_id, jobs.cancel, _("Impor dibatalkan."))

    def _act(self, request, run_id, action, done_message):
        if not self.may_act(request):
            raise PermissionDenied
        run = act_on_run(request, run_id, action, done_message)
        return redirect("admin:wpimport_importrun_change", run.pk)
