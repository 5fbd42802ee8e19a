"""Which home page sections show, and in which order: the registry's sections (core.registry
.HomeSection) arranged by the operator's layout (HomePage.layout and HomePage.headline)."""

from dataclasses import dataclass

from core import registry
from core.registry import HomeSection


@dataclass(frozen=True)
class Arranged:
    section: HomeSection
    visible: bool


def headline_sections() -> list[HomeSection]:
    return [section for section in registry.home_sections() if section.headline]


def arranged_sections(layout: list) -> list[Arranged]:
    """Every section but the headline ones, in the operator's order; sections the layout does
    not name yet (an app added later) follow at their default position, shown."""
    sections = {s.key: s for s in registry.home_sections() if not s.headline}
    arranged = []
    for entry in layout if isinstance(layout, list) else []:
        key = entry.get("key") if isinstance(entry, dict) else None
        if key in sections:
            arranged.append(Arranged(sections.pop(key), bool(entry.get("visible", True))))
    for section in sections.values():
        at = next(
            (i for i, a in enumerate(arranged) if a.section.position > section.position),
            len(arranged),
        )
        arranged.insert(at, Arranged(section, True))
    return arranged


def shown_sections(home) -> list[HomeSection]:
    """The sections the home page tries to show, headline first (each may still be empty)."""
    headline = next((s for s in headline_sections() if s.key == home.headline), None)
    shown = [headline] if headline else []
    return shown + [a.section for a in arranged_sections(home.layout) if a.visible]


def layout_value(keys_in_order: list[str], visible: set[str]) -> list[dict]:
    return [{"key": key, "visible": key in visible} for key in keys_in_order]
