"""The monthly analysis report (月度工业经济运行分析): a Word document and an Excel workbook built
from the same tables as the monitoring page, so their figures are the page's figures."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from zhuanxing.core.figures import format_number
from zhuanxing.core.language import english, pick
from zhuanxing.core.spreadsheets import safe

from . import analysis, wording
from .operation import Operation, headline

CJK_FONT = "Noto Sans CJK SC"
RULE_NAMES = {
    "output_drop": "产值大幅下降",
    "zero_output": "停产",
    "turn_to_loss": "由盈转亏",
    "county_lagging": "增速明显低于全市",
}
# The same names on English pages (the Word report is Chinese).
RULE_NAMES_EN = {
    "output_drop": "Sharp fall in output",
    "zero_output": "Production stopped",
    "turn_to_loss": "From profit to loss",
    "county_lagging": "Growth well below the city's",
}


def rule_names() -> dict[str, str]:
    """The warning names in the active language."""
    return RULE_NAMES_EN if english() else RULE_NAMES


def fmt(value: Decimal | None, places: int = 1, divisor: int = 1) -> str:
    if value is None:
        return "—"
    return format_number(value / divisor, places)


@dataclass
class Tables:
    """The report's tables as rows of text, exactly as the page shows them."""

    county_header: list[str]
    county_rows: list[list[str]]
    category_header: list[str]
    category_rows: list[list[str]]


def tables(op: Operation, county_names: dict[str, str], category_names: dict[str, str]) -> Tables:
    if english():
        header = [
            "Region", "Value added (100 million yuan)", "Growth at current prices (%)",
            "Contribution (%)", "Pull (percentage points)", "Gross output (100 million yuan)",
            "Growth at current prices (%)", "Electricity growth (%)", "Profit growth (%)",
            "Export delivery growth (%)",
        ]  # fmt: skip
    else:
        header = [
            "地区", "增加值（亿元）", "现价增长（%）", "贡献率（%）", "拉动（百分点）",
            "总产值（亿元）", "现价增长（%）", "用电量增长（%）", "利润增长（%）",
            "出口交货值增长（%）",
        ]  # fmt: skip

    def row(name, line) -> list[str]:
        f = line.figures
        va, go = f["value_added"], f["gross_output"]
        return [
            name,
            fmt(va.value, 2, 10_000),
            fmt(va.growth),
            fmt(va.contribution),
            fmt(va.pull, 2),
            fmt(go.value, 2, 10_000),
            fmt(go.growth),
            fmt(f["electricity_kwh"].growth),
            fmt(f["profit"].growth),
            fmt(f["export_delivery"].growth),
        ]

    county_rows = [row(county_names.get(line.code, line.code), line) for line in op.counties]
    county_rows.append(row(pick("合计", "Total"), op.ytd_total))
    # In the policy's order (producer services, pillars, emerging, traditional), others last.
    order = {key: i for i, key in enumerate(category_names)}
    lines = sorted(op.categories, key=lambda line: order.get(line.code, len(order)))
    other = pick("其他行业", "Other industries")
    category_rows = [row(category_names.get(line.code) or other, line) for line in lines]
    return Tables(header, county_rows, [pick("产业", "Industry"), *header[1:]], category_rows)


@dataclass
class Block:
    """One table of the analysis: its key (the page's element id), title, header and rows of
    text, each figure shown as the report's text shows it."""

    key: str
    title: str
    header: list[str]
    rows: list[list[str]]
    link: str | None = None  # "region": the first column drills down to that unit's page
    codes: list[str] | None = None  # the rows' codes, for the drill-down

    @property
    def linked_rows(self) -> list[tuple[str | None, list[str]]]:
        codes = self.codes or []
        return [(codes[i] if i < len(codes) else None, row) for i, row in enumerate(self.rows)]


def t(value, places: int = 1) -> str:
    """A figure as the analysis text shows it (rounded half up, no separators); — if none."""
    if value is None:
        return "—"
    return wording.number(value, places)


