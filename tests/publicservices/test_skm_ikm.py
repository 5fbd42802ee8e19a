"""The IKM arithmetic of PermenPAN-RB No. 14 Tahun 2017: known sums give known IKM and mutu."""

from datetime import date
from decimal import Decimal

import pytest

from publicservices.survey import ikm
from publicservices.survey.elements import ELEMENTS, FIELDS


def totals_for(total: int, respondents: int) -> dict[str, int]:
    """Spread a sum of scores over the nine elements (each at most 4 per respondent)."""
    base, extra = divmod(total, 9)
    totals = {name: base + (1 if index < extra else 0) for index, name in enumerate(FIELDS)}
    assert all(respondents <= value <= 4 * respondents for value in totals.values())
    return totals


def test_nine_elements_in_the_regulations_order():
    assert [e.code for e in ELEMENTS] == [f"U{n}" for n in range(1, 10)]
    assert str(ELEMENTS[0].name) == "Persyaratan"
    assert str(ELEMENTS[7].name) == "Penanganan pengaduan, saran dan masukan"
    assert str(ELEMENTS[8].name) == "Sarana dan prasarana"
    assert all(len(e.answers) == 4 for e in ELEMENTS)
    assert [str(a) for a in ELEMENTS[3].answers] == [
        "Sangat mahal",
        "Cukup mahal",
        "Murah",
        "Gratis",
    ]


@pytest.mark.parametrize(
    ("score", "expected", "mutu"),
    [(4, Decimal("100.00"), "A"), (3, Decimal("75.00"), "C"), (2, Decimal("50.00"), "D"),
     (1, Decimal("25.00"), "D")],
)  # fmt: skip
def test_everyone_gives_the_same_score(score, expected, mutu):
    result = ikm.from_scores([dict.fromkeys(FIELDS, score)] * 7)
    assert result.respondents == 7
    assert result.ikm == expected
    assert result.mutu == mutu
    assert all(element.nrr == Decimal(score) for element in result.elements)


def test_a_worked_example_per_element():
    # Four respondents; U1 scores 4, 4, 3, 3 -> NRR 3.50, converted 87.50 (B).
    responses = [dict.fromkeys(FIELDS, 3) for _ in range(4)]
    responses[0]["u1"] = responses[1]["u1"] = 4
    responses[0]["u9"] = 1
    result = ikm.from_scores(responses)
    u1, u9 = result.elements[0], result.elements[8]
    assert (u1.total, u1.nrr, u1.converted, u1.mutu) == (14, Decimal("3.50"), Decimal("87.50"), "B")
    assert (u9.total, u9.nrr, u9.converted, u9.mutu) == (10, Decimal("2.50"), Decimal("62.50"), "D")
    # Σ NRR = 3.5 + 2.5 + 7 × 3 = 27; × 1/9 = 3; × 25 = 75.00 (C).
    assert result.ikm == Decimal("75.00")
    assert result.ikm_unconverted == Decimal("3.000")
    assert result.mutu == "C"


def test_equal_weights_are_exactly_one_ninth():
    # The regulation's 0.111 would give 99.90 for perfect answers; 1/9 gives 100.
    assert ikm.from_totals(3, dict.fromkeys(FIELDS, 12)).ikm == Decimal("100.00")


@pytest.mark.parametrize(
    ("value", "mutu"),
    [("100.00", "A"), ("88.31", "A"), ("88.30", "B"), ("76.61", "B"), ("76.60", "C"),
     ("65.00", "C"), ("64.99", "D"), ("25.00", "D")],
)  # fmt: skip
def test_grade_boundaries(value, mutu):
    assert ikm.grade(Decimal(value)) == mutu


@pytest.mark.parametrize(
    ("total", "respondents", "expected", "mutu"),
    [
        (7947, 250, "88.30", "B"),  # 7947 × 25 / (9 × 250) = 88.30 exactly
        (79479, 2500, "88.31", "A"),
        (158949, 5000, "88.31", "A"),  # 88.305 exactly: half up, then graded as published
        (158948, 5000, "88.30", "B"),  # 88.3044…
        (6894, 250, "76.60", "C"),
        (68949, 2500, "76.61", "B"),
        (5850, 260, "62.50", "D"),
        (585, 26, "62.50", "D"),
        (1170, 40, "81.25", "B"),
    ],
)
def test_known_sums_give_known_ikm(total, respondents, expected, mutu):
    result = ikm.from_totals(respondents, totals_for(total, respondents))
    assert result.ikm == Decimal(expected)
    assert result.mutu == mutu


def test_boundary_at_65():
    # 65.00 exactly: 25T/(9n) = 65 -> T = 23.4n; n = 5 -> T = 117.
    assert ikm.from_totals(5, totals_for(117, 5)).ikm == Decimal("65.00")
    assert ikm.from_totals(5, totals_for(117, 5)).mutu == "C"
    # 64.99…: n = 10000, T = 233999 -> 64.9997… rounds to 65.00 (C); 233963 -> 64.99 (D).
    assert ikm.from_totals(10000, totals_for(233963, 10000)).ikm == Decimal("64.99")
    assert ikm.from_totals(10000, totals_for(233963, 10000)).mutu == "D"


def test_no_answers_no_ikm():
    result = ikm.from_totals(0, dict.fromkeys(FIELDS, None))
    assert result.ikm is None
    assert result.mutu == ""
    assert result.elements[0].nrr is None


@pytest.mark.parametrize(
    ("day", "key", "label"),
    [
        (date(2026, 1, 1), "2026-1", "Semester I 2026"),
        (date(2026, 6, 30), "2026-1", "Semester I 2026"),
        (date(2026, 7, 1), "2026-2", "Semester II 2026"),
        (date(2026, 12, 31), "2026-2", "Semester II 2026"),
    ],
)
def test_semesters(day, key, label):
    semester = ikm.Semester.of(day)
    assert semester.key == key
    assert str(semester.label) == label
    assert ikm.Semester.parse(key) == semester


def test_semester_order_and_bad_keys():
    assert ikm.Semester(2026, 1).next == ikm.Semester(2026, 2)
    assert ikm.Semester(2026, 2).next == ikm.Semester(2027, 1)
    assert ikm.Semester(2026, 2).next.first_day == date(2027, 1, 1)
    for bad in ("", "2026", "2026-3", "abc-1", "2026-1-1", None, "99999-1"):
        assert ikm.Semester.parse(bad) is None
