"""What the console's checklist counts of the OPD's home page: the real Sambutan Kepala."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.registry import ChecklistItem
from homepage.models import HomePage

ITEMS = (
    ChecklistItem(
        "sambutan",
        _("Sambutan Kepala terisi"),
        55,
        admin_url=reverse_lazy("admin:homepage_welcome_changelist"),
        permission="homepage.change_homepage",
    ),
)


def facts() -> dict[str, bool]:
    """The Sambutan counts once it has the head's name and a text (as /sambutan/ shows it)."""
    return {"sambutan": HomePage.current().has_welcome}
