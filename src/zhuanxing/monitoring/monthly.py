"""The figures of a bureau's monthly analysis beyond the operation tables: growth breadth by
GB/T 4754 division, county and 1244 category; margins on the previous month's cumulative
figures; county ranks and their change; 当月 beside cumulative growth; big firms; the 1244
emerging group and high-tech manufacturing; 产销率, 亏损面, 亏损额; growth at comparable prices;
the province's and the nation's growth; the targets at risk. Read from the analytics store in
one pass over the year's monthly facts on the engine's comparable basis (a test checks the
figures equal the engine's), one firm-level query and the targets' yearly series; the
arithmetic is ``analysis.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from zhuanxing.analytics import selectors as analytics
from zhuanxing.core.figures import format_number
from zhuanxing.core.language import pick
from zhuanxing.core.periods import shift_month
from zhuanxing.reference import industry

from . import analysis
from .metrics import contribution, growth, pull

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
    targets: list = field(default_factory=list)  # TargetConcern: at risk / off track

    @property
    def comparable(self) -> bool:
        return self.whole.comparable_growth is not None


def _dec(x) -> Decimal | None:
    return None if x is None else Decimal(str(x))


class Sum:
    """A cell of sums, as the engine gives one: the whole value, this year's figures that have
    a 上年同期 (``yoy_current``) and that 上年同期 (``yoy_base``); None until a figure is added."""

    __slots__ = ("value", "yoy_current", "yoy_base")

    def __init__(self):
        self.value = self.yoy_current = self.yoy_base = None

    def add(self, value, current, base) -> None:
        if value is not None:
            self.value = value + (self.value or 0)
        if current is not None:
            self.yoy_current = current + (self.yoy_current or 0)
        if base is not None:
            self.yoy_base = base + (self.yoy_base or 0)


SCANNED = (VA, "profit", "electricity_kwh")


def scan(unit, month: str) -> list[tuple]:
    """One pass over this year's monthly facts of 规上 firms under ``unit`` up to ``month``:
    sums by county, division, 1244 category, high-tech category and month, each measure as
    (value, value with a 上年同期, 上年同期 where the value is reported) — the engine's
    comparable basis (``engine.compile_query``, bases "paired" and "prior")."""
    year, m = int(month[:4]), int(month[5:7])
    sums = ", ".join(
        f"sum({x}), sum(CASE WHEN prior_{x} IS NOT NULL THEN {x} END), "
        f"sum(CASE WHEN {x} IS NOT NULL THEN prior_{x} END)"
        for x in SCANNED
    )
    sql = f"""
        SELECT month, county_code, coalesce(industry_division, ''),
               coalesce(CAST(category_1244 AS VARCHAR), ''),
               coalesce(CAST(high_tech_category AS VARCHAR), ''), {sums}
        FROM fact_monthly
        WHERE year = ? AND month <= ? AND above_scale AND starts_with(path, ?)
        GROUP BY ALL
    """
    return analytics.cursor().execute(sql, [year, m, unit.path]).fetchall()


@dataclass
class Cut:
    """The sums of one period: the whole, by county, division, category, high-tech category,
    and county × division."""

    whole: dict[str, Sum] = field(default_factory=lambda: {k: Sum() for k in SCANNED})
    counties: dict[str, Sum] = field(default_factory=dict)
    divisions: dict[str, Sum] = field(default_factory=dict)
    categories: dict[str, Sum] = field(default_factory=dict)
    high_tech: dict[str, Sum] = field(default_factory=dict)
    county_divisions: dict[tuple[str, str], Sum] = field(default_factory=dict)

    def add(self, row) -> None:
        _, county, division, category, high_tech = row[:5]
        for i, key in enumerate(SCANNED):
            self.whole[key].add(*row[5 + 3 * i : 8 + 3 * i])
        figures = row[5:8]
        for bucket, code in (
            (self.counties, county),
            (self.divisions, division),
            (self.categories, category),
            (self.high_tech, high_tech),
            (self.county_divisions, (county, division)),
        ):
            found = bucket.get(code)
            if found is None:
                found = bucket[code] = Sum()
            found.add(*figures)


def _growth(cell) -> Decimal | None:
    return growth(_dec(cell.yoy_current), _dec(cell.yoy_base))


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
                name=names.get(code) or code or pick("其他", "Other"),
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
    division_names = {}

    # One pass over the year's facts: cumulative now and a month earlier, and each month.
    m = int(month[5:7])
    ytd_now, ytd_before = Cut(), Cut()
    months: dict[int, Cut] = {}
    for row in scan(unit, month):
        ytd_now.add(row)
        if row[0] < m:
            ytd_before.add(row)
        months.setdefault(row[0], Cut()).add(row)
    whole = ytd_now.whole[VA]
    counties, divisions = ytd_now.counties, ytd_now.divisions
    categories, high_tech = ytd_now.categories, ytd_now.high_tech
    counties_before = ytd_before.counties if previous else {}
    divisions_before = ytd_before.divisions if previous else {}
    categories_before = ytd_before.categories if previous else {}
    for code in divisions:
        found = industry.get(code) if code else None
        if found is None:
            division_names[code] = pick("未分类", "Unclassified")
        else:
            division_names[code] = pick(found.name, industry.english_name(code))

    # Comparable prices: each month deflated by its index, division by division where a
    # division has its own, else as a whole by the general series.
    index = {k: v for k, v in price_indices().items() if k[0].startswith(year)}
    by_division = any(division for _, division in index)
    city_months: list[analysis.MonthValue] = []
    division_months: dict[str, list] = {}
    county_months: dict[str, list] = {}

    def value(period, cell, division=None):
        if cell.yoy_current is None or cell.yoy_base is None:
            return None
        return analysis.MonthValue(
            period, _dec(cell.yoy_current), _dec(cell.yoy_base), division or None
        )

    for number, cut in sorted(months.items()):
        period = f"{year}-{number:02d}"
        for code, cell in cut.divisions.items():
            if (v := value(period, cell, code)) is not None:
                division_months.setdefault(code, []).append(v)
                if by_division:
                    city_months.append(v)
        if by_division:
            for (county, code), cell in cut.county_divisions.items():
                if (v := value(period, cell, code)) is not None:
                    county_months.setdefault(county, []).append(v)
        else:
            if (v := value(period, cut.whole[VA])) is not None:
                city_months.append(v)
            for county, cell in cut.counties.items():
                if (v := value(period, cell)) is not None:
                    county_months.setdefault(county, []).append(v)
    this_month = months.get(m, Cut())
    month_whole, month_counties = this_month.whole[VA], this_month.counties

    whole_part = Part(unit.code, unit.name, _dec(whole.value) if whole else None)
    if whole is not None:
        whole_part.growth = _growth(whole)
    whole_part.previous_growth = _growth(ytd_before.whole[VA]) if previous else None
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
        _group(pick("“1244”新兴产业", "1244 emerging industries"), emerging, whole),
        _group(
            pick("高技术制造业", "High-tech manufacturing"),
            [c for k, c in high_tech.items() if k],
            whole,
        ),
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
    measures = {k: _growth(c) for k, c in ytd_now.whole.items()}
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


@dataclass(frozen=True)
class TargetConcern:
    """A target at risk or off track: the indicator, its value and the target (as shown)."""

    name: str
    unit: str
    year: int
    value: str
    target_year: int
    target: str
    off_track: bool
    required_growth: float | None  # yearly growth now needed, %
    broken_in: int | None = None  # an "every year" rule first broken in this year


def _shown(value, decimals) -> str:
    return "—" if value is None else format_number(value, decimals, grouping=False)


def targets_at_risk(unit, month: str) -> list[TargetConcern]:
    """The programme's targets for ``unit`` at risk or off track on the latest year whose annual
    reports are in by ``month`` (the year before, except in December), each with the yearly
    growth now needed where one applies (for 需要关注的问题)."""
    from zhuanxing.analytics import cockpit
    from zhuanxing.analytics import targets as rules

    span = analytics.years_available()
    if span is None:
        return []
    first, last, _ = span
    year = min(int(month[:4]) - (0 if month[5:7] == "12" else 1), last)
    policy = analytics.policy()
    keys = cockpit.target_indicators(policy)
    if not keys or year < first:
        return []
    req = analytics.Request(unit=unit, level=None, breakdown=None, industry=None, kind="year",
                            start=first, end=year, indicators=tuple(keys))  # fmt: skip
    rows = analytics.run(req, cross=False)
    out = []
    for card in cockpit.evaluate_targets(policy, rows, year, is_city=unit.depth == 0):
        for part in card["parts"]:
            ev, ind = part["ev"], part["indicator"]
            if ev.status not in (rules.AT_RISK, rules.OFF_TRACK):
                continue
            out.append(
                TargetConcern(
                    name=ind.label,
                    unit=ind.unit_label,
                    year=year,
                    value=_shown(ev.value, ind.decimals),
                    target_year=card["target"].year,
                    target=_shown(ev.target, ind.decimals),
                    off_track=ev.status == rules.OFF_TRACK,
                    required_growth=ev.required_growth_pct,
                    broken_in=ev.broken_in,
                )
            )
    return out
