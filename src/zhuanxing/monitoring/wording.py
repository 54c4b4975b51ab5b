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

The report is Chinese whatever the interface language, as such reports are written.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

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
ENTERPRISE_UNIT = "家"
COUNTY_UNIT = "个"
TWO = Decimal("0.01")
ONE = Decimal("0.1")


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


def growth_phrase(pct: Decimal | None, *, current_prices: bool = False, places: int = 1) -> str:
    """同比增长3.2% / 同比下降3.2% / 与上年同期持平 / 无可比数据 (with （现价） for money)."""
    if pct is None:
        return SENTENCES["growth_missing"]
    shown = number(abs(pct), places)
    if Decimal(shown) == 0:
        text = SENTENCES["growth_flat"]
    elif pct > 0:
        text = SENTENCES["growth_up"].format(pct=shown)
    else:
        text = SENTENCES["growth_down"].format(pct=shown)
    return text + (SENTENCES["current_prices"] if current_prices else "")


def versus_q1(now: Decimal | None, q1: Decimal | None) -> str:
    """How growth now compares with the first quarter's; "" when either is missing."""
    if now is None or q1 is None:
        return ""
    change = now - q1
    if _q(change, 2) == 0:
        return SENTENCES["q1_same"]
    direction = "提高" if change > 0 else "回落"
    if _q(change, 1) == 0:
        key = "q1_about_same_decline" if now < 0 and q1 < 0 else "q1_about_same"
        return SENTENCES[key].format(direction=direction, pp=number(abs(change), 2))
    pp = number(abs(change))
    if now >= 0 and q1 >= 0:
        return SENTENCES["q1_up" if change > 0 else "q1_down"].format(pp=pp)
    if now < 0 and q1 < 0:
        return SENTENCES["q1_narrower" if change > 0 else "q1_wider"].format(pp=pp)
    return SENTENCES["q1_to_growth" if now >= 0 else "q1_to_decline"].format(pp=pp)


def headline(month: int, region: str, value_wan: Decimal | None, pct, q1_pct) -> str:
    if value_wan is None:
        return SENTENCES["headline_missing"].format(month=month, region=region)
    return SENTENCES["headline"].format(
        month=month,
        region=region,
        value=f"{Decimal(value_wan) / 10_000:.2f}",
        growth=growth_phrase(pct, current_prices=True),
        versus_q1=versus_q1(pct, q1_pct),
    )


