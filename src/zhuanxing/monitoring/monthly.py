"""The figures of a bureau's monthly analysis beyond the operation tables: growth breadth by
GB/T 4754 division, county and 1244 category; margins on the previous month's cumulative
figures; county ranks and their change; 当月 beside cumulative growth; big firms; the 1244
emerging group and high-tech manufacturing; 产销率, 亏损面, 亏损额; growth at comparable prices;
the province's and the nation's growth; the targets at risk. Read from the analytics store
through the indicator engine (and one firm-level query); the arithmetic is ``analysis.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from zhuanxing.analytics import selectors as analytics
from zhuanxing.analytics.engine import Query, evaluate
from zhuanxing.core.periods import shift_month
from zhuanxing.reference import industry

from . import analysis
from .metrics import contribution, growth, pull
from .operation import measure_indicators

VA = "value_added"


@dataclass
class Part:
    """One division, county or category: cumulative value-added figures now and a month
    earlier, and (counties, the whole) the month's own growth and the rank."""

    code: str
    name: str
    value: Decimal | None = None  # 万元
    growth: Decimal | None = None  # cumulative, current prices
    previous_growth: Decimal | None = None  # cumulative to the previous month
    contribution: Decimal | None = None
    pull: Decimal | None = None
    month_growth: Decimal | None = None  # 当月
    comparable_growth: Decimal | None = None  # cumulative, at comparable prices
    rank: analysis.Rank | None = None
    share: Decimal | None = None  # of the whole's value added, %

    @property
    def change_pp(self) -> Decimal | None:
        if self.growth is None or self.previous_growth is None:
            return None
        return self.growth - self.previous_growth


@dataclass
class Group:
    """A set of industries taken together (the 1244 emerging group, high-tech manufacturing)."""

    name: str
    value: Decimal
    share: Decimal | None
    growth: Decimal | None
    contribution: Decimal | None
    pull: Decimal | None


@dataclass
class Analysis:
    month: str
    previous_month: str | None  # None in January: no previous cumulative figures
    whole: Part
    divisions: list[Part]
    counties: list[Part]
    categories: list[Part]
    breadth: dict[str, analysis.Breadth]  # "division" | "county" | "category"
    previous_breadth: dict[str, analysis.Breadth]
    margins: dict[str, analysis.Margins]
    groups: list[Group]
    big: analysis.BigFirms
    big_names: dict[str, str]
    sales: analysis.SalesRatio
    losses: analysis.Losses
    profit_growth: Decimal | None
    electricity_growth: Decimal | None
    price_index_months: int  # months of the year with a general price index
    benchmarks: dict[str, Decimal | None]  # "province" | "nation" → cumulative growth
    targets: list[dict] = field(default_factory=list)  # at risk / off track

    @property
    def comparable(self) -> bool:
        return self.whole.comparable_growth is not None


def _dec(x) -> Decimal | None:
    return None if x is None else Decimal(str(x))


def _run(unit, kind, start, end, *, level=None, breakdown=None, cross=False):
    q = Query(measure_indicators(), unit.code, unit.path, start, end, level=level,
              breakdown=breakdown, kind=kind, cross=cross, comparable=True)  # fmt: skip
    return evaluate(analytics.cursor(), q)


def _growth(cell) -> Decimal | None:
    return growth(_dec(cell.yoy_current), _dec(cell.yoy_base))


def _split(rows, period: str):
    """(whole cell, {org: cell}, {category: cell}) of value added at ``period``."""
    whole, orgs, cats = None, {}, {}
    for row in rows:
        if row.period != period or VA not in row.cells:
            continue
        cell = row.cells[VA]
        if row.org_total and row.category_total:
            whole = cell
        elif not row.org_total and row.category_total:
            orgs[row.org] = cell
        elif row.org_total and not row.category_total:
            cats[row.category or ""] = cell
    return whole, orgs, cats


