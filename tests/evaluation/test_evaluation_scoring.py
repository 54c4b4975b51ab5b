"""Golden tests of the 亩均效益 scoring (see golden.md for the hand computation)."""

from decimal import Decimal as D

import pytest

from zhuanxing.evaluation.eligibility import Candidate, exclusion_reason
from zhuanxing.evaluation.hints import class_minimums, improvement
from zhuanxing.evaluation.scoring import INFINITY, Firm, evaluate, indicator_value
from zhuanxing.policy.evaluation import Evaluation

METHOD = Evaluation.model_validate(
    {
        "enabled": True,
        "min_land_mu_below_scale": 3,
        "excluded_codes": ["44"],
        "score_cap": "1.5",
        "class_bands": [
            {"name": "A", "cumulative_pct": 20},
            {"name": "B", "cumulative_pct": 60},
            {"name": "C", "cumulative_pct": 95},
            {"name": "D", "cumulative_pct": 100},
        ],
        "above_scale": {
            "indicators": [
                {"key": "tax_per_mu", "name": "亩均税收", "name_en": "Tax per mu",
                 "unit": "万元/亩",
                 "numerator": ["tax_paid"], "denominator": ["land_mu"], "weight": 60},
                {"key": "va_per_emission", "name": "单位排放增加值", "name_en": "VA per emission",
                 "unit": "万元/吨", "numerator": ["value_added"], "denominator": ["cod_t"],
                 "weight": 40, "emissions": True},
            ]
        },
        "below_scale": {
            "indicators": [
                {"key": "tax_per_mu", "name": "亩均税收", "name_en": "Tax per mu",
                 "unit": "万元/亩",
                 "numerator": ["tax_paid"], "denominator": ["land_mu"], "weight": 100},
            ]
        },
    }
)  # fmt: skip


def firm(eid, tax, land, va, cod, population="above_scale"):
    measures = {"tax_paid": D(tax), "land_mu": D(land), "value_added": D(va)}
    measures["cod_t"] = None if cod is None else D(cod)
    return Firm(eid, population, measures)


PREVIOUS = [firm(101, 10, 10, 100, 2), firm(102, 30, 10, 300, 4)]
CURRENT = [
    firm(1, 40, 10, 200, 2),
    firm(2, 20, 10, 100, 3),
    firm(3, 10, 10, 100, None),
    firm(4, 20, 10, 100, 1),
    firm(5, 20, 10, 100, 3),
]


@pytest.fixture(scope="module")
def above():
    return evaluate(METHOD, CURRENT, PREVIOUS)[0]


def test_benchmarks_are_last_years_population_values(above):
    assert above.benchmarks["tax_per_mu"] == D(2)
    assert above.benchmarks["va_per_emission"].quantize(D("0.001")) == D("66.667")


def test_totals_ranks_and_classes(above):
    got = [(r.enterprise_id, r.total, r.rank, r.rank_pct, r.klass) for r in above.results]
    assert got == [
        (1, D("150.00"), 1, D("20"), "A"),
        (4, D("120.00"), 2, D("40"), "B"),
        (2, D("80.00"), 3, D("60"), "B"),
        (5, D("80.00"), 3, D("60"), "B"),  # tie at the B/C boundary shares the better class
        (3, D("70.00"), 5, D("100"), "D"),
    ]


def test_cap_and_missing_emissions(above):
    f1 = next(r for r in above.results if r.enterprise_id == 1)
    assert f1.score("tax_per_mu").score == D("90.00")  # ratio 2.0 capped at 1.5 × 60
    f3 = next(r for r in above.results if r.enterprise_id == 3)
    missing = f3.score("va_per_emission")
    assert missing.value is None and missing.imputed and missing.score == D("40.00")


def test_missing_emissions_can_score_zero():
    method = METHOD.model_copy(update={"missing_emissions": "zero"})
    result = evaluate(method, CURRENT, PREVIOUS)[0]
    f3 = next(r for r in result.results if r.enterprise_id == 3)
    assert f3.total == D("30.00")


def test_zero_emissions_score_the_cap_and_negatives_score_zero():
    result = evaluate(METHOD, [firm(7, -5, 10, 100, 0), *CURRENT], PREVIOUS)[0]
    f7 = next(r for r in result.results if r.enterprise_id == 7)
    assert f7.score("va_per_emission").value == INFINITY
    assert f7.score("va_per_emission").score == D("60.00")
    assert f7.score("tax_per_mu").score == D("0.00")


def test_empty_population_is_not_an_error():
    above, below = evaluate(METHOD, [], [])
    assert above.results == [] and below.results == []
    assert below.benchmarks == {"tax_per_mu": None}


def test_first_year_falls_back_to_the_current_population():
    result = evaluate(METHOD, CURRENT, [])[0]
    assert result.benchmarks["tax_per_mu"] == D(110) / D(50)


