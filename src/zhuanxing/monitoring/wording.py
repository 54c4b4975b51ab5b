"""The Chinese sentences of the monthly analysis (月度工业经济运行分析), in one place.

Written in the register of a 统计局/经信局 monthly report. Every sentence is a template in
``SENTENCES``; the functions below only choose a template and format the numbers:

- rates with one decimal, points of pull with two; a change that one decimal would show as 0.0
  is written with two ("基本持平（回落0.04个百分点）"), an exact zero as 持平;
- ties at the shown precision are named together ("桐乡市、海宁市并列最快，均增长8.8%") or,
  when two decimals tell them apart, shown with two decimals;
- growth of money figures is at current prices and says so (（现价）);
- no thousands separators in running text;
- enterprises are counted in 家, county-level units in 个;
- a missing figure is said as such (无可比数据), never as 0.

The Word report is Chinese, as such reports are written. English pages (one language at a
time) get the same sentences from ``SENTENCES_EN``, key for key, with the same figures in the
same precision: ``_s`` picks the active language's template, ``_p`` its punctuation.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from zhuanxing.core.language import english

SENTENCES = {
    # headline (the report's first paragraph and the page's lead)
    "headline": "1—{month}月，{region}规上工业增加值{value}亿元，{growth}{versus_q1}。",
    "headline_missing": "1—{month}月，{region}规上工业增加值无数据。",
    # growth of one figure
    "growth_up": "同比增长{pct}%",
    "growth_down": "同比下降{pct}%",
    "growth_flat": "与上年同期持平",
    "growth_missing": "无可比数据",
    "current_prices": "（现价）",
    # growth now against growth at the end of the first quarter
    "q1_up": "，增幅比一季度提高{pp}个百分点",
    "q1_down": "，增幅比一季度回落{pp}个百分点",
    "q1_narrower": "，降幅比一季度收窄{pp}个百分点",
    "q1_wider": "，降幅比一季度扩大{pp}个百分点",
    "q1_to_growth": "，增速比一季度提高{pp}个百分点，由降转增",
    "q1_to_decline": "，增速比一季度回落{pp}个百分点，由增转降",
    "q1_about_same": "，增幅与一季度基本持平（{direction}{pp}个百分点）",
    "q1_about_same_decline": "，降幅与一季度基本持平（{direction}{pp}个百分点）",
    "q1_same": "，增速与一季度持平",
    # section 一: by county-level unit
    "parts_fastest": "{names}增速最快，{growth}",
    "parts_fastest_tie": "{names}增速并列最快，均{growth}",
    "parts_slowest": "{names}增速最慢，{growth}",
    "parts_slowest_tie": "{names}增速并列最慢，均{growth}",
    "parts_all_same": "各{kind}增速相同，均{growth}",
    "parts_contribution": "{names}贡献率最高，达{contribution}%，{pull}",
    "parts_contribution_tie": "{names}贡献率并列最高，均为{contribution}%，{pull}",
    "pull_up": "拉动{whole}增长{pp}个百分点",
    "pull_down": "下拉{whole}{pp}个百分点",
    "by_county": "分地区看，{text}。",
    "by_county_missing": "分地区看，各地均无可比数据。",
    "energy_profit": "规上工业用电量{electricity}，利润总额{profit}。",
    # section 二: by 1244 category
    "by_category": "分产业看，{text}。",
    "by_category_missing": "分产业看，各产业均无可比数据。",
    # section 三: the trend
    "month_growth": "从当月看，{month}月规上工业增加值{growth}{versus_last}",
    "month_growth_missing": "从当月看，{month}月规上工业增加值无可比数据",
    "vs_last_month_up": "，增幅比上月提高{pp}个百分点",
    "vs_last_month_down": "，增幅比上月回落{pp}个百分点",
    "vs_last_month_same": "，增幅与上月持平",
    "trend_range": (
        "；近{count}个月中，当月增速最高为{high_period}的{high}%，最低为{low_period}的{low}%"
    ),
    "trend_end": "。",
    # section 四: early warnings
    "warnings": "本月共有预警{total}项：{items}。",
    "warning_item": "{label}{count}{unit}（{definition}）",
    "warning_item_bare": "{label}{count}{unit}",
    "no_warnings": "本月无预警。",
}

# The same sentences in English, key for key: the same figures, the same precision.
SENTENCES_EN = {
    "headline": (
        "In {span}, value added of industry above designated size in {region} was {value} "
        "hundred million yuan, {growth}{versus_q1}."
    ),
    "headline_missing": (
        "In {span}, there are no data on value added of industry above designated size in {region}."
    ),
    "growth_up": "up {pct}% year on year",
    "growth_down": "down {pct}% year on year",
    "growth_flat": "level with a year earlier",
    "growth_missing": "no comparable data",
    "current_prices": " (current prices)",
    "q1_up": ", growth {pp} percentage points faster than in the first quarter",
    "q1_down": ", growth {pp} percentage points slower than in the first quarter",
    "q1_narrower": ", the decline {pp} percentage points narrower than in the first quarter",
    "q1_wider": ", the decline {pp} percentage points wider than in the first quarter",
    "q1_to_growth": (
        ", {pp} percentage points faster than in the first quarter, from decline to growth"
    ),
    "q1_to_decline": (
        ", {pp} percentage points slower than in the first quarter, from growth to decline"
    ),
    "q1_about_same": (
        ", growth about the same as in the first quarter ({direction} {pp} percentage points)"
    ),
    "q1_about_same_decline": (
        ", the decline about the same as in the first quarter ({direction} {pp} percentage points)"
    ),
    "q1_same": ", growth the same as in the first quarter",
    "parts_fastest": "{names} grew fastest, {growth}",
    "parts_fastest_tie": "{names} tied as the fastest, each {growth}",
    "parts_slowest": "{names} grew slowest, {growth}",
    "parts_slowest_tie": "{names} tied as the slowest, each {growth}",
    "parts_all_same": "all {kind} grew alike, each {growth}",
    "parts_contribution": "{names} contributed most, {contribution}% of the growth, {pull}",
    "parts_contribution_tie": (
        "{names} tied as the largest contributors, {contribution}% of the growth each, {pull}"
    ),
    "pull_up": "pulling {whole}'s growth up by {pp} percentage points",
    "pull_down": "pulling {whole} down by {pp} percentage points",
    "by_county": "By region, {text}.",
    "by_county_missing": "By region, no region has comparable data.",
    "energy_profit": (
        "Electricity use of industry above designated size was {electricity}, total profit "
        "{profit}."
    ),
    "by_category": "By industry, {text}.",
    "by_category_missing": "By industry, no industry has comparable data.",
    "month_growth": (
        "In {month_name} alone, value added of industry above designated size was "
        "{growth}{versus_last}"
    ),
    "month_growth_missing": (
        "In {month_name} alone, value added of industry above designated size has no "
        "comparable data"
    ),
    "vs_last_month_up": ", growth {pp} percentage points faster than the month before",
    "vs_last_month_down": ", growth {pp} percentage points slower than the month before",
    "vs_last_month_same": ", growth the same as the month before",
    "trend_range": (
        "; over the last {count} months, monthly growth was highest in {high_period} at "
        "{high}% and lowest in {low_period} at {low}%"
    ),
    "trend_end": ".",
    "warnings": "This month there are {total} warnings: {items}.",
    "warning_item": "{label}: {count} {unit} ({definition})",
    "warning_item_bare": "{label}: {count} {unit}",
    "no_warnings": "No warnings this month.",
    "month_own": (
        "In {month_name} alone, value added of industry above designated size was {growth}"
    ),
    "versus_previous_ytd": "; cumulative growth in {span} was {change} on {previous_span}",
    "comparable": "At comparable prices, value added in {span} was {growth}",
    "comparable_missing": (
        "No producer price index for this year's months yet: growth is at current prices"
    ),
    "benchmark": ", {versus}",
    "versus_one": "{pp} percentage points {direction} {whom} ({pct}%)",
    "versus_same": "level with {whom} ({pct}%)",
    "efficiency": (
        "The sales-output ratio of industry above designated size was {ratio}%{ratio_change}; "
        "{losing} firms made a loss, {share}% of the firms{share_change}, losing {amount} "
        "hundred million yuan, {amount_growth}; total profit was {profit}, electricity use "
        "{electricity}."
    ),
    "breadth_item": "{grew} of {parts} {kind} grew, a breadth of {share}%{change}",
    "breadth": "Breadth of growth: {items}.",
    "breadth_missing": "Breadth of growth: no comparable data.",
    "margins": " Against {previous_span}, {items}.",
    "margins_item": "among {kind}, growth rose in {rose} and fell in {fell}{turns}",
    "turned_positive": ", {count} from decline to growth ({names})",
    "turned_negative": ", {count} from growth to decline ({names})",
    "rank_item": "{name} ranks No. {rank}{change}",
    "rank_up": " (up {n} on {previous_span})",
    "rank_down": " (down {n} on {previous_span})",
    "ranks": "By rank, {items}.",
    "month_vs_ytd": (
        " In {month_name} alone, growth was above the cumulative growth in {above} regions "
        "and below it in {below}."
    ),
    "group": (
        "{name}, value added {value} hundred million yuan, {share}% of industry above "
        "designated size, {growth}, contribution {contribution}%, {pull}"
    ),
    "groups": "Emerging industries: {items}.",
    "big_firms": (
        "{count} firms had a gross output of a hundred million yuan or more, {count_share}% of "
        "the firms above designated size; their gross output was {output} hundred million yuan, "
        "{output_share}% of the total, {growth}{pull}{top}."
    ),
    "big_pull_up": ", pulling growth of gross output up by {pp} percentage points",
    "big_pull_down": ", pulling gross output down by {pp} percentage points",
    "big_top": "; the largest increases: {names}",
    "big_none": "No firm had a gross output of {line} hundred million yuan or more.",
    "concern_divisions": "value added fell in {count} industry divisions, among them {names}",
    "concern_counties": "value added fell in {names}",
    "concern_slowing": (
        "cumulative growth slowed in {count} industry divisions against {previous_span}{turned}"
    ),
    "concern_stopped": "{count} firms stopped production",
    "concern_turned": "{count} firms turned from profit to loss",
    "concern_losses": "loss-making firms {share}%{share_change}, losses {growth}",
    "concern_profit": "total profit {growth}",
    "concern_target": (
        "{name}: target {status} ({value} in {year}; target {target} in {target_year}{needed})"
    ),
    "concern_target_needed": ", {pct}% growth a year needed from now",
    "concern_target_broken": ", the yearly requirement missed in {year}",
    "concern_item": "{n}. {title}. {text}.",
    "no_concerns": "No indicator this month calls for particular attention.",
}
CONCERN_TITLES_EN = {
    "falling": "Value added fell in some industries and regions",
    "slowing": "Growth is losing momentum",
    "firms": "Firms are under more pressure",
    "targets": "Some targets are behind schedule",
}
# Punctuation and the few words said between templates.
PUNCTUATION = {
    "list": "、", "clause": "；", "comma": "，", "stop": "。", "open": "（", "close": "）",
    "points": "个百分点", "flat": "持平",
}  # fmt: skip
PUNCTUATION_EN = {
    "list": ", ", "clause": "; ", "comma": ", ", "stop": ". ", "open": " (", "close": ")",
    "points": " percentage points", "flat": "unchanged",
}  # fmt: skip
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")  # fmt: skip
ENTERPRISE_UNIT = "家"
COUNTY_UNIT = "个"
TWO = Decimal("0.01")
ONE = Decimal("0.1")


def _s(key: str) -> str:
    """The template ``key`` in the active language."""
    return SENTENCES_EN[key] if english() else SENTENCES[key]


def _p(key: str) -> str:
    """Punctuation (or a linking word) in the active language."""
    return PUNCTUATION_EN[key] if english() else PUNCTUATION[key]


def _w(chinese: str, english_text: str) -> str:
    return english_text if english() else chinese


def span(month: int) -> str:
    """1—6月 / January–June (January alone: 1—1月 / January)."""
    if english():
        return MONTHS_EN[0] if month == 1 else f"{MONTHS_EN[0]}–{MONTHS_EN[month - 1]}"
    return f"1—{month}月"


def month_name(month: int) -> str:
    return MONTHS_EN[month - 1] if english() else f"{month}月"


def _q(value: Decimal, places: int) -> Decimal:
    return value.quantize(TWO if places == 2 else ONE, rounding=ROUND_HALF_UP)


def number(value: Decimal | float | int, places: int = 1) -> str:
    """A number for running text: no separators; a non-zero value that rounds to zero at
    ``places`` gets two decimals (0.04, not 0.0)."""
    value = Decimal(str(value))
    shown = _q(value, places)
    if shown == 0 and places == 1 and _q(value, 2) != 0:
        shown = _q(value, 2)
    return f"{abs(shown) if shown == 0 else shown:f}"


def growth_phrase(
    pct: Decimal | None, *, current_prices: bool = False, places: int = 1, yoy: bool = True
) -> str:
    """同比增长3.2% / 同比下降3.2% / 与上年同期持平 / 无可比数据 (with （现价） for money);
    ``yoy=False``: without 同比 (增长3.2%)."""
    if pct is None:
        return _s("growth_missing")
    shown = number(abs(pct), places)
    if Decimal(shown) == 0:
        text = _s("growth_flat")
    elif pct > 0:
        text = _s("growth_up").format(pct=shown)
    else:
        text = _s("growth_down").format(pct=shown)
    if not yoy:
        text = text.removeprefix("同比").removesuffix(" year on year")
    return text + (_s("current_prices") if current_prices else "")


def versus_q1(now: Decimal | None, q1: Decimal | None) -> str:
    """How growth now compares with the first quarter's; "" when either is missing."""
    if now is None or q1 is None:
        return ""
    change = now - q1
    if _q(change, 2) == 0:
        return _s("q1_same")
    direction = _w("提高", "up") if change > 0 else _w("回落", "down")
    if _q(change, 1) == 0:
        key = "q1_about_same_decline" if now < 0 and q1 < 0 else "q1_about_same"
        return _s(key).format(direction=direction, pp=number(abs(change), 2))
    pp = number(abs(change))
    if now >= 0 and q1 >= 0:
        return _s("q1_up" if change > 0 else "q1_down").format(pp=pp)
    if now < 0 and q1 < 0:
        return _s("q1_narrower" if change > 0 else "q1_wider").format(pp=pp)
    return _s("q1_to_growth" if now >= 0 else "q1_to_decline").format(pp=pp)


