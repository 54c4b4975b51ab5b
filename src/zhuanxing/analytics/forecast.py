"""Trend forecast for a target year: a straight line through the yearly values (least squares),
with a prediction interval. Pure Python.

Why a straight line: four to ten yearly points do not support anything richer, and officials can
check it with a ruler. The interval is the 80% prediction interval of ordinary least squares
(Student's t), so with few points it is honestly wide; with two points there is no residual
variance and no interval.
"""

import math
from dataclasses import dataclass

# Two-sided 80% Student t quantiles (t_0.90) by degrees of freedom; 1.2816 is the normal limit.
_T90 = {1: 3.078, 2: 1.886, 3: 1.638, 4: 1.533, 5: 1.476, 6: 1.440, 7: 1.415, 8: 1.397,
        9: 1.383, 10: 1.372, 12: 1.356, 15: 1.341, 20: 1.325, 30: 1.310}  # fmt: skip
LEVEL = 0.8


def t_quantile(df: int) -> float:
    """t_0.90 for ``df``; between table entries the smaller df's value (a slightly wider,
    never narrower, interval)."""
    return _T90[max(d for d in _T90 if d <= max(df, 1))]


@dataclass(frozen=True)
class Forecast:
    year: int
    value: float
    low: float | None
    high: float | None
    slope: float  # change per year


def linear_trend(points: dict[int, float], year: int) -> Forecast | None:
    """Forecast ``year`` from {year: value}; None with fewer than two points."""
    pts = sorted((y, v) for y, v in points.items() if v is not None)
    n = len(pts)
    if n < 2:
        return None
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in pts) / sxx
    intercept = my - slope * mx
    value = intercept + slope * year
    if n == 2:
        return Forecast(year, value, None, None, slope)
    residual = sum((y - (intercept + slope * x)) ** 2 for x, y in pts)
    s = math.sqrt(residual / (n - 2))
    half = t_quantile(n - 2) * s * math.sqrt(1 + 1 / n + (year - mx) ** 2 / sxx)
    return Forecast(year, value, value - half, value + half, slope)


def required_growth_pct(value: float | None, target: float | None, years: int) -> float | None:
    """Average yearly growth (%) taking ``value`` to ``target`` in ``years`` years; None when it
    cannot be stated (no value, no time left, or a sign change)."""
    if value is None or target is None or years <= 0 or value <= 0 or target <= 0:
        return None
    return ((target / value) ** (1 / years) - 1) * 100
