"""The figures every table shares: growth, ranks, the 万元 → 亿元 conversion and how a number is
shown (rounded half up, as statistical publications do; never truncated)."""

from collections.abc import Callable, Hashable, Sequence
from decimal import ROUND_HALF_UP, Decimal
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


def _decimal(value) -> Decimal:
    # repr gives a float's shortest round-trip digits: 59.405 stays 59.405, not 59.40499…
    return value if isinstance(value, Decimal) else Decimal(repr(float(value)))


def display_places(value, decimals: int | None = None) -> int:
    """Decimal places to show: the indicator's own (policy ``decimals``), else by size —
    no decimals from 1,000, one from 100, two from 1, three below."""
    if decimals is not None:
        return decimals
    size = abs(_decimal(value))
    if size >= 1000:
        return 0
    if size >= 100:
        return 1
    if size >= 1:
        return 2
    return 3


def round_half_up(value, places: int) -> Decimal | None:
    """``value`` rounded half up (away from zero on a tie) to ``places`` decimals."""
    if value is None:
        return None
    return _decimal(value).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def chart_number(value, decimals: int | None = None) -> float | None:
    """A value for a chart's data (JSON): rounded as ``format_number`` shows it, so a tooltip
    never differs from the table beside it (Python's ``round`` on a float would give 1.00 for
    1.005)."""
    if value is None:
        return None
    return float(round_half_up(value, display_places(value, decimals)))


def format_number(value, decimals: int | None = None, *, grouping: bool = True) -> str:
    """The one way a number is shown on pages, in exports and reports: rounded half up to the
    indicator's places (``display_places``), thousands grouped; "—" for no data."""
    if value is None:
        return "—"
    rounded = round_half_up(value, display_places(value, decimals))
    if rounded == 0:
        rounded = abs(rounded)  # no "-0.00"
    return f"{rounded:,f}" if grouping else f"{rounded:f}"


def excel_format(value, decimals: int | None = None, unit: str = "") -> str:
    """The Excel number format showing ``value`` as ``format_number`` does (Excel rounds half
    up when it displays), a "%" after a percentage."""
    places = display_places(value, decimals) if value is not None else decimals or 0
    code = "#,##0" + ("." + "0" * places if places else "")
    return code + '"%"' if unit == "%" else code