def whole_name(region: str) -> str:
    """全市 / 全县 / 全区, as a pull is said of the region's total."""
    for suffix in ("市", "县", "区"):
        if region.endswith(suffix):
            return f"全{suffix}"
    return "全部"


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
        return SENTENCES["parts_all_same"].format(
            kind=kind, growth=growth_phrase(top_value).removeprefix("同比")
        )
    key = "parts_fastest_tie" if len(top) > 1 else "parts_fastest"
    text = SENTENCES[key].format(
        names="、".join(top),
        growth=growth_phrase(top_value, places=top_places).removeprefix("同比"),
    )
    key = "parts_slowest_tie" if len(low) > 1 else "parts_slowest"
    return (
        text
        + "；"
        + SENTENCES[key].format(
            names="、".join(low),
            growth=growth_phrase(low_value, places=low_places).removeprefix("同比"),
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
    pull_text = SENTENCES["pull_up" if pull >= 0 else "pull_down"].format(
        whole=whole, pp=number(abs(pull), 2)
    )
    key = "parts_contribution_tie" if len(names) > 1 else "parts_contribution"
    return SENTENCES[key].format(
        names="、".join(names), contribution=number(value, places), pull=pull_text
    )


def parts_paragraph(
    parts: list[tuple[str, Decimal | None, Decimal | None, Decimal | None]],
    whole: str,
    *,
    section: str,
) -> str:
    """Section 一 / 二: ranking by growth, then the largest contribution, from
    (name, growth, contribution, pull)."""
    rank = ranking([(n, g) for n, g, _, _ in parts], kind="地" if section == "county" else "产业")
    if not rank:
        return SENTENCES[f"by_{section}_missing"]
    contrib = contribution_sentence([(n, c, p) for n, _, c, p in parts], whole)
    text = rank + ("。" + contrib if contrib else "")
    return SENTENCES[f"by_{section}"].format(text=text)


def energy_profit(electricity: Decimal | None, profit: Decimal | None) -> str:
    return SENTENCES["energy_profit"].format(
        electricity=growth_phrase(electricity), profit=growth_phrase(profit)
    )


def trend_paragraph(month: int, trend: list[tuple[str, Decimal | None]]) -> str:
    """Section 三: the month's own growth against the month before, and the range of the trend
    (``trend``: (period, monthly growth %) oldest first, the report's month last)."""
    now = trend[-1][1] if trend else None
    if now is None:
        return SENTENCES["month_growth_missing"].format(month=month) + SENTENCES["trend_end"]
    before = trend[-2][1] if len(trend) > 1 else None
    versus = ""
    if before is not None:
        change = now - before
        if _q(change, 1) == 0 and _q(change, 2) == 0:
            versus = SENTENCES["vs_last_month_same"]
        else:
            places = 1 if _q(change, 1) != 0 else 2
            key = "vs_last_month_up" if change > 0 else "vs_last_month_down"
            versus = SENTENCES[key].format(pp=number(abs(change), places))
    text = SENTENCES["month_growth"].format(
        month=month, growth=growth_phrase(now, current_prices=True), versus_last=versus
    )
    known = [(p, g) for p, g in trend if g is not None]
    if len(known) > 1:
        high = max(known, key=lambda x: x[1])
        low = min(known, key=lambda x: x[1])
        text += SENTENCES["trend_range"].format(
            count=len(trend),
            high_period=_period(high[0]),
            high=number(high[1]),
            low_period=_period(low[0]),
            low=number(low[1]),
        )
    return text + SENTENCES["trend_end"]


def _period(period: str) -> str:
    return f"{int(period[:4])}年{int(period[5:7])}月"


def warnings_paragraph(counts: list[tuple[str, str, int, str]]) -> str:
    """Section 四 from (rule, label, count, definition); county-level rules count in 个."""
    items = []
    for rule, label, n, definition in counts:
        if not n:
            continue
        unit = COUNTY_UNIT if rule == "county_lagging" else ENTERPRISE_UNIT
        key = "warning_item" if definition else "warning_item_bare"
        items.append(SENTENCES[key].format(label=label, count=n, unit=unit, definition=definition))
    if not items:
        return SENTENCES["no_warnings"]
    total = sum(n for _, _, n, _ in counts)
    return SENTENCES["warnings"].format(total=total, items="；".join(items))


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
    """ "提高0.6个百分点" / "回落0.6个百分点" / "持平"; "" when missing."""
    if change is None:
        return ""
    shown = number(abs(change))
    if Decimal(shown) == 0:
        return "持平"
    return f"{up if change > 0 else down}{shown}{unit}"


def _pull(pp: Decimal | None, whole: str) -> str:
    if pp is None:
        return ""
    key = "pull_up" if pp >= 0 else "pull_down"
    return SENTENCES[key].format(whole=whole, pp=number(abs(pp), 2))


def overall_paragraph(a, region: str) -> str:
    """总体情况 after the headline: the month's own growth, the change on the previous
    cumulative, growth at comparable prices (or why not) and the province / nation."""
    month = int(a.month[5:7])
    text = SENTENCES["month_own"].format(
        month=month, growth=growth_phrase(a.whole.month_growth, current_prices=True)
    )
    if a.previous_month and a.whole.change_pp is not None:
        text += SENTENCES["versus_previous_ytd"].format(
            month=month,
            previous=month - 1,
            change=_change(a.whole.change_pp, up="提高", down="回落"),
        )
    text += "。"
    if a.whole.comparable_growth is not None:
        text += SENTENCES["comparable"].format(
            month=month, growth=growth_phrase(a.whole.comparable_growth)
        )
    else:
        text += SENTENCES["comparable_missing"].removeprefix("（").removesuffix("）")
    city = a.whole.comparable_growth
    if city is None:
        city = a.whole.growth
    parts = []
    for key, whom in (("province", "全省"), ("nation", "全国")):
        other = a.benchmarks.get(key)
        if other is None or city is None:
            continue
        diff = city - other
        if Decimal(number(abs(diff))) == 0:
            parts.append(SENTENCES["versus_same"].format(whom=whom, pct=number(other)))
        else:
            parts.append(
                SENTENCES["versus_one"].format(
                    direction="高于" if diff > 0 else "低于",
                    whom=whom,
                    pct=number(other),
                    pp=number(abs(diff)),
                )
            )
    if parts:
        text += SENTENCES["benchmark"].format(versus="，".join(parts))
    return text + "。"


def efficiency_paragraph(a) -> str:
    lo, sales = a.losses, a.sales
    return SENTENCES["efficiency"].format(
        ratio="—" if sales.ratio is None else number(sales.ratio),
        ratio_change=(
            ""
            if sales.change is None
            else "，比上年同期" + _change(sales.change, up="提高", down="下降")
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
    return "，比上年同期" + _change(lo.share - lo.previous_share, up="扩大", down="收窄")


BREADTH_KINDS = {"division": "大类行业", "county": "县（市、区）", "category": "“1244”产业"}


def breadth_paragraph(a) -> str:
    items = []
    for kind, label in BREADTH_KINDS.items():
        b = a.breadth[kind]
        if not b.parts or b.share is None:
            continue
        before = a.previous_breadth.get(kind)
        change = ""
        if a.previous_month and before is not None and before.share is not None:
            diff = b.share - before.share
            shown = _change(diff, up="扩大", down="收窄")
            change = f"，比1—{int(a.month[5:7]) - 1}月{shown}" if shown else ""
        items.append(
            SENTENCES["breadth_item"].format(
                parts=b.parts, kind=label, grew=b.grew, share=number(b.share), change=change
            )
        )
    if not items:
        return SENTENCES["breadth_missing"]
    return SENTENCES["breadth"].format(items="；".join(items))


def margins_paragraph(a, names: dict[str, dict[str, str]]) -> str:
    """边际变化 against the previous month's cumulative growth; "" in January."""
    if not a.previous_month:
        return ""
    items = []
    for kind, label in (("division", "大类行业"), ("county", "各地")):
        m = a.margins[kind]
        if not m.compared:
            continue
        turns = ""
        if m.turned_positive:
            turns += SENTENCES["turned_positive"].format(
                count=len(m.turned_positive),
                names="、".join(names[kind].get(c, c) for c in m.turned_positive),
            )
        if m.turned_negative:
            turns += SENTENCES["turned_negative"].format(
                count=len(m.turned_negative),
                names="、".join(names[kind].get(c, c) for c in m.turned_negative),
            )
        items.append(
            SENTENCES["margins_item"].format(
                kind=label, rose=len(m.rose), fell=len(m.fell), turns=turns
            )
        )
    if not items:
        return ""
    return SENTENCES["margins"].format(previous=int(a.month[5:7]) - 1, items="；".join(items))


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
            change = SENTENCES[key].format(previous=previous, n=abs(p.rank.change))
        items.append(SENTENCES["rank_item"].format(name=p.name, rank=p.rank.rank, change=change))
    if not items:
        return ""
    text = SENTENCES["ranks"].format(items="，".join(items))
    known = [p for p in a.counties if p.month_growth is not None and p.growth is not None]
    if known:
        text += SENTENCES["month_vs_ytd"].format(
            month=int(a.month[5:7]),
            above=sum(1 for p in known if p.month_growth > p.growth),
            below=sum(1 for p in known if p.month_growth < p.growth),
        )
    return text


def groups_paragraph(a, whole: str) -> str:
    items = [
        SENTENCES["group"]
        .format(
            name=g.name,
            value=f"{g.value / 10_000:.2f}",
            share="—" if g.share is None else number(g.share),
            growth=growth_phrase(g.growth, current_prices=True),
            contribution="—" if g.contribution is None else number(g.contribution),
            pull=_pull(g.pull, whole),
        )
        .removesuffix("，")
        for g in a.groups
    ]
    return SENTENCES["groups"].format(items="；".join(items))


def big_firms_paragraph(a) -> str:
    b = a.big
    if not b.count:
        return SENTENCES["big_none"].format(line=number(b.line / 10_000, 2))
    pull = ""
    if b.pull is not None:
        key = "big_pull_up" if b.pull >= 0 else "big_pull_down"
        pull = SENTENCES[key].format(pp=number(abs(b.pull), 2))
    top = ""
    if b.top:
        names = [
            f"{a.big_names.get(c.id, c.id)}（{growth_phrase(c.growth).removeprefix('同比')}）"
            for c in b.top[:3]
        ]
        top = SENTENCES["big_top"].format(names="、".join(names))
    return SENTENCES["big_firms"].format(
        count=b.count,
        count_share=number(Decimal(b.count) / b.firms * 100) if b.firms else "—",
        output=f"{b.output / 10_000:.2f}",
        output_share="—" if b.output_share is None else number(b.output_share),
        growth=growth_phrase(b.growth, current_prices=True),
        pull=pull,
        top=top,
    )


def target_sentence(x) -> str:
    needed = ""
    if x.required_growth is not None:
        needed = SENTENCES["concern_target_needed"].format(pct=number(x.required_growth))
    if x.broken_in is not None:
        needed += SENTENCES["concern_target_broken"].format(year=x.broken_in)
    return SENTENCES["concern_target"].format(
        name=x.name,
        status="进度滞后" if x.off_track else "有风险",
        year=x.year,
        value=x.value,
        unit=x.unit,
        target_year=x.target_year,
        target=x.target,
        needed=needed,
    )


def concerns(a, warning_counts: dict[str, int], targets: list[str], whole: str) -> list[str]:
    """需要关注的问题, numbered, each from the data; [no_concerns] when nothing stands out."""
    items: list[tuple[str, str]] = []
    falling = sorted((p for p in a.divisions if p.code and p.growth is not None and p.growth < 0),
                     key=lambda p: p.pull if p.pull is not None else Decimal(0))  # fmt: skip
    counties = [p for p in a.counties if p.growth is not None and p.growth < 0]
    texts = []
    if falling:
        names = "、".join(
            f"{p.name}（{growth_phrase(p.growth).removeprefix('同比')}，"
            f"{_pull(p.pull, whole) or '—'}）"
            for p in falling[:3]
        )
        texts.append(SENTENCES["concern_divisions"].format(count=len(falling), names=names))
    if counties:
        names = "、".join(
            f"{p.name}（{growth_phrase(p.growth).removeprefix('同比')}）" for p in counties
        )
        texts.append(SENTENCES["concern_counties"].format(names=names))
    if texts:
        items.append(("falling", "；".join(texts)))
    if a.previous_month:
        m = a.margins["division"]
        slowing = len(m.fell) + len(m.turned_negative)
        if slowing and slowing >= len(m.rose) + len(m.turned_positive):
            turned = f"，其中{len(m.turned_negative)}个由增转降" if m.turned_negative else ""
            items.append(
                (
                    "slowing",
                    SENTENCES["concern_slowing"].format(
                        count=slowing, previous=int(a.month[5:7]) - 1, turned=turned
                    ),
                )
            )
    firm_texts = []
    stopped, turned = warning_counts.get("zero_output", 0), warning_counts.get("turn_to_loss", 0)
    if stopped:
        firm_texts.append(SENTENCES["concern_stopped"].format(count=stopped))
    if turned:
        firm_texts.append(SENTENCES["concern_turned"].format(count=turned))
    lo = a.losses
    if lo.share is not None and lo.previous_share is not None and lo.share > lo.previous_share:
        firm_texts.append(
            SENTENCES["concern_losses"].format(
                share=number(lo.share),
                share_change=_share_change(lo),
                growth=growth_phrase(lo.amount_growth),
            )
        )
    if a.profit_growth is not None and a.profit_growth < 0:
        firm_texts.append(SENTENCES["concern_profit"].format(growth=growth_phrase(a.profit_growth)))
    if firm_texts:
        items.append(("firms", "；".join(firm_texts)))
    if targets:
        items.append(("targets", "；".join(target_sentence(x) for x in targets)))
    if not items:
        return [SENTENCES["no_concerns"]]
    return [
        SENTENCES["concern_item"].format(n=i, title=CONCERN_TITLES[key], text=text)
        for i, (key, text) in enumerate(items, start=1)
    ]