def t_money(value_wan) -> str:
    return "—" if value_wan is None else f"{Decimal(value_wan) / 10_000:.2f}"


def analysis_tables(a, op: Operation, counts: dict[str, int]) -> list[Block]:
    """The analysis tables (总体情况, 增长面, 分行业, 分地区, 新兴产业, 亿元以上企业), shared by
    the page, the Word report and the workbook; in the active language (the report's are
    Chinese)."""
    m, prev = int(a.month[5:7]), int(a.month[5:7]) - 1
    since = wording.span(prev) if prev else pick("上月", "last month")
    month = wording.month_name(m)
    va = op.ytd_total.figures.get("value_added")
    q1 = op.q1_growth.get("value_added")
    trend = [g.get("value_added") for _, g in op.trend]
    month_change = None
    if len(trend) > 1 and trend[-1] is not None and trend[-2] is not None:
        month_change = trend[-1] - trend[-2]
    lo, sales = a.losses, a.sales
    L = pick  # noqa: N806 (Chinese, English)
    overall = [
        [L("规上工业增加值（亿元）", "Value added above designated size (100 million yuan)"),
         t_money(va.value if va else None)],
        [L("累计增速（%，现价）", "Cumulative growth (%, current prices)"), t(a.whole.growth)],
        [L("累计增速（%，可比价）", "Cumulative growth (%, comparable prices)"),
         t(a.whole.comparable_growth)],
        [L("一季度累计增速（%）", "Cumulative growth, first quarter (%)"), t(q1)],
        [L("比一季度增减（百分点）", "Change on the first quarter (percentage points)"),
         t(_minus(va.growth if va else None, q1), 2)],
        [L(f"{since}累计增速（%）", f"Cumulative growth, {since} (%)"),
         t(a.whole.previous_growth)],
        [L(f"比{since}增减（百分点）", f"Change on {since} (percentage points)"),
         t(a.whole.change_pp, 2)],
        [L(f"{month}当月增速（%，现价）", f"Growth in {month} alone (%, current prices)"),
         t(a.whole.month_growth)],
        [L("当月增速比上月增减（百分点）",
           "Monthly growth, change on the month before (percentage points)"),
         t(month_change, 2)],
        [L("全省累计增速（%）", "Cumulative growth, province (%)"),
         t(a.benchmarks.get("province"))],
        [L("全国累计增速（%）", "Cumulative growth, nation (%)"), t(a.benchmarks.get("nation"))],
        [L("产销率（%）", "Sales-output ratio (%)"), t(sales.ratio)],
        [L("产销率比上年同期增减（百分点）",
           "Sales-output ratio, change on a year earlier (percentage points)"),
         t(sales.change, 2)],
        [L("亏损企业（家）", "Loss-making firms"), str(lo.losing)],
        [L("亏损面（%）", "Share of loss-making firms (%)"), t(lo.share)],
        [L("上年同期亏损面（%）", "Share of loss-making firms a year earlier (%)"),
         t(lo.previous_share)],
        [L("亏损面增减（百分点）", "Change in the share of loss-making firms (percentage points)"),
         t(_minus(lo.share, lo.previous_share), 2)],
        [L("亏损企业亏损额（亿元）", "Losses of loss-making firms (100 million yuan)"),
         t_money(lo.amount)],
        [L("亏损额增速（%）", "Growth of losses (%)"), t(lo.amount_growth)],
        [L("利润总额增速（%）", "Growth of total profit (%)"), t(a.profit_growth)],
        [L("用电量增速（%）", "Growth of electricity use (%)"), t(a.electricity_growth)],
        [L("停产企业（家）", "Firms that stopped production"),
         str(counts.get("zero_output", 0))],
        [L("由盈转亏企业（家）", "Firms from profit to loss"), str(counts.get("turn_to_loss", 0))],
        [L("预警合计（项）", "Warnings in all"), str(sum(counts.values()))],
    ]  # fmt: skip
    blocks = [
        Block("overall", L("主要指标", "Main indicators"),
              [L("指标", "Indicator"), L("数值", "Value")], overall)
    ]  # fmt: skip

    breadth_rows = []
    for kind, label in wording.breadth_kinds().items():
        b, before, mg = a.breadth[kind], a.previous_breadth[kind], a.margins[kind]
        breadth_rows.append([
            _capital(label), str(b.parts), str(b.grew), str(b.fell), t(b.share),
            t(before.share) if prev else "—",
            t(_minus(b.share, before.share), 2) if prev else "—",
            *(str(len(x)) if prev else "—" for x in (
                mg.rose, mg.fell, mg.turned_positive, mg.turned_negative)),
        ])  # fmt: skip
    blocks.append(Block(
        "breadth", L("增长面与边际变化", "Breadth of growth and change at the margin"),
        [L("类别", "Kind"), L("个数", "Number"), L("增长", "Growing"), L("下降", "Falling"),
         L("增长面（%）", "Breadth (%)"), L(f"{since}增长面（%）", f"Breadth, {since} (%)"),
         L("增减（百分点）", "Change (percentage points)"),
         L("增速提高", "Growth faster"), L("增速回落", "Growth slower"),
         L("由降转增", "Decline to growth"), L("由增转降", "Growth to decline")],
        breadth_rows,
    ))  # fmt: skip

    def part_row(p):
        return [
            p.name,
            t_money(p.value),
            t(p.share),
            t(p.growth),
            t(p.comparable_growth),
            t(p.previous_growth),
            t(p.change_pp, 2),
            t(p.contribution),
            t(p.pull, 2),
        ]

    def county_row(p):  # value, contribution and pull are in the operation table beside it
        r = p.rank or analysis.Rank(None, None, None)
        change = "—" if r.change is None else f"{r.change:+d}" if r.change else "0"
        return [
            p.name,
            t(p.growth),
            t(p.comparable_growth),
            t(p.previous_growth),
            t(p.change_pp, 2),
            t(p.month_growth),
            _int(r.rank),
            _int(r.previous),
            change,
        ]

    name = L("名称", "Name")
    current = L("累计增长（%，现价）", "Cumulative growth (%, current prices)")
    comparable = L("累计增长（%，可比价）", "Cumulative growth (%, comparable prices)")
    growth_since = L(f"{since}增长（%）", f"Growth, {since} (%)")
    growth_change = L("增速增减（百分点）", "Change in growth (percentage points)")
    contribution = L("贡献率（%）", "Contribution (%)")
    pull = L("拉动（百分点）", "Pull (percentage points)")
    head = [name, L("增加值（亿元）", "Value added (100 million yuan)"),
            L("占比（%）", "Share (%)"), current, comparable, growth_since, growth_change,
            contribution, pull]  # fmt: skip
    blocks.append(Block(
        "counties", L("分地区增长、位次及当月增速", "Growth, rank and monthly growth by region"),
        [name, current, comparable, growth_since, growth_change,
         L(f"{month}当月增长（%）", f"Growth in {month} alone (%)"), L("位次", "Rank"),
         L(f"{since}位次", f"Rank, {since}"), L("位次变化", "Change in rank")],
        [county_row(p) for p in a.counties],
        link="region", codes=[p.code for p in a.counties],
    ))  # fmt: skip
    blocks.append(Block(
        "divisions", L("分行业（国民经济行业大类）", "By industry (divisions of GB/T 4754)"),
        head, [part_row(p) for p in a.divisions],
    ))  # fmt: skip
    group_rows = [[g.name, t_money(g.value), t(g.share), t(g.growth), "—", "—", "—",
                   t(g.contribution), t(g.pull, 2)] for g in a.groups]  # fmt: skip
    blocks.append(Block(
        "groups", L("“1244”产业、新兴产业和高技术制造业",
                    "1244 categories, emerging industries and high-tech manufacturing"),
        head, group_rows + [part_row(p) for p in a.categories],
    ))  # fmt: skip
    b = a.big
    line = t(b.line / 10_000, 2)
    big_rows = [
        [L(f"亿元以上企业（总产值≥{line}亿元）",
           f"Firms with a gross output of {line} hundred million yuan or more"),
         str(b.count),
         t(Decimal(b.count) / b.firms * 100) if b.firms else "—", t_money(b.output),
         t(b.output_share), t(b.growth), t(b.contribution), t(b.pull, 2)],
    ] + [
        [a.big_names.get(c.id, c.id), "", "", t_money(c.value), "", t(c.growth),
         t(c.contribution), t(c.pull, 2)]
        for c in b.top
    ]  # fmt: skip
    blocks.append(Block(
        "big", L("亿元以上企业及增量居前企业",
                 "Firms above 100 million yuan and the largest increases"),
        [L("企业", "Firm"), L("家数", "Firms"), L("占规上企业（%）", "Share of firms (%)"),
         L("总产值（亿元）", "Gross output (100 million yuan)"),
         L("占规上总产值（%）", "Share of gross output (%)"),
         L("总产值增长（%）", "Growth of gross output (%)"), contribution, pull],
        big_rows,
    ))  # fmt: skip
    if a.targets:
        blocks.append(Block(
            "targets", L("目标进度", "Progress towards the targets"),
            [L("指标", "Indicator"), L("年份", "Year"), L("数值", "Value"),
             L("目标年份", "Target year"), L("目标值", "Target"), L("单位", "Unit"),
             L("状态", "Status"), L("今后每年需增长（%）", "Growth needed a year from now (%)")],
            [[x.name, str(x.year), x.value, str(x.target_year), x.target, x.unit,
              _capital(wording.target_status(x.off_track)), t(x.required_growth)]
             for x in a.targets],
        ))  # fmt: skip
    return blocks


