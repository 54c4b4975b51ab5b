"""The 亩均效益 evaluation on columns: the same results as the Decimal engine, 10-20× faster.

``reference.py`` is the reference: Decimal arithmetic, one firm at a time, its rules in its
docstring. This module gives the same answer to the digit, for 150,000 firms in a fraction of a
second, on NumPy columns (one row per firm):

- measures are integers in their field's unit (cents of 万元, grams of tonnes, kWh …), so every
  population sum (the benchmarks) is exact integer arithmetic;
- a firm's score on an indicator is computed in float64 from those integers (relative error
  below 10⁻¹⁴) and rounded to the cent; that is the Decimal engine's cent unless the exact value
  lies within 10⁻⁹ (relative) of a half cent. Those few firm-indicators (none in
  a realistic population; many in a test with round numbers) are recomputed with the reference
  Decimal functions, so each stored cent is the reference engine's cent, not an estimate;
- the same filter guards the average score given for missing emissions, and the ranking: firms
  with equal totals are ordered by the float uncapped total, and only where two of those lie
  within 10⁻⁹ of each other is the reference Decimal uncapped total computed to order them and
  decide whether they share a rank;
- the ranking is one sort (total, then uncapped total, then enterprise id), competition ranks
  and rank percentages in integer arithmetic, classes by comparison with the band limits.

``FirmTable`` holds the input columns; ``ColumnarPopulation`` the output columns, turned into
the reference's ``FirmResult`` objects only when a caller reads them (``results()``), which
costs more than the evaluation itself at the province tier.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import numpy as np

from .eligibility import (
    NEW_LAND_GRANT,
    NO_LAND,
    REGISTERED_RECENTLY,
    SMALL_LAND,
    UTILITY,
)
from .reference import (
    CENT,
    INFINITY,
    ZERO,
    FirmResult,
    IndicatorScore,
    PopulationResult,
    indicator_score,
    indicator_value,
)

POPULATIONS = ("above_scale", "below_scale")
# Relative margin of the float filter: float64 carries ~10⁻¹⁵ relative error through the few
# operations of a score, the reference Decimal (28 digits) ~10⁻²⁶; anything closer than this to
# a rounding boundary, a cap or another firm is decided by the reference arithmetic.
MARGIN = 1e-9
INT64_SAFE = 2**62


class Unrepresentable(ValueError):
    """A measure that does not fit the integer columns (too many decimals or digits)."""


@dataclass
class Column:
    """One measure: integers in units of 10^-scale (0 where missing) and the missing mask."""

    ints: np.ndarray  # int64
    missing: np.ndarray  # bool
    scale: int


@dataclass
class FirmTable:
    """Firms to evaluate, one row each: ids, population (above_scale), measures, and the
    registry attributes eligibility reads. ``source_values(name)`` gives a measure's value in
    every row as the reference engine sees it (Decimal or int, None when missing), for the rare
    firm the float filter hands to the reference arithmetic and for the values shown with each
    result; it is called once per measure, when first needed (``values``). Without it the
    values are rebuilt from the integer columns: ``int`` for the measures in ``integers``,
    else a Decimal with the column's scale as exponent (what Django reads from the database)."""

    ids: np.ndarray  # int64
    above: np.ndarray  # bool
    columns: dict[str, Column]
    source_values: Callable[[str], list] | None = None
    integers: frozenset[str] = frozenset()
    industry_codes: Sequence[str] | None = None
    founded_on: np.ndarray | None = None  # datetime64[D], NaT when unknown
    land_granted_on: np.ndarray | None = None
    _values: dict[str, list] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.ids)

    def values(self, name: str) -> list:
        if name not in self._values:
            if self.source_values is not None:
                self._values[name] = self.source_values(name)
            else:
                col = self.columns[name]
                pairs = zip(col.ints.tolist(), col.missing.tolist(), strict=True)
                if name in self.integers:
                    self._values[name] = [None if gap else v for v, gap in pairs]
                else:
                    e = -col.scale
                    self._values[name] = [None if gap else Decimal(v).scaleb(e) for v, gap in pairs]
        return self._values[name]

    def measures_of(self, row: int) -> dict[str, Decimal | int | None]:
        return {name: self.values(name)[row] for name in self.columns}

    def take(self, rows: np.ndarray) -> FirmTable:
        rows = np.asarray(rows, dtype=np.int64)
        picked = rows.tolist()
        codes = self.industry_codes
        source = None
        if self.source_values is not None:

            def source(name: str) -> list:
                values = self.values(name)
                return [values[i] for i in picked]

        return FirmTable(
            ids=self.ids[rows],
            above=self.above[rows],
            columns={
                k: Column(c.ints[rows], c.missing[rows], c.scale) for k, c in self.columns.items()
            },
            source_values=source,
            integers=self.integers,
            industry_codes=None if codes is None else [codes[i] for i in picked],
            founded_on=None if self.founded_on is None else self.founded_on[rows],
            land_granted_on=None if self.land_granted_on is None else self.land_granted_on[rows],
        )

    @classmethod
    def from_firms(cls, firms: Sequence, scales: Mapping[str, int] | None = None) -> FirmTable:
        """Columns from the reference engine's ``Firm`` records (tests, small populations). The
        scale of each measure is its most decimals among the firms unless given."""
        scales = dict(scales or {})
        names = sorted({name for f in firms for name in f.measures} | set(scales))
        for name in names:
            if name not in scales:
                scales[name] = max((_decimals(f.measures.get(name)) for f in firms), default=0)
        columns = {}
        for name in names:
            scale = scales[name]
            ints, missing = [], []
            for f in firms:
                value = f.measures.get(name)
                if value is None:
                    ints.append(0)
                    missing.append(True)
                else:
                    scaled = Decimal(value).scaleb(scale)
                    if scaled != scaled.to_integral_value() or abs(scaled) >= INT64_SAFE:
                        raise Unrepresentable(name)
                    ints.append(int(scaled))
                    missing.append(False)
            columns[name] = Column(
                np.array(ints, dtype=np.int64), np.array(missing, dtype=bool), scale
            )
        return cls(
            ids=np.array([f.enterprise_id for f in firms], dtype=np.int64),
            above=np.array([f.population == "above_scale" for f in firms], dtype=bool),
            columns=columns,
            source_values=lambda name: [f.measures.get(name) for f in firms],
        )


