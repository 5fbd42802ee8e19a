"""The WordPress import from the Kominfo console, for any active OPD: the same runs as the OPD's
admin starts (wpimport.jobs), each kept in that OPD's schema. The console site wires these pages
(portal/admin_sites.py); the run's page is shared with the OPD's admin (wpimport/admin.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tenants.utils import tenant_context

from tenants.models import Opd
from wpimport import jobs
from wpimport.forms import ConsoleUploadForm
from wpimport.models import ImportRun
from wpimport.report import Report


def run_context(run: ImportRun, *, confirm_url: str, cancel_url: str, may_act: bool) -> dict:
    """What the run's page shows, in the OPD's admin and in the console alike."""
    return {
        "run": run,
        "report": Report.from_dict(run.report) if run.report else None,
        "may_act": may_act and run.status == ImportRun.Status.CHECKED,
        "confirm_url": confirm_url,
        "cancel_url": cancel_url,
    }


# Importing into an OPD is as much as changing its site.
CONSOLE_PERMISSION = "tenants.change_opd"


def _require_permission(request) -> None:
    if not request.user.has_perm(CONSOLE_PERMISSION):
        raise PermissionDenied


def console_upload(request, admin_site):
    _require_permission(request)
    initial = {"opd": request.GET.get("opd")} if request.GET.get("opd", "").isdigit() else {}
    form = ConsoleUploadForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        opd = data["opd"]
        try:
            with tenant_context(opd):
                run = jobs.receive_upload(
                    opd=opd,
                    export=data["export"],
                    uploads=data["uploads"],
                    fetch_from=data["fetch_from"],
                    time_zone=data["time_zone"],
                    started_by_name=_("%(user)s (Kominfo)") % {"user": request.user.get_username()},
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(f"{admin_site.name}:wpimport_run", opd_id=opd.pk, run_id=run.pk)
    context = {
        **admin_site.each_context(request),
        "title": _("Impor situs WordPress ke situs OPD"),
        "form": form,
    }
    return TemplateResponse(request, "admin/wpimport/console_upload.html", context)


def console_run(request, admin_site, opd_id, run_id):
    _require_permission(request)
    opd = get_object_or_404(Opd.objects.sites(), pk=opd_id)
    with tenant_context(opd):
        run = get_object_or_404(ImportRun, pk=run_id)
        context = {
            **admin_site.each_context(request),
            "title": _("Impor WordPress untuk %(opd)s") % {"opd": opd.name},
            "opd": opd,
            **run_context(
                run,
                confirm_url=reverse(
                    f"{admin_site.name}:wpimport_run_confirm", args=[opd.pk, run.pk]
                ),
                cancel_url=reverse(f"{admin_site.name}:wpimport_run_cancel", args=[opd.pk, run.pk]),
                may_act=True,
            ),
        }
        # Rendered here: the run's files and user belong to the OPD's schema.
        return TemplateResponse(request, "admin/wpimport/console_run.html", context).render()


@require_POST
def console_confirm(request, admin_site, opd_id, run_id):
    return _act(request, admin_site, opd_id, run_id, jobs.confirm, _("Impor dimulai."))


@require_POST
def console_cancel(request, admin_site, opd_id, run_id):
    return _act(request, admin_site, opd_id, run_id, jobs.cancel, _("Impor dibatalkan."))


def _act(request, admin_site, opd_id, run_id, action, done_message):
    _require_permission(request)
    opd = get_object_or_404(Opd.objects.sites(), pk=opd_id)
    with tenant_context(opd):
        run = act_on_run(request, run_id, action, done_message)
    return redirect(f"{admin_site.name}:wpimport_run", opd_id=opd.pk, run_id=run.pk)


def act_on_run(request, run_id, action, done_message) -> ImportRun:
    """Confirm or cancel a run of the current schema, saying how it went."""
    run = get_object_or_404(ImportRun, pk=run_id)
    try:
        action(run)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done_message)
    return run