def _parts(cells: dict, whole, names: dict[str, str], before: dict) -> list[Part]:
    parts = []
    whole_delta = None
    if whole is not None and whole.yoy_current is not None and whole.yoy_base is not None:
        whole_delta = _dec(whole.yoy_current) - _dec(whole.yoy_base)
    for code, cell in cells.items():
        delta = None
        if cell.yoy_current is not None and cell.yoy_base is not None:
            delta = _dec(cell.yoy_current) - _dec(cell.yoy_base)
        parts.append(
            Part(
                code=code,
                name=names.get(code) or code or "其他",
                value=_dec(cell.value),
                growth=_growth(cell),
                previous_growth=None if code not in before else _growth(before[code]),
                contribution=contribution(delta, whole_delta),
                pull=pull(delta, None if whole is None else _dec(whole.yoy_base)),
                share=analysis.share(
                    _dec(cell.value), None if whole is None else _dec(whole.value)
                ),
            )
        )
    return parts


def price_indices() -> dict[tuple[str, str], Decimal]:
    from .models import PriceIndex

    return {(p.month, p.division): p.value for p in PriceIndex.objects.all()}


def firms(unit, month: str) -> list[analysis.Firm]:
    """Each 规上 firm under ``unit``: cumulative figures to ``month`` and their 上年同期."""
    year, m = int(month[:4]), int(month[5:7])
    sql = """
        SELECT enterprise_id, sum(gross_output), sum(prior_gross_output), sum(sales_output),
               sum(prior_sales_output), sum(profit), sum(prior_profit)
        FROM fact_monthly
        WHERE year = ? AND month <= ? AND above_scale AND starts_with(path, ?)
        GROUP BY enterprise_id ORDER BY enterprise_id
    """
    rows = analytics.cursor().execute(sql, [year, m, unit.path]).fetchall()
    return [analysis.Firm(str(r[0]), *(_dec(x) for x in r[1:])) for r in rows]