def _decimals(value) -> int:
    if value is None or isinstance(value, int):
        return 0
    exponent = Decimal(value).as_tuple().exponent
    if not isinstance(exponent, int):
        raise Unrepresentable(str(value))
    return max(0, -exponent)


# --- eligibility -------------------------------------------------------------------------------

REASONS = (None, UTILITY, REGISTERED_RECENTLY, NEW_LAND_GRANT, NO_LAND, SMALL_LAND)


def exclusion_codes(table: FirmTable, year: int, method) -> np.ndarray:
    """``eligibility.exclusion_reason`` for every row: an index into ``REASONS`` (0: graded)."""
    n = len(table)
    code = np.zeros(n, dtype=np.int8)
    land = table.columns["land_mu"]
    min_land = Decimal(method.min_land_mu_below_scale).scaleb(land.scale)
    small = land.missing | (land.ints < math.ceil(min_land))
    no_land = land.missing | (land.ints <= 0)
    code[~table.above & small] = 5
    code[table.above & no_land] = 4
    end = np.datetime64(date(year, 12, 31), "D")
    for dates, years, reason in (
        (table.land_granted_on, method.min_years_since_land_grant, 3),
        (table.founded_on, method.min_years_registered, 2),
    ):
        if dates is not None:
            known = ~np.isnat(dates)
            days = (end - np.where(known, dates, end)).astype(np.int64)
            code[known & (days / 365.25 < years)] = reason
    if table.industry_codes is not None and method.excluded_codes:
        prefixes = tuple(method.excluded_codes)
        cache: dict[str, bool] = {}
        utility = np.fromiter(
            (
                cache[c] if c in cache else cache.setdefault(c, c.startswith(prefixes))
                for c in table.industry_codes
            ),
            dtype=bool,
            count=n,
        )
        code[utility] = 1
    return code


