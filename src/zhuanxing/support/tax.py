"""Enterprise income tax incentives (clause 十八): what a firm owes under the rules of a year.

Pure: no Django. The rules come from the policy file (``policy.tax_rule_set(year)``); this
module only applies them, in a fixed order (``docs/support.md`` works examples by hand):

1. ``tax_without_incentives``: taxable income × the standard rate (25%).
2. Resource reuse (条例 第九十九条): that revenue counted at 90%, so 10% of it leaves the income.
3. R&D super deduction (条例 第九十五条 and later notices): a percentage of R&D expense by year
   and sector deducted again.
4. Qualifying environmental / energy / water projects (条例 第八十八条, 三免三减半): the project's
   income exempt in years 1–3; in years 4–6 taxed at half the standard rate.
5. The preferential rate: high-tech 15%, or the small low-profit enterprise's 20% with the
   year's relief, or the standard rate; whichever gives the least tax. Overlapping preferences
   are never combined: the small low-profit computation replaces the others, and a half-taxed
   project income is taxed at the lower of half the standard rate and the preferential rate
   (国税函〔2010〕157号).
6. Special equipment credit (条例 第一百条): 10% of the investment off the tax due, at most the
   tax due; what is left is carried forward for 5 years, oldest first.

Every step's tax is rounded half up to 0.01 万元 and an incentive's amount is the difference
between two rounded steps, so the incentives add up exactly to the saving. Money in 万元.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from zhuanxing.core.figures import round_half_up

SECTORS = ("industrial", "other")
CENT = 2
ZERO = Decimal(0)
HUNDRED = Decimal(100)

# Incentive keys, in the order they are applied (names on pages: support.wording).
RESOURCE_REUSE = "resource_reuse"
RD_SUPER_DEDUCTION = "rd_super_deduction"
PROJECT_EXEMPTION = "project_exemption"
HIGH_TECH = "high_tech"
SMALL_LOW_PROFIT = "small_low_profit"
EQUIPMENT_CREDIT = "equipment_credit"
INCENTIVES = (
    RESOURCE_REUSE,
    RD_SUPER_DEDUCTION,
    PROJECT_EXEMPTION,
    HIGH_TECH,
    SMALL_LOW_PROFIT,
    EQUIPMENT_CREDIT,
)


@dataclass(frozen=True)
class TaxInput:
    """One enterprise-year. Money in 万元; ``taxable_income`` before the R&D super deduction
    and the other incentives (negative for a loss)."""

    year: int
    sector: str = "industrial"
    taxable_income: Decimal = ZERO
    employees: int = 0
    total_assets: Decimal = ZERO
    high_tech: bool = False
    rd_expense: Decimal = ZERO
    special_equipment_investment: Decimal = ZERO
    resource_reuse_revenue: Decimal = ZERO
    # A qualifying Art. 88 project: its income (part of taxable_income) and which year of the
    # project's income this is (1 = the first year with income); 0 = no such project.
    project_income: Decimal = ZERO
    project_year: int = 0

    def __post_init__(self):
        if self.sector not in SECTORS:
            raise ValueError(f"sector must be one of {', '.join(SECTORS)}, not {self.sector!r}")


@dataclass(frozen=True)
class Incentive:
    key: str
    amount: Decimal
    basis: str


@dataclass(frozen=True)
class Credit:
    """Unused special-equipment credit from ``year``, 万元."""

    year: int
    amount: Decimal


@dataclass(frozen=True)
class TaxEstimate:
    year: int
    tax_due: Decimal
    tax_without_incentives: Decimal
    rate: Decimal  # the income tax rate applied, percent (25, 20 or 15)
    incentives: tuple[Incentive, ...]
    credit_carried_forward: tuple[Credit, ...] = field(default=())

    @property
    def saving(self) -> Decimal:
        return self.tax_without_incentives - self.tax_due

    def amount(self, key: str) -> Decimal:
        return sum((i.amount for i in self.incentives if i.key == key), ZERO)

    def as_json(self) -> dict:
        """The CLI's ``--json`` answer: money as strings with two decimals, exact."""
        return {
            "tax_due": f"{self.tax_due:.2f}",
            "tax_without_incentives": f"{self.tax_without_incentives:.2f}",
            "saving": f"{self.saving:.2f}",
            "rate": f"{self.rate.normalize():f}",
            "incentives": [
                {"name": i.key, "basis": i.basis, "amount": f"{i.amount:.2f}"}
                for i in self.incentives
            ],
        }


