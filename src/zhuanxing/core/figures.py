"""The figures every table shares: growth, ranks and the 万元 → 亿元 conversion."""

from collections.abc import Callable, Hashable, Sequence
from decimal import Decimal
from typing import TypeVar

T = TypeVar("T")

# Money is kept in 万元 (10,000 yuan); reports and cards show 亿元 (100 million yuan).
TEN_THOUSANDS_PER_HUNDRED_MILLION = 10_000
HUNDRED_MILLION_FACTOR = Decimal("0.0001")  # 万元 → 亿元, as an indicator factor


def to_hundred_million(value_10k):
    """A 万元 amount in 亿元, keeping its type (Decimal stays Decimal); None stays None."""
    if value_10k is None:
        return None
    if isinstance(value_10k, Decimal):
        return value_10k / TEN_THOUSANDS_PER_HUNDRED_MILLION
    return value_10k / TEN_THOUSANDS_PER_HUNDRED_MILLION


def growth_pct(current, previous):
    """Year-on-year growth in % against the base's absolute size, so a smaller loss (−100 →
    −50) reads as +50 %, as the statistical tables do; None when either figure is missing or
    the base is zero. Decimal in, Decimal out; floats in, float out."""
    if current is None or previous is None or previous == 0:
        return None
    return (current - previous) / abs(previous) * 100


def competition_rank(
    items: Sequence[T], key: Callable[[T], Hashable], *, assign: Callable[[T, int], None]
) -> None:
    """Standard competition ranking ("1224") over ``items`` already sorted best first: items
    with equal ``key`` share the better rank, and the next rank skips the shared places."""
    previous: object = object()
    previous_rank = 0
    for position, item in enumerate(items, start=1):
        value = key(item)
        rank = previous_rank if value == previous else position
        assign(item, rank)
        previous, previous_rank = value, rank