def headline(month: int, region: str, value_wan: Decimal | None, pct, q1_pct) -> str:
    if value_wan is None:
        return _s("headline_missing").format(month=month, span=span(month), region=region)
    return _s("headline").format(
        month=month,
        span=span(month),
        region=region,
        value=f"{Decimal(value_wan) / 10_000:.2f}",
        growth=growth_phrase(pct, current_prices=True),
        versus_q1=versus_q1(pct, q1_pct),
    )


WHOLE_EN = {"市": "the city", "县": "the county", "区": "the district"}


def whole_name(region: str) -> str:
    """全市 / 全县 / 全区, as a pull is said of the region's total."""
    for suffix in ("市", "县", "区"):
        if region.endswith(suffix):
            return _w(f"全{suffix}", WHOLE_EN[suffix])
    return _w("全部", "the total")


def _extreme(parts: list[tuple[str, Decimal]], highest: bool):
    """(names, value, places): the parts at the top (or bottom) as the text would show them.
    Ties at one decimal that two decimals tell apart: the first alone, with two decimals."""
    ordered = sorted(parts, key=lambda p: p[1], reverse=highest)
    best = ordered[0][1]
    tied = [p for p in ordered if _q(p[1], 1) == _q(best, 1)]
    if len(tied) == 1:
        return [tied[0][0]], best, 1
    same = [p for p in tied if _q(p[1], 2) == _q(best, 2)]
    if len(same) == 1:
        return [same[0][0]], best, 2
    return [p[0] for p in same], best, 2 if len(same) < len(tied) else 1


