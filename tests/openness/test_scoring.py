"""The score's maths: points, groups, the five bands at their boundaries."""

from decimal import Decimal

import pytest

from openness import indicators
from openness.scoring import IndicatorResult, answer_share, assess, band_of, rounded


@pytest.mark.parametrize(
    ("score", "band"),
    [
        ("100", "informatif"),
        ("90", "informatif"),
        ("89.95", "informatif"),  # shown as 90,0
        ("89.94", "menuju_informatif"),  # shown as 89,9
        ("89.9", "menuju_informatif"),
        ("80", "menuju_informatif"),
        ("79.9", "cukup_informatif"),
        ("60", "cukup_informatif"),
        ("59.9", "kurang_informatif"),
        ("40", "kurang_informatif"),
        ("39.9", "tidak_informatif"),
        ("0", "tidak_informatif"),
    ],
)
def test_bands_at_their_boundaries(score, band):
    assert band_of(Decimal(score)) == band


def test_weights_make_one_hundred_and_every_group_adds_up():
    assert indicators.group_weights_match()
    assert sum(i.weight for i in indicators.INDICATORS) == 100
    assert len({i.key for i in indicators.INDICATORS}) == len(indicators.INDICATORS)
    assert all(i.source and i.wording for i in indicators.INDICATORS)


def test_an_answer_counts_only_with_evidence():
    assert answer_share("ya", True) == 1
    assert answer_share("sebagian", True) == 0.5
    assert answer_share("tidak", True) == 0
    assert answer_share("ya", False) == 0
    assert answer_share(None, True) == 0


def test_score_is_the_sum_of_points_and_next_steps_are_the_biggest_losses():
    results = {i.key: IndicatorResult(i, 1.0) for i in indicators.INDICATORS}
    assert assess(results).score == Decimal("100.0")
    # Two thirds of the DIP categories (15 points), no annual report (10 points).
    results["dip_kategori"] = IndicatorResult(indicators.BY_KEY["dip_kategori"], 2 / 3)
    results["laporan_tahunan"] = IndicatorResult(indicators.BY_KEY["laporan_tahunan"], 0)
    assessment = assess(results)
    assert assessment.score == Decimal("85.0")
    assert assessment.band == "menuju_informatif"
    jenis = next(g for g in assessment.groups if g.group.key == "jenis_informasi")
    assert jenis.points == Decimal("25.0")
    steps = assessment.next_steps()
    assert [s.indicator.key for s in steps] == ["laporan_tahunan", "dip_kategori"]


def test_missing_facts_score_nothing():
    assessment = assess({})
    assert assessment.score == 0
    assert assessment.band == "tidak_informatif"
    assert rounded(89.949) == Decimal("89.9")
