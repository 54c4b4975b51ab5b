"""Monthly operation figures (工业经济运行监测) from the analytics store.

The six monthly measures of 规上 enterprises, for the month and cumulative to the month, by
county-level unit and by 1244 category, with year-on-year growth, growth contribution and pull
(``metrics.py``), and the 24-month trend. Everything goes through the indicator engine: the
measures are indicators built here (sums of one measure over 规上 firms), evaluated for the
"month" and "ytd" period kinds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from zhuanxing.analytics import selectors as analytics
from zhuanxing.analytics.engine import Query, evaluate
from zhuanxing.core.periods import shift_month
from zhuanxing.policy.schema import Indicator

from .metrics import contribution, growth, pull

# (key, label, unit of the value shown, divisor from the store's unit)
MEASURES = [
    ("value_added", _("Value added"), _("100 million yuan"), 10_000),
    ("gross_output", _("Gross output"), _("100 million yuan"), 10_000),
    ("sales_output", _("Sales output"), _("100 million yuan"), 10_000),
    ("export_delivery", _("Export delivery"), _("100 million yuan"), 10_000),
    ("electricity_kwh", _("Electricity"), _("100 million kWh"), 100_000_000),
    ("profit", _("Total profit"), _("100 million yuan"), 10_000),
]
MEASURE_KEYS = [m[0] for m in MEASURES]


def measure_indicators() -> dict[str, Indicator]:
    return {
        key: Indicator.model_validate(
            {
                "name": key,
                "name_en": key,
                "unit": "万元",
                "factor": 1,
                "numerator": {
                    "source": "enterprise",
                    "measures": [key],
                    "filters": ["above_scale"],
                },
            }
        )
        for key in MEASURE_KEYS
    }


@dataclass
class Figure:
    """One measure for one region or category: value, its 上年同期, growth, contribution, pull
    (all None when they cannot be computed).

    ``previous`` is Σ 上年同期 and ``compared`` Σ this year over the same firms (those with a
    上年同期): growth, contribution and pull compare these two, so a firm new to 规上 counts
    against its own last year, never against zero. ``value`` is the whole total."""

    value: Decimal | None
    previous: Decimal | None
    growth: Decimal | None = None
    contribution: Decimal | None = None
    pull: Decimal | None = None
    compared: Decimal | None = None

    @property
    def delta(self) -> Decimal | None:
        if self.compared is None or self.previous is None:
            return None
        return self.compared - self.previous


@dataclass
class Line:
    code: str | None  # org-unit code or category key; None for the region's total
    figures: dict[str, Figure] = field(default_factory=dict)


@dataclass
class Operation:
    month: str
    region: object
    month_total: Line
    ytd_total: Line
    counties: list[Line]
    categories: list[Line]
    trend: list[tuple[str, dict[str, Decimal | None]]]  # (period, {key: monthly growth %})
    q1_growth: dict[str, Decimal | None]  # cumulative growth at March, for the text


def _dec(x) -> Decimal | None:
    return None if x is None else Decimal(str(x))


def _figure(cell) -> Figure:
    compared, previous = _dec(cell.yoy_current), _dec(cell.yoy_base)
    return Figure(_dec(cell.value), previous, growth(compared, previous), compared=compared)


def _lines(rows, period: str, *, by: str) -> tuple[Line, list[Line]]:
    total, parts = Line(None), []
    for row in rows:
        if row.period != period:
            continue
        if row.org_total and row.category_total:
            total.figures = {k: _figure(c) for k, c in row.cells.items()}
        elif by == "org" and not row.org_total and row.category_total:
            parts.append(Line(row.org, {k: _figure(c) for k, c in row.cells.items()}))
        elif by == "category" and row.org_total and not row.category_total:
            parts.append(Line(row.category or "", {k: _figure(c) for k, c in row.cells.items()}))
    for line in parts:
        for key, fig in line.figures.items():
            whole = total.figures.get(key)
            if whole is None or fig.delta is None or whole.delta is None:
                continue
            fig.contribution = contribution(fig.delta, whole.delta)
            fig.pull = pull(fig.delta, whole.previous)
    return total, parts


def operation(unit, month: str) -> Operation:
    """The month's figures for ``unit`` (already checked against the user) and its counties."""
    indicators = measure_indicators()
    cursor = analytics.cursor()

    def run(kind, start, end, level=None, breakdown=None):
        q = Query(indicators, unit.code, unit.path, start, end, level=level, breakdown=breakdown,
                  kind=kind, cross=False, comparable=True)  # fmt: skip
        return evaluate(cursor, q)

    ytd_rows = run("ytd", month, month, level="county")
    ytd_total, counties = _lines(ytd_rows, month, by="org")
    month_rows = run("month", shift_month(month, 1 - settings.ZHUANXING["TREND_MONTHS"]), month)
    month_total, _ = _lines(month_rows, month, by="org")
    _, categories = _lines(
        run("ytd", month, month, breakdown="category_1244"), month, by="category"
    )
    trend = []
    for row in month_rows:
        if row.org_total and row.category_total:
            trend.append((row.period, {k: _dec(c.yoy_pct) for k, c in row.cells.items()}))
    q1 = f"{month[:4]}-03"
    q1_growth: dict[str, Decimal | None] = {}
    if month[5:7] > "03":
        q1_rows = run("ytd", q1, q1)
        q1_line, _ = _lines(q1_rows, q1, by="org")
        q1_growth = {k: f.growth for k, f in q1_line.figures.items()}
    return Operation(month, unit, month_total, ytd_total, counties, categories, trend, q1_growth)


def headline(op: Operation, region_name: str) -> str:
    """The report's opening sentence, from the numbers, in the active language."""
    from . import wording

    va = op.ytd_total.figures.get("value_added")
    return wording.headline(
        int(op.month[5:7]),
        region_name,
        None if va is None else va.value,
        None if va is None else va.growth,
        op.q1_growth.get("value_added"),
    )
