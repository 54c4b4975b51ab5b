"""Early warnings (预警) of the monthly monitoring, by the rules in the policy's [monitoring].

Enterprise rules, on cumulative-to-month figures against the same months a year earlier:
- ``output_drop``: cumulative gross output down more than ``output_drop_pct``;
- ``zero_output``: nothing produced (or nothing reported) this month, though it produced earlier
  this year or last year (停产);
- ``turn_to_loss``: cumulative profit negative, non-negative a year earlier (由盈转亏).
County rule:
- ``county_lagging``: cumulative value-added growth more than ``county_growth_margin_pp``
  points below the city's.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from zhuanxing.analytics import selectors as analytics

from .metrics import growth
from .operation import Operation

OUTPUT_DROP = "output_drop"
ZERO_OUTPUT = "zero_output"
TURN_TO_LOSS = "turn_to_loss"
COUNTY_LAGGING = "county_lagging"
RULES = (OUTPUT_DROP, ZERO_OUTPUT, TURN_TO_LOSS, COUNTY_LAGGING)


@dataclass(frozen=True)
class Warning:
    rule: str
    subject: str  # enterprise id (as text) or county code
    county: str
    value: Decimal | None  # this year's figure the rule looked at
    previous: Decimal | None  # a year earlier
    change: Decimal | None  # growth % or percentage points, where the rule uses one


def _d(x) -> Decimal | None:
    return None if x is None else Decimal(str(x))


def enterprise_warnings(paths: list[str], month: str, rules) -> list[Warning]:
    """Warnings for the enterprises under any of ``paths`` (the user's scope): this year's 规上
    firms that filed this year, each against its own reports of a year earlier."""
    if not paths:
        return []
    year, m = int(month[:4]), int(month[5:7])
    scope = " OR ".join(["starts_with(path, ?)"] * len(paths))
    sql = f"""
        WITH agg AS (
            SELECT enterprise_id, any_value(county_code) AS county, year,
                   sum(CASE WHEN month <= ? THEN gross_output END) AS output,
                   sum(CASE WHEN month <= ? THEN profit END) AS profit,
                   sum(CASE WHEN month = ? THEN gross_output END) AS month_output,
                   sum(CASE WHEN month < ? THEN gross_output END) AS earlier_output,
                   sum(gross_output) AS year_output
            FROM fact_monthly
            WHERE ((year = ? AND month <= ? AND above_scale) OR year = ?) AND ({scope})
            GROUP BY enterprise_id, year)
        SELECT c.enterprise_id, c.county, c.output, p.output, c.profit, p.profit,
               c.month_output, c.earlier_output, p.year_output
        FROM agg c LEFT JOIN agg p ON p.enterprise_id = c.enterprise_id AND p.year = ?
        WHERE c.year = ?
        ORDER BY c.enterprise_id
    """
    params = [m, m, m, m, year, m, year - 1, *paths, year - 1, year]
    out = []
    for (
        eid, county, out_now, out_before, profit_now, profit_before, m_now, earlier, last_year,
    ) in analytics.cursor().execute(sql, params).fetchall():  # fmt: skip
        subject = str(eid)
        change = growth(_d(out_now), _d(out_before))
        if change is not None and change < -rules.output_drop_pct:
            out.append(Warning(OUTPUT_DROP, subject, county, _d(out_now), _d(out_before), change))
        # 停产: nothing this month (or no report) from a firm that produced earlier this year or
        # last year, whether or not it filed for this month a year ago. A firm that filed
        # nothing this year has left the 规上 population; it has not stopped.
        produced = (earlier or 0) > 0 or (last_year or 0) > 0
        if rules.flag_zero_output and produced and not m_now:
            out.append(Warning(ZERO_OUTPUT, subject, county, _d(m_now or 0), _d(out_before), None))
        if (
            rules.flag_turn_to_loss
            and profit_now is not None
            and profit_before is not None
            and profit_now < 0 <= profit_before
        ):
            out.append(
                Warning(TURN_TO_LOSS, subject, county, _d(profit_now), _d(profit_before), None)
            )
    return out


def county_warnings(op: Operation, rules) -> list[Warning]:
    city = op.ytd_total.figures.get("value_added")
    if city is None or city.growth is None:
        return []
    out = []
    for line in op.counties:
        fig = line.figures.get("value_added")
        if fig is None or fig.growth is None:
            continue
        gap = fig.growth - city.growth
        if gap < -rules.county_growth_margin_pp:
            out.append(Warning(COUNTY_LAGGING, line.code, line.code, fig.growth, city.growth, gap))
    return out
