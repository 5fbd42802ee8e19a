"""The Indeks Kepuasan Masyarakat as PermenPAN-RB No. 14 Tahun 2017 computes it.

For each element Un, the nilai rata-rata (NRR) is the sum of its scores divided by the number of
respondents. Every element weighs the same, 1/9 (the regulation rounds it to 0,111; we keep the
exact fraction so that nine perfect elements give exactly 100). The IKM is the sum of the weighted
NRRs (between 1 and 4); the IKM of the unit is that value times 25 (the "nilai konversi",
between 25 and 100). The mutu pelayanan follows from the converted value:

    A (Sangat baik)  88,31 – 100,00
    B (Baik)         76,61 – 88,30
    C (Kurang baik)  65,00 – 76,60
    D (Tidak baik)   25,00 – 64,99

Rounding (Decimal, ROUND_HALF_UP, once, at the end): the converted value is computed exactly from
the sums and rounded to two decimals; the mutu is read from that rounded value, so the published
figure and its letter always agree (88,305 is shown as 88,31 and is an A). NRRs are shown with
two decimals, rounded the same way, for reading only: the IKM is never computed from rounded
NRRs. An element's own converted value (NRR × 25) is graded on the same intervals.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from publicservices.survey.elements import ELEMENTS

CENT = Decimal("0.01")
CONVERSION = Decimal(25)

# (lowest converted value, mutu, kinerja unit pelayanan), best first.
GRADES = (
    (Decimal("88.31"), "A", _("Sangat baik")),
    (Decimal("76.61"), "B", _("Baik")),
    (Decimal("65.00"), "C", _("Kurang baik")),
    (Decimal("25.00"), "D", _("Tidak baik")),
)
GRADE_LABELS = {letter: label for _lowest, letter, label in GRADES}


def round2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def grade(converted: Decimal | None) -> str:
    """The mutu pelayanan (A, B, C, D) of a converted value already rounded to two decimals."""
    if converted is None:
        return ""
    for lowest, letter, _label in GRADES:
        if converted >= lowest:
            return letter
    return "D"


@dataclass(frozen=True)
class ElementResult:
    code: str
    name: str
    total: int
    respondents: int

    @property
    def nrr_exact(self) -> Decimal | None:
        if not self.respondents:
            return None
        return Decimal(self.total) / Decimal(self.respondents)

    @property
    def nrr(self) -> Decimal | None:
        exact = self.nrr_exact
        return None if exact is None else round2(exact)

    @property
    def converted(self) -> Decimal | None:
        exact = self.nrr_exact
        return None if exact is None else round2(exact * CONVERSION)

    @property
    def mutu(self) -> str:
        return grade(self.converted)


@dataclass(frozen=True)
class IkmResult:
    """The IKM of a set of responses (one service, or the whole OPD, in one semester)."""

    respondents: int
    elements: list[ElementResult] = field(default_factory=list)

    @property
    def ikm(self) -> Decimal | None:
        """The IKM unit pelayanan (converted, 25–100), two decimals."""
        if not self.respondents:
            return None
        # Σ (NRR_i × 1/9) × 25, with NRR_i = total_i / n: computed from the sums, exactly.
        total = sum(element.total for element in self.elements)
        exact = Decimal(total) * CONVERSION / (Decimal(len(ELEMENTS)) * Decimal(self.respondents))
        return round2(exact)

    @property
    def ikm_unconverted(self) -> Decimal | None:
        """The IKM before conversion (1–4), as the regulation's worked example shows it."""
        if not self.respondents:
            return None
        total = sum(element.total for element in self.elements)
        return (Decimal(total) / (Decimal(len(ELEMENTS)) * Decimal(self.respondents))).quantize(
            Decimal("0.001"), rounding=ROUND_HALF_UP
        )

    @property
    def mutu(self) -> str:
        return grade(self.ikm)

    @property
    def mutu_label(self):
        return GRADE_LABELS.get(self.mutu, "")


def from_totals(respondents: int, totals: dict[str, int | None]) -> IkmResult:
    """An IkmResult from the number of respondents and the sum of each element's scores
    ({"u1": 310, ...}, as an aggregate query returns them)."""
    return IkmResult(
        respondents=respondents,
        elements=[
            ElementResult(
                element.code, element.name, int(totals.get(element.field) or 0), respondents
            )
            for element in ELEMENTS
        ],
    )


def from_scores(responses: list[dict[str, int]]) -> IkmResult:
    """An IkmResult from the answers themselves ([{"u1": 3, ..., "u9": 4}, ...])."""
    totals = {element.field: sum(r[element.field] for r in responses) for element in ELEMENTS}
    return from_totals(len(responses), totals)


# Semesters: I is January–June, II is July–December. A semester's key is "2026-1" / "2026-2".


@dataclass(frozen=True, order=True)
class Semester:
    year: int
    half: int  # 1 or 2

    @classmethod
    def of(cls, day: date | datetime) -> "Semester":
        return cls(day.year, 1 if day.month <= 6 else 2)

    @classmethod
    def parse(cls, key: str) -> "Semester | None":
        try:
            year, half = (int(part) for part in key.split("-"))
        except (ValueError, AttributeError):
            return None
        if half not in (1, 2) or not 2000 <= year <= 2999:
            return None
        return cls(year, half)

    @property
    def key(self) -> str:
        return f"{self.year}-{self.half}"

    @property
    def first_day(self) -> date:
        return date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def next(self) -> "Semester":
        return Semester(self.year, 2) if self.half == 1 else Semester(self.year + 1, 1)

    @property
    def label(self) -> str:
        return _("Semester %(half)s %(year)s") % {
            "half": "I" if self.half == 1 else "II",
            "year": self.year,
        }

    def __str__(self) -> str:
        return str(self.label)