def ranking(parts: list[tuple[str, Decimal | None]], *, kind: str = "地") -> str:
    """ "A增速最快，增长x%；B增速最慢，下降y%" over the parts that have a growth."""
    known = [(name, g) for name, g in parts if g is not None]
    if not known:
        return ""
    top, top_value, top_places = _extreme(known, True)
    low, low_value, low_places = _extreme(known, False)
    if set(top) & set(low):
        return _s("parts_all_same").format(kind=kind, growth=growth_phrase(top_value, yoy=False))
    key = "parts_fastest_tie" if len(top) > 1 else "parts_fastest"
    text = _s(key).format(
        names=_p("list").join(top),
        growth=growth_phrase(top_value, places=top_places, yoy=False),
    )
    key = "parts_slowest_tie" if len(low) > 1 else "parts_slowest"
    return (
        text
        + _p("clause")
        + _s(key).format(
            names=_p("list").join(low),
            growth=growth_phrase(low_value, places=low_places, yoy=False),
        )
    )


def contribution_sentence(
    parts: list[tuple[str, Decimal | None, Decimal | None]], whole: str
) -> str:
    """ "桐乡市贡献率最高，达22.6%，拉动全市增长1.64个百分点" from (name, contribution, pull)."""
    known = [(name, c, p) for name, c, p in parts if c is not None and p is not None]
    if not known:
        return ""
    names, value, places = _extreme([(n, c) for n, c, _ in known], True)
    pull = next(p for n, _, p in known if n == names[0])
    pull_text = _s("pull_up" if pull >= 0 else "pull_down").format(
        whole=whole, pp=number(abs(pull), 2)
    )
    key = "parts_contribution_tie" if len(names) > 1 else "parts_contribution"
    return _s(key).format(
        names=_p("list").join(names), contribution=number(value, places), pull=pull_text
    )


