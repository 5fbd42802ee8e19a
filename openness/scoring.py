"""The maths of the Skor Keterbukaan: points per indicator, per group, the score and its band.

Bands of the Komisi Informasi's monev (Perki 1/2022): Informatif 90–100, Menuju Informatif
80–89,9, Cukup Informatif 60–79,9, Kurang Informatif 40–59,9, Tidak Informatif < 40. The score
is rounded to one decimal (half up) first, as the bands are written, and the band is read from
the rounded score: 89,94 is 89,9 (Menuju Informatif), 89,95 is 90,0 (Informatif).
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from openness.indicators import ANSWERED, GROUPS, INDICATORS, Group, Indicator

BANDS = (
    (Decimal("90"), "informatif", _("Informatif")),
    (Decimal("80"), "menuju_informatif", _("Menuju Informatif")),
    (Decimal("60"), "cukup_informatif", _("Cukup Informatif")),
    (Decimal("40"), "kurang_informatif", _("Kurang Informatif")),
    (Decimal("0"), "tidak_informatif", _("Tidak Informatif")),
)
BAND_LABELS = {key: label for _floor, key, label in BANDS}
# What an answer is worth, once it has evidence (the monev scores no claim without bukti).
ANSWER_SHARES = {"ya": 1.0, "sebagian": 0.5, "tidak": 0.0}
NEXT_STEPS = 3


def rounded(score) -> Decimal:
    return Decimal(str(score)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def band_of(score) -> str:
    value = rounded(score)
    for floor, key, _label in BANDS:
        if value >= floor:
            return key
    return BANDS[-1][1]


def answer_share(value: str | None, has_evidence: bool) -> float:
    if value is None or not has_evidence:
        return 0.0
    return ANSWER_SHARES.get(value, 0.0)


@dataclass
class IndicatorResult:
    indicator: Indicator
    share: float
    detail: str = ""
    # Measured: where it is improved (None: this user may not); answered: the answer's value.
    admin_url: str | None = None
    answer: str | None = None
    note: str = ""
    evidence: list = field(default_factory=list)

    @property
    def points(self) -> Decimal:
        return rounded(self.indicator.weight * max(0.0, min(1.0, self.share)))

    @property
    def lost(self) -> Decimal:
        return Decimal(self.indicator.weight) - self.points

    @property
    def is_answered(self) -> bool:
        return self.indicator.kind == ANSWERED

    @property
    def percent(self) -> int:
        return round(100 * max(0.0, min(1.0, self.share)))


@dataclass
class GroupResult:
    group: Group
    indicators: list[IndicatorResult]

    @property
    def points(self) -> Decimal:
        return sum((result.points for result in self.indicators), Decimal(0))


@dataclass
class Assessment:
    groups: list[GroupResult]

    @property
    def score(self) -> Decimal:
        return rounded(sum((group.points for group in self.groups), Decimal(0)))

    @property
    def band(self) -> str:
        return band_of(self.score)

    @property
    def band_label(self) -> str:
        return BAND_LABELS[self.band]

    @property
    def indicators(self) -> list[IndicatorResult]:
        return [result for group in self.groups for result in group.indicators]

    @property
    def answered_count(self) -> int:
        return sum(1 for result in self.indicators if result.is_answered and result.answer)

    def next_steps(self, limit: int = NEXT_STEPS) -> list[IndicatorResult]:
        """The indicators that lose the most points, the heaviest first."""
        missing = [result for result in self.indicators if result.lost > 0]
        missing.sort(key=lambda result: (-result.lost, -result.indicator.weight))
        return missing[:limit]


def assess(results: dict[str, IndicatorResult]) -> Assessment:
    """Put each indicator's result in its group, in catalogue order (missing ones score 0)."""
    groups = []
    for group in GROUPS:
        members = [
            results.get(indicator.key) or IndicatorResult(indicator, 0.0)
            for indicator in INDICATORS
            if indicator.group == group.key
        ]
        groups.append(GroupResult(group, members))
    return Assessment(groups)
