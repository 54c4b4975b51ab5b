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
from dataclasses import dataclass, replace
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


def score_item(
    indicator: str,
    weight: Decimal,
    value,
    target,
    higher_is_better: bool,
    floor: Decimal | None = None,
) -> ItemScore:
    """``floor`` (capped ratio): the share of the target at or below which nothing is earned."""
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
    ratio = max(ZERO, min(Decimal(1), ratio))
    if floor is not None and not met:
        ratio = max(ZERO, (ratio - floor) / (1 - floor))
    score = weight * ratio
    return ItemScore(indicator, weight, value, target, met, score)


def score_counties(
    scheme,
    values: Mapping[str, Mapping[str, Decimal | None]],
    targets: Mapping[str, Mapping[str, Decimal | None]],
) -> list[CountyScore]:
    """``values[county][indicator]`` and ``targets[county][indicator]`` → ranked scores."""
    scoring = getattr(scheme, "scoring", "ratio")
    floor = scheme.floor if scoring == "capped_ratio" else None
    counties = sorted(set(values) | set(targets))
    by_rank = {i.indicator: _rank_shares(i, values, counties) for i in scheme.indicators}
    out: list[CountyScore] = []
    for county in counties:
        items = []
        for i in scheme.indicators:
            item = score_item(
                i.indicator,
                i.weight,
                values.get(county, {}).get(i.indicator),
                targets.get(county, {}).get(i.indicator),
                i.higher_is_better,
                floor,
            )
            if scoring == "rank":
                item = replace(item, score=i.weight * by_rank[i.indicator].get(county, ZERO))
            items.append(item)
        total = sum((x.score for x in items), ZERO).quantize(CENT, ROUND_HALF_UP)
        out.append(CountyScore(county, items, total))
    return rank(out)


def _rank_shares(item, values, counties) -> dict[str, Decimal]:
    """(n − rank + 1) / n of each county with a value of ``item``'s indicator."""
    have = [
        (c, Decimal(values[c][item.indicator]))
        for c in counties
        if values.get(c, {}).get(item.indicator) is not None
    ]
    sign = -1 if item.higher_is_better else 1
    ordered = sorted(have, key=lambda cv: (sign * cv[1], cv[0]))
    ranks: dict[str, int] = {}
    competition_rank(ordered, key=lambda cv: cv[1], assign=lambda cv, r: ranks.update({cv[0]: r}))
    n = len(ordered)
    return {c: Decimal(n - r + 1) / n for c, r in ranks.items()}


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
