"""The SKM results page as a place the OPD's menu can point to (no default place in the menu)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.registry import MenuTarget


def survey_target() -> MenuTarget:
    return MenuTarget(
        key="skm:results",
        label=_("Survei Kepuasan Masyarakat"),
        url=reverse("skm:results"),
        group=_("Layanan"),
    )


def with_survey_target(menu_targets):
    """The services' menu targets, then the SKM's."""

    def targets() -> list[MenuTarget]:
        return [*menu_targets(), survey_target()]

    return targets
