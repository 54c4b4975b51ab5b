"""Cell checks: every cell of a raw table becomes a typed value or a problem.

Runs the policy's built-in checks that need nothing but the cell (required, numeric, period,
choice, USCC check character, industry code, formula cells, Excel error values, dangerous
formulas) and the duplicate check within the file. Checks that need the database (known, in
scope, locked) and the comparison rules run later, in ``zhuanxing.reporting.importing.validate``.
Pure Python: no Django here.
"""

import dataclasses
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from zhuanxing.policy.validation_rules import Reporting
from zhuanxing.reference import industry, uscc

from .formats import NUMERIC_TYPES, Column, Template
from .normalise import CellError, clean_text, to_date, to_decimal, to_month, to_year
from .parse import DANGEROUS_FORMULA, EXCEL_ERRORS, ExcelError, RawTable

VALUE_LIMIT = 200  # characters of a bad value kept in the report
# What Excel shows of an 18-digit code stored as a number: 9.13305E+17.
_SCIENTIFIC = re.compile(r"^\d+(\.\d+)?[eE]\+?\d+$")


@dataclass
class Problem:
    """One finding: where (row as the clerk sees it, column), what, and which rule."""

    rule: str  # a policy rule key, or "file" for a fault of the file as a whole
    importance: str  # "error" or "warning"
    row: int | None = None
    field: str = ""  # the column's key
    column: str = ""  # its letter in the sheet
    value: str = ""
    code: str = ""  # picks a detail added to the rule's message (e.g. "date")
    params: dict = dataclasses.field(default_factory=dict)


@dataclass
class Batch:
    """The rows of one file (or one form), as typed values in columns."""

    template: Template
    sheet: str
    rows: list[int]  # row numbers as the clerk sees them
    values: dict[str, list]  # column key → one value per row (None when empty or bad)
    letters: dict[str, str] = dataclasses.field(default_factory=dict)
    problems: list[Problem] = dataclasses.field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def kind(self) -> str:
        return self.template.kind

    @property
    def has_errors(self) -> bool:
        return any(p.importance == "error" for p in self.problems)

    def add(self, rule, importance, index: int | None, key: str, value="", code="", **params):
        row = self.rows[index] if index is not None else None
        text = "" if value is None else str(value)[:VALUE_LIMIT]
        letter = self.letters.get(key, "")
        self.problems.append(Problem(rule, importance, row, key, letter, text, code, params))


def _rule(reporting: Reporting, kind: str, check: str) -> tuple[str, str]:
    found = reporting.check_rule(kind, check)
    # A policy without the rule still may not store a bad value: the check runs as an error.
    return (found.key, found.importance) if found else (check, "error")


def check_cells(table: RawTable, reporting: Reporting, *, today: date | None = None) -> Batch:
    """Every cell typed or a problem; periods after ``today``'s (default: the date) refused."""
    template = table.template
    index_of = table.columns
    columns = [c for c in template.columns if c.key in index_of]
    raw = {c.key: [_cell(cells, index_of[c.key]) for _, cells in table.rows] for c in columns}
    batch = Batch(
        template=template,
        sheet=table.sheet,
        rows=[number for number, _ in table.rows],
        values={},
        letters={key: table.letter(key) for key in index_of},
    )
    today = today or date.today()
    for column in columns:
        batch.values[column.key] = _convert(batch, reporting, column, raw[column.key], today)
    for column in template.columns:
        if column.optional and column.key not in batch.values:
            batch.values[column.key] = [None] * len(table.rows)
    _formulas(batch, table, reporting)
    check_duplicates(batch, reporting)
    return batch


def batch_from_values(template: Template, reporting: Reporting, values: dict) -> Batch:
    """A one-row batch from a form's values (already typed or still text)."""
    return batch_from_rows(template, reporting, [values])


def batch_from_rows(template: Template, reporting: Reporting, rows: list[dict]) -> Batch:
    """A batch from rows of values (a form's, or stored reports' checked again for review)."""
    batch = Batch(template=template, sheet="", rows=list(range(1, len(rows) + 1)), values={})
    today = date.today()
    for column in template.columns:
        if rows and column.key in rows[0]:
            cells = [row.get(column.key) for row in rows]
            batch.values[column.key] = _convert(batch, reporting, column, cells, today)
    return batch


def _cell(cells: list, index: int):
    return cells[index] if index < len(cells) else None


