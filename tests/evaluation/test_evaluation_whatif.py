"""The what-if answers the official's question: a golden example computed by hand.

City of two county-level units. 万元, mu, tce, persons.

| firm | unit | population | gross | VA | land | energy | tax | jobs | VA/mu |
|---|---|---|---|---|---|---|---|---|---|
| 1 | A | 规上 heavy | 1000 | 200 | 10 | 100 | 30 | 100 | 20 |
| 2 | A | 规上 light | 500 | 100 | 20 | 200 | 10 | 80 | 5 (class D) |
| 4 | A | 规下 | 100 | 20 | 5 | 10 | 2 | 20 | 4 (class D) |
| 3 | B | 规上 heavy | 600 | 150 | 10 | 60 | 20 | 50 | 15 |

Region statistics (all industry): industrial VA A 5000万 = 0.50亿, B 2000万 = 0.20亿.
va_per_mu over 规上: A 300 / 30 = 10, B 150 / 10 = 15.

Assessment: industrial VA weight 60, VA per mu weight 40. Targets: A 0.495亿 and 8;
B 0.20亿 and 15. Before: both units meet both targets, 100 points each, both rank 1.

Exit firm 2 (A's 规上 D-class firm): A loses VA 100, output 500, tax 10, jobs 80; industrial VA
0.50 → 0.49亿 < 0.495 (not met: 60 × 0.49 / 0.495 = 59.3939…).

- land released: VA per mu (300 − 100) / (30 − 20) = 20 ≥ 8, met, 40 points;
  total 99.3939… → 99.39, rank 2 (B 100, rank 1).
- land kept until re-let: VA per mu (300 − 100) / 30 = 6.6667 < 8, not met,
  40 × 6.6667 / 8 = 33.3333…; total 92.7272… → 92.73, rank 2.
"""

from decimal import Decimal as D

import pytest

from zhuanxing.evaluation.simulation import (
    FirmYear,
    Sums,
    assessment_effect,
    changes_of,
    indicator_after,
    simulate,
)
from zhuanxing.policy.monitoring import Assessment
from zhuanxing.policy.schema import Indicator


def fy(eid, county, gross, va, land, energy, tax, jobs, heavy=True, above=True):
    return FirmYear(
        eid, county, above, heavy, D(gross), D(va), D(land), D(energy), D(0), D(0),
        tax_paid=D(tax), employees=D(jobs), flags=frozenset({"industrial"}),
    )  # fmt: skip


CITY = [
    fy(1, "A", 1000, 200, 10, 100, 30, 100),
    fy(2, "A", 500, 100, 20, 200, 10, 80, heavy=False),
    fy(4, "A", 100, 20, 5, 10, 2, 20, heavy=False, above=False),
    fy(3, "B", 600, 150, 10, 60, 20, 50),
]
INDICATORS = {
    "industrial_value_added": Indicator.model_validate(
        {
            "name": "工业增加值",
            "name_en": "Industrial VA",
            "unit": "亿元",
            "factor": "0.0001",
            "numerator": {"source": "region", "measures": ["industrial_value_added"]},
        }  # fmt: skip
    ),
    "va_per_mu": Indicator.model_validate(
        {
            "name": "亩均",
            "name_en": "VA per mu",
            "unit": "万元/亩",
            "factor": 1,
            "numerator": {
                "source": "enterprise",
                "measures": ["value_added"],
                "filters": ["industrial", "above_scale"],
            },
            "denominator": {
                "source": "enterprise",
                "measures": ["land_mu"],
                "filters": ["industrial", "above_scale"],
            },
        }  # fmt: skip
    ),
}
SCHEME = Assessment.model_validate(
    {
        "indicators": [
            {"indicator": "industrial_value_added", "weight": 60},
            {"indicator": "va_per_mu", "weight": 40},
        ]
    }
)
SUMS = {
    "A": {"industrial_value_added": Sums(0.5, 5000, None), "va_per_mu": Sums(10, 300, 30)},
    "B": {"industrial_value_added": Sums(0.2, 2000, None), "va_per_mu": Sums(15, 150, 10)},
}
TARGETS = {
    "A": {"industrial_value_added": D("0.495"), "va_per_mu": D(8)},
    "B": {"industrial_value_added": D("0.20"), "va_per_mu": D(15)},
}


def effect(land):
    changes = changes_of(CITY, {2}, "exit", land=land)
    by_unit = {"A": [c for c in changes if c.before.county_code == "A"], "B": []}
    return assessment_effect(SCHEME, INDICATORS, SUMS, TARGETS, by_unit)


