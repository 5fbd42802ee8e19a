"""The console's activity settings, the reminders sent and the background jobs."""

from django.contrib import admin
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from procrastinate.contrib.django.admin import ProcrastinateJobAdmin
from procrastinate.contrib.django.models import ProcrastinateJob

from console.models import ActivityReminder, ActivitySettings, BackgroundJob
from core.sites import console_site

JOB_STATUS_LABELS = {
    "todo": _("Menunggu"),
    "doing": _("Berjalan"),
    "succeeded": _("Berhasil"),
    "failed": _("Gagal"),
    "cancelled": _("Dibatalkan"),
    "aborted": _("Dihentikan"),
}


@admin.register(ActivitySettings, site=console_site)
class ActivitySettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not ActivitySettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        return redirect("console:console_activitysettings_change", ActivitySettings.current().pk)


@admin.register(ActivityReminder, site=console_site)
class ActivityReminderAdmin(admin.ModelAdmin):
    list_display = ("opd", "sent_at", "status", "recipients")
    list_filter = ("status", "opd__kind")
    list_select_related = ("opd",)
    search_fields = ("opd__name", "recipients")
    date_hierarchy = "sent_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class JobStatusFilter(admin.SimpleListFilter):
    """The status filter, in Indonesian. The column is a PostgreSQL enum, so a value outside it
    (a tampered link) is ignored instead of reaching the database as an error."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return list(JOB_STATUS_LABELS.items())

    def queryset(self, request, queryset):
        if self.value() in JOB_STATUS_LABELS:
            return queryset.filter(status=self.value())
        return queryset


# procrastinate registers its job admin on Django's default site, which here is the OPD admin.
# A public-schema model must never show there (ARCHITECTURE §3, "Two admin sites"): the jobs are
# listed on the console only, through the BackgroundJob proxy and its Indonesian labels.
if admin.site.is_registered(ProcrastinateJob):
    admin.site.unregister(ProcrastinateJob)


@admin.register(BackgroundJob, site=console_site)
class BackgroundJobAdmin(ProcrastinateJobAdmin):
    """Failed jobs stay here until someone retries them (after fixing the cause) or leaves
    them; a job's arguments are only identifiers (core.tasks), never personal data."""

    list_display = ("pk", "short_task_name", "pretty_args", "pretty_status", "attempts", "summary")
    list_filter = (JobStatusFilter, "queue_name", "task_name")
    actions = ["retry", "cancel", "abort"]

    @admin.display(description=_("Status"))
    def pretty_status(self, instance):
        return JOB_STATUS_LABELS.get(instance.status, instance.status)

    @admin.display(description=_("Tugas"))
    def short_task_name(self, instance):
        return super().short_task_name(instance)

    @admin.display(description=_("Argumen"))
    def pretty_args(self, instance):
        return super().pretty_args(instance)

    @admin.display(description=_("Ringkasan"))
    def summary(self, instance):
        return super().summary(instance)

    @admin.action(description=_("Jalankan ulang tugas terpilih (gagal atau macet)"))
    def retry(self, request, queryset):
        ProcrastinateJobAdmin.retry(self, request, queryset)

    @admin.action(description=_("Batalkan tugas terpilih yang belum berjalan"))
    def cancel(self, request, queryset):
        ProcrastinateJobAdmin.cancel(self, request, queryset)

    @admin.action(description=_("Hentikan tugas terpilih (belum atau sedang berjalan)"))
    def abort(self, request, queryset):
        ProcrastinateJobAdmin.abort(self, request, queryset)