def parts_paragraph(
    parts: list[tuple[str, Decimal | None, Decimal | None, Decimal | None]],
    whole: str,
    *,
    section: str,
) -> str:
    """Section 一 / 二: ranking by growth, then the largest contribution, from
    (name, growth, contribution, pull)."""
    if section == "county":
        kind = _w("地", "regions")
    else:
        kind = _w("产业", "industries")
    rank = ranking([(n, g) for n, g, _, _ in parts], kind=kind)
    if not rank:
        return _s(f"by_{section}_missing")
    contrib = contribution_sentence([(n, c, p) for n, _, c, p in parts], whole)
    text = rank + (_p("stop") + contrib if contrib else "")
    return _s(f"by_{section}").format(text=text)


def energy_profit(electricity: Decimal | None, profit: Decimal | None) -> str:
    text = _s("energy_profit").format(
        electricity=growth_phrase(electricity), profit=growth_phrase(profit)
    )
    return _w(text, " " + text)


def trend_paragraph(month: int, trend: list[tuple[str, Decimal | None]]) -> str:
    """Section 三: the month's own growth against the month before, and the range of the trend
    (``trend``: (period, monthly growth %) oldest first, the report's month last)."""
    now = trend[-1][1] if trend else None
    if now is None:
        text = _s("month_growth_missing").format(month=month, month_name=month_name(month))
        return text + _s("trend_end")
    before = trend[-2][1] if len(trend) > 1 else None
    versus = ""
    if before is not None:
        change = now - before
        if _q(change, 1) == 0 and _q(change, 2) == 0:
            versus = _s("vs_last_month_same")
        else:
            places = 1 if _q(change, 1) != 0 else 2
            key = "vs_last_month_up" if change > 0 else "vs_last_month_down"
            versus = _s(key).format(pp=number(abs(change), places))
    text = _s("month_growth").format(
        month=month,
        month_name=month_name(month),
        growth=growth_phrase(now, current_prices=True),
        versus_last=versus,
    )
    known = [(p, g) for p, g in trend if g is not None]
    if len(known) > 1:
        high = max(known, key=lambda x: x[1])
        low = min(known, key=lambda x: x[1])
        text += _s("trend_range").format(
            count=len(trend),
            high_period=_period(high[0]),
            high=number(high[1]),
            low_period=_period(low[0]),
            low=number(low[1]),
        )
    return text + _s("trend_end")