# --- scoring -----------------------------------------------------------------------------------


def _cents(value: Decimal) -> int:
    """A Decimal rounded half-even to the cent, as an integer number of cents."""
    return int(value.quantize(CENT).scaleb(2))


def _exact_sum(ints: np.ndarray) -> int:
    if len(ints) == 0:
        return 0
    if int(np.abs(ints).max()) < INT64_SAFE // max(1, len(ints)):
        return int(ints.sum())
    return sum(ints.tolist())


def _side(table: FirmTable, names: Sequence[str]) -> tuple[np.ndarray, np.ndarray, int]:
    """Σ of measures in integers of their finest unit, the missing mask and that unit's scale."""
    scale = max(table.columns[n].scale for n in names)
    total = np.zeros(len(table), dtype=np.int64)
    missing = np.zeros(len(table), dtype=bool)
    for name in names:
        col = table.columns[name]
        ints = col.ints
        if col.scale != scale:
            ints = ints * 10 ** (scale - col.scale)
        if len(ints) and int(np.abs(ints).max()) >= INT64_SAFE // len(names):
            raise Unrepresentable(name)
        total = total + ints
        missing |= col.missing
    return total, missing, scale


@dataclass
class Sides:
    num: np.ndarray
    den: np.ndarray
    none: np.ndarray  # the value is None (a measure missing, or 0/0, or ≤0/0)
    inf: np.ndarray  # the value is +∞ (positive numerator over a zero denominator)
    num_scale: int
    den_scale: int


def _sides(table: FirmTable, indicator) -> Sides:
    num, num_missing, ns = _side(table, indicator.numerator)
    den, den_missing, ds = _side(table, indicator.denominator)
    missing = num_missing | den_missing
    zero = ~missing & (den == 0)
    inf = zero & (num > 0)
    return Sides(num, den, missing | (zero & ~inf), inf, ns, ds)


def population_benchmark(indicator, sides: Sides) -> Decimal | None:
    """``scoring.population_value`` from exact integer sums."""
    use = ~sides.none & ~sides.inf & (sides.den > 0)
    numerator, denominator = _exact_sum(sides.num[use]), _exact_sum(sides.den[use])
    if denominator == 0:
        return None
    n = ZERO + Decimal(numerator).scaleb(-sides.num_scale)
    d = ZERO + Decimal(denominator).scaleb(-sides.den_scale)
    return n / d * indicator.factor


def benchmarks_for(method, population: str, previous: FirmTable, current: FirmTable):
    indicators = getattr(method, population).indicators
    if method.benchmark == "fixed":
        return {i.key: i.fixed_benchmark for i in indicators}
    flag = population == "above_scale"
    base = previous.take(np.flatnonzero(previous.above == flag))
    if not len(base):
        base = current.take(np.flatnonzero(current.above == flag))
    return {i.key: population_benchmark(i, _sides(base, i)) for i in indicators}


def _near_half(cents: np.ndarray) -> np.ndarray:
    frac = cents - np.floor(cents)
    return np.abs(frac - 0.5) <= MARGIN * (1.0 + np.abs(cents))


@dataclass
class IndicatorColumns:
    indicator: object
    benchmark: Decimal | None
    sides: Sides
    cents: np.ndarray  # int64: the score rounded to the cent
    raw: np.ndarray  # float64: the uncapped score (+inf for an infinite value); NaN when none
    unrounded: np.ndarray  # float64: the capped score before rounding (the average's terms)
    exact: dict[int, Decimal] = field(default_factory=dict)  # row → reference capped score


