"""County assessment scores on a hand-computed example.

Scheme: industrial VA (weight 40, higher better), energy per VA (weight 30, lower better),
R&D (weight 30, higher better).

(v/t = value / target)

| county | VA v/t | score | energy v/t | score | R&D v/t | score | total | rank |
|---|---|---|---|---|---|---|---|---|
| A | 120 / 100 met | 40 | 0.50 / 0.60 met | 30 | 1.2 / 1.5 | 30 × 0.8 = 24 | 94 | 1 |
| B | 90 / 100 | 36 | 0.80 / 0.60 | 30 × 0.75 = 22.5 | 2.0 / 1.5 met | 30 | 88.5 | 2 |
| C | 100 / 100 met | 40 | — (no value) | 0 | 1.5 / 1.5 met | 30 | 70 | 3 |
"""

from decimal import Decimal as D

import pytest

from zhuanxing.analytics.assessment_scoring import score_counties
from zhuanxing.policy.monitoring import Assessment

SCHEME = Assessment.model_validate(
    {
        "indicators": [
            {"indicator": "industrial_value_added", "weight": 40},
            {"indicator": "energy_per_va", "weight": 30, "higher_is_better": False},
            {"indicator": "rd_intensity", "weight": 30},
        ]
    }
)
TARGETS = {
    c: {"industrial_value_added": D(100), "energy_per_va": D("0.6"), "rd_intensity": D("1.5")}
    for c in "ABC"
}
VALUES = {
    "A": {"industrial_value_added": D(120), "energy_per_va": D("0.5"), "rd_intensity": D("1.2")},
    "B": {"industrial_value_added": D(90), "energy_per_va": D("0.8"), "rd_intensity": D(2)},
    "C": {"industrial_value_added": D(100), "energy_per_va": None, "rd_intensity": D("1.5")},
}


def test_scores_and_ranks():
    scores = score_counties(SCHEME, VALUES, TARGETS)
    assert [(s.county, s.total, s.rank) for s in scores] == [
        ("A", D("94.00"), 1),
        ("B", D("88.50"), 2),
        ("C", D("70.00"), 3),
    ]
    b = scores[1]
    assert [i.score for i in b.items] == [D("36.00"), D("22.50"), D("30.00")]
    assert [i.met for i in scores[2].items] == [True, None, True]


def test_ties_share_a_rank():
    values = {"A": VALUES["C"], "B": VALUES["C"]}
    targets = {"A": TARGETS["A"], "B": TARGETS["B"]}
    scores = score_counties(SCHEME, values, targets)
    assert [(s.county, s.rank) for s in scores] == [("A", 1), ("B", 1)]


def test_total_sums_exact_item_scores_and_rounds_once_half_up():
    # Two items of weight 10, each 0.9985 of its target: 9.985 each. Rounded first (half-even)
    # they would add to 9.98 + 9.98 = 19.96; the exact sum 19.97 is the total.
    scheme = Assessment.model_validate(
        {"indicators": [{"indicator": "a", "weight": 10}, {"indicator": "b", "weight": 10}]}
    )
    values = {"X": {"a": D("0.9985"), "b": D("0.9985")}}
    targets = {"X": {"a": D(1), "b": D(1)}}
    (x,) = score_counties(scheme, values, targets)
    assert [i.score for i in x.items] == [D("9.985"), D("9.985")]
    assert x.total == D("19.97")


def scheme(scoring, **extra):
    return Assessment.model_validate(
        {**SCHEME.model_dump(mode="json"), "scoring": scoring, **extra}
    )


def test_capped_ratio_separates_units_near_their_targets():
    """floor 0.8: nothing at or below 80% of the target, full marks at it, linear between.

    | county | VA | energy | R&D | total | rank |
    |---|---|---|---|---|---|
    | A | met 40 | met 30 | 1.2/1.5 = 0.8 → 0 | 70 | 1 |
    | B | 0.9 → (0.9−0.8)/0.2 = 0.5 → 20 | 0.6/0.8 = 0.75 → 0 | met 30 | 50 | 3 |
    | C | met 40 | no value 0 | met 30 | 70 | 1 |
    """
    scores = score_counties(scheme("capped_ratio", floor="0.8"), VALUES, TARGETS)
    assert [(s.county, s.total, s.rank) for s in scores] == [
        ("A", D("70.00"), 1),
        ("C", D("70.00"), 1),
        ("B", D("50.00"), 3),
    ]
    b = next(s for s in scores if s.county == "B")
    assert [i.score for i in b.items] == [D(20), D(0), D(30)]


def test_rank_scoring_spreads_units_by_their_place():
    """weight × (n − rank + 1) / n among the n units with a value (ties share a rank).

    VA: A 120 (1), C 100 (2), B 90 (3) → 40, 26.667, 13.333
    energy (lower better): A 0.5 (1), B 0.8 (2), C none → 30, 15, 0
    R&D: B 2.0 (1), C 1.5 (2), A 1.2 (3) → 30, 20, 10
    totals A 80, B 58.333 → 58.33, C 46.667 → 46.67
    """
    scores = score_counties(scheme("rank"), VALUES, TARGETS)
    assert [(s.county, s.total, s.rank) for s in scores] == [
        ("A", D("80.00"), 1),
        ("B", D("58.33"), 2),
        ("C", D("46.67"), 3),
    ]
    c = next(s for s in scores if s.county == "C")
    assert c.items[0].score == D(40) * 2 / 3 and c.items[1].score == 0
    assert [i.met for i in c.items] == [True, None, True]  # met still against the target


def test_ratio_stays_the_default_and_floor_is_checked():
    assert SCHEME.scoring == "ratio"
    with pytest.raises(ValueError, match="floor"):
        scheme("capped_ratio", floor="1")