def _period(period: str) -> str:
    year, month = int(period[:4]), int(period[5:7])
    return f"{MONTHS_EN[month - 1]} {year}" if english() else f"{year}年{month}月"


def _unit(rule: str, n: int) -> str:
    if english():
        if rule == "county_lagging":
            return "region" if n == 1 else "regions"
        return "firm" if n == 1 else "firms"
    return COUNTY_UNIT if rule == "county_lagging" else ENTERPRISE_UNIT


def warnings_paragraph(counts: list[tuple[str, str, int, str]]) -> str:
    """Section 四 from (rule, label, count, definition); county-level rules count in 个."""
    items = []
    for rule, label, n, definition in counts:
        if not n:
            continue
        key = "warning_item" if definition else "warning_item_bare"
        items.append(
            _s(key).format(label=label, count=n, unit=_unit(rule, n), definition=definition)
        )
    if not items:
        return _s("no_warnings")
    total = sum(n for _, _, n, _ in counts)
    return _s("warnings").format(total=total, items=_p("clause").join(items))


# --- the bureau's analysis: 总体情况, 主要特点, 需要关注的问题 ------------------------------
# --- the bureau's analysis: 总体情况, 主要特点, 需要关注的问题 ------------------------------

SENTENCES.update(
    {
        "month_own": "{month}月当月，规上工业增加值{growth}",
        "versus_previous_ytd": "；1—{month}月累计增速比1—{previous}月{change}",
        "comparable": "按可比价计算，1—{month}月规上工业增加值{growth}",
        "comparable_missing": "（尚无本年各月工业生产者出厂价格指数，增速按现价计算）",
        "benchmark": "，{versus}",
        "versus_one": "{direction}{whom}（{pct}%）{pp}个百分点",
        "versus_same": "与{whom}（{pct}%）持平",
        "efficiency": (
            "规上工业产销率为{ratio}%{ratio_change}；亏损企业{losing}家，亏损面为{share}%"
            "{share_change}，亏损企业亏损额{amount}亿元，{amount_growth}；利润总额{profit}，"
            "用电量{electricity}。"
        ),
        "breadth_item": "{parts}个{kind}中{grew}个实现增长，增长面为{share}%{change}",
        "breadth": "从增长面看，{items}。",
        "breadth_missing": "从增长面看，无可比数据。",
        "margins": "与1—{previous}月相比，{items}。",
        "margins_item": ("{kind}中增速提高的{rose}个、回落的{fell}个{turns}"),
        "turned_positive": "，由降转增的{count}个（{names}）",
        "turned_negative": "，由增转降的{count}个（{names}）",
        "rank_item": "{name}居第{rank}位{change}",
        "rank_up": "（较1—{previous}月上升{n}位）",
        "rank_down": "（较1—{previous}月下降{n}位）",
        "ranks": "从位次看，{items}。",
        "month_vs_ytd": "{month}月当月增速高于累计增速的有{above}个，低于的有{below}个。",
        "group": (
            "{name}增加值{value}亿元，占规上工业的{share}%，{growth}，贡献率{contribution}%，{pull}"
        ),
        "groups": "从新兴产业看，{items}。",
        "big_firms": (
            "亿元以上企业{count}家，占规上企业的{count_share}%；实现总产值{output}亿元，"
            "占规上工业的{output_share}%，{growth}{pull}{top}。"
        ),
        "big_pull_up": "，拉动规上工业总产值增长{pp}个百分点",
        "big_pull_down": "，下拉规上工业总产值{pp}个百分点",
        "big_top": "；增量居前的是{names}",
        "big_none": "无总产值{line}亿元以上企业。",
        "concern_divisions": "{count}个大类行业增加值下降，其中{names}",
        "concern_counties": "{names}增加值下降",
        "concern_slowing": "{count}个大类行业累计增速比1—{previous}月回落{turned}",
        "concern_stopped": "停产企业{count}家",
        "concern_turned": "由盈转亏企业{count}家",
        "concern_losses": "亏损面{share}%{share_change}，亏损额{growth}",
        "concern_profit": "利润总额{growth}",
        "concern_target": (
            "{name}目标{status}（{year}年为{value}{unit}，{target_year}年目标{target}{unit}{needed}）"
        ),
        "concern_target_needed": "，今后每年需增长{pct}%",
        "concern_target_broken": "，{year}年未达逐年要求",
        "concern_item": "{n}．{title}。{text}。",
        "no_concerns": "本月各项指标未见需要特别关注的问题。",
    }
)
CONCERN_TITLES = {
    "falling": "部分行业和地区增加值下降",
    "slowing": "增长势头有所减弱",
    "firms": "企业生产经营压力加大",
    "targets": "部分目标进度滞后",
}
NUMBERS = "一二三四五六七八九十"