def _score_indicator(method, indicator, benchmark, sides: Sides, measures_of) -> IndicatorColumns:
    n = len(sides.num)
    weight = indicator.weight
    cap = Decimal(method.score_cap)
    cents = np.zeros(n, dtype=np.int64)
    raw = np.full(n, np.nan)
    unrounded = np.zeros(n)
    scored = ~sides.none
    out = IndicatorColumns(indicator, benchmark, sides, cents, raw, unrounded)
    if benchmark is None or benchmark <= 0:
        cents[scored] = _cents(weight)
        raw[scored] = float(weight)
        unrounded[scored] = float(weight)
        return out
    full = _cents(weight * cap)
    cents[sides.inf] = full
    raw[sides.inf] = np.inf
    unrounded[sides.inf] = float(weight * cap)
    finite = scored & ~sides.inf
    rows = np.flatnonzero(finite)
    unit = float(Decimal(1).scaleb(sides.den_scale - sides.num_scale) * indicator.factor)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = sides.num[rows].astype(np.float64) / sides.den[rows].astype(np.float64) * unit
    ratio = np.maximum(0.0, value / float(benchmark))
    cap_f = float(cap)
    w = float(weight)
    raw[rows] = w * ratio
    capped = ratio > cap_f * (1 + MARGIN)
    score = w * np.minimum(ratio, cap_f)
    unrounded[rows] = score
    hundred = score * 100.0
    uncertain = ~capped & _near_half(hundred)
    rounded = np.rint(hundred).astype(np.int64)
    rounded[capped] = full
    cents[rows] = rounded
    for row in rows[uncertain].tolist():
        value_dec = indicator_value(indicator, measures_of(row))
        exact = indicator_score(value_dec, benchmark, weight, cap)
        out.exact[row] = exact
        cents[row] = _cents(exact)
        unrounded[row] = float(exact)
    return out


def _reference_scores(method, col: IndicatorColumns, rows, measures_of) -> list[Decimal]:
    cap = Decimal(method.score_cap)
    out = []
    for row in rows:
        if row in col.exact:
            out.append(col.exact[row])
            continue
        value = indicator_value(col.indicator, measures_of(row))
        out.append(indicator_score(value, col.benchmark, col.indicator.weight, cap))
    return out


def _impute_missing_emissions(method, col: IndicatorColumns, measures_of) -> None:
    """``scoring._impute_missing_emissions`` for one indicator."""
    ind = col.indicator
    if method.missing_emissions == "zero" or not ind.emissions:
        return
    missing = col.sides.none
    if not missing.any():
        return
    known = np.flatnonzero(~missing)
    limit = None
    if method.missing_emissions == "capped_average":
        limit = ind.weight * Decimal(method.missing_emissions_ratio)
    if len(known) == 0:
        average_cents = _cents(ZERO if limit is None else min(ZERO, limit))
    else:
        average = float(col.unrounded[known].sum()) / len(known)
        limit_f = math.inf if limit is None else float(limit)
        if average > limit_f * (1 + MARGIN):
            average_cents = _cents(limit)
        elif average < limit_f * (1 - MARGIN) and not _near_half(np.array([average * 100]))[0]:
            average_cents = round(average * 100)
        else:  # too close to call in floats: the reference's own sum
            scores = _reference_scores(method, col, known.tolist(), measures_of)
            exact = sum(scores, ZERO) / len(scores)
            if limit is not None:
                exact = min(exact, limit)
            average_cents = _cents(exact)
    col.cents[missing] = average_cents


