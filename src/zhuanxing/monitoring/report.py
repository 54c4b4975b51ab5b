"""The monthly analysis report (月度工业经济运行分析): a Word document and an Excel workbook built
from the same tables as the monitoring page, so their figures are the page's figures."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from zhuanxing.core.figures import format_number
from zhuanxing.core.spreadsheets import safe

from . import wording
from .operation import Operation, headline

CJK_FONT = "Noto Sans CJK SC"
RULE_NAMES = {
    "output_drop": "产值大幅下降",
    "zero_output": "停产",
    "turn_to_loss": "由盈转亏",
    "county_lagging": "增速明显低于全市",
}


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
    county_rows.append(row("合计", op.ytd_total))
    # In the policy's order (producer services, pillars, emerging, traditional), others last.
    order = {key: i for i, key in enumerate(category_names)}
    lines = sorted(op.categories, key=lambda line: order.get(line.code, len(order)))
    category_rows = [row(category_names.get(line.code) or "其他行业", line) for line in lines]
    return Tables(header, county_rows, ["产业", *header[1:]], category_rows)


def _chart_png(op: Operation, county_names: dict[str, str]) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    for path in font_manager.findSystemFonts():
        if "NotoSansCJK" in path or "NotoSerifCJK" in path:
            font_manager.fontManager.addfont(path)
    plt.rcParams["font.family"] = [CJK_FONT, "Noto Serif CJK SC", "DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.6), dpi=150)
    periods = [p for p, _ in op.trend]
    for key, label in (("value_added", "增加值"), ("gross_output", "总产值")):
        values = [float(v[key]) if v.get(key) is not None else None for _, v in op.trend]
        left.plot(periods, values, marker="o", markersize=3, label=f"{label}当月增速")
    left.set_title("近24个月规上工业当月同比增速（%）")
    left.tick_params(axis="x", labelrotation=60, labelsize=7)
    left.legend(fontsize=8)
    left.grid(alpha=0.3)
    names = [county_names.get(line.code, line.code) for line in op.counties]
    growths = [float(line.figures["value_added"].growth or 0) for line in op.counties]
    right.barh(names, growths, color="#b3261e")
    right.set_title("各地累计增加值增速（%）")
    right.tick_params(axis="y", labelsize=8)
    fig.tight_layout()
    out = BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


def _table(doc, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    for row in table.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(8)


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
            name = names.get(line.code) or line.code or "其他行业"
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
    items = [
        (rule, RULE_NAMES[rule], counts[rule], definitions.get(rule, ""))
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
    "注：增速按现价、同口径计算，即本期合计除以同一批企业填报的上年同期合计；"
    "企业未填上年同期的取其上年同月所报数据，两者皆无的企业计入总量、不参与增速计算。"
)


def build_docx(
    op: Operation, region_name: str, county_names, category_names, warnings, definitions=None
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
    doc.add_paragraph(headline(op, region_name))
    t = tables(op, county_names, category_names)
    texts = section_texts(op, region_name, county_names, category_names, warnings, definitions)
    doc.add_heading(f"一、分地区主要指标（1—{month}月累计）", level=2)
    doc.add_paragraph(texts["counties"])
    _table(doc, t.county_header, t.county_rows)
    doc.add_heading("二、分“1244”产业主要指标", level=2)
    doc.add_paragraph(texts["categories"])
    _table(doc, t.category_header, t.category_rows)
    doc.add_heading("三、运行走势", level=2)
    doc.add_paragraph(texts["trend"])
    doc.add_picture(BytesIO(_chart_png(op, county_names)), width=Cm(17))
    doc.add_heading("四、预警情况", level=2)
    doc.add_paragraph(texts["warnings"])
    doc.add_paragraph(METHOD_NOTE)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def build_xlsx(
    op: Operation, region_name: str, county_names, category_names, warnings, names,
    *, warnings_first: bool = False,
) -> bytes:  # fmt: skip
    """The month's tables and its warnings; ``warnings_first`` (the warnings page's export)
    puts the warnings sheet first, so the workbook opens on the rows that were asked for."""
    t = tables(op, county_names, category_names)
    wb = Workbook()
    fill = PatternFill("solid", fgColor="EEF2F6")
    sheets = [
        ("分地区", t.county_header, t.county_rows),
        ("分产业", t.category_header, t.category_rows),
    ]
    ws = wb.active
    for index, (title, header, rows) in enumerate(sheets):
        ws = wb.active if index == 0 else wb.create_sheet()
        ws.title = title
        ws.append([f"{region_name}{op.month}累计"])
        ws.append(header)
        for cell in ws[2]:
            cell.font, cell.fill = Font(bold=True), fill
        for values in rows:
            ws.append([_number(v) for v in values])
    ws = wb.create_sheet("预警", 0 if warnings_first else None)
    if warnings_first:
        wb.active = 0
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:F{len(warnings) + 1}"
    ws.append(["规则", "企业/地区", "所属地区", "本期", "上年同期", "变化（%或百分点）"])
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), fill
    for w in warnings:
        ws.append(
            [
                RULE_NAMES[w.rule],
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
        return text


def _float(value):
    return None if value is None else float(value)