def _capital(text: str) -> str:
    """A label at the head of a table cell (English: "Industry divisions")."""
    return text[:1].upper() + text[1:]


def _minus(a, b):
    return None if a is None or b is None else a - b


def _int(value) -> str:
    return "—" if value is None else str(value)


def analysis_texts(a, op: Operation, region_name: str, counts: dict[str, int], names) -> dict:
    """The analysis prose (总体情况, 主要特点, 需要关注的问题); the page shows the same."""
    whole = wording.whole_name(region_name)
    return {
        "overall": wording.overall_paragraph(a, region_name),
        "efficiency": wording.efficiency_paragraph(a),
        "breadth": wording.breadth_paragraph(a),
        "margins": wording.margins_paragraph(a, names),
        "ranks": wording.ranks_paragraph(a),
        "groups": wording.groups_paragraph(a, whole),
        "big": wording.big_firms_paragraph(a),
        "concerns": wording.concerns(a, counts, a.targets, whole),
    }


def warning_counts(warnings) -> dict[str, int]:
    counts = dict.fromkeys(RULE_NAMES, 0)
    for w in warnings:
        counts[w.rule] = counts.get(w.rule, 0) + 1
    return counts


def names_by_kind(a) -> dict[str, dict[str, str]]:
    return {
        "division": {p.code: p.name for p in a.divisions},
        "county": {p.code: p.name for p in a.counties},
        "category": {p.code: p.name for p in a.categories},
    }


