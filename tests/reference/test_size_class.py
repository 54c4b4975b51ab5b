from decimal import Decimal

import pytest

from zhuanxing.reference.size_class import rule_edition, size_class


def test_rule_editions():
    assert rule_edition(2003) == rule_edition(2010) == "2003"
    assert rule_edition(2011) == rule_edition(2024) == "2011"
    with pytest.raises(ValueError, match="no size-class rules are encoded for 2002"):
        rule_edition(2002)


@pytest.mark.parametrize(
    ("employees", "revenue", "expected"),
    [
        (1000, 40000, "large"),  # both lower bounds met exactly
        (999, 40000, "medium"),  # one short of large staff
        (1000, Decimal("39999.99"), "medium"),
        (5000, 1999, "small"),  # big staff but revenue only small: drops two classes
        (300, 2000, "medium"),
        (299, 2000, "small"),
        (300, Decimal("1999.9"), "small"),
        (20, 300, "small"),
        (19, 300, "micro"),  # one measure below is enough for micro
        (20, Decimal("299.99"), "micro"),
        (2000, 100, "micro"),
        (0, 0, "micro"),
    ],
)
def test_2011_rules(employees, revenue, expected):
    assert size_class(2011, employees, revenue) == expected


def test_2011_rules_ignore_assets():
    assert size_class(2015, 1000, 40000, assets_10k=1) == "large"


@pytest.mark.parametrize(
    ("employees", "sales", "assets", "expected"),
    [
        (2000, 30000, 40000, "large"),  # all three lower bounds met exactly
        (1999, 30000, 40000, "medium"),
        (2000, Decimal("29999.99"), 40000, "medium"),
        (2000, 30000, 39999, "medium"),
        (300, 3000, 4000, "medium"),
        (299, 3000, 4000, "small"),
        (300, 2999, 4000, "small"),
        (300, 3000, 3999, "small"),
        (5000, 100000, 3000, "small"),  # assets below the medium bound: small
        (5, 10, 10, "small"),  # no micro class before 2011
    ],
)
def test_2003_rules(employees, sales, assets, expected):
    assert size_class(2009, employees, sales, assets) == expected


def test_2003_rules_need_assets():
    with pytest.raises(ValueError, match="assets"):
        size_class(2010, 2500, 50000)


def test_floats_compare_by_their_decimal_value():
    # A float is compared at the value it prints as, not its binary expansion.
    assert size_class(2012, 20, 299.99) == "micro"
    assert size_class(2012, 20, 300.0) == "small"


def test_negative_values_are_rejected():
    with pytest.raises(ValueError, match="employees cannot be negative, got -1"):
        size_class(2012, -1, 100)
    with pytest.raises(ValueError, match="revenue_10k cannot be negative, got -5"):
        size_class(2012, 10, -5)
