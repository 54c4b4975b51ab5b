"""The assessment's workbooks: the scored table, and the targets template the city fills in."""

from django.http import HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from zhuanxing.core.spreadsheets import safe

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="EEF2F6")


def assessment_workbook(table, year: int) -> HttpResponse:
    """The scored table as a workbook: rank, county, each indicator's value, target, score."""
    wb = Workbook()
    ws = wb.active
    ws.title = str(year)
    english = (get_language() or "").startswith("en")  # one language at a time
    header = [_("Rank"), _("County / zone")]
    for item, ind in table["indicators"]:
        name = ind.name_en if english else ind.name
        header += [
            _("%(indicator)s (%(unit)s), actual") % {"indicator": name, "unit": ind.unit},
            _("Target"),
            _("Score (of %(weight)s)") % {"weight": item.weight},
        ]
    header.append(_("Total score"))
    ws.append(header)
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for name, score in table["scores"]:
        row = [score.rank, safe(name)]
        for item in score.items:
            row += [
                None if item.value is None else float(item.value),
                None if item.target is None else float(item.target),
                float(item.score),
            ]
        row.append(float(score.total))
        ws.append(row)
    for column in ws.iter_cols(min_row=2, min_col=3):
        for cell in column:
            cell.number_format = "#,##0.00"
    ws.freeze_panes = "C2"
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="assessment-{year}.xlsx"'
    wb.save(response)
    return response


def targets_workbook(*, year: int, scheme, indicators, units, current) -> HttpResponse:
    """The targets workbook: a visible header, a hidden row of indicator keys (so columns are
    matched by key even if reordered), one row per county with the current targets."""
    wb = Workbook()
    ws = wb.active
    ws.title = f"{year}年目标"
    ws.append(["代码 code", "县（市、区）"] + [
        f"{indicators[i.indicator].name}（{indicators[i.indicator].unit}）"
        for i in scheme.indicators
    ])  # fmt: skip
    ws.append(["code", "name"] + [i.indicator for i in scheme.indicators])
    ws.row_dimensions[2].hidden = True
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for u in units:
        values = current.get(u.code, {})
        ws.append([u.code, safe(u.name)] + [
            float(values[i.indicator]) if i.indicator in values else None for i in scheme.indicators
        ])  # fmt: skip
    for col in range(1, ws.max_column + 1):
        ws.column_dimensions[get_column_letter(col)].width = 18
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="county-targets-{year}.xlsx"'
    wb.save(response)
    return response