def _chart_png(op: Operation, county_names: dict[str, str]) -> bytes:
    plt = _setup_fonts()
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.6), dpi=110)
    fig.subplots_adjust(left=0.05, right=0.98, bottom=0.22, top=0.9, wspace=0.45)
    periods = [p for p, _ in op.trend]
    for key, label in (("value_added", "增加值"), ("gross_output", "总产值")):
        values = [float(v[key]) if v.get(key) is not None else None for _, v in op.trend]
        left.plot(range(len(periods)), values, marker="o", markersize=3, label=f"{label}当月增速")
    left.set_title(f"近{len(periods)}个月规上工业当月同比增速（%）")
    # Every third month labelled, the report's month among them; a fixed legend place (the
    # "best" place is searched for, at a cost).
    ticks = list(range(len(periods) - 1, -1, -3))[::-1]
    left.set_xticks(ticks, [periods[i] for i in ticks])
    left.tick_params(axis="x", labelrotation=45, labelsize=7)
    left.legend(fontsize=8, loc="lower left")
    left.grid(alpha=0.3)
    names = [county_names.get(line.code, line.code) for line in op.counties]
    growths = [float(line.figures["value_added"].growth or 0) for line in op.counties]
    right.barh(names, growths, color="#b3261e")
    right.set_title("各地累计增加值增速（%）")
    right.tick_params(axis="y", labelsize=8)
    out = BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


