"""The PPID's lines on the OPD admin's first screen: what the PPID desk must do today."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.registry import DashboardItem
from ppid import notifications
from ppid.models import InformationRequest, Objection

# The changelist filter (ppid.admin.DeadlineFilter) these counts link to.
DEADLINE_PARAMETER = "tenggat"
OVERDUE = "lewat"
NEAR = "dekat"


def changelist_url(model, **filters) -> str:
    url = reverse(f"admin:ppid_{model._meta.model_name}_changelist")
    return f"{url}?{urlencode(filters)}"


def dashboard_items(request) -> list[DashboardItem]:
    """New, overdue and nearly due requests and new objections, each a link to the filtered
    list; nothing for a user who may not handle requests, and no line for a count of zero."""
    user = request.user
    items = []
    today = timezone.localdate()
    if user.has_perm("ppid.change_informationrequest"):
        counts = InformationRequest.objects.aggregate(
            new=Count("pk", filter=Q(status=InformationRequest.Status.RECEIVED)),
            overdue=Count(
                "pk", filter=Q(status__in=InformationRequest.OPEN_STATUSES, due_date__lt=today)
            ),
            near=Count(
                "pk",
                filter=Q(
                    status__in=InformationRequest.OPEN_STATUSES,
                    due_date__gte=today,
                    due_date__lte=notifications.reminder_limit(today),
                ),
            ),
        )
        items += [
            DashboardItem(
                label=_("%(count)d permohonan baru") % {"count": counts["new"]},
                url=changelist_url(
                    InformationRequest, status__exact=InformationRequest.Status.RECEIVED
                ),
                count=counts["new"],
            ),
            DashboardItem(
                label=_("%(count)d permohonan lewat tenggat") % {"count": counts["overdue"]},
                url=changelist_url(InformationRequest, **{DEADLINE_PARAMETER: OVERDUE}),
                count=counts["overdue"],
                urgent=True,
            ),
            DashboardItem(
                label=_("%(count)d mendekati tenggat (≤ 3 hari kerja)") % {"count": counts["near"]},
                url=changelist_url(InformationRequest, **{DEADLINE_PARAMETER: NEAR}),
                count=counts["near"],
                urgent=True,
            ),
        ]
    if user.has_perm("ppid.change_objection"):
        new_objections = Objection.objects.filter(status=Objection.Status.RECEIVED).count()
        items.append(
            DashboardItem(
                label=_("%(count)d keberatan baru") % {"count": new_objections},
                url=changelist_url(Objection, status__exact=Objection.Status.RECEIVED),
                count=new_objections,
            )
        )
    return [item for item in items if item.count]
