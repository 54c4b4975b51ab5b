"""Another city is another policy file: a fictional one loads and gives different answers."""

from decimal import Decimal
from pathlib import Path

import pytest

from zhuanxing.policy import Policy, load_policy
from zhuanxing.reference import high_tech

OTHER_CITY = Path(__file__).resolve().parent / "fixtures" / "other-city.toml"
JIAXING = Path(__file__).resolve().parents[2] / "policies" / "jiaxing-2009.toml"


@pytest.fixture(scope="module")
def other() -> Policy:
    return load_policy(OTHER_CITY)


@pytest.fixture(scope="module")
def jiaxing() -> Policy:
    return load_policy(JIAXING)


def test_identity(other):
    assert (other.info.id, other.info.city_code) == ("test-city-2021", "330600")
    assert (other.info.base_year, other.info.target_year) == (2020, 2025)


def test_other_category_keys_are_allowed(other):
    assert set(other.categories_1244) == {"textiles_garments", "new_energy", "digital_services"}


@pytest.mark.parametrize(
    ("class_code", "other_key", "jiaxing_key"),
    [
        ("1711", "textiles_garments", "textiles"),
        ("1811", "textiles_garments", "garments"),
        ("3843", "new_energy", None),  # lead-acid: in the other city's battery group
        ("6511", "digital_services", "producer_services"),
        ("5920", None, "producer_services"),
        ("2822", None, "chemical_fibre"),
    ],
)
def test_categories_differ(other, jiaxing, class_code, other_key, jiaxing_key):
    assert other.category_1244(class_code) == other_key
    assert jiaxing.category_1244(class_code) == jiaxing_key


def test_thresholds_differ(other, jiaxing):
    assert jiaxing.is_above_scale(2010, 800)
    # Before its first line (2011) the other city's earliest line, 2000万, applies.
    assert not other.is_above_scale(2010, 800)
    assert other.is_above_scale(2010, 2000)
    assert other.above_scale_threshold(2025) == Decimal(2000)


def test_high_tech_scope_widened(other, jiaxing):
    assert other.high_tech_classes() == high_tech.high_tech_classes() | {"3825"}
    assert other.is_high_tech("3825")
    assert not jiaxing.is_high_tech("3825")


def test_targets_differ(other):
    assert [t.key for t in other.targets] == ["rd_intensity", "new_energy_output", "energy_per_va"]
    assert other.target("rd_intensity").rule.value == 3
    assert other.target("new_energy_output").rule.change_pct == 100
    filters = other.indicators["new_energy_output"].numerator
    assert filters.category_keys == ("new_energy",)


def test_settings_differ(other):
    assert other.evaluation.enabled is True
    assert other.evaluation.band_for(Decimal(15)) == "B"
    assert other.awards.guarantee_agencies.count == 3
    assert other.tax_rule_set(2022).rd_super_deduction_pct.other == 50
    assert other.tax_rule_set(2023).rd_super_deduction_pct.other == 100