def _money(value: Decimal) -> Decimal:
    return round_half_up(value, CENT)


def _pct(value: Decimal, pct: Decimal) -> Decimal:
    return value * Decimal(pct) / HUNDRED


def _standard(income: Decimal, rules) -> Decimal:
    return _money(_pct(max(income, ZERO), rules.standard_rate))


def is_small_low_profit(data: TaxInput, income: Decimal, rules) -> bool:
    """The year's small low-profit test on taxable income after deductions, staff and assets."""
    limits = (
        rules.small_low_profit_industrial
        if data.sector == "industrial"
        else rules.small_low_profit_other
    )
    return (
        income <= limits.taxable_income_max
        and data.employees <= limits.employees_max
        and data.total_assets <= limits.total_assets_max
    )


def small_low_profit_counted(income: Decimal, rules) -> Decimal:
    """The part of ``income`` counted for the 20% rate under the year's relief."""
    relief = rules.small_low_profit_relief
    income = max(income, ZERO)
    if relief is None:
        return income
    if relief.mode == "whole":
        band = relief.bands[0]
        return _pct(income, band.counted_pct) if income <= band.up_to else income
    counted, lower = ZERO, ZERO
    for band in relief.bands:
        portion = min(income, band.up_to) - lower
        if portion <= 0:
            break
        counted += _pct(portion, band.counted_pct)
        lower = band.up_to
    if income > lower:
        counted += income - lower
    return counted


def small_low_profit_tax(income: Decimal, rules) -> Decimal:
    return _money(_pct(small_low_profit_counted(income, rules), rules.small_low_profit_rate))


def usable_credits(credits, year: int, carry_years: int) -> list[Credit]:
    """Credits still usable in ``year``, oldest first (from year Y: Y to Y + carry_years)."""
    return sorted(
        (c for c in credits if year - carry_years <= c.year <= year and c.amount > 0),
        key=lambda c: c.year,
    )


def estimate(data: TaxInput, rules, credits_in=()) -> TaxEstimate:
    """The tax of one enterprise-year under ``rules`` (a policy ``TaxRuleSet`` in force in
    ``data.year``); ``credits_in``: unused equipment credit carried from earlier years."""
    basis = rules.basis
    steps: list[Incentive] = []

    def step(key: str, before: Decimal, after: Decimal, why: str) -> None:
        if before != after:
            steps.append(Incentive(key, before - after, why))

    income = data.taxable_income
    tax0 = _standard(income, rules)

    income -= _pct(data.resource_reuse_revenue, HUNDRED - rules.resource_reuse_counted_pct)
    tax1 = _standard(income, rules)
    step(RESOURCE_REUSE, tax0, tax1, basis.resource_reuse)

    rd_pct = getattr(rules.rd_super_deduction_pct, data.sector)
    income -= _pct(data.rd_expense, rd_pct)
    tax2 = _standard(income, rules)
    step(RD_SUPER_DEDUCTION, tax1, tax2, basis.rd_super_deduction)

    # 三免三减半: the project's income, within what is left of the taxable income.
    project = min(max(data.project_income, ZERO), max(income, ZERO))
    exempt_until = rules.project_exempt_years
    half_until = exempt_until + rules.project_half_years
    exempt = project if 1 <= data.project_year <= exempt_until else ZERO
    halved = project if exempt_until < data.project_year <= half_until else ZERO
    income -= exempt
    tax3 = _standard(income, rules)
    step(PROJECT_EXEMPTION, tax2, tax3, basis.project_exemption)

    # The preferential rate: each option's tax on the general income plus the halved project
    # income at the lower of half the standard rate and the option's rate; the least wins.
    general = income - halved
    half_rate = Decimal(rules.standard_rate) / 2
    options = []
    for key, rate in ((None, rules.standard_rate), (HIGH_TECH, rules.high_tech_rate)):
        if key == HIGH_TECH and not data.high_tech:
            continue
        tax = _money(_pct(max(general, ZERO), rate) + _pct(halved, min(half_rate, rate)))
        options.append((tax, key, Decimal(rate)))
    if income > 0 and is_small_low_profit(data, income, rules):
        options.append(
            (small_low_profit_tax(income, rules), SMALL_LOW_PROFIT, rules.small_low_profit_rate)
        )
    tax4, chosen, rate = min(options, key=lambda o: (o[0], o[1] is not None))
    if halved and chosen != SMALL_LOW_PROFIT:
        # The halving's own share, then the rate's on what remains.
        half_tax = _money(_pct(max(general, ZERO), rules.standard_rate) + _pct(halved, half_rate))
        step(PROJECT_EXEMPTION, tax3, half_tax, basis.project_exemption)
        tax3 = half_tax
    if chosen is not None:
        step(chosen, tax3, tax4, getattr(basis, chosen))

    # Special equipment credit, this year's after the older ones.
    new_credit = _money(_pct(data.special_equipment_investment, rules.equipment_credit_pct))
    credits = usable_credits(
        [*credits_in, Credit(data.year, new_credit)], data.year, rules.equipment_credit_carry_years
    )
    room, left = tax4, []
    for credit in credits:
        used = min(room, credit.amount)
        room -= used
        if credit.amount - used > 0:
            left.append(Credit(credit.year, credit.amount - used))
    step(EQUIPMENT_CREDIT, tax4, room, basis.equipment_credit)

    merged: dict[str, Incentive] = {}
    for item in steps:
        if item.key in merged:
            item = Incentive(item.key, merged[item.key].amount + item.amount, item.basis)
        merged[item.key] = item
    return TaxEstimate(
        year=data.year,
        tax_due=room,
        tax_without_incentives=tax0,
        rate=Decimal(rate),
        incentives=tuple(merged[k] for k in INCENTIVES if k in merged),
        credit_carried_forward=tuple(left),
    )


