"""Scoring of the 亩均效益 evaluation, the reference engine: pure functions, no Django.

Decimal arithmetic one firm at a time, written to read like the rules; ``columnar.py`` computes
the same results to the digit on columns and is what ``scoring.evaluate`` runs.

For each population (规上, 规下) and indicator:

- value = Σ numerator measures / Σ denominator measures × factor; a zero denominator with a
  positive numerator (e.g. no emissions at all) is +∞, which the cap turns into full marks;
  a missing measure makes the value missing;
- benchmark = the previous year's population value (Σ over the population, then the ratio), or a
  fixed value from the policy; with no previous-year population, the current year's;
- score = weight × min(cap, max(0, value / benchmark));
- a missing emission value gets, by policy, the lower of the population's average score on that
  indicator and weight × ``missing_emissions_ratio`` (default: never more than a firm at the
  benchmark), or the average alone, or zero; any other missing value scores zero (unreported
  data earns nothing).

Totals are rounded to 2 decimals and ranked descending; firms with equal totals are told apart
by their uncapped totals (the cap keeps one indicator from buying a class, but a firm far above
the cap on several indicators still ranks above one just at it); only firms equal on both share
a rank (competition ranking, "1224"), and a tie at a class boundary puts every tied firm in the
better class. With
rank banding the class follows rank / population size; with score banding, the total.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from zhuanxing.core.figures import competition_rank

INFINITY = Decimal("Infinity")
CENT = Decimal("0.01")
ZERO = Decimal(0)


@dataclass(frozen=True)
class Firm:
    """One enterprise-year to score: its id, population and annual-report measures."""

    enterprise_id: int
    population: str  # "above_scale" or "below_scale"
    measures: Mapping[str, Decimal | None]


@dataclass
class IndicatorScore:
    key: str
    value: Decimal | None
    benchmark: Decimal | None
    score: Decimal
    weight: Decimal
    imputed: bool = False  # the missing-data rule gave the score
    uncapped: Decimal | None = None  # weight × value / benchmark before the cap


@dataclass
class FirmResult:
    enterprise_id: int
    population: str
    indicators: list[IndicatorScore]
    total: Decimal
    uncapped: Decimal = ZERO  # the total without the per-indicator cap, to break ties
    rank: int = 0
    rank_pct: Decimal = ZERO
    klass: str = ""

    def score(self, key: str) -> IndicatorScore:
        return next(i for i in self.indicators if i.key == key)


@dataclass
class PopulationResult:
    population: str
    benchmarks: dict[str, Decimal | None] = field(default_factory=dict)
    results: list[FirmResult] = field(default_factory=list)


def _sum(measures: Mapping[str, Decimal | None], names: Sequence[str]) -> Decimal | None:
    total = ZERO
    for name in names:
        value = measures.get(name)
        if value is None:
            return None
        total += value  # Decimal, or int (employees, kWh): both add exactly
    return total


def indicator_value(indicator, measures: Mapping[str, Decimal | None]) -> Decimal | None:
    """The firm's value of one evaluation indicator (see the module docstring)."""
    numerator = _sum(measures, indicator.numerator)
    denominator = _sum(measures, indicator.denominator)
    if numerator is None or denominator is None:
        return None
    if denominator == 0:
        return INFINITY if numerator > 0 else None
    return numerator / denominator * indicator.factor


def population_value(indicator, firms: Iterable[Mapping[str, Decimal | None]]) -> Decimal | None:
    """Σ numerator / Σ denominator × factor over firms with complete, positive-denominator data."""
    numerator = denominator = ZERO
    for measures in firms:
        num = _sum(measures, indicator.numerator)
        den = _sum(measures, indicator.denominator)
        if num is None or den is None or den <= 0:
            continue
        numerator += num
        denominator += den
    if denominator == 0:
        return None
    return numerator / denominator * indicator.factor


