"""Reading the county-targets workbook the city fills in; every problem names row and column."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from zhuanxing.core.errors import UserError

from .services import parse_target


def read_targets_workbook(data: bytes, units, scheme) -> dict:
    """Read a targets workbook; every problem names the row and column. Cached formula values
    are used, formulas are never evaluated."""
    try:
        wb = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise UserError(_("The file is not an Excel workbook (.xlsx).")) from None
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    if len(rows) < 2:
        raise UserError(_("The workbook is empty."))
    keys = [str(k).strip() if k is not None else "" for k in rows[1]]
    if keys[:2] != ["code", "name"]:
        raise UserError(_("Row 2 must hold the column keys of the template (code, name, …)."))
    allowed = {i.indicator for i in scheme.indicators}
    unknown = [k for k in keys[2:] if k and k not in allowed]
    if unknown:
        raise UserError(_("Unknown indicator columns: %(keys)s") % {"keys": ", ".join(unknown)})
    codes = {u.code for u in units}
    values = {}
    for r, row in enumerate(rows[2:], start=3):
        code = str(row[0]).strip() if row and row[0] is not None else ""
        if not code:
            continue
        if code not in codes:
            raise UserError(
                _("Row %(row)s, column A: %(code)s is not a county-level unit you manage.")
                % {"row": r, "code": code}
            )
        for c, key in enumerate(keys[2:], start=2):
            if key:
                cell = row[c] if c < len(row) else None
                where = _("Row %(row)s, column %(col)s") % {
                    "row": r,
                    "col": get_column_letter(c + 1),
                }
                values[(code, key)] = parse_target(cell, where)
    return values
