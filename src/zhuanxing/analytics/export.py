"""Excel export of the explorer's pivot: one sheet, a block per indicator, periods across, with
the unit in each block's title and number formats by unit (officials live in Excel)."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from zhuanxing.core.figures import excel_format
from zhuanxing.core.spreadsheets import safe

HEADER = PatternFill("solid", fgColor="EEF2F6")
TOTAL = Font(bold=True)


def workbook(title: str, scope: str, periods: list[str], blocks, row_cap: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Indicators")[:31]
    ws.append([safe(title)])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([safe(scope)])
    line = 3
    written = 0
    truncated = False
    first_header = None
    for block in blocks:
        line += 1
        ws.cell(line, 1, safe(f"{block.label}（{block.unit}）")).font = Font(bold=True)
        if block.instead_of or block.unavailable:
            line += 1
            note = (
                block.unavailable
                or _("Shown in place of %(asked)s: %(shown)s.")
                % {"asked": block.instead_of, "shown": block.label}
                + " "
                + block.instead_reason
            )
            ws.cell(line, 1, safe(note))
        if block.unavailable:
            line += 1
            continue
        line += 1
        first_header = first_header or line
        heads = [_("Region"), _("Category"), *periods]
        for col, text in enumerate(heads, start=1):
            cell = ws.cell(line, col, safe(text))
            cell.fill = HEADER
            cell.font = TOTAL
            cell.alignment = Alignment(horizontal="center")
        for row in block.rows:
            if written >= row_cap:
                truncated = True
                break
            line += 1
            written += 1
            ws.cell(line, 1, safe(row.org_label))
            ws.cell(line, 2, safe(row.category_label or _("All industries")))
            for col, value in enumerate(row.values, start=3):
                cell = ws.cell(line, col, value if value is not None else _("no data"))
                if value is not None:
                    cell.number_format = excel_format(value, block.decimals, block.unit)
                else:
                    cell.alignment = Alignment(horizontal="right")
                if row.is_total:
                    cell.font = TOTAL
            if row.is_total:
                ws.cell(line, 1).font = TOTAL
        line += 1
    if truncated:
        ws.cell(line + 1, 1, _("Cut at %(cap)s rows (EXPORT_ROW_CAP).") % {"cap": row_cap})
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 30
    for col in range(3, len(periods) + 3):
        ws.column_dimensions[get_column_letter(col)].width = 13
    # Frozen below the first block's header row (the title, scope and block name scroll away
    # with it only after the header): the header of a one-block export stays on screen.
    ws.freeze_panes = f"C{(first_header or 3) + 1}"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
