"""The projects app's workbooks (every list) and the verdict as a Word document."""

import io

from django.conf import settings
from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from zhuanxing.core.spreadsheets import safe

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HEADER_FILL = PatternFill("solid", fgColor="EEF2F6")

# Column key, header (Chinese, then the key so a workbook read back is matched by key).
PROJECT_COLUMNS = [
    ("name", "项目名称"),
    ("owner_uscc", "业主企业信用代码"),
    ("investor_name", "新引进投资方"),
    ("org_unit", "区域代码"),
    ("kind", "项目类型"),
    ("category_1244", "1244类别"),
    ("status", "状态"),
    ("total_investment", "总投资（万元）"),
    ("land_mu", "用地（亩）"),
    ("new_land", "新增用地"),
    ("start_date", "开工日期"),
    ("finish_date", "计划竣工日期"),
    ("investor_source", "投资来源"),
    ("fortune_500", "世界500强"),
    ("central_soe", "央企"),
    ("industry_leader", "行业龙头"),
    ("expected_output", "达产产值（万元）"),
    ("expected_va", "达产增加值（万元）"),
    ("expected_tax", "达产税收（万元）"),
    ("energy_tce", "电力以外能耗（吨标准煤）"),
    ("electricity_kwh", "用电量（千瓦时）"),
    ("cod_t", "化学需氧量（吨）"),
    ("nh3n_t", "氨氮（吨）"),
    ("so2_t", "二氧化硫（吨）"),
    ("nox_t", "氮氧化物（吨）"),
]


PROGRESS_KEYS = ["project", "name", "year", "month", "investment", "milestone"]
PROGRESS_HEADER = ["项目编号", "项目名称", "年份", "月份", "本月完成投资（万元）", "形象进度"]


def _cell(value):
    if isinstance(value, bool) or value is None:
        return value
    if hasattr(value, "quantize"):
        return float(value)
    if hasattr(value, "isoformat"):
        return value
    return safe(value) if isinstance(value, str) else value


def _workbook(title: str, header: list[str], rows, filename: str, keys: list[str] | None = None):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    if keys:
        ws.append(keys)
        ws.row_dimensions[2].hidden = True
    cap = settings.ZHUANXING["EXPORT_ROW_CAP"]
    for i, row in enumerate(rows):
        if i >= cap:
            break
        ws.append([_cell(v) for v in row])
    ws.freeze_panes = "B3" if keys else "B2"
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    wb.save(response)
    return response


def project_row(p) -> list:
    return [
        p.name,
        p.owner.uscc if p.owner_id else "",
        p.investor_name,
        p.org_unit.code,
        p.kind,
        p.category_1244,
        p.status,
        p.total_investment,
        p.land_mu,
        p.new_land,
        p.start_date,
        p.finish_date,
        p.investor_source,
        p.fortune_500,
        p.central_soe,
        p.industry_leader,
        p.expected_output,
        p.expected_va,
        p.expected_tax,
        p.energy_tce,
        p.electricity_kwh,
        p.cod_t,
        p.nh3n_t,
        p.so2_t,
        p.nox_t,
    ]


def projects_workbook(rows) -> HttpResponse:
    """The project list in the import layout (a hidden row of keys), so it can be re-imported."""
    return _workbook(
        "项目",
        [h for _k, h in PROJECT_COLUMNS],
        (project_row(p) for p in rows),
        "projects.xlsx",
        [k for k, _h in PROJECT_COLUMNS],
    )


def plan_workbook(rows, year: int) -> HttpResponse:
    header = [
        "序号",
        "项目名称",
        "区域",
        "总投资（万元）",
        "亿元以上",
        "得分",
        "年度计划投资（万元）",
        "累计完成（万元）",
        "完成比例（%）",
        "应完成比例（%）",
        "滞后",
    ]
    body = []
    for i, r in enumerate(rows, 1):
        s = r.schedule
        body.append(
            [
                i,
                r.project.name,
                r.project.org_unit.name,
                r.project.total_investment,
                "是" if r.priority else "",
                r.score,
                r.entry.planned_investment,
                s.completed if s else None,
                s.completed_pct if s else None,
                s.expected_pct if s else None,
                "滞后" if s and s.behind else "",
            ]
        )
    return _workbook(f"{year}年计划", header, body, f"project-plan-{year}.xlsx")


def problems_workbook(rows) -> HttpResponse:
    header = ["项目", "问题", "责任部门", "提出日期", "限办日期", "解决情况", "解决日期"]
    body = (
        [
            p.project.name,
            p.description,
            p.department,
            p.raised_on,
            p.deadline,
            p.resolution,
            p.resolved_on,
        ]
        for p in rows
    )
    return _workbook("问题", header, body, "project-problems.xlsx")


def verdict_docx(
    screening,
    lines: list[tuple[str, str]],
    checks: list[list[str]],
    title: str,
    reasons: list[str],
    check_header: list[str],
) -> HttpResponse:
    """The verdict as a Word document to file with the approval papers."""
    from docx import Document

    doc = Document()
    doc.add_heading(title, level=1)
    for label, value in lines:
        doc.add_paragraph(f"{label}：{value}")
    table = doc.add_table(rows=1, cols=len(check_header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, check_header, strict=True):
        cell.text = text
    for row in checks:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    for reason in reasons:
        doc.add_paragraph(reason, style="List Bullet")
    buffer = io.BytesIO()
    doc.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="screening-{screening.pk}.docx"'
    return response


def progress_template(rows, year: int) -> HttpResponse:
    """Monthly progress to fill in: one row per project of the year's plan (project number and
    name given; month, investment and milestone to fill), a hidden row of column keys."""
    body = ([r.project.pk, r.project.name, year, None, None, ""] for r in rows)
    return _workbook(f"{year}年进度", PROGRESS_HEADER, body, f"project-progress-{year}.xlsx",
                     PROGRESS_KEYS)  # fmt: skip
