"""The Struktur Organisasi: the head of office, then each unit with its head and members, read
in one query."""

from dataclasses import dataclass, field

from pages.models import Official, OrgUnit


@dataclass
class ChartUnit:
    unit: OrgUnit
    head: Official
    members: list[Official] = field(default_factory=list)


@dataclass
class OrgChart:
    leaders: list[Official]
    units: list[ChartUnit]

    def __bool__(self) -> bool:
        return bool(self.leaders or self.units)


def org_chart() -> OrgChart:
    leaders: list[Official] = []
    units: list[ChartUnit] = []
    for official in Official.objects.in_chart_order():
        if official.unit is None:
            leaders.append(official)
        elif units and units[-1].unit.pk == official.unit_id:
            units[-1].members.append(official)
        else:
            units.append(ChartUnit(unit=official.unit, head=official))
    return OrgChart(leaders=leaders, units=units)