def _change(change: Decimal | None, *, up: str, down: str, unit: str = "个百分点") -> str:
    """ "提高0.6个百分点" / "回落0.6个百分点" / "持平"; "" when missing. In English: "up 0.6
    percentage points" / "down ..." / "unchanged"."""
    if change is None:
        return ""
    shown = number(abs(change))
    if Decimal(shown) == 0:
        return _p("flat")
    if english():
        return f"{'up' if change > 0 else 'down'} {shown} percentage points"
    return f"{up if change > 0 else down}{shown}{unit}"


def _pull(pp: Decimal | None, whole: str) -> str:
    if pp is None:
        return ""
    key = "pull_up" if pp >= 0 else "pull_down"
    return _s(key).format(whole=whole, pp=number(abs(pp), 2))


def overall_paragraph(a, region: str) -> str:
    """总体情况 after the headline: the month's own growth, the change on the previous
    cumulative, growth at comparable prices (or why not) and the province / nation."""
    month = int(a.month[5:7])
    text = _s("month_own").format(
        month=month,
        month_name=month_name(month),
        growth=growth_phrase(a.whole.month_growth, current_prices=True),
    )
    if a.previous_month and a.whole.change_pp is not None:
        text += _s("versus_previous_ytd").format(
            month=month,
            previous=month - 1,
            span=span(month),
            previous_span=span(month - 1),
            change=_change(a.whole.change_pp, up="提高", down="回落"),
        )
    text += _p("stop")
    if a.whole.comparable_growth is not None:
        text += _s("comparable").format(
            month=month, span=span(month), growth=growth_phrase(a.whole.comparable_growth)
        )
    else:
        text += _s("comparable_missing").removeprefix("（").removesuffix("）")
    city = a.whole.comparable_growth
    if city is None:
        city = a.whole.growth
    parts = []
    for key, whom in (
        ("province", _w("全省", "the province")),
        ("nation", _w("全国", "the nation")),
    ):
        other = a.benchmarks.get(key)
        if other is None or city is None:
            continue
        diff = city - other
        if Decimal(number(abs(diff))) == 0:
            parts.append(_s("versus_same").format(whom=whom, pct=number(other)))
        else:
            parts.append(
                _s("versus_one").format(
                    direction=_w("高于", "above") if diff > 0 else _w("低于", "below"),
                    whom=whom,
                    pct=number(other),
                    pp=number(abs(diff)),
                )
            )
    if parts:
        text += _s("benchmark").format(versus=_p("comma").join(parts))
    return text + _p("stop").rstrip()


def _on_a_year_earlier(change: str) -> str:
    """ "，比上年同期提高…" / ", up … on a year earlier"."""
    return _w("，比上年同期" + change, f", {change} on a year earlier")