def _table(doc, header: list[str], rows: list[list[str]]) -> None:
    """A grid of 8-point text, the first column (and, in a four-column list, the third)
    wider. Written as WordprocessingML in one piece: python-docx's cell-by-cell calls took
    most of the report's time."""
    if len(header) == 4:  # a list of figures, two pairs a line
        widths = [Cm(5.5), Cm(3), Cm(5.5), Cm(3)]
    else:
        first = Cm(3.4) if len(header) > 3 else Cm(17 / len(header))
        other = (Cm(17) - first) // max(1, len(header) - 1)
        widths = [first, *[other] * (len(header) - 1)]
    widths = [int(w / 635) for w in widths]  # EMU → twentieths of a point
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    lines = []
    for number, values in enumerate([header, *rows]):
        bold = "<w:b/>" if number == 0 else ""
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p><w:r><w:rPr>{bold}'
            f'<w:sz w:val="16"/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
            "</w:p></w:tc>"
            for w, text in zip(widths, values, strict=True)
        )
        lines.append(f"<w:tr>{cells}</w:tr>")
    xml = (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        '<w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(lines)}</w:tbl>"
    )
    table = doc.add_table(rows=0, cols=0, style="Table Grid")  # registers the style
    table._tbl.getparent().replace(table._tbl, parse_xml(xml))


def section_texts(
    op: Operation, region_name: str, county_names, category_names, warnings, definitions=None
) -> dict[str, str]:
    """The prose of each section of the report (the page shows the same)."""
    whole = wording.whole_name(region_name)

    def parts(lines, names):
        out = []
        for line in lines:
            f = line.figures.get("value_added")
            if f is None:
                continue
            name = names.get(line.code) or line.code or pick("其他行业", "Other industries")
            out.append((name, f.growth, f.contribution, f.pull))
        return out

    elec = op.ytd_total.figures.get("electricity_kwh")
    profit = op.ytd_total.figures.get("profit")
    counties = wording.parts_paragraph(parts(op.counties, county_names), whole, section="county")
    if elec is not None or profit is not None:
        counties += wording.energy_profit(
            None if elec is None else elec.growth, None if profit is None else profit.growth
        )
    trend = [(period, growths.get("value_added")) for period, growths in op.trend]
    counts: dict[str, int] = {}
    for w in warnings:
        counts[w.rule] = counts.get(w.rule, 0) + 1
    definitions = definitions or {}
    order = list(RULE_NAMES)
    labels = rule_names()
    items = [
        (rule, labels[rule], counts[rule], definitions.get(rule, ""))
        for rule in order
        if counts.get(rule)
    ]
    return {
        "counties": counties,
        "categories": wording.parts_paragraph(
            parts(op.categories, category_names), whole, section="category"
        ),
        "trend": wording.trend_paragraph(int(op.month[5:7]), trend),
        "warnings": wording.warnings_paragraph(items),
    }


