"""Reading the county-targets workbook the city fills in; every problem names row and column.

The file goes through the import pipeline's reader (``reporting.importing.pipeline.read_grid``):
parsed in a child process within the IMPORT_* limits, with hidden sheets, rows and columns,
merged cells, formulas Excel never computed, formulas that run a program and Excel error
values refused as an import refuses them. Cached formula values are used, never evaluated."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zhuanxing.core.errors import UserError
from zhuanxing.reporting.importing.formats import column_letter
from zhuanxing.reporting.importing.parse import FileRejected
from zhuanxing.reporting.importing.pipeline import file_line, read_grid

from .services import parse_target

HEADER_ROWS = 2  # row 1: the Chinese headers; row 2 (hidden in the template): the column keys


def read_targets_workbook(data: bytes, units, scheme) -> dict:
    """{(unit code, indicator key): target} from a targets workbook; UserError naming every
    fault of the file, or the first bad cell."""
    try:
        table = read_grid(data, filename="targets.xlsx", header_rows=HEADER_ROWS)
    except FileRejected as rejected:
        lines = [file_line(p) for p in rejected.problems]
        english = (get_language() or "").startswith("en")
        text = " ".join(li.message_en if english else li.message for li in lines)
        raise UserError(text) from None
    rows = dict(table.rows)
    keys = [str(k).strip() if k is not None else "" for k in rows.get(2, [])]
    if keys[:2] != ["code", "name"]:
        raise UserError(_("Row 2 must hold the column keys of the template (code, name, …)."))
    allowed = {i.indicator for i in scheme.indicators}
    unknown = [k for k in keys[2:] if k and k not in allowed]
    if unknown:
        raise UserError(_("Unknown indicator columns: %(keys)s") % {"keys": ", ".join(unknown)})
    codes = {u.code for u in units}
    values = {}
    for r, row in table.rows:
        if r <= HEADER_ROWS:
            continue
        code = _text(row[0]) if row else ""
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
                if cell == "":
                    cell = None
                where = _("Row %(row)s, column %(col)s") % {"row": r, "col": column_letter(c)}
                values[(code, key)] = parse_target(cell, where)
    return values


def _text(cell) -> str:
    """A unit code as typed: calamine reads a number cell 330483 as the float 330483.0."""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return "" if cell is None else str(cell).strip()