def efficiency_paragraph(a) -> str:
    lo, sales = a.losses, a.sales
    return _s("efficiency").format(
        ratio="—" if sales.ratio is None else number(sales.ratio),
        ratio_change=(
            ""
            if sales.change is None
            else _on_a_year_earlier(_change(sales.change, up="提高", down="下降"))
        ),
        losing=lo.losing,
        share="—" if lo.share is None else number(lo.share),
        share_change=_share_change(lo),
        amount=f"{lo.amount / 10_000:.2f}",
        amount_growth=growth_phrase(lo.amount_growth),
        profit=growth_phrase(a.profit_growth),
        electricity=growth_phrase(a.electricity_growth),
    )


def _share_change(lo) -> str:
    if lo.share is None or lo.previous_share is None:
        return ""
    return _on_a_year_earlier(_change(lo.share - lo.previous_share, up="扩大", down="收窄"))


BREADTH_KINDS = {"division": "大类行业", "county": "县（市、区）", "category": "“1244”产业"}
BREADTH_KINDS_EN = {
    "division": "industry divisions",
    "county": "county-level units",
    "category": "1244 categories",
}


def breadth_kinds() -> dict[str, str]:
    """The kinds of part counted in the breadth of growth, in the active language."""
    return BREADTH_KINDS_EN if english() else BREADTH_KINDS


def breadth_paragraph(a) -> str:
    items = []
    for kind, label in breadth_kinds().items():
        b = a.breadth[kind]
        if not b.parts or b.share is None:
            continue
        before = a.previous_breadth.get(kind)
        change = ""
        if a.previous_month and before is not None and before.share is not None:
            diff = b.share - before.share
            shown = _change(diff, up="扩大", down="收窄")
            previous = span(int(a.month[5:7]) - 1)
            if shown:
                change = _w(f"，比{previous}{shown}", f", {shown} on {previous}")
        items.append(
            _s("breadth_item").format(
                parts=b.parts, kind=label, grew=b.grew, share=number(b.share), change=change
            )
        )
    if not items:
        return _s("breadth_missing")
    return _s("breadth").format(items=_p("clause").join(items))


def margins_paragraph(a, names: dict[str, dict[str, str]]) -> str:
    """边际变化 against the previous month's cumulative growth; "" in January."""
    if not a.previous_month:
        return ""
    items = []
    kinds = (("division", _w("大类行业", "industry divisions")), ("county", _w("各地", "regions")))
    for kind, label in kinds:
        m = a.margins[kind]
        if not m.compared:
            continue
        turns = ""
        if m.turned_positive:
            turns += _s("turned_positive").format(
                count=len(m.turned_positive),
                names=_p("list").join(names[kind].get(c, c) for c in m.turned_positive),
            )
        if m.turned_negative:
            turns += _s("turned_negative").format(
                count=len(m.turned_negative),
                names=_p("list").join(names[kind].get(c, c) for c in m.turned_negative),
            )
        items.append(
            _s("margins_item").format(kind=label, rose=len(m.rose), fell=len(m.fell), turns=turns)
        )
    if not items:
        return ""
    previous = int(a.month[5:7]) - 1
    return _s("margins").format(
        previous=previous, previous_span=span(previous), items=_p("clause").join(items)
    )


def ranks_paragraph(a) -> str:
    """Each county's rank and its change since the previous month; the month's own growth
    against the cumulative."""
    previous = int(a.month[5:7]) - 1
    items = []
    for p in a.counties:
        if p.rank is None or p.rank.rank is None:
            continue
        change = ""
        if p.rank.change:
            key = "rank_up" if p.rank.change > 0 else "rank_down"
            change = _s(key).format(
                previous=previous, previous_span=span(previous), n=abs(p.rank.change)
            )
        items.append(_s("rank_item").format(name=p.name, rank=p.rank.rank, change=change))
    if not items:
        return ""
    text = _s("ranks").format(items=_p("comma").join(items))
    known = [p for p in a.counties if p.month_growth is not None and p.growth is not None]
    if known:
        month = int(a.month[5:7])
        text += _s("month_vs_ytd").format(
            month=month,
            month_name=month_name(month),
            above=sum(1 for p in known if p.month_growth > p.growth),
            below=sum(1 for p in known if p.month_growth < p.growth),
        )
    return text


def groups_paragraph(a, whole: str) -> str:
    items = [
        _s("group")
        .format(
            name=g.name,
            value=f"{g.value / 10_000:.2f}",
            share="—" if g.share is None else number(g.share),
            growth=growth_phrase(g.growth, current_prices=True),
            contribution="—" if g.contribution is None else number(g.contribution),
            pull=_pull(g.pull, whole),
        )
        .removesuffix(_p("comma"))
        for g in a.groups
    ]
    return _s("groups").format(items=_p("clause").join(items))


def _named(name: str, text: str) -> str:
    return f"{name}{_p('open')}{text}{_p('close')}"


