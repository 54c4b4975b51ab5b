"""The indicator engine: policy indicators evaluated in DuckDB, one query per request.

A request names indicators, a region (its org-unit path), an org-unit level to break down by, an
industry breakdown and a period range. One SQL statement aggregates the fact table with GROUPING
SETS over (period), (period, org unit), (period, category) and (period, org unit, category), joins
the region statistics for indicators that read them, and computes every indicator's value
(``formula.py``). Year-on-year changes come from the same result: the range is widened by a year.

Pure Python over a DuckDB cursor: no Django, so the CLI and the benchmark call it directly.
"""

from dataclasses import dataclass, field
from typing import Any

from zhuanxing.core.figures import growth_pct
from zhuanxing.core.periods import month_range, year_earlier
from zhuanxing.policy.vocabulary import (
    ENTERPRISE_MEASURES,
    MONTHLY_MEASURES,
    MONTHLY_PRIOR,
    REGION_MEASURES,
)

from .formula import Aggregates, FormulaError, add_terms, condition, ratio_sql

ANNUAL_FACT_MEASURES = frozenset(ENTERPRISE_MEASURES)
MONTHLY_FACT_MEASURES = frozenset(MONTHLY_MEASURES)
REGION_FACT_MEASURES = frozenset(REGION_MEASURES)

LEVELS = {"city": ("city_code", 0), "county": ("county_code", 1), "town": ("town_code", 2)}
BREAKDOWNS = {
    "category_1244": "category_1244",
    "high_tech_category": "high_tech_category",
    "heavy_industry": "heavy_industry",
    "section": "industry_section",
    "division": "industry_division",
    "group": "industry_group",
    "class": "industry_class",
}
PERIOD_KINDS = ("year", "month", "ytd")


@dataclass(frozen=True)
class Query:
    """What to evaluate. ``start``/``end``: years (kind "year") or "YYYY-MM" (month, ytd)."""

    indicators: dict[str, Any]  # key → Indicator (policy schema, or built in code)
    region_code: str
    region_path: str
    start: int | str
    end: int | str
    level: str | None = None  # break down by this org level (below the region)
    breakdown: str | None = None  # industry dimension, see BREAKDOWNS
    industry: str | None = None  # keep only this section letter / division / group code
    kind: str = "year"
    cross: bool = True  # also the (org unit × category) grouping set
    # Year-on-year on a comparable basis (同口径), over this year's 规上 population. Monthly
    # and cumulative periods: Σ this year ÷ Σ 上年同期 over the same rows, the 上年同期 being what
    # the enterprise reported beside this year's figure (``prior_*``), else the report it filed
    # a year earlier; a row with neither is left out of both sides. Years: last year's figures
    # of this year's 规上 firms (the 规上 line moved in 2011).
    comparable: bool = False
    # The trend on the same firms: a row counts as 规上 (or 规下) when its enterprise was 规上 (or
    # 规下) in this year, whatever its class in the row's own year; firms absent that year count
    # in neither. So a series that crosses a change of the 规上 line (2011: 500 → 2000万元)
    # follows one population. Year-on-year changes are then comparable by construction.
    population_year: int | None = None
    # Most result rows to read; more raises TooManyRows (a request must be narrowed, not run).
    max_rows: int | None = None


class TooManyRows(Exception):
    """The query would return more than ``Query.max_rows`` rows."""

    def __init__(self, cap: int):
        super().__init__(f"more than {cap} rows")
        self.cap = cap


@dataclass
class Cell:
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    yoy_change: float | None = None  # in the indicator's unit (points for a %)
    yoy_pct: float | None = None  # relative change, %
    # What the change compares: this period's value over the rows that have a base (equal to
    # ``value`` except on the monthly comparable basis), and the base (a year earlier).
    yoy_current: float | None = None
    yoy_base: float | None = None
    # Rows whose figures enter the value (annual facts: firms); None for region statistics.
    firms: int | None = None


@dataclass
class Row:
    period: str
    org: str | None  # org-unit code; None with org_total for the region itself
    org_total: bool
    category: Any  # category key / code; None with category_total for all industries
    category_total: bool
    cells: dict[str, Cell] = field(default_factory=dict)


# --- what a source can answer --------------------------------------------------------------------

# Why an indicator has no figures for a request (None: it has): region statistics are per region
# and year; the monthly reports carry MONTHLY_MEASURES only.
REGION_BY_YEAR = "region_by_year"
REGION_NO_INDUSTRY = "region_no_industry"
NOT_MONTHLY = "not_monthly"


