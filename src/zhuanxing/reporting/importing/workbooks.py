"""Spreadsheets going out: blank templates, and the import report with bad cells highlighted.

Everything written from user data goes through ``safe``: a text starting with = + - @ (or a tab
or carriage return) would run as a formula when the sheet is opened (CSV/formula injection), so
it is prefixed with an apostrophe and stored as text. openpyxl is used here because styles
matter (fills, comments, hidden rows); reading goes through calamine.
"""

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from zhuanxing.core.spreadsheets import safe

from .formats import TEMPLATES, Template
from .parse import RawTable

HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
ERROR_FILL = PatternFill("solid", fgColor="F4B6B0")
WARNING_FILL = PatternFill("solid", fgColor="FFE699")


def _write_text(cell, value) -> None:
    cell.value = safe(value)
    if isinstance(cell.value, str):
        cell.data_type = "s"  # openpyxl would otherwise read a leading "=" as a formula


def template_xlsx(kind: str, rows: Iterable[Sequence] = ()) -> bytes:
    """The template workbook: hidden key row 1, Chinese header row 2 (with units), data from 3.

    ``rows`` (optional) are written below, in the template's column order (used to export a
    period's data for correction, and by tests and the benchmark).
    """
    template = TEMPLATES[kind]
    book = Workbook(write_only=True)
    sheet = book.create_sheet(template.title)
    for index, column in enumerate(template.columns, start=1):
        width = max(12, min(28, 2 * len(column.header) + 2))
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.row_dimensions[1].hidden = True
    sheet.freeze_panes = "C3"
    sheet.append([c.key for c in template.columns])
    sheet.append([_header_cell(sheet, c) for c in template.columns])
    text_columns = {i for i, c in enumerate(template.columns) if c.type in ("uscc", "month")}
    for row in rows:
        # Codes and months as text, so Excel keeps "2012-06" and 18-character codes as typed.
        sheet.append(
            [safe(str(v) if i in text_columns and v is not None else v) for i, v in enumerate(row)]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _header_cell(sheet, column):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=column.header + (" *" if column.required else ""))
    cell.font = Font(bold=True)
    cell.fill = HEADER_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    return cell


def template_csv(kind: str, encoding: str = "utf-8", rows: Iterable[Sequence] = ()) -> bytes:
    """The CSV template: the Chinese header row (UTF-8 with a byte-order mark, which Excel needs
    to read UTF-8, or GB18030)."""
    template = TEMPLATES[kind]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.header for c in template.columns])
    for row in rows:
        writer.writerow([safe("" if v is None else str(v)) for v in row])
    text = out.getvalue()
    if encoding.lower().replace("-", "") in ("utf8", "utf8sig"):
        return text.encode("utf-8-sig")
    return text.encode(encoding)


def report_xlsx(
    table: RawTable | None,
    lines: Sequence,
    *,
    language: str = "zh-hans",
    rule_names: dict[str, str] | None = None,
) -> bytes:
    """The import report: the uploaded rows (those with a problem, when ``table`` comes from
    ``report_rows``) with every bad cell filled (red error, yellow
    warning) and its messages as a comment, then a sheet listing every problem."""
    english = language.startswith("en")
    book = Workbook()
    data = book.active
    data.title = ("Data" if english else "数据")[:31]
    by_cell: dict[tuple[int, str], list] = defaultdict(list)
    for line in lines:
        if line.row:
            by_cell[(line.row, line.column)].append(line)
    if table is not None:
        _copy_rows(data, table, by_cell, english)
    listing = book.create_sheet("Problems" if english else "问题清单")
    heads = (
        ("Sheet", "Row", "Column", "Header", "Value", "Rule", "Importance", "Message")
        if english
        else ("工作表", "行", "列", "栏目", "值", "规则", "类别", "说明")
    )
    listing.append(heads)
    for cell in listing[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for line in lines:
        importance = line.importance
        if not english:
            importance = "错误" if importance == "error" else "警告"
        row = [
            line.sheet,
            line.row,
            line.column,
            line.header,
            line.value,
            (rule_names or {}).get(line.rule, line.rule),
            importance,
            line.message_en if english else line.message,
        ]
        listing.append([None] * len(row))
        for index, value in enumerate(row, start=1):
            _write_text(listing.cell(listing.max_row, index), value)
        fill = ERROR_FILL if line.importance == "error" else WARNING_FILL
        listing.cell(listing.max_row, 7).fill = fill
    for letter, width in zip("ABCDEFGH", (14, 6, 6, 22, 20, 30, 8, 60), strict=True):
        listing.column_dimensions[letter].width = width
    book.move_sheet(listing, offset=-1)  # the list first: it is what the clerk reads
    book.active = 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_rows(table: RawTable | None, lines: Sequence) -> dict:
    """The rows the report shows (those with a problem), as uploaded, in a JSON-ready form:
    kept with the job at check time, so the report is written later without parsing the file
    again (the web process never parses an upload)."""
    if table is None:
        return {}
    wanted = {line.row for line in lines if line.row}
    return {
        "kind": table.template.kind,
        "sheet": table.sheet,
        "columns": table.columns,
        "rows": [
            [number, [_json_cell(cell) for cell in cells]]
            for number, cells in table.rows
            if number in wanted
        ],
    }


def _json_cell(cell):
    if isinstance(cell, datetime | date | time):
        return cell.isoformat()
    if isinstance(cell, timedelta):
        return str(cell)
    if isinstance(cell, str):
        return str(cell)  # an ExcelError too, as its text
    return cell


def table_from_report_rows(stored: dict) -> RawTable | None:
    """The table ``report_rows`` kept, for ``report_xlsx``."""
    if not stored:
        return None
    return RawTable(
        template=TEMPLATES[stored["kind"]],
        sheet=stored["sheet"],
        columns=stored["columns"],
        rows=[(number, cells) for number, cells in stored["rows"]],
    )


def _copy_rows(sheet, table: RawTable, by_cell, english: bool) -> None:
    template: Template = table.template
    order = sorted(table.columns.items(), key=lambda item: item[1])
    sheet.append([template.column(key).header for key, _ in order])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for number, cells in table.rows:
        sheet.append([None] * len(order))
        out_row = sheet.max_row
        for out_col, (_key, position) in enumerate(order, start=1):
            value = cells[position] if position < len(cells) else None
            target = sheet.cell(out_row, out_col)
            _write_text(target, value)
            letter = get_column_letter(position + 1)
            found = by_cell.get((number, letter))
            if found:
                worst = "error" if any(p.importance == "error" for p in found) else "warning"
                target.fill = ERROR_FILL if worst == "error" else WARNING_FILL
                text = "\n".join(p.message_en if english else p.message for p in found)
                target.comment = Comment(safe(text[:1000]), "Zhuanxing")
        # The original row number, so the clerk finds the row in their own file.
        _write_text(sheet.cell(out_row, len(order) + 1), f"#{number}")
    sheet.cell(1, len(order) + 1).value = "Row in file" if english else "原文件行号"
    for index in range(1, len(order) + 2):
        sheet.column_dimensions[get_column_letter(index)].width = 16
    sheet.freeze_panes = "A2"
