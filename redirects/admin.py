from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from redirects import services
from redirects.forms import CsvImportForm
from redirects.models import Redirect


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ("old_path", "target", "source", "hits", "last_hit_at", "updated_at")
    list_filter = ("source",)
    search_fields = ("old_path", "target")
    readonly_fields = ("source", "hits", "last_hit_at", "created_at", "updated_at")

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("old_path", "target")
        return ("old_path", "target", *self.readonly_fields)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("impor/", view(self.import_view), name="redirects_redirect_import"),
            path("ekspor/", view(self.export_view), name="redirects_redirect_export"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "may_import": self.may_import(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def may_import(self, request) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def export_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"pengalihan-{request.tenant.slug}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        services.write_csv(response, Redirect.objects.order_by("old_path").iterator())
        return response

    def import_view(self, request):
        if not self.may_import(request):
            raise PermissionDenied
        form = CsvImportForm(request.POST or None, request.FILES or None)
        problems = []
        if request.method == "POST" and form.is_valid():
            try:
                result = services.import_csv(data=form.cleaned_data["file"].read())
            except services.CsvImportError as error:
                problems = error.problems
            else:
                self.message_user(
                    request,
                    _(
                        "Impor selesai: %(created)d pengalihan baru, %(updated)d diperbarui, "
                        "%(unchanged)d tidak berubah."
                    )
                    % {
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                    },
                    messages.SUCCESS,
                )
                return redirect("admin:redirects_redirect_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Impor pengalihan dari CSV"),
            "form": form,
            "problems": problems[: services.MAX_LISTED_PROBLEMS],
            "problem_count": len(problems),
            "more_problems": max(0, len(problems) - services.MAX_LISTED_PROBLEMS),
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/redirects/redirect/import.html", context)
