"""What-if simulation: the clause-四 figures before and after exiting or upgrading chosen firms.

Pure functions. The figures follow the policy's indicators: value added per mu and energy per
unit of value added over 规上 firms (as the cockpit), a firm counting only where it reports both
measures; emissions summed over the firms that report them; land and energy freed over all.

"Upgrade" lifts a firm to the median of its own evaluation population (规上 or 规下, over the
firms the run graded: utilities and other excluded firms do not set the bar) on each per-unit
measure where it is worse: value added per mu up to the median (value added rises, output in
proportion), then energy, COD and SO2 per unit of value added down to their medians; tax, jobs and
the other measures stay as reported. "Exit" closes the firm: its value added, output, tax and jobs
are lost. Its land either leaves the books (``land="released"``) or stays counted until it is
re-let (``land="kept"``: the plot stays in the denominators of the per-mu ratios with nothing on
it, so value added per mu falls).

Losses and land/energy freed count every chosen firm (规上 and 规下); the ratios count 规上 firms,
as the cockpit. ``indicator_after`` moves an indicator's store sums (numerator, denominator) by
the chosen firms' changes, under the indicator's own filters, so targets and the assessment score
can be read before and after.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from statistics import median

from zhuanxing.analytics.assessment_scoring import ItemScore, score_counties
from zhuanxing.core.figures import to_hundred_million

ZERO = Decimal(0)
CITY = "city"
ACTIONS = ("exit", "upgrade")
LAND_BASES = ("released", "kept")
POPULATIONS = ("above_scale", "below_scale")


@dataclass(frozen=True)
class FirmYear:
    enterprise_id: int
    county_code: str
    above_scale: bool
    heavy: bool | None
    gross_output: Decimal
    value_added: Decimal
    land_mu: Decimal
    energy_tce: Decimal | None  # None: not reported
    cod_t: Decimal | None
    so2_t: Decimal | None
    tax_paid: Decimal = ZERO
    employees: Decimal = ZERO
    # Other reported measures (rd_spending, main_revenue, new_product_output, …) and the
    # classification flags the indicator filters name (industrial, manufacturing, high_tech).
    measures: Mapping[str, Decimal | None] = field(default_factory=dict)
    flags: frozenset[str] = frozenset()

    @property
    def population(self) -> str:
        return "above_scale" if self.above_scale else "below_scale"


_FIELDS = (
    "gross_output", "value_added", "land_mu", "energy_tce", "cod_t", "so2_t", "tax_paid",
    "employees",
)  # fmt: skip


def measure(firm: FirmYear, name: str) -> Decimal | None:
    if name in _FIELDS:
        return getattr(firm, name)
    value = firm.measures.get(name)
    return None if value is None else Decimal(value)


def passes(firm: FirmYear, filters: Iterable[str]) -> bool:
    """Whether the firm passes every filter (the policy vocabulary, as the store applies it)."""
    for name in filters:
        if name == "above_scale":
            ok = firm.above_scale
        elif name == "below_scale":
            ok = not firm.above_scale
        elif name == "heavy_industry":
            ok = firm.heavy is True
        elif name == "light_industry":
            ok = firm.heavy is False
        else:
            ok = name in firm.flags
        if not ok:
            return False
    return True


@dataclass(frozen=True)
class Figures:
    """A region's clause-四 figures over the firms given."""

    va_per_mu: Decimal | None  # 万元/亩
    energy_per_va: Decimal | None  # tce/万元
    cod_t: Decimal
    so2_t: Decimal
    heavy_share: Decimal | None  # % of 规上 gross output
    land_mu: Decimal
    energy_tce: Decimal


def _ratio(a: Decimal, b: Decimal, factor: int = 1) -> Decimal | None:
    return a / b * factor if b else None


def figures(firms: Iterable[FirmYear]) -> Figures:
    land = all_land = va_land = energy = all_energy = va_energy = cod = so2 = ZERO
    gross = heavy_gross = ZERO
    for f in firms:
        cod += f.cod_t or ZERO
        so2 += f.so2_t or ZERO
        all_energy += f.energy_tce or ZERO
        all_land += f.land_mu
        if not f.above_scale:
            continue
        gross += f.gross_output
        if f.heavy:
            heavy_gross += f.gross_output
        if f.land_mu > 0:
            land += f.land_mu
            va_land += f.value_added
        if f.energy_tce is not None:
            energy += f.energy_tce
            va_energy += f.value_added
    return Figures(
        va_per_mu=_ratio(va_land, land),
        energy_per_va=_ratio(energy, va_energy),
        cod_t=cod,
        so2_t=so2,
        heavy_share=_ratio(heavy_gross, gross, 100),
        land_mu=all_land,
        energy_tce=all_energy,
    )


@dataclass(frozen=True)
class Medians:
    va_per_mu: Decimal
    energy_per_va: Decimal
    cod_per_va: Decimal
    so2_per_va: Decimal