def unavailable(ind, kind: str, breakdown: str | None, industry: str | None = None) -> str | None:
    """The reason ``ind`` has no values for this period kind and industry cut, or None."""
    for table in (ind.numerator, ind.denominator):
        if table is None:
            continue
        if table.source == "region":
            if kind != "year":
                return REGION_BY_YEAR
            if breakdown or industry:
                return REGION_NO_INDUSTRY
        elif kind != "year" and any(m not in MONTHLY_FACT_MEASURES for m in table.measures):
            return NOT_MONTHLY
    return None


# --- periods -----------------------------------------------------------------------------------


def periods_between(kind: str, start, end) -> list[str]:
    if kind == "year":
        return [str(y) for y in range(int(start), int(end) + 1)]
    return month_range(start, end)


# --- SQL ---------------------------------------------------------------------------------------


def _reported(table) -> str:
    return "(" + " OR ".join(f"{m} IS NOT NULL" for m in table.measures) + ")"


def _side(table, agg: Aggregates, measures_ok: frozenset[str], paired: str | None = None):
    """(sum SQL, rows SQL or None) for an enterprise side; None when not available.
    ``paired``: a condition the rows must also meet (the other side of a ratio reported)."""
    if any(m not in measures_ok for m in table.measures):
        return None
    cond = condition(table.filters)
    if paired:
        cond = f"{cond} AND {paired}"
    terms = [f"e.{agg.sum(m, cond)}" for m in table.measures]
    return add_terms(terms), f"e.{agg.count(cond)}"


def _firms(ind, agg: Aggregates, measures_ok: frozenset[str], both: bool) -> str:
    """SQL counting the rows whose figures enter the numerator (with ``both``, also the
    denominator): on annual facts, the firms behind the value."""
    table = ind.numerator
    if table.source != "enterprise" or any(m not in measures_ok for m in table.measures):
        return "NULL"
    cond = f"{condition(table.filters)} AND {_reported(table)}"
    if both:
        cond += f" AND {_reported(ind.denominator)}"
    return f"e.{agg.count(cond)}"


def _region_side(table, region_ok: bool):
    if not region_ok or any(m not in REGION_FACT_MEASURES for m in table.measures):
        return None
    return add_terms([f"r.{m}" for m in table.measures]), None


