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