def medians(firms: Iterable[FirmYear]) -> Medians:
    productive = [f for f in firms if f.value_added > 0]
    with_land = [f.value_added / f.land_mu for f in productive if f.land_mu > 0]

    def med(values: list[Decimal]) -> Decimal:
        return Decimal(median(values)) if values else ZERO

    return Medians(
        va_per_mu=med(with_land),
        energy_per_va=med(
            [f.energy_tce / f.value_added for f in productive if f.energy_tce is not None]
        ),
        cod_per_va=med([f.cod_t / f.value_added for f in productive if f.cod_t is not None]),
        so2_per_va=med([f.so2_t / f.value_added for f in productive if f.so2_t is not None]),
    )


def upgraded(firm: FirmYear, m: Medians) -> FirmYear:
    va = firm.value_added
    if firm.land_mu > 0 and va < firm.land_mu * m.va_per_mu:
        va = firm.land_mu * m.va_per_mu
    gross = firm.gross_output * va / firm.value_added if firm.value_added > 0 else firm.gross_output

    def capped(value: Decimal | None, median_per_va: Decimal) -> Decimal | None:
        return None if value is None else min(value, va * median_per_va)

    return replace(
        firm,
        value_added=va,
        gross_output=gross,
        energy_tce=capped(firm.energy_tce, m.energy_per_va),
        cod_t=capped(firm.cod_t, m.cod_per_va),
        so2_t=capped(firm.so2_t, m.so2_per_va),
    )


def vacated(firm: FirmYear) -> FirmYear:
    """An exited firm whose land stays counted: the plot, with nothing produced on it."""

    def nil(value):
        return None if value is None else ZERO

    return replace(
        firm,
        gross_output=ZERO,
        value_added=ZERO,
        energy_tce=nil(firm.energy_tce),
        cod_t=nil(firm.cod_t),
        so2_t=nil(firm.so2_t),
        tax_paid=ZERO,
        employees=ZERO,
        measures={k: nil(v) for k, v in firm.measures.items() if k != "land_mu"},
    )


@dataclass(frozen=True)
class Loss:
    """What the region gives up (negative: gains, e.g. value added from an upgrade)."""

    value_added: Decimal  # 万元
    gross_output: Decimal  # 万元
    tax_paid: Decimal  # 万元
    employees: Decimal  # persons

    @property
    def value_added_yi(self) -> Decimal:  # 亿元
        return to_hundred_million(self.value_added)

    @property
    def gross_output_yi(self) -> Decimal:
        return to_hundred_million(self.gross_output)

    @property
    def tax_paid_yi(self) -> Decimal:
        return to_hundred_million(self.tax_paid)


@dataclass(frozen=True)
class Change:
    before: FirmYear
    after: FirmYear | None  # None: gone, land and all


@dataclass(frozen=True)
class Comparison:
    region: str  # "city" or a county-level unit's code
    before: Figures
    after: Figures
    land_freed_mu: Decimal
    energy_freed_tce: Decimal
    lost: Loss
    changes: tuple[Change, ...] = ()


