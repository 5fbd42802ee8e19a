"""The console's activity settings, the reminders sent and the background jobs."""

from django.contrib import admin
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
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
# What happened last to a job (procrastinate's event types).
JOB_EVENT_LABELS = {
    "deferred": _("Dimasukkan ke antrean"),
    "started": _("Mulai berjalan"),
    "deferred_for_retry": _("Diantrekan untuk dicoba lagi"),
    "failed": _("Gagal"),
    "succeeded": _("Berhasil"),
    "cancelled": _("Dibatalkan"),
    "abort_requested": _("Diminta berhenti"),
    "aborted": _("Dihentikan"),
    "scheduled": _("Dijadwalkan"),
    "retried": _("Dijalankan ulang"),
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

    title = _("keadaan")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return list(JOB_STATUS_LABELS.items())

    def queryset(self, request, queryset):
        if self.value() in JOB_STATUS_LABELS:
            return queryset.filter(status=self.value())
        return queryset


class TaskFilter(admin.SimpleListFilter):
    """The task filter, with an Indonesian title; only task names that are in the queue."""

    title = _("tugas")
    parameter_name = "tugas"

    def lookups(self, request, model_admin):
        names = model_admin.get_queryset(request).values_list("task_name", flat=True)
        return [(name, name.rsplit(".", 1)[-1]) for name in sorted(set(names))]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(task_name=self.value())
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

    list_display = ("number", "short_task_name", "pretty_args", "pretty_status", "tries", "summary")
    list_filter = (JobStatusFilter, TaskFilter)
    actions = ["retry", "cancel", "abort"]
    # procrastinate's own form shows its technical columns (locks, priority, queue) and its
    # event inline, all with English labels: a job reads as its list row does, plus when.
    fields = ("number", "short_task_name", "pretty_args", "pretty_status", "tries", "summary")
    readonly_fields = fields
    inlines = ()

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields

    @admin.display(description=_("Nomor"), ordering="pk")
    def number(self, instance):
        return instance.pk

    @admin.display(description=_("Percobaan"), ordering="attempts")
    def tries(self, instance):
        return instance.attempts

    @admin.display(description=_("Keadaan"))
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
        last_event = instance.procrastinateevent_set.first()
        if last_event is None:
            return ""
        context = {
            "last_event": last_event,
            "event_label": JOB_EVENT_LABELS.get(last_event.type, last_event.type),
            "job": instance,
            "now": timezone.now(),
        }
        return mark_safe(render_to_string("procrastinate/admin/summary.html", context).strip())

    @admin.action(description=_("Jalankan ulang tugas terpilih (gagal atau macet)"))
    def retry(self, request, queryset):
        ProcrastinateJobAdmin.retry(self, request, queryset)

    @admin.action(description=_("Batalkan tugas terpilih yang belum berjalan"))
    def cancel(self, request, queryset):
        ProcrastinateJobAdmin.cancel(self, request, queryset)

    @admin.action(description=_("Hentikan tugas terpilih (belum atau sedang berjalan)"))
    def abort(self, request, queryset):
        ProcrastinateJobAdmin.abort(self, request, queryset)