METHOD_NOTE = (
    "注：增速按同口径计算，即本期合计除以同一批企业填报的上年同期合计；"
    "企业未填上年同期的取其上年同月所报数据，两者皆无的企业计入总量、不参与增速计算。"
    "标“现价”的增速按现价计算；可比价增速以各月工业生产者出厂价格指数（上年同月=100，"
    "有分行业指数的按行业）缩减本期数后计算，缺少当月指数的不计算。"
)
SECTION_FEATURES = (
    "（一）增长面与边际变化",
    "（二）分地区情况",
    "（三）分产业情况",
    "（四）大企业情况",
)


def _setup_fonts():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    if not getattr(_setup_fonts, "done", False):
        for path in font_manager.findSystemFonts():
            if "NotoSansCJK" in path or "NotoSerifCJK" in path:
                font_manager.fontManager.addfont(path)
        _setup_fonts.done = True
    plt.rcParams["font.family"] = [CJK_FONT, "Noto Serif CJK SC", "DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False
    return plt


def _divisions_png(a) -> bytes:
    plt = _setup_fonts()
    parts = [p for p in a.divisions if p.code and p.growth is not None]
    parts.sort(key=lambda p: p.growth)
    height = max(2.5, 0.22 * len(parts) + 0.8)
    fig, ax = plt.subplots(figsize=(8, height), dpi=100)
    fig.subplots_adjust(left=0.36, right=0.97, bottom=0.6 / height, top=1 - 0.45 / height)
    colors = ["#b3261e" if p.growth >= 0 else "#3a6ea5" for p in parts]
    ax.barh([p.name for p in parts], [float(p.growth) for p in parts], color=colors)
    ax.axvline(0, color="#333", linewidth=0.6)
    ax.set_title(f"1—{int(a.month[5:7])}月各大类行业增加值累计增速（%，现价）", fontsize=10)
    ax.tick_params(axis="y", labelsize=7)
    out = BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


def build_docx(
    op: Operation,
    region_name: str,
    county_names,
    category_names,
    warnings,
    definitions=None,
    analysis=None,
) -> bytes:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = CJK_FONT
    style.element.rPr.rFonts.set(qn("w:eastAsia"), CJK_FONT)
    style.font.size = Pt(10.5)
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2)
    year, month = op.month[:4], int(op.month[5:7])
    title = doc.add_heading(f"{region_name}{year}年1—{month}月工业经济运行分析", level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    t = tables(op, county_names, category_names)
    texts = section_texts(op, region_name, county_names, category_names, warnings, definitions)
    a = analysis
    counts = warning_counts(warnings)
    blocks = {} if a is None else {b.key: b for b in analysis_tables(a, op, counts)}
    prose = {} if a is None else analysis_texts(a, op, region_name, counts, names_by_kind(a))

    doc.add_heading("一、总体情况", level=2)
    doc.add_paragraph(headline(op, region_name) + prose.get("overall", ""))
    if a is not None:
        doc.add_paragraph(prose["efficiency"])
        _block(doc, blocks["overall"])
    doc.add_paragraph(texts["trend"])
    doc.add_picture(BytesIO(_chart_png(op, county_names)), width=Cm(17))

    doc.add_heading("二、主要特点", level=2)
    if a is not None:
        doc.add_heading(SECTION_FEATURES[0], level=3)
        doc.add_paragraph(prose["breadth"] + prose["margins"])
        _block(doc, blocks["breadth"])
        _block(doc, blocks["divisions"])
        doc.add_picture(BytesIO(_divisions_png(a)), width=Cm(15))
        doc.add_heading(SECTION_FEATURES[1], level=3)
    doc.add_paragraph(texts["counties"] + prose.get("ranks", ""))
    _table(doc, t.county_header, t.county_rows)
    if a is not None:
        _block(doc, blocks["counties"])
        doc.add_heading(SECTION_FEATURES[2], level=3)
    doc.add_paragraph(texts["categories"] + prose.get("groups", ""))
    if a is not None:
        _block(doc, blocks["groups"])
        doc.add_heading(SECTION_FEATURES[3], level=3)
        doc.add_paragraph(prose["big"])
        _block(doc, blocks["big"])
    else:
        _table(doc, t.category_header, t.category_rows)

    doc.add_heading("三、需要关注的问题", level=2)
    for text in prose.get("concerns", []):
        doc.add_paragraph(text)
    if "targets" in blocks:
        _block(doc, blocks["targets"])
    doc.add_paragraph(texts["warnings"])
    doc.add_paragraph(METHOD_NOTE)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _block(doc, block: Block) -> None:
    caption = doc.add_paragraph(block.title)
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.runs[0].bold = True
    if block.key == "overall":  # a list of figures: two pairs a line
        half = (len(block.rows) + 1) // 2
        left, right = block.rows[:half], block.rows[half:] + [["", ""]]
        rows = [a + b for a, b in zip(left, right, strict=False)]
        _table(doc, block.header * 2, rows)
        return
    _table(doc, block.header, block.rows)


SHEET_TITLES = {
    "overall": "主要指标",
    "breadth": "增长面",
    "counties": "分地区位次",
    "divisions": "分行业",
    "groups": "新兴产业",
    "big": "亿元以上企业",
    "targets": "目标进度",
}
SHEET_TITLES_EN = {
    "overall": "Main indicators",
    "breadth": "Breadth",
    "counties": "Ranks by region",
    "divisions": "By division",
    "groups": "Emerging industries",
    "big": "Large firms",
    "targets": "Targets",
}


def build_xlsx(
    op: Operation, region_name: str, county_names, category_names, warnings, names,
    analysis=None, *, warnings_first: bool = False,
) -> bytes:  # fmt: skip
    """The month's tables, its analysis and its warnings; ``warnings_first`` (the warnings
    page's export) puts the warnings sheet first, so the workbook opens on the rows that were
    asked for."""
    t = tables(op, county_names, category_names)
    wb = Workbook()
    fill = PatternFill("solid", fgColor="EEF2F6")
    # In the active language, as the page that offers it.
    titles = SHEET_TITLES_EN if english() else SHEET_TITLES
    sheets = [
        (pick("分地区", "By region"), t.county_header, t.county_rows),
        (pick("分产业", "By industry"), t.category_header, t.category_rows),
    ]
    if analysis is not None:
        sheets += [
            (titles[b.key], b.header, b.rows)
            for b in analysis_tables(analysis, op, warning_counts(warnings))
        ]
    ws = wb.active
    for index, (title, header, rows) in enumerate(sheets):
        ws = wb.active if index == 0 else wb.create_sheet()
        ws.title = title
        ws.append(
            [pick(f"{region_name}{op.month}累计", f"{region_name}, cumulative to {op.month}")]
        )
        ws.append(header)
        for cell in ws[2]:
            cell.font, cell.fill = Font(bold=True), fill
        for values in rows:
            ws.append([_number(v) for v in values])
    ws = wb.create_sheet(pick("预警", "Warnings"), 0 if warnings_first else None)
    if warnings_first:
        wb.active = 0
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:F{len(warnings) + 1}"
    ws.append(
        [pick("规则", "Rule"), pick("企业/地区", "Firm or region"), pick("所属地区", "Region"),
         pick("本期", "This period"), pick("上年同期", "A year earlier"),
         pick("变化（%或百分点）", "Change (% or percentage points)")]
    )  # fmt: skip
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), fill
    labels = rule_names()
    for w in warnings:
        ws.append(
            [
                labels[w.rule],
                safe(names.get(w.subject, w.subject)),
                county_names.get(w.county, w.county),
                _float(w.value),
                _float(w.previous),
                _float(w.change),
            ]
        )
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _number(text: str):
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return safe(text)


def _float(value):
    return None if value is None else float(value)