def changes_of(
    firms: Sequence[FirmYear],
    selected: set[int],
    action: str,
    *,
    land: str = "released",
    graded: set[int] | None = None,
) -> list[Change]:
    """The chosen firms before and after. ``graded``: the run's graded firms, whose medians (by
    population) an upgrade reaches; None: every firm given."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}: use 'exit' or 'upgrade'")
    if land not in LAND_BASES:
        raise ValueError(f"unknown land basis {land!r}: use 'released' or 'kept'")
    bar = {}
    if action == "upgrade":
        pool = [f for f in firms if graded is None or f.enterprise_id in graded]
        bar = {p: medians(f for f in pool if f.population == p) for p in POPULATIONS}
    out = []
    for firm in firms:
        if firm.enterprise_id not in selected:
            continue
        if action == "upgrade":
            out.append(Change(firm, upgraded(firm, bar[firm.population])))
        else:
            out.append(Change(firm, vacated(firm) if land == "kept" else None))
    return out


def _sum(firms: Iterable[FirmYear | None], name: str) -> Decimal:
    return sum((measure(f, name) or ZERO for f in firms if f is not None), ZERO)


def simulate(
    firms: Sequence[FirmYear],
    selected: set[int],
    action: str,
    *,
    land: str = "released",
    graded: set[int] | None = None,
) -> list[Comparison]:
    """Before/after figures for the city and each county-level unit."""
    changes = {
        c.before.enterprise_id: c
        for c in changes_of(firms, selected, action, land=land, graded=graded)
    }
    after = [changes[f.enterprise_id].after if f.enterprise_id in changes else f for f in firms]
    after = [f for f in after if f is not None]
    regions = [CITY, *sorted({f.county_code for f in firms})]
    out = []
    for region in regions:

        def member(f: FirmYear, region=region) -> bool:
            return region == CITY or f.county_code == region

        mine = tuple(c for c in changes.values() if member(c.before))
        b = figures(f for f in firms if member(f))
        a = figures(f for f in after if member(f))
        befores = [c.before for c in mine]
        afters = [c.after for c in mine]
        lost = Loss(
            *(
                _sum(befores, m) - _sum(afters, m)
                for m in ("value_added", "gross_output", "tax_paid", "employees")
            )
        )
        freed_land = _sum(befores, "land_mu") if action == "exit" else ZERO
        out.append(Comparison(region, b, a, freed_land, b.energy_tce - a.energy_tce, lost, mine))
    return out


# --- indicators, targets and the assessment score after the change ----------------------------

# Region statistics a firm's change moves: its value added is part of the region's industrial
# value added and GDP, its energy of the region's, its land of the region's industrial land.
REGION_FROM_FIRM = {
    "industrial_value_added": "value_added",
    "gdp": "value_added",
    "energy_tce": "energy_tce",
    "industrial_land_mu": "land_mu",
}


def _reported(firm: FirmYear | None, table) -> bool:
    return firm is not None and any(measure(firm, m) is not None for m in table.measures)


def _side_delta(table, other, changes: Iterable[Change], paired: bool) -> Decimal:
    """How much a side's sum moves: Σ after − Σ before over the changed firms it counts."""

    def contribution(firm: FirmYear | None) -> Decimal:
        if firm is None:
            return ZERO
        if table.source == "region":
            names = [REGION_FROM_FIRM[m] for m in table.measures if m in REGION_FROM_FIRM]
        else:
            if not passes(firm, table.filters):
                return ZERO
            if paired and other is not None and not _reported(firm, other):
                return ZERO
            names = list(table.measures)
        return sum((measure(firm, n) or ZERO for n in names), ZERO)

    return sum((contribution(c.after) - contribution(c.before) for c in changes), ZERO)


def indicator_after(
    indicator, numerator: float | None, denominator: float | None, changes: Iterable[Change]
) -> Decimal | None:
    """The indicator's value once ``changes`` apply, from the store's sums before them."""
    changes = list(changes)
    if numerator is None:
        return None
    paired = bool(
        indicator.pair_firms
        and indicator.denominator is not None
        and indicator.numerator.source == indicator.denominator.source == "enterprise"
    )
    num = Decimal(str(numerator)) + _side_delta(
        indicator.numerator, indicator.denominator, changes, paired
    )
    factor = Decimal(str(indicator.factor))
    if indicator.denominator is None:
        return factor * num
    if denominator is None:
        return None
    den = Decimal(str(denominator)) + _side_delta(
        indicator.denominator, indicator.numerator, changes, paired
    )
    return factor * num / den if den else None


@dataclass(frozen=True)
class Sums:
    """An indicator in a region as the store has it: the value and its two sums."""

    value: float | None
    numerator: float | None
    denominator: float | None


@dataclass(frozen=True)
class ItemEffect:
    indicator: str
    before: ItemScore
    after: ItemScore


@dataclass(frozen=True)
class UnitAssessment:
    county: str
    items: list[ItemEffect]
    total_before: Decimal
    total_after: Decimal
    rank_before: int
    rank_after: int


def _decimal(x) -> Decimal | None:
    return None if x is None else Decimal(str(x))


def assessment_effect(
    scheme,
    indicators: Mapping,
    sums: Mapping[str, Mapping[str, Sums]],
    targets: Mapping[str, Mapping[str, Decimal]],
    changes: Mapping[str, Sequence[Change]],
) -> dict[str, UnitAssessment]:
    """Each county-level unit's assessment before and after the change: every indicator's value
    against its target (met or not, item score), the total and the rank among all units.

    ``sums[county][indicator]``: the store's figures before; ``changes[county]``: the chosen
    firms of that unit. A unit without changes keeps its values as they are."""
    keys = [i.indicator for i in scheme.indicators]
    before: dict[str, dict[str, Decimal | None]] = {}
    after: dict[str, dict[str, Decimal | None]] = {}
    for county, by_key in sums.items():
        mine = list(changes.get(county, ()))
        before[county], after[county] = {}, {}
        for key in keys:
            s = by_key.get(key) or Sums(None, None, None)
            before[county][key] = _decimal(s.value)
            after[county][key] = (
                indicator_after(indicators[key], s.numerator, s.denominator, mine)
                if mine
                else _decimal(s.value)
            )
    every = {c: targets.get(c, {}) for c in sums}
    b = {s.county: s for s in score_counties(scheme, before, every)}
    a = {s.county: s for s in score_counties(scheme, after, every)}
    return {
        county: UnitAssessment(
            county,
            [
                ItemEffect(x.indicator, x, y)
                for x, y in zip(b[county].items, a[county].items, strict=True)
            ],
            b[county].total,
            a[county].total,
            b[county].rank,
            a[county].rank,
        )
        for county in sums
    }