def big_firms_paragraph(a) -> str:
    b = a.big
    if not b.count:
        return _s("big_none").format(line=number(b.line / 10_000, 2))
    pull = ""
    if b.pull is not None:
        key = "big_pull_up" if b.pull >= 0 else "big_pull_down"
        pull = _s(key).format(pp=number(abs(b.pull), 2))
    top = ""
    if b.top:
        names = [
            _named(a.big_names.get(c.id, c.id), growth_phrase(c.growth, yoy=False))
            for c in b.top[:3]
        ]
        top = _s("big_top").format(names=_p("list").join(names))
    return _s("big_firms").format(
        count=b.count,
        count_share=number(Decimal(b.count) / b.firms * 100) if b.firms else "—",
        output=f"{b.output / 10_000:.2f}",
        output_share="—" if b.output_share is None else number(b.output_share),
        growth=growth_phrase(b.growth, current_prices=True),
        pull=pull,
        top=top,
    )


def target_status(off_track: bool) -> str:
    if off_track:
        return _w("进度滞后", "off track")
    return _w("有风险", "at risk")


def target_sentence(x) -> str:
    needed = ""
    if x.required_growth is not None:
        needed = _s("concern_target_needed").format(pct=number(x.required_growth))
    if x.broken_in is not None:
        needed += _s("concern_target_broken").format(year=x.broken_in)
    # "47.41%" but "11034 t" in English; no space in Chinese.
    space = " " if english() and x.unit and x.unit != "%" else ""
    return _s("concern_target").format(
        name=x.name,
        status=target_status(x.off_track),
        year=x.year,
        value=f"{x.value}{space}{x.unit}",
        unit="",
        target_year=x.target_year,
        target=f"{x.target}{space}{x.unit}",
        needed=needed,
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def concerns(a, warning_counts: dict[str, int], targets: list[str], whole: str) -> list[str]:
    """需要关注的问题, numbered, each from the data; [no_concerns] when nothing stands out."""
    items: list[tuple[str, str]] = []
    falling = sorted((p for p in a.divisions if p.code and p.growth is not None and p.growth < 0),
                     key=lambda p: p.pull if p.pull is not None else Decimal(0))  # fmt: skip
    counties = [p for p in a.counties if p.growth is not None and p.growth < 0]
    texts = []
    if falling:
        names = _p("list").join(
            _named(
                p.name,
                f"{growth_phrase(p.growth, yoy=False)}{_p('comma')}{_pull(p.pull, whole) or '—'}",
            )
            for p in falling[:3]
        )
        texts.append(_s("concern_divisions").format(count=len(falling), names=names))
    if counties:
        names = _p("list").join(
            _named(p.name, growth_phrase(p.growth, yoy=False)) for p in counties
        )
        texts.append(_s("concern_counties").format(names=names))
    if texts:
        items.append(("falling", _p("clause").join(texts)))
    if a.previous_month:
        m = a.margins["division"]
        slowing = len(m.fell) + len(m.turned_negative)
        if slowing and slowing >= len(m.rose) + len(m.turned_positive):
            turned = ""
            if m.turned_negative:
                n = len(m.turned_negative)
                turned = _w(f"，其中{n}个由增转降", f", {n} of them from growth to decline")
            previous = int(a.month[5:7]) - 1
            items.append(
                (
                    "slowing",
                    _s("concern_slowing").format(
                        count=slowing,
                        previous=previous,
                        previous_span=span(previous),
                        turned=turned,
                    ),
                )
            )
    firm_texts = []
    stopped, turned = warning_counts.get("zero_output", 0), warning_counts.get("turn_to_loss", 0)
    if stopped:
        firm_texts.append(_s("concern_stopped").format(count=stopped))
    if turned:
        firm_texts.append(_s("concern_turned").format(count=turned))
    lo = a.losses
    if lo.share is not None and lo.previous_share is not None and lo.share > lo.previous_share:
        firm_texts.append(
            _s("concern_losses").format(
                share=number(lo.share),
                share_change=_share_change(lo),
                growth=growth_phrase(lo.amount_growth),
            )
        )
    if a.profit_growth is not None and a.profit_growth < 0:
        firm_texts.append(_s("concern_profit").format(growth=growth_phrase(a.profit_growth)))
    if firm_texts:
        items.append(("firms", _p("clause").join(firm_texts)))
    if targets:
        items.append(("targets", _p("clause").join(target_sentence(x) for x in targets)))
    if not items:
        return [_s("no_concerns")]
    titles = CONCERN_TITLES_EN if english() else CONCERN_TITLES
    return [
        _s("concern_item").format(
            n=i, title=titles[key], text=_capital(text) if english() else text
        )
        for i, (key, text) in enumerate(items, start=1)
    ]
