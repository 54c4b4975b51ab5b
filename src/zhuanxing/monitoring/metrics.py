"""Growth arithmetic of Chinese monthly operation reports. Pure functions.

- growth (同比增长) = (E − E⁰) / E⁰ × 100, in %;
- contribution (贡献率) of part i = ΔE_i / ΔE × 100, in %: the share of the total's change that
  part i accounts for (parts' contributions add up to 100);
- pull (拉动) of part i = ΔE_i / E⁰ × 100, in percentage points: how much of the total's growth
  rate part i supplies (parts' pulls add up to the total's growth).

Each returns None where the base is zero or missing ("no data" on the page), never a division
by zero.
"""

from decimal import Decimal

from zhuanxing.core.figures import growth_pct

Number = Decimal | int | float


def _d(x: Number) -> Decimal:
    return x if isinstance(x, Decimal) else Decimal(str(x))


def growth(current: Number | None, previous: Number | None) -> Decimal | None:
    if current is None or previous is None:
        return None
    return growth_pct(_d(current), _d(previous))


def contribution(part_delta: Number | None, total_delta: Number | None) -> Decimal | None:
    if part_delta is None or total_delta is None or total_delta == 0:
        return None
    return _d(part_delta) / _d(total_delta) * 100


def pull(part_delta: Number | None, total_previous: Number | None) -> Decimal | None:
    if part_delta is None or total_previous is None or total_previous == 0:
        return None
    return _d(part_delta) / _d(total_previous) * 100


def change_pp(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    """Percentage-point change between two rates (e.g. growth now vs. at the end of Q1)."""
    if now is None or before is None:
        return None
    return now - before