def _convert(
    batch: Batch, reporting: Reporting, column: Column, cells: Sequence, today: date
) -> list:
    kind = batch.kind
    required = _rule(reporting, kind, "required") if column.required else None
    converter = _converter(column, today)
    check = _check_for(column)
    rule, importance = _rule(reporting, kind, check) if check else ("", "")
    excel_error = _rule(reporting, kind, "excel_error")
    dangerous = _rule(reporting, kind, "dangerous_formula")
    out = []
    for index, cell in enumerate(cells):
        if isinstance(cell, ExcelError) or (isinstance(cell, str) and cell.strip() in EXCEL_ERRORS):
            # What Excel shows for a broken formula: never a value, and never "empty".
            error = cell.strip()
            batch.add(*excel_error, index, column.key, error, "excel_error", error=error)
            out.append(None)
            continue
        if (
            isinstance(cell, str)
            and cell.startswith(("=", "+", "-", "@"))
            and (DANGEROUS_FORMULA.search(cell))
        ):
            # Typed as text, it runs when the data is opened in Excel again (a CSV has no
            # other kind of formula): refused in every column.
            batch.add(*dangerous, index, column.key, cell, "formula_dangerous")
            out.append(None)
            continue
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            if required:
                batch.add(*required, index, column.key)
            out.append(None)
            continue
        try:
            out.append(converter(cell))
        except CellError as error:
            batch.add(rule, importance, index, column.key, cell, error.code, **error.params)
            out.append(None)
    if column.type in NUMERIC_TYPES:
        _non_negative(batch, reporting, column, out)
    return out


def _check_for(column: Column) -> str:
    return {
        "decimal": "numeric",
        "integer": "numeric",
        "year": "period",
        "month": "period",
        "choice": "choice",
        "uscc": "uscc_valid",
        "industry": "industry_code",
        "date": "numeric",
    }.get(column.type, "")


def _converter(column: Column, today: date):
    if column.type == "decimal":
        return lambda v: to_decimal(v, places=column.places, limit=column.limit)
    if column.type == "integer":
        return lambda v: to_decimal(v, integer=True, limit=column.limit)
    if column.type == "year":
        return lambda v: to_year(v, latest=today.year)
    if column.type == "month":
        return lambda v: to_month(v, latest=f"{today.year:04d}-{today.month:02d}")
    if column.type == "date":
        return to_date
    if column.type == "uscc":
        return _uscc
    if column.type == "industry":
        return _industry
    if column.type == "org_unit":
        return lambda v: _visible(clean_text(v)) or None
    if column.type == "choice":
        return lambda v: _choice(v, column.choices)
    # Names keep their full-width brackets (桐乡市某某（集团）有限公司): only trimmed.
    return lambda v: str(v).strip() or None


def _visible(text: str) -> str:
    """``text``, or CellError naming the first invisible character (a zero-width space, a
    byte-order mark, a no-break space, copied in from a web page or Word) and where it is."""
    for position, ch in enumerate(text, start=1):
        if not ch.isascii() and unicodedata.category(ch) in ("Cf", "Cc", "Zs", "Zl", "Zp"):
            raise CellError("invisible", "an invisible character",
                            code_point=f"U+{ord(ch):04X}", position=position)  # fmt: skip
    return text


def _uscc(value) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise CellError("uscc_number", "a number where a code belongs")
    if _SCIENTIFIC.match(clean_text(value)):
        raise CellError("uscc_number", "a code shown as a number")
    text = _visible(clean_text(value)).upper()
    result = uscc.check_uscc(text)
    if not result.valid:
        raise CellError(f"uscc_{result.reason_code}", result.reason or "invalid")
    return text


def _industry(value) -> str:
    text = _visible(clean_text(value))
    if not industry.is_class(text):
        raise CellError("industry", "not a class code")
    return text


def _choice(value, choices: tuple[str, ...]) -> str:
    text = clean_text(value).upper()
    if text not in choices:
        raise CellError("choice", "not an allowed code")
    return text


def _non_negative(batch: Batch, reporting: Reporting, column: Column, values: list) -> None:
    for rule in reporting.rules_for(batch.kind):
        if rule.check == "non_negative" and column.key in rule.fields:
            for index, value in enumerate(values):
                if value is not None and value < 0:
                    batch.add(rule.key, rule.importance, index, column.key, value)


def _formulas(batch: Batch, table: RawTable, reporting: Reporting) -> None:
    if not table.formula_cells:
        return
    rule, importance = _rule(reporting, batch.kind, "formula")
    dangerous = _rule(reporting, batch.kind, "dangerous_formula")
    by_position = {position: key for key, position in table.columns.items()}
    row_index = {number - 1: i for i, number in enumerate(batch.rows)}
    for (row, col), cached in sorted(table.formula_cells.items()):
        if row not in row_index or col not in by_position:
            continue
        index, key = row_index[row], by_position[col]
        if (row, col) in table.dangerous_formulas:
            formula = table.dangerous_formulas[(row, col)]
            batch.add(*dangerous, index, key, formula, "formula_dangerous")
            batch.values[key][index] = None
        elif cached:
            batch.add(rule, importance, index, key, batch.values[key][index], "formula")
        else:
            # Excel never computed it (the file was generated, not saved by Excel): no value.
            batch.add(rule, "error", index, key, "", "formula_uncached")
            batch.values[key][index] = None


def check_duplicates(batch: Batch, reporting: Reporting) -> None:
    keys = batch.template.key_columns
    if not all(k in batch.values for k in keys):
        return
    rule, importance = _rule(reporting, batch.kind, "duplicate")
    first: dict[tuple, int] = {}
    for index, key in enumerate(zip(*(batch.values[k] for k in keys), strict=True)):
        if any(part is None for part in key):
            continue
        if key in first:
            batch.add(
                rule, importance, index, keys[0], key[0], "duplicate", first=batch.rows[first[key]]
            )
        else:
            first[key] = index
