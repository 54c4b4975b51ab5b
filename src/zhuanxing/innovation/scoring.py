"""The transformation demonstration enterprises' (示范企业) score: pure arithmetic, no Django.

A candidate's measures of a year (docs/innovation.md):

- R&D intensity = R&D spending ÷ main revenue × 100 (%);
- new-product rate = new-product output ÷ gross output × 100 (%);
- qualifications = Σ points(kind) × factor(level) over the qualifications in force at year end;
- 亩均 class = the class in the year's published evaluation (none: no points);
- VA per mu = value added ÷ land (万元/亩);
- energy trend = the fall of energy per unit VA from the previous year, in % of last year's
  (energy_tce ÷ VA; positive when it fell);
- emission trend = the same for the policy's pollutants summed (tonnes ÷ VA).

Each measured item scores ``points × value ÷ best`` where best is the year's largest value among
the candidates (0 when the value is missing or not positive); the class scores
``points × class factor``. The total is the exact sum, rounded once half up to two places;
candidates are ordered by total (ties: the name, then the id) and ranked by competition ranking.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from zhuanxing.core.figures import competition_rank

ZERO = Decimal(0)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
MEASURED = (
    "rd_intensity",
    "new_product_rate",
    "qualifications",
    "va_per_mu",
    "energy_trend",
    "emission_trend",
)


@dataclass(frozen=True)
class Figures:
    """The annual-report figures one year of a candidate gives (万元, tce, tonnes, mu)."""

    main_revenue: Decimal | None = None
    gross_output: Decimal | None = None
    value_added: Decimal | None = None
    rd_spending: Decimal | None = None
    new_product_output: Decimal | None = None
    profit: Decimal | None = None
    land_mu: Decimal | None = None
    energy_tce: Decimal | None = None
    pollutants: Mapping[str, Decimal | None] = field(default_factory=dict)


@dataclass
class Candidate:
    id: int
    name: str
    year: Figures
    previous: Figures | None = None
    qualification_points: Decimal = ZERO
    efficiency_class: str = ""
    measures: dict[str, Decimal | None] = field(default_factory=dict)
    points: dict[str, Decimal] = field(default_factory=dict)
    total: Decimal = ZERO
    rank: int = 0


def _ratio(numerator, denominator, scale=Decimal(1)) -> Decimal | None:
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return Decimal(numerator) / Decimal(denominator) * scale


def _fall_pct(current, previous) -> Decimal | None:
    """How much an intensity fell, in % of the previous year's (negative when it rose)."""
    if current is None or previous is None or previous <= 0:
        return None
    return (previous - current) / previous * HUNDRED


def _emissions(figures: Figures, pollutants: Sequence[str]) -> Decimal | None:
    values = [figures.pollutants.get(p) for p in pollutants]
    if all(v is None for v in values):
        return None
    return sum((Decimal(v) for v in values if v is not None), ZERO)


def measures(c: Candidate, pollutants: Sequence[str]) -> dict[str, Decimal | None]:
    y, p = c.year, c.previous
    energy = _ratio(y.energy_tce, y.value_added)
    emission = _ratio(_emissions(y, pollutants), y.value_added)
    energy_before = _ratio(p.energy_tce, p.value_added) if p else None
    emission_before = _ratio(_emissions(p, pollutants), p.value_added) if p else None
    return {
        "rd_intensity": _ratio(y.rd_spending, y.main_revenue, HUNDRED),
        "new_product_rate": _ratio(y.new_product_output, y.gross_output, HUNDRED),
        "qualifications": c.qualification_points,
        "va_per_mu": _ratio(y.value_added, y.land_mu),
        "energy_trend": _fall_pct(energy, energy_before),
        "emission_trend": _fall_pct(emission, emission_before),
    }


def score(
    candidates: Sequence[Candidate],
    *,
    points: Mapping[str, Decimal],
    class_factors: Mapping[str, Decimal],
    pollutants: Sequence[str],
) -> list[Candidate]:
    """Score and rank ``candidates`` (changed in place); returned best first."""
    for c in candidates:
        c.measures = measures(c, pollutants)
    best = {
        item: max((c.measures[item] for c in candidates if c.measures[item] is not None),
                  default=None)
        for item in MEASURED
    }  # fmt: skip
    for c in candidates:
        c.points = {}
        for item in MEASURED:
            value, top = c.measures[item], best[item]
            if value is None or value <= 0 or top is None or top <= 0:
                c.points[item] = ZERO
            else:
                c.points[item] = points[item] * value / top
        factor = class_factors.get(c.efficiency_class, ZERO) if c.efficiency_class else ZERO
        c.points["efficiency_class"] = points["efficiency_class"] * factor
        c.total = sum(c.points.values(), ZERO).quantize(CENT, ROUND_HALF_UP)
    ordered = sorted(candidates, key=lambda c: (-c.total, c.name, c.id))
    competition_rank(ordered, key=lambda c: c.total, assign=lambda c, r: setattr(c, "rank", r))
    return ordered


@dataclass(frozen=True)
class Rule:
    above_scale: bool
    profitable: bool
    rd_spending: bool
    excluded_classes: frozenset[str]


def refusals(figures: Figures, *, is_above_scale: bool, efficiency_class: str, rule: Rule):
    """Why a firm is not a candidate (keys; empty: it is one)."""
    reasons = []
    if rule.above_scale and not is_above_scale:
        reasons.append("below_scale")
    if rule.profitable and (figures.profit is None or figures.profit < 0):
        reasons.append("loss")
    if rule.rd_spending and not (figures.rd_spending and figures.rd_spending > 0):
        reasons.append("no_rd")
    if efficiency_class and efficiency_class in rule.excluded_classes:
        reasons.append("excluded_class")
    return reasons
