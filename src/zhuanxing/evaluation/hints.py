"""What it would take an enterprise to reach the next class. Pure functions.

The gap is the lowest total of the next-better class (rank banding) or that band's minimum score
(score banding) minus the firm's total. For each indicator not yet at its cap, the value the firm
would need — everything else unchanged — to close the gap alone; indicators are listed from the
one holding the firm back most (lowest share of its weight earned).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from .scoring import INFINITY, FirmResult


@dataclass(frozen=True)
class Hint:
    key: str
    value: Decimal | None
    benchmark: Decimal | None
    score: Decimal
    weight: Decimal
    needed_value: Decimal | None  # None: this indicator alone cannot close the gap
    increase_pct: Decimal | None


@dataclass(frozen=True)
class Improvement:
    current_class: str
    next_class: str | None
    gap: Decimal  # score points
    hints: list[Hint]


def next_class_threshold(
    method, class_minimums: Mapping[str, Decimal], klass: str
) -> tuple[str, Decimal] | None:
    """The nearest better class than ``klass`` and the total needed to reach it.

    With score banding that is the band's minimum score. With rank banding it is the lowest
    total in the nearest better class that has members (``class_minimums``): matching it ties
    that firm's rank, and tied firms share the better class.
    """
    names = method.class_names
    index = names.index(klass)
    if method.banding == "score":
        if index == 0:
            return None
        better = names[index - 1]
        return better, next(b.min_score for b in method.score_bands if b.name == better)
    for better in reversed(names[:index]):
        if better in class_minimums:
            return better, class_minimums[better]
    return None


def class_minimums(results: list[FirmResult]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for r in results:
        out[r.klass] = min(out.get(r.klass, r.total), r.total)
    return out


def improvement(method, result: FirmResult, minimums: Mapping[str, Decimal]) -> Improvement:
    target = next_class_threshold(method, minimums, result.klass)
    order = sorted(result.indicators, key=lambda i: (i.score / i.weight, i.key))
    if target is None:
        hints = [Hint(i.key, i.value, i.benchmark, i.score, i.weight, None, None) for i in order]
        return Improvement(result.klass, None, Decimal(0), hints)
    next_class, threshold = target
    gap = max(Decimal(0), threshold - result.total)
    cap = Decimal(method.score_cap)
    hints = []
    for item in order:
        needed = increase = None
        reachable = item.score + gap <= item.weight * cap
        if (
            reachable
            and item.benchmark
            and item.benchmark > 0
            and item.value not in (None, INFINITY)
        ):
            exact = (item.score + gap) / item.weight * item.benchmark
            needed = exact.quantize(Decimal("0.01"))
            if item.value > 0:
                increase = ((exact / item.value - 1) * 100).quantize(Decimal("0.1"))
        hints.append(
            Hint(item.key, item.value, item.benchmark, item.score, item.weight, needed, increase)
        )
    return Improvement(result.klass, next_class, gap, hints)