def compile_query(
    q: Query, *, next_year_population: bool = False, basis: str | None = None
) -> tuple[str, list]:
    """The SQL statement and its parameters for ``q``. With ``next_year_population`` a row
    counts as 规上 when its enterprise is 规上 in the following year: the base of a comparable
    year-on-year change. ``basis`` (monthly facts only): "prior" reads each row's 上年同期 in
    place of its measures, labelled a year earlier; "paired" keeps only the measures that have a
    上年同期 — the two sides of the monthly comparable growth."""
    if q.kind not in PERIOD_KINDS:
        raise FormulaError(f"unknown period kind {q.kind!r}")
    annual = q.kind == "year"
    fact = "fact_annual" if annual else "fact_monthly"
    measures_ok = ANNUAL_FACT_MEASURES if annual else MONTHLY_FACT_MEASURES
    agg = Aggregates.over(measures_ok)
    values, uses_region = [], False
    for key, ind in q.indicators.items():
        # A ratio of two enterprise sides counts only firms that report both: a firm without
        # emissions data must not add its value added to "emissions per unit value added".
        both = (
            getattr(ind, "pair_firms", True)
            and ind.denominator is not None
            and ind.numerator.source == ind.denominator.source == "enterprise"
        )
        sides = []
        for table, other in ((ind.numerator, ind.denominator), (ind.denominator, ind.numerator)):
            if table is None:
                sides.append(None)
            elif table.source == "region":
                uses_region = uses_region or annual
                sides.append(_region_side(table, annual) or ("NULL", None))
            else:
                paired = _reported(other) if both else None
                sides.append(_side(table, agg, measures_ok, paired) or ("NULL", None))
        (num, rows), den = sides[0], sides[1]
        value = ratio_sql(num, rows, den[0] if den else None, float(ind.factor))
        values += [
            f"{value} AS v_{key}",
            f"{num} AS n_{key}",
            f"{den[0] if den else 'NULL'} AS d_{key}",
            f"{_firms(ind, agg, measures_ok, both)} AS f_{key}",
        ]
    if not agg.sums:  # every side reads region statistics: still need one aggregate
        agg.count("TRUE")

    if annual:
        y0, y1 = int(q.start) - 1, int(q.end)
        time_cols, time_keys = ["year"], "year"
    else:
        y0, y1 = int(str(q.start)[:4]) - 1, int(str(q.end)[:4])
        time_cols, time_keys = ["year", "month"], "year, month"
    # Portable SQL (docs/scale.md): LIKE on a prefix rather than DuckDB's starts_with; org-unit
    # paths hold digits, letters and slashes only, never a LIKE wildcard.
    params: list = [] if q.population_year is None else [int(q.population_year)]
    params += [q.region_path + "%", y0, y1]
    where = "path LIKE ? AND year BETWEEN ? AND ?"
    if q.industry:
        column = {1: "industry_section", 2: "industry_division", 3: "industry_group"}.get(
            len(q.industry)
        )
        if column is None:
            raise FormulaError(f"bad industry filter {q.industry!r}")
        where += f" AND {column} = ?"
        params.append(q.industry)

    org_col = LEVELS[q.level][0] if q.level else None
    cat_col = BREAKDOWNS[q.breakdown] if q.breakdown else None
    sets = [""]
    if org_col:
        sets.append(org_col)
    if cat_col:
        sets.append(cat_col)
    if org_col and cat_col and q.cross:
        sets.append(f"{org_col}, {cat_col}")
    grouping = ", ".join(f"({time_keys}{', ' + s if s else ''})" for s in sets)
    org_sel = (
        f"{org_col} AS org, GROUPING({org_col}) AS g_org"
        if org_col
        else ("CAST(NULL AS VARCHAR) AS org, 1 AS g_org")
    )
    cat_sel = (
        f"CAST({cat_col} AS VARCHAR) AS cat, GROUPING({cat_col}) AS g_cat"
        if cat_col
        else ("CAST(NULL AS VARCHAR) AS cat, 1 AS g_cat")
    )
    if basis is not None and not annual:
        # ``prior_*``: the 上年同期 as reported, else the report of a year earlier (build.py).
        if basis == "prior":
            replace = [
                "year - 1 AS year",
                *(
                    f"CASE WHEN {m} IS NOT NULL THEN {p} END AS {m}"
                    for m, p in MONTHLY_PRIOR.items()
                ),
            ]
        else:
            replace = [
                f"CASE WHEN {p} IS NOT NULL THEN {m} END AS {m}" for m, p in MONTHLY_PRIOR.items()
            ]
        base_cte = f"base AS (SELECT * REPLACE ({', '.join(replace)}) FROM {fact} WHERE {where})"
    elif next_year_population:
        base_cte = (
            "base AS (SELECT f.* REPLACE (f.enterprise_id IN (SELECT n.enterprise_id "
            f"FROM {fact} n WHERE n.year = f.year + 1 AND n.above_scale) AS above_scale) "
            f"FROM {fact} f WHERE {where})"
        )
    else:
        base_cte = f"base AS (SELECT * FROM {fact} WHERE {where})"
    ctes = [base_cte]
    if q.population_year is not None:
        # The population year's class of each enterprise replaces the row's own (see Query).
        ctes = [
            "pop AS (SELECT enterprise_id, bool_or(above_scale) AS above_scale "
            "FROM fact_annual WHERE year = ? GROUP BY enterprise_id)",
            base_cte.replace("base AS (", "base0 AS (", 1),
            "base AS (SELECT b.* REPLACE (p.above_scale AS above_scale) FROM base0 b "
            "LEFT JOIN pop p ON p.enterprise_id = b.enterprise_id)",
        ]
    ctes += [
        f"e0 AS (SELECT {', '.join(time_cols)}, {org_sel}, {cat_sel}, "
        f"{', '.join(agg.select_list())} FROM base GROUP BY GROUPING SETS ({grouping}))",
    ]
    if q.kind == "ytd":
        window = "PARTITION BY year, org, g_org, cat, g_cat ORDER BY month ROWS UNBOUNDED PRECEDING"
        sums = ", ".join(f"SUM({a}) OVER w AS {a}" for a in agg.aliases())
        keys_sql = "year, month, org, g_org, cat, g_cat"
        ctes.append(f"e AS (SELECT {keys_sql}, {sums} FROM e0 WINDOW w AS ({window}))")
    else:
        ctes.append("e AS (SELECT * FROM e0)")

    if annual:
        period_sql = (
            "CAST(coalesce(e.year, r.year) AS VARCHAR)"
            if uses_region
            else ("CAST(e.year AS VARCHAR)")
        )
    else:
        period_sql = "printf('%04d-%02d', e.year, e.month)"
    if uses_region:
        level_depth = LEVELS[q.level][1] if q.level else -1
        ctes.append(
            "r AS (SELECT year, CASE WHEN org_code = ? THEN NULL ELSE org_code END AS org, "
            "CASE WHEN org_code = ? THEN 1 ELSE 0 END AS g_org, * EXCLUDE (year, org_code) "
            "FROM region_stats WHERE year BETWEEN ? AND ? AND (org_code = ? OR "
            "(depth = ? AND path LIKE ?)))"
        )
        params += [
            q.region_code, q.region_code, y0, y1, q.region_code, level_depth, q.region_path + "%",
        ]  # fmt: skip
        source = (
            "e FULL OUTER JOIN r ON e.year = r.year AND e.g_cat = 1 AND e.g_org = r.g_org "
            "AND e.org IS NOT DISTINCT FROM r.org"
        )
        keys = (
            "coalesce(e.org, r.org) AS org, coalesce(e.g_org, r.g_org) AS g_org, "
            "e.cat AS cat, coalesce(e.g_cat, 1) AS g_cat"
        )
    else:
        source = "e"
        keys = "e.org AS org, e.g_org AS g_org, e.cat AS cat, e.g_cat AS g_cat"
    sql = (
        f"WITH {', '.join(ctes)} SELECT {period_sql} AS period, {keys}, {', '.join(values)} "
        f"FROM {source}"
    )
    return sql, params