def estimate_years(inputs, rules_for) -> list[TaxEstimate]:
    """One enterprise over several years (ascending), carrying unused equipment credit;
    ``rules_for(year)`` gives the rule set in force."""
    out, credits = [], ()
    for data in sorted(inputs, key=lambda d: d.year):
        result = estimate(data, rules_for(data.year), credits)
        credits = result.credit_carried_forward
        out.append(result)
    return out


# The CLI's input document: these keys only; absent numbers are 0.
INPUT_MONEY = (
    "taxable_income",
    "total_assets",
    "rd_expense",
    "special_equipment_investment",
    "resource_reuse_revenue",
)
INPUT_KEYS = ("year", "sector", "employees", "high_tech", *INPUT_MONEY)


class InputError(ValueError):
    """The input document is not valid; the message names the key."""


def input_from_json(doc) -> TaxInput:
    """A ``TaxInput`` from the CLI's JSON document (numbers parsed as Decimal)."""
    if not isinstance(doc, dict):
        raise InputError("the input must be a JSON object")
    unknown = sorted(set(doc) - set(INPUT_KEYS))
    if unknown:
        raise InputError(f"unknown key(s): {', '.join(unknown)}; expected {', '.join(INPUT_KEYS)}")
    year = doc.get("year")
    if isinstance(year, Decimal) and year == year.to_integral_value():
        year = int(year)
    if not isinstance(year, int) or isinstance(year, bool):
        raise InputError("year: a whole number is required")
    sector = doc.get("sector", "industrial")
    if sector not in SECTORS:
        raise InputError(f"sector: one of {', '.join(SECTORS)}")
    employees = doc.get("employees", 0)
    if isinstance(employees, Decimal) and employees == employees.to_integral_value():
        employees = int(employees)
    if not isinstance(employees, int) or isinstance(employees, bool) or employees < 0:
        raise InputError("employees: a whole number, 0 or more")
    high_tech = doc.get("high_tech", False)
    if not isinstance(high_tech, bool):
        raise InputError("high_tech: true or false")
    money = {}
    for key in INPUT_MONEY:
        value = doc.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise InputError(f"{key}: a number (万元) is required")
        value = Decimal(value)
        if not value.is_finite() or value.as_tuple().exponent < -CENT:
            raise InputError(f"{key}: at most two decimals (万元)")
        if abs(value) >= Decimal("1e12"):
            raise InputError(f"{key}: too large")
        if value < 0 and key != "taxable_income":
            raise InputError(f"{key}: must not be negative")
        money[key] = value
    return TaxInput(year=year, sector=sector, employees=employees, high_tech=high_tech, **money)