def test_improvement_hint_for_the_d_class_firm(above):
    f3 = next(r for r in above.results if r.enterprise_id == 3)
    hint = improvement(METHOD, f3, class_minimums(above.results))
    assert (hint.current_class, hint.next_class, hint.gap) == ("D", "B", D("10.00"))
    first = hint.hints[0]
    assert first.key == "tax_per_mu"
    assert (first.needed_value, first.increase_pct) == (D("1.33"), D("33.3"))
    assert hint.hints[1].needed_value is None  # no value: nothing to raise


def test_best_class_has_no_next_class(above):
    f1 = next(r for r in above.results if r.enterprise_id == 1)
    assert improvement(METHOD, f1, class_minimums(above.results)).next_class is None


def test_indicator_value_needs_every_measure():
    ind = METHOD.above_scale.indicators[0]
    assert indicator_value(ind, {"tax_paid": D(1), "land_mu": None}) is None
    assert indicator_value(ind, {"tax_paid": D(0), "land_mu": D(0)}) is None


def test_score_banding_with_fixed_benchmarks():
    """A second configuration (Huai'an style): fixed benchmarks, classes by score."""
    from zhuanxing.policy import load_policy

    other = load_policy("tests/policy/fixtures/other-city.toml").evaluation
    firms = [
        Firm(1, "above_scale",
             {"tax_paid": D(30), "land_mu": D(1), "value_added": D(4), "energy_tce": D(1)}),
        Firm(2, "above_scale",
             {"tax_paid": D(9), "land_mu": D(1), "value_added": D(2), "energy_tce": D(1)}),
    ]  # fmt: skip
    result = evaluate(other, firms, [])[0]
    # F1: tax 30/15 = 2 → cap 2 → 120; VA/energy 4/2 = 2 → 80; total 200 → A.
    # F2: tax 9/15 = 0.6 → 36; VA/energy 2/2 = 1 → 40; total 76 → B (≥ 70).
    assert [(r.enterprise_id, r.total, r.klass) for r in result.results] == [
        (1, D("200.00"), "A"),
        (2, D("76.00"), "B"),
    ]


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"industry_code": "4411"}, "utility"),
        ({"founded_on": "2011-06-01"}, "registered_recently"),
        ({"land_granted_on": "2010-03-01"}, "new_land_grant"),
        ({"land_mu": None}, "no_land"),
        ({"above_scale": False, "land_mu": D("2.9")}, "below_scale_small_land"),
        ({"above_scale": False, "land_mu": D(3)}, None),
        ({}, None),
    ],
)
def test_who_is_graded(changes, reason):
    from datetime import date

    base = {
        "enterprise_id": 1, "industry_code": "2822", "founded_on": date(2000, 1, 1),
        "land_granted_on": None, "land_mu": D(20), "above_scale": True,
    }  # fmt: skip
    for key in ("founded_on", "land_granted_on"):
        if isinstance(changes.get(key), str):
            changes = {**changes, key: date.fromisoformat(changes[key])}
    assert exclusion_reason(Candidate(**{**base, **changes}), 2012, METHOD) == reason


def test_missing_emissions_never_beat_the_benchmark():
    """Firms 1 and 4 score 1.5 × weight on emissions, so the population's average (60) is above
    a firm exactly at the benchmark (40). A firm without data gets the lower of the two: not
    reporting must not pay."""
    current = [firm(1, 40, 10, 200, 2), firm(3, 10, 10, 100, None), firm(4, 20, 10, 100, 1)]
    result = evaluate(METHOD, current, PREVIOUS)[0]
    f3 = next(r for r in result.results if r.enterprise_id == 3)
    assert f3.score("va_per_emission").score == D("40.00")  # min(60, 40 × 1.0)
    rewarding = METHOD.model_copy(update={"missing_emissions": "population_average_score"})
    f3 = next(r for r in evaluate(rewarding, current, PREVIOUS)[0].results if r.enterprise_id == 3)
    assert f3.score("va_per_emission").score == D("60.00")  # the Huangyan rule, still available


def test_missing_emissions_ratio_is_a_policy_setting():
    method = METHOD.model_copy(update={"missing_emissions_ratio": D("0.5")})
    current = [firm(1, 40, 10, 200, 2), firm(3, 10, 10, 100, None), firm(4, 20, 10, 100, 1)]
    f3 = next(r for r in evaluate(method, current, PREVIOUS)[0].results if r.enterprise_id == 3)
    assert f3.score("va_per_emission").score == D("20.00")


def test_unapproved_reports_are_listed_as_excluded():
    from zhuanxing.evaluation.engine import evaluate_year

    out = evaluate_year(METHOD, 2012, [], [], unapproved={42: "above_scale"})
    assert out.excluded == {42: ("above_scale", "report_not_approved")}


def test_jiaxing_policy_does_not_reward_missing_emissions(policy):
    assert policy.evaluation.missing_emissions == "capped_average"
    assert policy.evaluation.missing_emissions_ratio == 1
