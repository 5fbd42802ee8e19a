"""Console pages that are not a model's change list: the activity dashboard and its CSV."""

import csv
from collections import Counter
from datetime import UTC, datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from backups.models import RestoreDrill
from console.activity import checklist_labels, month_starts, opd_activity
from console.models import ActivityLevel, ActivitySettings
from console.reminders import plan_reminder_for
from console.tasks import send_activity_reminder
from tenants.models import Opd, site_kind_choices

NEVER = datetime.min.replace(tzinfo=UTC)
SORT_KEYS = {
    "nama": lambda row: row.opd.name.lower(),
    "status": lambda row: ActivityLevel.values.index(row.status),
    "terbit": lambda row: row.last_published_at or NEVER,
    "30": lambda row: row.articles_30,
    "90": lambda row: row.articles_90,
    "login": lambda row: row.opd.last_operator_login or NEVER,
    "ppid": lambda row: (row.overdue_requests, row.open_requests),
    "skor": lambda row: row.score,
    "skm": lambda row: -1 if row.skm_ikm is None else row.skm_ikm,
}
CHART_BAR_WIDTH = 8
CHART_HEIGHT = 24


def activity_dashboard(request, admin_site):
    all_rows = opd_activity()
    counts = Counter(row.status for row in all_rows)
    status = request.GET.get("status", "")
    kind = request.GET.get("jenis", "")
    rows = [
        row
        for row in all_rows
        if (status not in ActivityLevel.values or row.status == status)
        and (kind not in Opd.Kind.values or row.opd.kind == kind)
    ]
    order = request.GET.get("urut", "status")
    descending = order.startswith("-")
    sort_key = SORT_KEYS.get(order.lstrip("-"), SORT_KEYS["status"])
    rows.sort(key=sort_key, reverse=descending)

    if request.GET.get("format") == "csv":
        return activity_csv(rows)

    context = {
        **admin_site.each_context(request),
        "title": _("Keaktifan situs OPD"),
        "rows": rows,
        "summary": [(level.value, level.label, counts[level.value]) for level in ActivityLevel],
        "statuses": ActivityLevel.choices,
        "kinds": site_kind_choices(),
        "selected_status": status,
        "selected_kind": kind,
        "order": order,
        "thresholds": ActivitySettings.current(),
        "months": month_starts(timezone.now(), 12),
        "chart": {"bar": CHART_BAR_WIDTH, "height": CHART_HEIGHT, "width": CHART_BAR_WIDTH * 12},
        "max_monthly": max((max(row.monthly) for row in rows), default=0) or 1,
    }
    drills = RestoreDrill.objects.latest_per_opd()
    for row in rows:
        row.bars = chart_bars(row.monthly, context["max_monthly"])
        row.last_drill = drills.get(row.opd.pk)
        row.admin_url = row.opd.site_url("/admin/")
    return TemplateResponse(request, "admin/console/activity_dashboard.html", context)


@require_POST
def send_reminder_now(request, admin_site, opd_id):
    """Queue one OPD's reminder for the worker (the same service as the daily job), then go back
    to the dashboard as it was (filter and order kept)."""
    if not request.user.has_perm("tenants.change_opd"):
        raise PermissionDenied
    opd = get_object_or_404(Opd.objects.sites(), pk=opd_id)
    if plan_reminder_for(opd_id=opd.pk) is None:
        messages.warning(
            request,
            _(
                "%(opd)s tidak dapat diingatkan: situsnya nonaktif atau tidak ada Admin OPD "
                "aktif dengan alamat e-mail."
            )
            % {"opd": opd.name},
        )
    else:
        send_activity_reminder.defer(opd_id=opd.pk)
        messages.success(
            request,
            _("Pengingat untuk %(opd)s dikirim ke admin OPD (lihat Pengingat keaktifan).")
            % {"opd": opd.name},
        )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse(f"{admin_site.name}:activity_dashboard")
    return redirect(back)


def chart_bars(monthly: list[int], maximum: int) -> list[dict]:
    """Geometry of a small server-rendered SVG bar chart (one bar per month)."""
    bars = []
    for index, count in enumerate(monthly):
        height = round(CHART_HEIGHT * count / maximum) if count else 0
        bars.append(
            {
                "x": index * CHART_BAR_WIDTH,
                "y": CHART_HEIGHT - height,
                "width": CHART_BAR_WIDTH - 2,
                "height": height,
                "count": count,
            }
        )
    return bars


def activity_csv(rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="keaktifan-opd-{stamp}.csv"'
    response.write("\ufeff")  # lets spreadsheet programs detect UTF-8
    writer = csv.writer(response)
    labels = checklist_labels()
    writer.writerow(
        [
            _("OPD"),
            _("Subdomain"),
            _("Jenis"),
            _("Status"),
            _("Terbit terakhir"),
            _("Berita 30 hari"),
            _("Berita 90 hari"),
            _("Operator masuk terakhir"),
            _("Permohonan PPID terbuka"),
            _("Permohonan PPID lewat tenggat"),
            _("IKM SKM semester ini"),
            _("Skor kelengkapan (%)"),
            _("Belum lengkap"),
        ]
    )
    for row in rows:
        writer.writerow(
            [
                row.opd.name,
                row.opd.slug,
                row.opd.get_kind_display(),
                row.status_label,
                _local(row.last_published_at),
                row.articles_30,
                row.articles_90,
                _local(row.opd.last_operator_login),
                row.open_requests,
                row.overdue_requests,
                "" if row.skm_ikm is None else row.skm_ikm,
                row.score,
                "; ".join(str(labels[key]) for key in row.missing),
            ]
        )
    return response


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""
