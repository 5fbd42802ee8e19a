"""The home page's to-do on the OPD admin's first screen: each section the operator shows (and
the headline chosen) that has nothing to show yet, linked to where it is filled."""

from core.registry import DashboardItem
from homepage.layout import shown_sections
from homepage.sections import home_of


def dashboard_items(request) -> list[DashboardItem]:
    items = []
    for section in shown_sections(home_of(request)):
        if not section.todo_label or not request.user.has_perm(section.permission):
            continue
        if not section.context(request):
            # One thing to do: fill the section.
            items.append(DashboardItem(label=section.todo_label, url=str(section.admin_url),
                                       count=1))  # fmt: skip
    return items
