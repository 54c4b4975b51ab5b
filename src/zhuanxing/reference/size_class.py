"""Enterprise size classes for industry (工业企业大中小微型划分), by rule edition.

Money in 万元. The edition is chosen by the statistical year:

- 2003 rules (国统字〔2003〕17号), years 2003-2010: large needs >= 2000 employees, >= 30000 sales
  and >= 40000 total assets; medium >= 300, >= 3000 and >= 4000; anything else is small. Large
  and medium must meet every lower bound, else the firm drops a class. No micro class.
- 2011 rules (国统字〔2011〕75号), from 2011: large >= 1000 employees and >= 40000 revenue;
  medium >= 300 and >= 2000; small >= 20 and >= 300; micro otherwise (one measure below the
  small bounds is enough). The 2017 revision (国统字〔2017〕213号) kept these industry bounds.

The bounds are statistical definitions, not policy settings, so they live here as data.
"""

from dataclasses import dataclass
from decimal import Decimal

LARGE = "large"
MEDIUM = "medium"
SMALL = "small"
MICRO = "micro"

FIRST_YEAR_2011_RULES = 2011
FIRST_YEAR_2003_RULES = 2003


@dataclass(frozen=True)
class _Bound:
    size: str
    employees: int
    revenue_10k: Decimal
    assets_10k: Decimal | None = None


# Largest class first; a firm gets the first class whose lower bounds it meets in full.
_RULES_2003 = (
    _Bound(LARGE, 2000, Decimal(30000), Decimal(40000)),
    _Bound(MEDIUM, 300, Decimal(3000), Decimal(4000)),
)
_RULES_2011 = (
    _Bound(LARGE, 1000, Decimal(40000)),
    _Bound(MEDIUM, 300, Decimal(2000)),
    _Bound(SMALL, 20, Decimal(300)),
)


def rule_edition(year: int) -> str:
    """The rule edition ("2003" or "2011") in force for a statistical year."""
    if year >= FIRST_YEAR_2011_RULES:
        return "2011"
    if year >= FIRST_YEAR_2003_RULES:
        return "2003"
    raise ValueError(f"no size-class rules are encoded for {year} (earliest is 2003)")


def size_class(
    year: int,
    employees: int,
    revenue_10k: Decimal | float | int,
    assets_10k: Decimal | float | int | None = None,
) -> str:
    """The size class of an industrial firm in ``year``: "large", "medium", "small" or "micro".

    ``revenue_10k`` is sales (2003 rules) or main business revenue (2011 rules) in 万元;
    ``assets_10k`` (total assets, 万元) is required for years before 2011 and ignored after.
    """
    if employees < 0:
        raise ValueError(f"employees cannot be negative, got {employees}")
    revenue = _decimal(revenue_10k, "revenue_10k")
    if rule_edition(year) == "2011":
        return _first_met(_RULES_2011, employees, revenue, None, default=MICRO)
    if assets_10k is None:
        raise ValueError(f"the 2003 rules (year {year}) also need total assets (assets_10k)")
    assets = _decimal(assets_10k, "assets_10k")
    return _first_met(_RULES_2003, employees, revenue, assets, default=SMALL)


def _first_met(
    rules: tuple[_Bound, ...],
    employees: int,
    revenue: Decimal,
    assets: Decimal | None,
    default: str,
) -> str:
    for bound in rules:
        if (
            employees >= bound.employees
            and revenue >= bound.revenue_10k
            and (bound.assets_10k is None or (assets is not None and assets >= bound.assets_10k))
        ):
            return bound.size
    return default


def _decimal(value: Decimal | float | int, name: str) -> Decimal:
    # str() first so 0.1 becomes Decimal("0.1"), not its binary expansion.
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if number < 0:
        raise ValueError(f"{name} cannot be negative, got {value}")
    return number