def monthly_analysis(unit, month: str, *, rules, county_names, category_names, groups_of):
    """The analysis of ``unit`` (checked against the user by the caller) for ``month``.
    ``groups_of``: 1244 category key → its group; ``rules``: the policy's [monitoring]."""
    year = month[:4]
    previous = shift_month(month, -1) if month[5:7] != "01" else None
    start = previous or month
    division_names = {}

    # Cumulative, now and a month earlier: the whole, counties, divisions; then categories.
    rows = _run(unit, "ytd", start, month, level="county", breakdown="division")
    whole, counties, divisions = _split(rows, month)
    _, counties_before, divisions_before = _split(rows, previous) if previous else (None, {}, {})
    for code in divisions:
        found = industry.get(code) if code else None
        division_names[code] = found.name if found else "未分类"
    cat_rows = _run(unit, "ytd", start, month, breakdown="category_1244")
    _, _, categories = _split(cat_rows, month)
    _, _, categories_before = _split(cat_rows, previous) if previous else (None, {}, {})
    ht_rows = _run(unit, "ytd", month, month, breakdown="high_tech_category")
    _, _, high_tech = _split(ht_rows, month)

    # Month by month this year (comparable prices) and the month's own growth.
    month_rows = _run(unit, "month", f"{year}-01", month, level="county", breakdown="division",
                      cross=True)  # fmt: skip
    index = price_indices()
    city_months: list[analysis.MonthValue] = []
    division_months: dict[str, list] = {}
    county_months: dict[str, list] = {}
    month_whole, month_counties = None, {}
    for row in month_rows:
        cell = row.cells.get(VA)
        if cell is None:
            continue
        if row.period == month and row.category_total:
            if row.org_total:
                month_whole = cell
            else:
                month_counties[row.org] = cell
        if row.category_total or cell.yoy_current is None or cell.yoy_base is None:
            continue
        value = analysis.MonthValue(
            row.period, _dec(cell.yoy_current), _dec(cell.yoy_base), row.category or None
        )
        if row.org_total:
            city_months.append(value)
            division_months.setdefault(row.category or "", []).append(value)
        else:
            county_months.setdefault(row.org, []).append(value)

    whole_part = Part(unit.code, unit.name, _dec(whole.value) if whole else None)
    if whole is not None:
        whole_part.growth = _growth(whole)
    before_whole = _split(rows, previous)[0] if previous else None
    whole_part.previous_growth = _growth(before_whole) if before_whole else None
    whole_part.month_growth = _growth(month_whole) if month_whole else None
    whole_part.comparable_growth = analysis.comparable_growth(city_months, index)

    county_parts = _parts(counties, whole, county_names, counties_before)
    now = {p.code: p.growth for p in county_parts}
    before = {p.code: p.previous_growth for p in county_parts}
    ranked = analysis.ranks_with_change(now, before)
    for p in county_parts:
        p.rank = ranked[p.code]
        p.month_growth = _growth(month_counties[p.code]) if p.code in month_counties else None
        p.comparable_growth = analysis.comparable_growth(county_months.get(p.code, []), index)
    county_parts.sort(key=lambda p: (p.rank.rank is None, p.rank.rank or 0, p.code))

    division_parts = _parts(divisions, whole, division_names, divisions_before)
    for p in division_parts:
        p.comparable_growth = analysis.comparable_growth(division_months.get(p.code, []), index)
    division_parts.sort(key=lambda p: p.code or "99")
    category_parts = _parts(categories, whole, category_names, categories_before)
    order = {key: i for i, key in enumerate(category_names)}
    category_parts.sort(key=lambda p: order.get(p.code, len(order)))

    breadth, previous_breadth, margins = {}, {}, {}
    for kind, parts in (("division", division_parts), ("county", county_parts),
                        ("category", category_parts)):  # fmt: skip
        known = [p for p in parts if p.code]  # "": firms outside every division / category
        breadth[kind] = analysis.breadth({p.code: p.growth for p in known})
        previous_breadth[kind] = analysis.breadth({p.code: p.previous_growth for p in known})
        margins[kind] = analysis.margins(
            {p.code: p.growth for p in known}, {p.code: p.previous_growth for p in known}
        )

    emerging = [c for k, c in categories.items() if groups_of.get(k) == "emerging"]
    groups = [
        _group("“1244”新兴产业", emerging, whole),
        _group("高技术制造业", [c for k, c in high_tech.items() if k], whole),
    ]

    firm_rows = firms(unit, month)
    top = settings.ZHUANXING["ANALYSIS_TOP_FIRMS"]
    big = analysis.big_firms(firm_rows, rules.big_firm_output_line, top=top)
    from zhuanxing.enterprises.models import Enterprise

    ids = [int(c.id) for c in big.top]
    big_names = {
        str(pk): name
        for pk, name in Enterprise.objects.filter(pk__in=ids).values_list("pk", "name")
    }
    measures = {}
    for row in rows:
        if row.period == month and row.org_total and row.category_total:
            measures = {k: _growth(c) for k, c in row.cells.items()}
    bench = rules.benchmarks.get(month)
    return Analysis(
        month=month,
        previous_month=previous,
        whole=whole_part,
        divisions=division_parts,
        counties=county_parts,
        categories=category_parts,
        breadth=breadth,
        previous_breadth=previous_breadth,
        margins=margins,
        groups=groups,
        big=big,
        big_names=big_names,
        sales=analysis.sales_ratio(firm_rows),
        losses=analysis.losses(firm_rows),
        profit_growth=measures.get("profit"),
        electricity_growth=measures.get("electricity_kwh"),
        price_index_months=sum(
            1 for m in range(1, int(month[5:7]) + 1) if (f"{year}-{m:02d}", "") in index
        ),
        benchmarks={
            "province": None if bench is None else bench.province,
            "nation": None if bench is None else bench.nation,
        },
    )


def _group(name: str, cells: list, whole) -> Group:
    value = sum((_dec(c.value) or Decimal(0) for c in cells), Decimal(0))
    paired = [c for c in cells if c.yoy_current is not None and c.yoy_base is not None]
    now = sum((_dec(c.yoy_current) for c in paired), Decimal(0))
    before = sum((_dec(c.yoy_base) for c in paired), Decimal(0))
    whole_delta = whole_base = None
    if whole is not None and whole.yoy_current is not None and whole.yoy_base is not None:
        whole_delta = _dec(whole.yoy_current) - _dec(whole.yoy_base)
        whole_base = _dec(whole.yoy_base)
    return Group(
        name=name,
        value=value,
        share=analysis.share(value, None if whole is None else _dec(whole.value)),
        growth=growth(now, before) if paired else None,
        contribution=contribution(now - before, whole_delta) if paired else None,
        pull=pull(now - before, whole_base) if paired else None,
    )