def evaluate(cursor, q: Query) -> list[Row]:
    """Run ``q`` on a store cursor: rows for the requested periods, with year-on-year changes."""
    found = _fetch(cursor, q, *compile_query(q))
    bases, currents = found, found
    if q.comparable and q.kind != "year":
        bases = _fetch(cursor, q, *compile_query(q, basis="prior"))
        currents = _fetch(cursor, q, *compile_query(q, basis="paired"))
    elif q.comparable and q.population_year is None:
        bases = _fetch(cursor, q, *compile_query(q, next_year_population=True))
    wanted = set(periods_between(q.kind, q.start, q.end))
    rows = []
    for key, row in found.items():
        period, *rest = key
        if period not in wanted:
            continue
        before = bases.get((year_earlier(period), *rest))
        now = currents.get(key)
        for k, cell in row.cells.items():
            cell.yoy_current = now.cells[k].value if now else None
            cell.yoy_base = before.cells[k].value if before else None
            cell.yoy_change, cell.yoy_pct = yoy(cell.yoy_current, cell.yoy_base)
        rows.append(row)
    rows.sort(
        key=lambda r: (
            r.period,
            not r.org_total,
            r.org or "",
            not r.category_total,
            r.category or "",
        )
    )
    return rows


def _fetch(cursor, q: Query, sql: str, params: list) -> dict[tuple, Row]:
    result = cursor.execute(sql, params)
    names = [d[0] for d in result.description]
    keys = list(q.indicators)
    found: dict[tuple, Row] = {}
    if q.max_rows is None:
        records = result.fetchall()
    else:
        records = result.fetchmany(q.max_rows + 1)
        if len(records) > q.max_rows:
            raise TooManyRows(q.max_rows)
    for record in records:
        data = dict(zip(names, record, strict=True))
        row = Row(
            period=data["period"],
            org=data["org"],
            org_total=bool(data["g_org"]),
            category=data["cat"],
            category_total=bool(data["g_cat"]),
            cells={
                k: Cell(
                    data[f"v_{k}"],
                    _num(data[f"n_{k}"]),
                    _num(data[f"d_{k}"]),
                    firms=None if data[f"f_{k}"] is None else int(data[f"f_{k}"]),
                )
                for k in keys
            },
        )
        found[(row.period, row.org, row.org_total, row.category, row.category_total)] = row
    return found


def _num(value) -> float | None:
    return None if value is None else float(value)


def yoy(value: float | None, previous: float | None) -> tuple[float | None, float | None]:
    """(change, relative change in %) against the same period a year earlier; None when either
    is missing, and no relative change from a zero base."""
    if value is None or previous is None:
        return None, None
    change = value - previous
    pct = growth_pct(value, previous)
    return change, pct