def indicator_score(value: Decimal, benchmark: Decimal | None, weight: Decimal, cap) -> Decimal:
    """weight × min(cap, max(0, value / benchmark)); a missing or non-positive benchmark makes
    every firm equal on this indicator (full weight), since nothing can be compared."""
    if benchmark is None or benchmark <= 0:
        return weight
    if value == INFINITY:
        return weight * cap
    ratio = max(ZERO, value / benchmark)
    return weight * min(Decimal(cap), ratio)


def benchmarks_for(method, population: str, previous: Sequence[Firm], current: Sequence[Firm]):
    """The benchmark of each indicator of ``population`` (see the module docstring)."""
    indicators = getattr(method, population).indicators
    if method.benchmark == "fixed":
        return {i.key: i.fixed_benchmark for i in indicators}
    base = [f.measures for f in previous if f.population == population]
    if not base:
        base = [f.measures for f in current if f.population == population]
    return {i.key: population_value(i, base) for i in indicators}


def score_population(
    method, population: str, firms: Sequence[Firm], benchmarks: Mapping[str, Decimal | None]
) -> PopulationResult:
    """Score, rank and class every firm of one population."""
    indicators = getattr(method, population).indicators
    cap = Decimal(method.score_cap)
    members = [f for f in firms if f.population == population]
    out = PopulationResult(population, dict(benchmarks))
    rows: list[list[IndicatorScore]] = []
    for firm in members:
        row = []
        for ind in indicators:
            value = indicator_value(ind, firm.measures)
            benchmark = benchmarks.get(ind.key)
            if value is None:
                row.append(IndicatorScore(ind.key, None, benchmark, ZERO, ind.weight, imputed=True))
            else:
                score = indicator_score(value, benchmark, ind.weight, cap)
                raw = indicator_score(value, benchmark, ind.weight, INFINITY)
                row.append(IndicatorScore(ind.key, value, benchmark, score, ind.weight, False, raw))
        rows.append(row)
    _impute_missing_emissions(method, indicators, rows)
    for firm, row in zip(members, rows, strict=True):
        for item in row:
            item.score = item.score.quantize(CENT)
        total = sum((i.score for i in row), ZERO).quantize(CENT)
        uncapped = sum((i.score if i.uncapped is None else i.uncapped for i in row), ZERO)
        out.results.append(FirmResult(firm.enterprise_id, population, row, total, uncapped))
    rank_and_class(method, out.results)
    return out


def _impute_missing_emissions(method, indicators, rows: list[list[IndicatorScore]]) -> None:
    if method.missing_emissions == "zero":
        return
    for k, ind in enumerate(indicators):
        if not ind.emissions:
            continue
        known = [row[k].score for row in rows if row[k].value is not None]
        average = sum(known, ZERO) / len(known) if known else ZERO
        if method.missing_emissions == "capped_average":
            average = min(average, ind.weight * Decimal(method.missing_emissions_ratio))
        for row in rows:
            if row[k].value is None:
                row[k].score = average


def rank_and_class(method, results: list[FirmResult]) -> None:
    """Competition ranking by total, then uncapped total (firms equal on both share the better
    rank), then the class."""
    results.sort(key=lambda r: (-r.total, -r.uncapped, r.enterprise_id))
    n = len(results)

    def assign(result: FirmResult, rank: int) -> None:
        result.rank = rank
        result.rank_pct = (Decimal(rank) * 100 / n).quantize(Decimal("0.0001"))
        result.klass = class_for(method, result)

    competition_rank(results, key=lambda r: (r.total, r.uncapped), assign=assign)


def class_for(method, result: FirmResult) -> str:
    if method.banding == "score":
        for band in method.score_bands:
            if result.total >= band.min_score:
                return band.name
        return method.score_bands[-1].name
    return method.band_for(result.rank_pct)


def evaluate_reference(
    method, current: Sequence[Firm], previous: Sequence[Firm] = ()
) -> list[PopulationResult]:
    """The reference engine: Decimal arithmetic one firm at a time (the rules of the module
    docstring, as written). ``evaluate`` must give the same results; a property test holds them
    together."""
    return [
        score_population(method, pop, current, benchmarks_for(method, pop, previous, current))
        for pop in ("above_scale", "below_scale")
    ]
