"""The demo city passes its own validation rules: every rule of the policy file run over the
whole generated city finds no error; warnings are allowed and counted."""

import pytest

from zhuanxing.demo.generator import _region_rows, generate_city
from zhuanxing.demo.validation import validate_city

SMALL = {"above_scale": 60, "below_scale": 140}  # the size of tests/conftest.py's city


@pytest.fixture
def policy():
    from django.conf import settings

    from zhuanxing.policy import get_active_policy

    return get_active_policy(settings.ZHUANXING["POLICY_PATH"])


@pytest.fixture
def counties(db):
    """The real county-level units (嘉兴港区 among them) in the demo's order."""
    from zhuanxing.demo.writer import county_infos
    from zhuanxing.orgunits.loader import load_jiaxing_org_units

    load_jiaxing_org_units()
    return county_infos()


def _city(policy, counties, seed, **size):
    return generate_city(
        counties, city_code=policy.info.city_code, seed=seed, **size,
        scale_line=policy.above_scale,
    )  # fmt: skip


@pytest.mark.parametrize("seed", [7, 11, 20090820])
def test_generated_city_has_no_validation_errors(policy, counties, seed):
    found = validate_city(_city(policy, counties, seed, **SMALL), policy.reporting)
    errors = {k: n for k, n in found.by_rule.items() if found.importance[k] == "error"}
    assert errors == {}, errors
    assert found.warnings == sum(found.by_rule.values())  # the rest are warnings, counted


def test_an_industrial_zone_keeps_its_industry_within_gdp(policy, counties):
    """A small unit whose firms add a tenth of the city's value added (嘉兴港区's chemicals)
    has a GDP share of 4%: its GDP must still hold its industry and services."""
    zone = next(c for c in counties if c.code == "330400902")
    sums = {(c.code, 2012): (1_000_000.0, 100.0, 10.0) for c in counties}
    sums[(zone.code, 2012)] = (1_600_000.0, 100.0, 10.0)
    import random

    rows = _region_rows(random.Random(1), "330400", counties, sums, years=(2012,))
    for code, _year, gdp, industry, services, *_ in rows:
        assert industry <= gdp, code
        assert industry + services <= gdp + 0.01, code


def test_the_rules_see_a_broken_row(policy, counties):
    """The check itself works: a unit whose industry exceeds its GDP is an error."""
    data = _city(policy, counties, 7, above_scale=20, below_scale=20)
    code, year, gdp, industry, *rest = data.regions[1]
    data.regions[1] = (code, year, gdp, gdp * 2, *rest)
    found = validate_city(data, policy.reporting)
    assert found.by_rule["industry_within_gdp"] == 1
