from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.admin import ViewOnlyAdminMixin
from wpimport.models import ImportRun
from wpimport.report import Report


@admin.register(ImportRun)
class ImportRunAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    """The runs of manage.py import_wordpress and their reports: read only."""

    list_display = ("started_at", "status", "processed", "started_by", "finished_at")
    list_filter = ("status",)
    fields = ("started_at", "finished_at", "status", "processed", "started_by", "report_lines")
    readonly_fields = fields

    @admin.display(description=_("laporan"))
    def report_lines(self, obj):
        report = obj.report or {}
        shown = Report(
            dry_run=report.get("dry_run", obj.dry_run),
            problems=report.get("problems", []),
            held=report.get("held", []),
        )
        for name in ("created", "updated", "unchanged", "skipped"):
            getattr(shown, name).update(report.get(name, {}))
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((line,) for line in shown.lines()))
        )