@dataclass
class ColumnarPopulation:
    """One population's results in rank order (``rows`` index the evaluated ``FirmTable``)."""

    method: object
    population: str
    table: FirmTable
    benchmarks: dict[str, Decimal | None]
    indicators: list[IndicatorColumns]
    rows: np.ndarray  # table rows, best first
    total_cents: np.ndarray  # per table row
    rank: np.ndarray  # in rank order
    rank_pct: np.ndarray  # in rank order: percent × 10⁴, an integer
    klass: list[str]  # in rank order
    uncapped_exact: dict[int, Decimal] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rows)

    def results(self) -> list[FirmResult]:
        """The reference engine's ``FirmResult`` records, in rank order."""
        out = []
        ids = self.table.ids
        cols = []
        for c in self.indicators:
            ind = c.indicator
            nums = [self.table.values(name) for name in ind.numerator]
            dens = [self.table.values(name) for name in ind.denominator]
            cols.append((c, ind.key, ind.factor, ind.weight, c.benchmark, nums, dens))
        for position, row in enumerate(self.rows.tolist()):
            items = []
            for col, key, factor, weight, benchmark, nums, dens in cols:
                score = Decimal(int(col.cents[row])).scaleb(-2)
                if col.sides.none[row]:
                    items.append(IndicatorScore(key, None, benchmark, score, weight, True))
                    continue
                if col.sides.inf[row]:
                    value = INFINITY
                else:  # reference.indicator_value's arithmetic, on the same Decimals
                    numerator = denominator = ZERO
                    for values in nums:
                        numerator += values[row]
                    for values in dens:
                        denominator += values[row]
                    value = numerator / denominator * factor
                raw = indicator_score(value, benchmark, weight, INFINITY)
                items.append(IndicatorScore(key, value, benchmark, score, weight, False, raw))
            out.append(
                FirmResult(
                    int(ids[row]),
                    self.population,
                    items,
                    Decimal(int(self.total_cents[row])).scaleb(-2),
                    sum((i.score if i.uncapped is None else i.uncapped for i in items), ZERO),
                    int(self.rank[position]),
                    Decimal(int(self.rank_pct[position])).scaleb(-4),
                    self.klass[position],
                )
            )
        return out

    def to_population_result(self) -> PopulationResult:
        return PopulationResult(self.population, dict(self.benchmarks), self.results())


def _reference_uncapped(pop_cols: list[IndicatorColumns], row: int, measures_of) -> Decimal:
    """``FirmResult.uncapped`` of one firm as the reference computes it."""
    measures = measures_of(row)
    terms = []
    for col in pop_cols:
        if col.sides.none[row]:
            terms.append(Decimal(int(col.cents[row])).scaleb(-2))
        elif col.sides.inf[row]:
            terms.append(indicator_score(INFINITY, col.benchmark, col.indicator.weight, INFINITY))
        else:
            value = indicator_value(col.indicator, measures)
            terms.append(indicator_score(value, col.benchmark, col.indicator.weight, INFINITY))
    return sum(terms, ZERO)


def score_population(
    method, population: str, table: FirmTable, benchmarks: Mapping[str, Decimal | None]
) -> ColumnarPopulation:
    """Scores, ranks and classes of every row of ``table`` (all of ``population``)."""
    indicators = getattr(method, population).indicators
    measures_of = table.measures_of
    cols = []
    for ind in indicators:
        col = _score_indicator(
            method, ind, benchmarks.get(ind.key), _sides(table, ind), measures_of
        )
        _impute_missing_emissions(method, col, measures_of)
        cols.append(col)
    n = len(table)
    total = np.zeros(n, dtype=np.int64)
    uncapped = np.zeros(n)
    for col in cols:
        total += col.cents
        uncapped += np.where(col.sides.none, col.cents / 100.0, col.raw)
    order = np.lexsort((table.ids, -uncapped, -total))
    rank, exact = _rank(cols, order, total, uncapped, table)
    rank_pct = _rank_pct(rank, n)
    out = ColumnarPopulation(
        method, population, table, dict(benchmarks), cols, order, total, rank, rank_pct,
        _classes(method, rank_pct, total[order]), exact,
    )  # fmt: skip
    return out


