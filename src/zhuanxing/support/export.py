"""The tax page's workbook: the same rows and total as the page, money in 万元 to 0.01."""

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from zhuanxing.core.spreadsheets import safe

from .tax import INCENTIVES
from .wording import INCENTIVE_NAMES

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def tax_workbook(rows, total, year: int, keys=INCENTIVES) -> HttpResponse:
    wb = Workbook()
    ws = wb.active
    ws.title = f"{year}"
    ws.append(
        [
            "县（市、区）County",
            "企业数 Enterprises",
            "享受优惠 Benefiting",
            "无优惠税额 Tax without incentives",
            *[str(INCENTIVE_NAMES[k]) for k in keys],
            "减免合计 Revenue forgone",
            "应纳税额 Tax due",
        ]
    )
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in [*rows, total]:
        ws.append(
            [
                safe(row.name or "合计 Total"),
                row.enterprises,
                row.benefiting,
                row.tax_without,
                *row.amounts(keys),
                row.forgone,
                row.tax_due,
            ]
        )
    for column in ws.iter_cols(min_row=2, min_col=4):
        for cell in column:
            cell.number_format = "#,##0.00"
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="tax-incentives-{year}.xlsx"'
    wb.save(response)
    return response


def funds_workbook(counties, categories, total, year) -> HttpResponse:
    """The special-fund totals as on the page: by county, by category, and the total."""
    wb = Workbook()
    ws = wb.active
    ws.title = "专项资金"
    header = ["", "申请数 Applications", "申请额 Requested", "安排额 Granted", "拨付额 Disbursed"]
    for title, rows in (("县（市、区）County", counties), ("类别 Category", categories)):
        ws.append([title, *header[1:]])
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
        for row in [*rows, total]:
            ws.append(
                [
                    safe(row.name or "合计 Total"),
                    row.applications,
                    row.requested,
                    row.granted,
                    row.disbursed,
                ]
            )
        ws.append([])
    for column in ws.iter_cols(min_row=2, min_col=3):
        for cell in column:
            if cell.value is not None and not isinstance(cell.value, str):
                cell.number_format = "#,##0.00"
    response = HttpResponse(content_type=XLSX)
    name = f"special-funds-{year}" if year else "special-funds"
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    wb.save(response)
    return response


def recommendation_workbook(recommendation, rows, *, kinds: dict, checks: bool) -> HttpResponse:
    """A recommendation list as shown: the recommended projects (and, for officials, every
    candidate with the rules' verdict, the checks and the city's note). Text through ``safe``."""
    wb = Workbook()
    ws = wb.active
    ws.title = f"{recommendation.year}"
    header = [
        "序号 No.",
        "项目 Project",
        "业主 Owner",
        "县（市、区）County",
        "类型 Type",
        "总投资（万元）Total investment",
        f"{recommendation.year}年计划投资（万元）Planned investment",
        "业主亩均等级 Owner's class",
    ]
    if checks:
        header += ["推荐 Recommended", "规则 By the rules", "依据 Checks", "备注 Note"]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for n, (item, texts) in enumerate(rows, start=1):
        row = [
            n,
            safe(item.name),
            safe(item.owner),
            safe(item.county),
            safe(str(kinds.get(item.kind, item.kind))),
            item.total_investment,
            item.planned_investment,
            safe(item.owner_class),
        ]
        if checks:
            row += [
                "是 Yes" if item.included else "否 No",
                "是 Yes" if item.rule_included else "否 No",
                safe("；".join(texts)),
                safe(item.note),
            ]
        ws.append(row)
    for column in ws.iter_cols(min_row=2, min_col=6, max_col=7):
        for cell in column:
            cell.number_format = "#,##0.00"
    response = HttpResponse(content_type=XLSX)
    name = f"recommended-projects-{recommendation.year}-v{recommendation.version}"
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    wb.save(response)
    return response
