from dataclasses import dataclass, replace

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.pagecache import cache_anonymous_page
from core.registry import HomeSection
from homepage.layout import shown_sections
from homepage.sections import home_of


@dataclass(frozen=True)
class ShownSection:
    section: HomeSection
    data: dict
    # Beside its neighbour, half the width each, on a wide screen.
    half: bool = False

    @property
    def template(self) -> str:
        return self.section.template


@require_GET
@cache_anonymous_page
def home(request):
    """The OPD's home page: the sections the operator arranged, each only when it has
    something to show (core.registry.HomeSection)."""
    shown = []
    for section in shown_sections(home_of(request)):
        data = section.context(request)
        if data:
            shown.append(ShownSection(section, data))
    return render(request, "homepage/home.html", {"sections": paired(shown)})


def paired(shown: list[ShownSection]) -> list[ShownSection]:
    """Two compact sections in a row share it; a compact one left alone takes it whole."""
    result, index = [], 0
    while index < len(shown):
        current = shown[index]
        following = shown[index + 1] if index + 1 < len(shown) else None
        if current.section.compact and following and following.section.compact:
            result += [replace(current, half=True), replace(following, half=True)]
            index += 2
        else:
            result.append(current)
            index += 1
    return result


@require_GET
@cache_anonymous_page
def welcome(request):
    """The Sambutan Kepala in full (the home page shows the start of a long one)."""
    home = home_of(request)
    if not home.has_welcome:
        raise Http404
    return render(
        request, "homepage/welcome.html", {"home": home, "picture": home.welcome_picture()}
    )
