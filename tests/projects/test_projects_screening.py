"""Clause 十四 screening against hand-computed figures: at, just above and just below the city
averages, and at and either side of every review-tier and key-energy-user boundary.

Policy figures used (policies/jiaxing-2009.toml): electricity 0.1229 kgce/kWh; energy report
from 3000 tce or 5,000,000 kWh, table from 1000 tce or 2,000,000 kWh; key energy user from
10,000 tce, may be designated from 5,000.
"""

from decimal import Decimal as D

import pytest

from zhuanxing.projects.screening import (
    Benchmark,
    InputError,
    comprehensive_tce,
    parse_figures,
    screen,
)

# City averages: energy 0.5 tce/万元; COD 2.0 kg/万元 and SO2 3.0 kg/万元 (factor 1000, t → kg).
BENCHMARKS = [
    Benchmark("energy_per_va", ("energy_tce",), D(1), D("0.5"), 40),
    Benchmark("cod_per_va", ("cod_t",), D(1000), D("2.0"), 38),
    Benchmark("so2_per_va", ("so2_t",), D(1000), D("3.0"), 38),
]


def figures(**over):
    # VA 1000 万元; 377.1 tce + 1,000,000 kWh × 0.1229 kgce/kWh ÷ 1000 = 122.9 tce → 500.0 tce,
    # 0.5 tce/万元: exactly the city average. COD 2.0 t → 2.0 kg/万元; SO2 3.0 t → 3.0 kg/万元.
    data = {"value_added": "1000", "energy_tce": "377.1", "electricity_kwh": "1000000",
            "cod_t": "2.0", "nh3n_t": "0.1", "so2_t": "3.0", "nox_t": "1.0"}  # fmt: skip
    return parse_figures({**data, **over})


def test_electricity_is_converted_with_the_policy_factor(policy):
    assert comprehensive_tce(figures(), policy.screening.electricity_kgce_per_kwh) == D("500.0")


def test_at_the_averages_is_approved(policy):
    result = screen(figures(), BENCHMARKS, policy.screening)
    assert [(c.measure, c.project_per_va, c.passed) for c in result.checks] == [
        ("energy_per_va", D("0.5"), True),
        ("cod_per_va", D("2.0"), True),
        ("so2_per_va", D("3.0"), True),
    ]
    assert result.approved is True


def test_energy_just_above_the_average_is_rejected(policy):
    # 377.2 + 122.9 = 500.1 tce → 0.5001 tce/万元 > 0.5
    result = screen(figures(energy_tce="377.2"), BENCHMARKS, policy.screening)
    assert result.checks[0].project_per_va == D("0.5001")
    assert result.checks[0].passed is False
    assert result.approved is False


def test_energy_just_below_the_average_is_approved(policy):
    result = screen(figures(energy_tce="377.0"), BENCHMARKS, policy.screening)
    assert result.checks[0].project_per_va == D("0.4999")
    assert result.approved is True


def test_electricity_alone_can_tip_energy_over(policy):
    # 1,000,814 kWh × 0.1229 ÷ 1000 = 123.0000406 tce; + 377.1 = 500.0000406 → just above 0.5.
    result = screen(figures(electricity_kwh="1000814"), BENCHMARKS, policy.screening)
    assert result.checks[0].passed is False


@pytest.mark.parametrize(
    ("field", "value", "index", "per_va", "passed"),
    [
        ("cod_t", "2.001", 1, D("2.001"), False),  # 1000 × 2.001 ÷ 1000
        ("cod_t", "1.999", 1, D("1.999"), True),
        ("so2_t", "3.001", 2, D("3.001"), False),
        ("so2_t", "2.999", 2, D("2.999"), True),
    ],
)
def test_each_pollutant_either_side_of_its_average(policy, field, value, index, per_va, passed):
    result = screen(figures(**{field: value}), BENCHMARKS, policy.screening)
    assert result.checks[index].project_per_va == per_va
    assert result.checks[index].passed is passed
    assert result.approved is passed


def test_no_city_average_cannot_approve(policy):
    missing = [*BENCHMARKS[:2], Benchmark("so2_per_va", ("so2_t",), D(1000), None, 0)]
    result = screen(figures(), missing, policy.screening)
    assert result.checks[2].passed is None
    assert result.approved is False


@pytest.mark.parametrize(
    ("energy_tce", "kwh", "tier"),
    [
        ("3000", "0", "report"),  # at the report line (tce)
        ("2999.99", "0", "table"),
        ("1000", "0", "table"),  # at the table line (tce)
        ("999.99", "0", "registration"),
        ("0", "5000000", "report"),  # at the report line (kWh); 614.5 tce
        ("0", "4999999", "table"),
        ("0", "2000000", "table"),  # at the table line (kWh); 245.8 tce
        ("0", "1999999", "registration"),
        # electricity counts in the tce too: 2385.5 + 5,000,000 × 0.1229 ÷ 1000 (614.5) = 3000
        ("2385.5", "4999999", "table"),  # 2385.5 + 614.4998771 = 2999.9998771 tce
        ("2385.6", "4999999", "report"),  # 3000.0998771 tce
    ],
)
def test_review_tier_boundaries(policy, energy_tce, kwh, tier):
    result = screen(figures(energy_tce=energy_tce, electricity_kwh=kwh), BENCHMARKS,
                    policy.screening)  # fmt: skip
    assert result.review_tier == tier


@pytest.mark.parametrize(
    ("energy_tce", "key", "designated"),
    [("10000", True, False), ("9999.99", False, True), ("5000", False, True),
     ("4999.99", False, False)],
)  # fmt: skip
def test_key_energy_user_boundaries(policy, energy_tce, key, designated):
    result = screen(figures(energy_tce=energy_tce, electricity_kwh="0"), BENCHMARKS,
                    policy.screening)  # fmt: skip
    assert (result.key_energy_user, result.may_be_designated) == (key, designated)


@pytest.mark.parametrize(
    ("over", "field", "problem"),
    [
        ({"value_added": None}, "value_added", "missing"),
        ({"nox_t": ""}, "nox_t", "missing"),
        ({"so2_t": "-0.1"}, "so2_t", "negative"),
        ({"electricity_kwh": "lots"}, "electricity_kwh", "not a number"),
        ({"cod_t": True}, "cod_t", "not a number"),
        ({"energy_tce": "NaN"}, "energy_tce", "not a number"),
        ({"value_added": "0"}, "value_added", "not positive"),
    ],
)
def test_bad_inputs_name_the_field(over, field, problem):
    with pytest.raises(InputError, match=field) as caught:
        figures(**over)
    assert (caught.value.field, caught.value.problem) == (field, problem)
