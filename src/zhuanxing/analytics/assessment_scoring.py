"""County target-responsibility scoring (目标责任考核). Pure functions.

Lives below the feature apps so the assessment table and the what-if simulation (evaluation)
score the same way; the county targets themselves are the assessment app's, handed to callers
in lower layers through ``county_targets`` (the assessment app registers its reader).

Each indicator earns its full weight when the county meets its target; short of it, the weight
× value / target (target / value when lower is better); never more than the weight, never less
than zero. A missing value or target earns nothing and is reported as such. Item scores are kept
exact; the total is their exact sum rounded once, half up, to 0.01 (rounding each item first
lost up to a few hundredths: 秀洲 98.690 showed as 98.68). Counties are ranked by total (ties
share a rank).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from zhuanxing.core.figures import competition_rank

ZERO = Decimal(0)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class ItemScore:
    indicator: str
    weight: Decimal
    value: Decimal | None
    target: Decimal | None
    met: bool | None
    score: Decimal


@dataclass
class CountyScore:
    county: str
    items: list[ItemScore]
    total: Decimal
    rank: int = 0


def score_item(indicator: str, weight: Decimal, value, target, higher_is_better: bool) -> ItemScore:
    if value is None or target is None:
        return ItemScore(indicator, weight, value, target, None, ZERO)
    value, target = Decimal(value), Decimal(target)
    met = value >= target if higher_is_better else value <= target
    if met:
        ratio = Decimal(1)
    elif higher_is_better:
        ratio = value / target if target > 0 else ZERO
    else:
        ratio = target / value if value > 0 else ZERO
    score = weight * max(ZERO, min(Decimal(1), ratio))
    return ItemScore(indicator, weight, value, target, met, score)


def score_counties(
    scheme,
    values: Mapping[str, Mapping[str, Decimal | None]],
    targets: Mapping[str, Mapping[str, Decimal | None]],
) -> list[CountyScore]:
    """``values[county][indicator]`` and ``targets[county][indicator]`` → ranked scores."""
    out: list[CountyScore] = []
    for county in sorted(set(values) | set(targets)):
        items = [
            score_item(
                i.indicator,
                i.weight,
                values.get(county, {}).get(i.indicator),
                targets.get(county, {}).get(i.indicator),
                i.higher_is_better,
            )
            for i in scheme.indicators
        ]
        total = sum((x.score for x in items), ZERO).quantize(CENT, ROUND_HALF_UP)
        out.append(CountyScore(county, items, total))
    return rank(out)


def rank(scores: Sequence[CountyScore]) -> list[CountyScore]:
    """Competition ranking by total: counties with equal totals share the better rank."""
    ordered = sorted(scores, key=lambda s: (-s.total, s.county))
    competition_rank(ordered, key=lambda s: s.total, assign=lambda s, r: setattr(s, "rank", r))
    return ordered


_targets_reader = None


def register_targets_reader(reader) -> None:
    """``reader(year) -> {county code: {indicator: target}}``; the assessment app registers
    its own at start-up (``AssessmentConfig.ready``)."""
    global _targets_reader
    _targets_reader = reader


def county_targets(year: int) -> dict[str, dict[str, Decimal]]:
    """Every county-level unit's assessment targets for ``year`` (unscoped: ranks are among
    all units); empty when no assessment app is installed."""
    return _targets_reader(year) if _targets_reader else {}