def test_exit_losses_per_unit():
    city, a, b = simulate(CITY, {2}, "exit")
    assert (a.lost.value_added, a.lost.gross_output, a.lost.tax_paid, a.lost.employees) == (
        D(100), D(500), D(10), D(80),
    )  # fmt: skip
    assert city.lost == a.lost and b.lost.value_added == 0
    assert a.land_freed_mu == D(20)


@pytest.mark.parametrize("land", ["released", "kept"])
def test_golden_targets_before(land):
    a = effect(land)["A"]
    assert [(i.indicator, i.before.value, i.before.met) for i in a.items] == [
        ("industrial_value_added", D("0.5"), True),
        ("va_per_mu", D(10), True),
    ]
    assert (a.total_before, a.rank_before) == (D("100.00"), 1)


def test_golden_land_released():
    out = effect("released")
    a, b = out["A"], out["B"]
    va, mu = a.items
    assert (va.after.value, va.after.target, va.after.met) == (D("0.49"), D("0.495"), False)
    assert (mu.after.value, mu.after.met) == (D(20), True)
    assert (a.total_after, a.rank_after) == (D("99.39"), 2)
    assert (b.total_after, b.rank_after, b.rank_before) == (D("100.00"), 1, 1)


def test_golden_land_kept_until_relet():
    a = effect("kept")["A"]
    va, mu = a.items
    assert va.after.value == D("0.49") and va.after.met is False
    assert mu.after.value == D(200) / D(30) and mu.after.met is False
    assert mu.after.score == D(40) * (D(200) / D(30)) / D(8)
    assert (a.total_after, a.rank_after) == (D("92.73"), 2)


def test_kept_land_keeps_the_ratio_denominator_in_the_figures():
    _, a, _ = simulate(CITY, {2}, "exit", land="kept")
    assert a.after.va_per_mu == D(200) / D(30)  # the plot stays in the 规上 land
    assert a.land_freed_mu == D(20)  # free to re-let, still counted


def test_upgrade_moves_value_added_the_other_way():
    va = INDICATORS["industrial_value_added"]
    # firm 2 upgraded to the 规上 median VA/mu 15 (of 20, 5, 15): VA 100 → 300
    changes = changes_of(CITY, {2}, "upgrade")
    assert indicator_after(va, 5000, None, changes) == D("0.0001") * 5200
    _, a, _ = simulate(CITY, {2}, "upgrade")
    assert a.lost.value_added == D(-200) and a.lost.tax_paid == 0


def test_upgrade_reaches_the_median_of_the_firms_own_graded_population():
    utility = fy(5, "B", 3000, 1000, 10, 500, 50, 40)  # VA/mu 100, excluded from grading
    firms = [*CITY, utility]
    after = {c.before.enterprise_id: c.after for c in changes_of(
        firms, {2, 4}, "upgrade", graded={1, 2, 3, 4}
    )}  # fmt: skip
    # 规上 graded: VA/mu 20, 5, 15 → median 15: firm 2 goes to 20 mu × 15 = 300
    assert after[2].value_added == D(300)
    # 规下 graded: firm 4 alone (VA/mu 4): already at its median, unchanged
    assert after[4].value_added == D(20)
    # over every firm given (the old way) the utility lifts the 规上 bar to 17.5 → 350
    everyone = changes_of(firms, {2}, "upgrade")
    assert everyone[0].after.value_added == D(350)


def test_region_statistics_va_per_mu_under_both_land_bases():
    """A's region statistics: industrial VA 5000万, industrial land 400 mu → 12.5.
    Exit firm 2 (VA 100, land 20): released 4900 / 380 = 12.894…; kept 4900 / 400 = 12.25."""
    region = Indicator.model_validate(
        {
            "name": "亩均（区域）",
            "name_en": "VA per mu (region)",
            "unit": "万元/亩",
            "factor": 1,
            "numerator": {"source": "region", "measures": ["industrial_value_added"]},
            "denominator": {"source": "region", "measures": ["industrial_land_mu"]},
        }  # fmt: skip
    )
    released = changes_of(CITY, {2}, "exit", land="released")
    kept = changes_of(CITY, {2}, "exit", land="kept")
    assert indicator_after(region, 5000, 400, released) == D(4900) / D(380)
    assert indicator_after(region, 5000, 400, kept) == D("12.25")
