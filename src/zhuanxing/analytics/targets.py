"""Target rules (policy ``[[targets]]``) evaluated against an indicator's yearly values. Pure.

For a region, an indicator and an evaluated year the result gives the value, the target the rule
sets for that year, the gap (value − target, in the indicator's unit), a status and a forecast for
the target year.

Statuses:

- ``met``: the rule holds now (threshold / relative: the value reaches the target; direction /
  increment: every year so far kept the rule and the target year is reached);
- ``on_track``: not met yet, and the whole forecast interval for the target year meets it;
- ``at_risk``: the forecast interval straddles the target;
- ``too_few_years``: not met yet and fewer than three yearly points: a line through two points
  has no interval, so neither "on track" nor "off track" can be said (the trend is still shown);
- ``off_track``: even the favourable end of the interval misses it, or a "every year" rule has
  already been broken;
- ``no_data``: the value (or the base-year value) is missing.

``scale_break``: the year the 规上 line changed (2011: 500 → 2000万元) between the trend's first
point and the evaluated year, for an indicator over 规上 (or 规下) firms — the trend mixes two
populations; the caller passes the policy's line-change years as ``scale_changes``.
"""

import operator
from dataclasses import dataclass, replace
from decimal import Decimal

from .forecast import Forecast, linear_trend, required_growth_pct

MET, ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA = "met", "on_track", "at_risk", "off_track", "no_data"
TOO_FEW_YEARS = "too_few_years"
STATUSES = (MET, ON_TRACK, AT_RISK, TOO_FEW_YEARS, OFF_TRACK, NO_DATA)
_SEVERITY = {MET: 0, ON_TRACK: 1, AT_RISK: 2, TOO_FEW_YEARS: 3, OFF_TRACK: 4, NO_DATA: 5}

OPS = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le}


@dataclass(frozen=True)
class Evaluation:
    year: int
    value: float | None
    target: float | None
    gap: float | None
    status: str
    forecast: Forecast | None = None
    required_growth_pct: float | None = None  # yearly growth needed to reach the target
    base_value: float | None = None  # relative_to_base: the base year's value
    broken_in: int | None = None  # direction / increment: first year that broke the rule
    # ... and how it broke it: the change on the year before, absolute and in %
    broken_change: float | None = None
    broken_pct: float | None = None
    scale_break: int | None = None  # the trend crosses this change of the 规上 line


def applies(rule, indicator, is_city: bool) -> bool:
    """An absolute threshold (1500亿元 of value added) is the city's; below it there is no
    target until the county split (clause 二十一) sets one. Ratios and yearly rules apply to
    every region."""
    return is_city or not (rule.kind == "threshold" and indicator.denominator is None)


def scale_changes(policy, indicator) -> tuple[int, ...]:
    """The years the 规上 line changed, when ``indicator`` counts 规上 or 规下 firms; else ()."""
    sides = [indicator.numerator, indicator.denominator]
    filters = {f for side in sides if side is not None for f in side.filters}
    if not filters & {"above_scale", "below_scale"}:
        return ()
    return tuple(t.from_year for t in policy.above_scale.thresholds[1:])


def worst(statuses) -> str:
    return max(statuses, key=_SEVERITY.__getitem__, default=NO_DATA)


def _f(x) -> float:
    return float(x) if isinstance(x, Decimal) else x


def _grade(forecast: Forecast | None, target: float, op: str) -> str:
    """Status from the target-year forecast against ``target`` (not met now): the whole 80%
    interval must meet it; without an interval (fewer than three points) too few years."""
    if forecast is None or forecast.low is None:
        return TOO_FEW_YEARS
    check = OPS[op]
    favourable = forecast.high if op in (">", ">=") else forecast.low
    unfavourable = forecast.low if op in (">", ">=") else forecast.high
    if check(unfavourable, target):
        return ON_TRACK
    if check(favourable, target):
        return AT_RISK
    return OFF_TRACK


def evaluate(
    rule,
    series: dict[int, float | None],
    year: int,
    target_year: int,
    first_year: int,
    scale_changes=(),
) -> Evaluation:
    """Evaluate ``rule`` in ``year`` on ``series`` ({year: value}, None for no data).

    ``first_year``: the first year a yearly rule without its own start applies to (the policy's
    plan_from_year, for ``increment``). Only values up to ``year`` inform the forecast.
    ``scale_changes``: the years the 规上 line changed, when the indicator counts 规上 or 规下
    firms.
    """
    ev = _evaluate(rule, series, year, target_year, first_year)
    known = [y for y, v in series.items() if y <= year and v is not None]
    crossed = [y for y in scale_changes if known and min(known) < y <= year]
    return replace(ev, scale_break=max(crossed)) if crossed else ev


def _evaluate(rule, series, year: int, target_year: int, first_year: int) -> Evaluation:
    known = {y: v for y, v in series.items() if y <= year and v is not None}
    value = series.get(year)
    kind = rule.kind
    if value is None:
        return Evaluation(year, None, None, None, NO_DATA)
    forecast = linear_trend(known, target_year) if year < target_year else None
    left = target_year - year

    if kind in ("threshold", "relative_to_base"):
        base = None
        if kind == "threshold":
            target = _f(rule.value)
        else:
            base = series.get(rule.base_year)
            if base is None:
                return Evaluation(year, value, None, None, NO_DATA)
            target = base * (1 + _f(rule.change_pct) / 100)
        gap = value - target
        if OPS[rule.op](value, target):
            status = MET
        elif left <= 0:
            status = OFF_TRACK
        else:
            status = _grade(forecast, target, rule.op)
        growth = required_growth_pct(value, target, left) if status != MET else None
        return Evaluation(year, value, target, gap, status, forecast, growth, base)

    previous = series.get(year - 1)
    start = rule.from_year if kind == "direction" else first_year
    if kind == "direction":
        op = "<" if rule.direction == "decrease" else ">"
        step = 0.0
    else:
        op, step = rule.op, _f(rule.per_year)
    target = None if previous is None else previous + step
    gap = None if target is None else value - target
    broken = change = pct = None
    for y in range(max(start, min(known)), year + 1):
        if y - 1 in known and y in known and not OPS[op](known[y] - known[y - 1], step):
            broken, change = y, known[y] - known[y - 1]
            pct = change / abs(known[y - 1]) * 100 if known[y - 1] else None
            break
    if broken is not None:
        status = OFF_TRACK
    elif left <= 0:
        status = MET if any(y - 1 in known for y in range(start, year + 1)) else NO_DATA
    else:
        # Keep going at the required pace until the target year: the goal is where the line
        # through today's value at ``step`` a year (or any fall/rise for direction) lands.
        status = _grade(forecast, value + step * left, op)
    return Evaluation(year, value, target, gap, status, forecast, None, None, broken, change, pct)