def _rank(cols, order, total, uncapped, table):
    """Competition ranks in ``order``, reordering runs of firms whose float uncapped totals
    are too close to call by the reference Decimal uncapped total (``order`` is updated)."""
    n = len(order)
    exact: dict[int, Decimal] = {}
    equal = np.zeros(n, dtype=bool)  # equal[p]: same (total, uncapped) as position p - 1
    if n > 1:
        t, u = total[order], uncapped[order]
        same_total = t[1:] == t[:-1]
        both_inf = np.isinf(u[1:]) & np.isinf(u[:-1])
        with np.errstate(invalid="ignore"):
            close = np.abs(u[1:] - u[:-1]) <= MARGIN * np.maximum(np.abs(u[1:]), np.abs(u[:-1]))
        finite = np.isfinite(u[1:]) & np.isfinite(u[:-1])
        unsure = same_total & finite & close
        equal[1:] = same_total & both_inf
        if unsure.any():
            starts = np.flatnonzero(unsure & ~np.concatenate(([False], unsure[:-1])))
            for start in starts.tolist():
                end = start + 1
                while end < n - 1 and unsure[end]:
                    end += 1
                # positions start .. end (inclusive) form one run
                rows = order[start : end + 1].tolist()
                for row in rows:
                    exact[row] = _reference_uncapped(cols, row, table.measures_of)
                rows.sort(key=lambda r: (-exact[r], int(table.ids[r])))
                order[start : end + 1] = rows
                for p in range(start + 1, end + 1):
                    equal[p] = exact[int(order[p])] == exact[int(order[p - 1])]
    positions = np.arange(1, n + 1, dtype=np.int64)
    rank = np.maximum.accumulate(np.where(equal, 0, positions)) if n else positions
    return rank, exact


def _rank_pct(rank: np.ndarray, n: int) -> np.ndarray:
    """rank × 100 / n rounded half-even to 4 decimals, × 10⁴ (Decimal's quantize, in ints)."""
    if n == 0:
        return rank
    q, r = np.divmod(rank * 1_000_000, n)
    up = (2 * r > n) | ((2 * r == n) & (q % 2 == 1))
    return q + up


def _classes(method, rank_pct: np.ndarray, totals: np.ndarray) -> list[str]:
    n = len(rank_pct)
    names = np.empty(n, dtype=object)
    assigned = np.zeros(n, dtype=bool)
    if method.banding == "score":
        for band in method.score_bands:
            hit = ~assigned & (totals >= math.ceil(Decimal(band.min_score) * 100))
            names[hit] = band.name
            assigned |= hit
        names[~assigned] = method.score_bands[-1].name
        return names.tolist()
    for band in method.class_bands:
        hit = ~assigned & (rank_pct <= math.floor(Decimal(band.cumulative_pct) * 10_000))
        names[hit] = band.name
        assigned |= hit
    if not assigned.all():
        raise ValueError("a rank is outside 0-100")
    return names.tolist()


def evaluate_table(method, current: FirmTable, previous: FirmTable) -> list[ColumnarPopulation]:
    """Both populations of one year (every row of ``current`` is graded; ``previous`` is last
    year's graded firms, for the benchmarks)."""
    out = []
    for population in POPULATIONS:
        flag = population == "above_scale"
        members = current.take(np.flatnonzero(current.above == flag))
        benchmarks = benchmarks_for(method, population, previous, current)
        out.append(score_population(method, population, members, benchmarks))
    return out


def evaluate_firms(method, current: Sequence, previous: Sequence = ()) -> list[PopulationResult]:
    """``scoring.evaluate`` on columns (same arguments, same results)."""
    both = [*current, *previous]
    names = {name for f in both for name in f.measures}
    scales = {
        name: max((_decimals(f.measures.get(name)) for f in both), default=0) for name in names
    }
    cur = FirmTable.from_firms(current, scales)
    prev = FirmTable.from_firms(previous, scales)
    _fill_columns(method, cur)
    _fill_columns(method, prev)
    return [p.to_population_result() for p in evaluate_table(method, cur, prev)]


def _fill_columns(method, table: FirmTable) -> None:
    """Measures an indicator names but no firm reported: all missing."""
    for population in POPULATIONS:
        for ind in getattr(method, population).indicators:
            for name in (*ind.numerator, *ind.denominator):
                if name not in table.columns:
                    n = len(table)
                    table.columns[name] = Column(
                        np.zeros(n, dtype=np.int64), np.ones(n, dtype=bool), 0
                    )
