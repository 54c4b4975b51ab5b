"""Screening of a new industrial project (clause 十四), pure arithmetic (no Django).

"新建工业项目单位工业增加值能耗和单位工业增加值污染物排放量一般不得高于全市平均水平": the
project's energy and each screened pollutant per unit of value added must not exceed the city's
average in the latest complete year (an equal figure passes). The averages are the policy's
screening indicators (``[screening]``), read from the analytics store by ``benchmarks.py``.

- Energy is compared as comprehensive consumption: the project's energy other than electricity
  (tce) plus its electricity converted at the policy's 当量值 factor (kgce/kWh ÷ 1000), the same
  definition as the enterprises' reported ``energy_tce`` behind the city average.
- A per-VA figure is ``factor × measure ÷ value added`` with the indicator's own ``factor`` (1000
  for kg/万元 from tonnes), so both sides are in the indicator's unit. Compared unrounded.
- Review tier (NDRC 令第6号, 2010; thresholds from ``[screening.energy_review]``): an energy
  report from ``report_min_tce`` tce/yr (comprehensive, electricity included) or
  ``report_min_kwh`` kWh; an energy table from ``table_min_tce`` or ``table_min_kwh``; otherwise
  a registration form.
- Key energy-using unit (节约能源法 第五十二条): comprehensive consumption ≥ ``min_tce``; from
  ``designated_min_tce`` the unit may be designated one.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

INPUT_FIELDS = (
    "value_added", "energy_tce", "electricity_kwh", "cod_t", "nh3n_t", "so2_t", "nox_t",
)  # fmt: skip
TIERS = ("report", "table", "registration")
KG_PER_TONNE = Decimal(1000)


class InputError(ValueError):
    """A project figure that is missing, not a number, or negative; ``field`` names it."""

    def __init__(self, field_name: str, problem: str):
        super().__init__(f"{field_name}: {problem}")
        self.field = field_name
        self.problem = problem  # "missing" | "not a number" | "negative" | "not positive"


@dataclass(frozen=True)
class Figures:
    """A project's expected yearly figures at full production."""

    value_added: Decimal  # 万元/yr, > 0
    energy_tce: Decimal  # energy other than electricity, tce/yr
    electricity_kwh: Decimal
    cod_t: Decimal
    nh3n_t: Decimal
    so2_t: Decimal
    nox_t: Decimal

    def measure(self, name: str, kgce_per_kwh: Decimal) -> Decimal:
        if name == "energy_tce":
            return comprehensive_tce(self, kgce_per_kwh)
        return getattr(self, name)


def parse_figures(data) -> Figures:
    """The figures from a mapping (JSON, a form); InputError names the first bad field."""
    values = {}
    for name in INPUT_FIELDS:
        raw = data.get(name) if hasattr(data, "get") else None
        if raw is None or raw == "" or isinstance(raw, bool):
            raise InputError(name, "missing" if raw in (None, "") else "not a number")
        try:
            value = Decimal(str(raw).strip())
        except (InvalidOperation, ValueError):
            raise InputError(name, "not a number") from None
        if not value.is_finite():
            raise InputError(name, "not a number")
        if value < 0:
            raise InputError(name, "negative")
        values[name] = value
    if values["value_added"] == 0:
        raise InputError("value_added", "not positive")
    return Figures(**values)


def comprehensive_tce(figures: Figures, kgce_per_kwh: Decimal) -> Decimal:
    """Energy other than electricity plus electricity at the 当量值 factor, tce/yr."""
    return figures.energy_tce + figures.electricity_kwh * kgce_per_kwh / KG_PER_TONNE


def review_tier(total_tce: Decimal, kwh: Decimal, review) -> str:
    """ "report", "table" or "registration" (thresholds included in the higher tier)."""
    if total_tce >= review.report_min_tce or kwh >= review.report_min_kwh:
        return "report"
    if total_tce >= review.table_min_tce or kwh >= review.table_min_kwh:
        return "table"
    return "registration"


@dataclass(frozen=True)
class Benchmark:
    """A screening indicator's city average in the latest complete year."""

    key: str
    measures: tuple[str, ...]  # the indicator's numerator measures
    factor: Decimal
    value: Decimal | None  # None: no firm reported it
    firms: int | None = None


@dataclass(frozen=True)
class Check:
    measure: str  # the indicator key
    project_per_va: Decimal
    city_average_per_va: Decimal | None
    passed: bool | None  # None: no city average to compare with
    firms: int | None = None


@dataclass(frozen=True)
class Result:
    approved: bool
    review_tier: str
    key_energy_user: bool
    may_be_designated: bool  # between designated_min_tce and min_tce
    comprehensive_tce: Decimal
    electricity_kwh: Decimal
    checks: list[Check] = field(default_factory=list)


def per_va(figures: Figures, bench: Benchmark, kgce_per_kwh: Decimal) -> Decimal:
    total = sum((figures.measure(m, kgce_per_kwh) for m in bench.measures), Decimal(0))
    return bench.factor * total / figures.value_added


def screen(figures: Figures, benchmarks: list[Benchmark], policy_screening) -> Result:
    """The verdict: approved only when every check passes (a check without a city average
    cannot pass)."""
    factor = policy_screening.electricity_kgce_per_kwh
    total = comprehensive_tce(figures, factor)
    checks = []
    for bench in benchmarks:
        mine = per_va(figures, bench, factor)
        passed = None if bench.value is None else mine <= bench.value
        checks.append(Check(bench.key, mine, bench.value, passed, bench.firms))
    key = policy_screening.key_energy_user
    return Result(
        approved=bool(checks) and all(c.passed for c in checks),
        review_tier=review_tier(total, figures.electricity_kwh, policy_screening.energy_review),
        key_energy_user=total >= key.min_tce,
        may_be_designated=key.designated_min_tce <= total < key.min_tce,
        comprehensive_tce=total,
        electricity_kwh=figures.electricity_kwh,
        checks=checks,
    )
