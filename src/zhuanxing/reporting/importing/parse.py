"""Read an uploaded file into rows of raw cells, refusing files that are not what they claim.

Excel files are read with python-calamine (fast, and it returns the values Excel cached for
formula cells, so nothing is ever evaluated); the package XML is inspected directly for the
things calamine does not report (hidden sheets' states are read through calamine; formula cells
and their cached values from the sheet XML). CSV is read as UTF-8, else GB18030 (a superset of
the GBK that Chinese Excel writes). Pure Python: no Django here.

Structural faults raise ``FileRejected`` with every fault found; the file is not read further.

Parsing is bounded (``Limits``): a workbook is inspected as a zip before the parser sees it
(``sheet_xml``), a CSV file is read row by row; ``isolated.read_table_isolated`` runs all of
this in a child process with a memory limit, for what no inspection can foresee.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

import python_calamine

from .formats import LABELS_EN, TEMPLATES, Template, column_letter, header_key
from .sheet_xml import (
    DANGEROUS_FORMULA,
    FileProblem,
    FileRejected,
    Limits,
    check_extent,
    check_package,
    error_cells,
    formula_cells,
    hidden_rows_and_columns,
    may_hold_long_text,
    read_part,
    sheet_parts,
)

__all__ = ["DANGEROUS_FORMULA", "FileProblem", "FileRejected", "Limits", "RawTable", "read_table"]

HEADER_SCAN_ROWS = 5
HEADER_SEARCH_ROWS = 30  # a header further down is looked for, to say where it is
EXCEL_ERRORS = frozenset(
    ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA",
     "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!")
)  # fmt: skip


@dataclass
class RawTable:
    """The data rows of one sheet, cells as read, with where each came from."""

    template: Template | None  # None for a grid (``read_table(grid_header_rows=…)``)
    sheet: str
    columns: dict[str, int]  # column key → 0-based index in the row
    rows: list[tuple[int, list]]  # (row number as the clerk sees it, cells)
    formula_cells: dict[tuple[int, int], bool] = field(default_factory=dict)  # → has a value
    dangerous_formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # → formula
    file_format: str = "xlsx"
    encoding: str = ""
    header_row: int = 1  # the (last) header row, as the clerk sees it

    def letter(self, key: str) -> str:
        return column_letter(self.columns[key]) if key in self.columns else ""


class ExcelError(str):
    """A cell holding one of Excel's error values (#DIV/0!, #N/A…): never a value."""


def read_table(
    data: bytes,
    *,
    filename: str = "",
    kind: str | None = None,
    max_bytes: int | None = None,
    limits: Limits = Limits(),  # noqa: B008 (frozen)
    grid_header_rows: int | None = None,
) -> RawTable:
    """Parse ``data``; ``kind`` (annual, monthly, registry, region) when the caller knows it.

    ``grid_header_rows``: read the first sheet of an .xlsx workbook that is not a reporting
    template (the county-targets workbook): every non-empty row kept as it is, the first
    ``grid_header_rows`` rows being headers (they may be hidden), with the same bounds and
    refusals (hidden sheets, rows and columns, merged cells, overlong cells) and the formula
    and error cells marked, for the caller to check."""
    if not data:
        raise FileRejected([FileProblem("empty")])
    if max_bytes is not None and len(data) > max_bytes:
        raise FileRejected([FileProblem("too_large", params={"size": len(data), "max": max_bytes})])
    if grid_header_rows is not None:
        if data[:4] != b"PK\x03\x04":
            raise FileRejected([FileProblem("not_spreadsheet")])
        return _read_xlsx(data, kind, limits, grid_header_rows)
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(data, kind, limits)
    if data[:4] == b"\xd0\xcf\x11\xe0":
        # The old binary format cannot be inspected before parsing: the child process's
        # memory limit is what bounds it.
        table = _read_workbook(data, kind, "xls", {})
    else:
        table = _read_csv(data, kind, filename, limits)
    _check_cell_lengths(table, limits)
    return table


def _check_cell_lengths(table: RawTable, limits: Limits) -> None:
    problems = [
        FileProblem(
            "cell_too_long",
            table.sheet,
            number,
            column_letter(position),
            cell[:50],
            {"length": len(cell), "max": limits.max_cell_chars},
        )
        for number, cells in table.rows
        for position, cell in enumerate(cells)
        if isinstance(cell, str) and len(cell) > limits.max_cell_chars
    ]
    if problems:
        raise FileRejected(problems)


# --- Excel ------------------------------------------------------------------------------------


def _read_xlsx(
    data: bytes, kind: str | None, limits: Limits, grid_header_rows: int | None = None
) -> RawTable:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        names = set(package.namelist())
    except (zipfile.BadZipFile, OSError):
        raise FileRejected([FileProblem("not_spreadsheet")]) from None
    if "xl/workbook.xml" not in names:
        # A Word document or another zip renamed to .xlsx.
        raise FileRejected([FileProblem("not_spreadsheet")])
    check_package(package, limits)
    sheets = {}
    for name, part in sheet_parts(package).items():
        if part in names:
            sheets[name] = read_part(package, part, limits)
            check_extent(name, sheets[name], limits)
    table = _read_workbook(data, kind, "xlsx", sheets, grid_header_rows)
    texts = [*sheets.values()]
    if "xl/sharedStrings.xml" in names:
        texts.append(read_part(package, "xl/sharedStrings.xml", limits))
    if may_hold_long_text(texts, limits.max_cell_chars):
        # Only then is every cell measured (a pass over a million cells otherwise).
        _check_cell_lengths(table, limits)
    return table


def _read_workbook(
    data: bytes,
    kind: str | None,
    file_format: str,
    xml: dict,
    grid_header_rows: int | None = None,
) -> RawTable:
    """``xml``: sheet name → its XML, for what calamine does not report (formulas, errors)."""
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = book.sheets_metadata
    except Exception:  # calamine raises its own types and plain ones for corrupt files
        raise FileRejected([FileProblem("not_spreadsheet")]) from None
    hidden = [s.name for s in sheets if s.visible != python_calamine.SheetVisibleEnum.Visible]
    if hidden:
        # A hidden sheet may hold figures the reviewer never sees: refuse rather than guess.
        raise FileRejected([FileProblem("hidden_sheet", sheet=name) for name in hidden])
    visible = [s.name for s in sheets if s.typ == python_calamine.SheetTypeEnum.WorkSheet]
    if not visible:
        raise FileRejected([FileProblem("empty")])
    titles = {t.title: t.kind for t in TEMPLATES.values()}
    name = next((n for n in visible if titles.get(n) == kind), None) or next(
        (n for n in visible if n in titles), visible[0]
    )
    if grid_header_rows is not None:
        name = visible[0]
    try:
        sheet = book.get_sheet_by_name(name)
        cells = sheet.to_python(skip_empty_area=False)
        merged = sheet.merged_cell_ranges or []
    except Exception:
        raise FileRejected([FileProblem("not_spreadsheet")]) from None
    if merged:
        raise FileRejected(
            [
                FileProblem(
                    "merged_cells",
                    sheet=name,
                    row=start[0] + 1,
                    column=column_letter(start[1]),
                    value=f"{column_letter(start[1])}{start[0] + 1}:"
                    f"{column_letter(end[1])}{end[0] + 1}",
                )
                for start, end in merged
            ]
        )
    if name in xml:
        _mark_errors(cells, xml[name])
    if grid_header_rows is not None:
        table = _grid(cells, name, grid_header_rows)
    else:
        table = _table(cells, name, kind, row_offset=1)
    table.file_format = file_format
    if name in xml:
        table.formula_cells, table.dangerous_formulas = formula_cells(xml[name])
        _refuse_hidden(table, xml[name])
    return table


def _refuse_hidden(table: RawTable, xml: bytes) -> None:
    """Hidden data rows, and hidden columns holding data, are refused like hidden sheets: the
    reviewer would never see the figures. (The template's hidden key row is a header row.)"""
    if b"hidden=" not in xml:
        return
    hidden_rows, hidden_columns = hidden_rows_and_columns(xml)
    data = [(number, cells) for number, cells in table.rows if number > table.header_row]
    rows = [number for number, _ in data if number in hidden_rows]
    used = {
        position
        for _, cells in data
        for position in hidden_columns
        if position < len(cells) and cells[position] is not None and str(cells[position]).strip()
    }
    problems = []
    if rows:
        shown = ", ".join(str(n) for n in rows[:20]) + (" …" if len(rows) > 20 else "")
        problems.append(FileProblem("hidden_rows", table.sheet, rows[0], value=shown))
    if used:
        letters = [column_letter(c) for c in sorted(used)]
        problems.append(
            FileProblem("hidden_columns", table.sheet, column=letters[0], value=", ".join(letters))
        )
    if problems:
        raise FileRejected(problems)


def _mark_errors(cells: list[list], xml: bytes) -> None:
    """calamine reads an error cell (t="e") as empty: put its error value back, marked."""
    for (r, c), error in error_cells(xml).items():
        if r < len(cells) and c < len(cells[r]):
            cells[r][c] = ExcelError(error)


# --- CSV --------------------------------------------------------------------------------------


def _read_csv(data: bytes, kind: str | None, filename: str, limits: Limits) -> RawTable:
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(head):
        # Excel's "Unicode text" (every other byte of ASCII text is zero).
        raise FileRejected([FileProblem("csv_utf16")])
    if b"\x00" in head:
        raise FileRejected([FileProblem("not_spreadsheet")])
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise FileRejected([FileProblem("encoding")])
    if any(ord(ch) < 32 and ch not in "\t\r\n" for ch in text[:4096]):
        raise FileRejected([FileProblem("not_spreadsheet")])
    first = text.split("\n", 1)[0]
    if first.count(";") > max(first.count(","), first.count("\t")):
        # Excel where the list separator is ";" (European settings) writes such files.
        raise FileRejected([FileProblem("csv_semicolon")])
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    sheet = filename.rsplit("/", 1)[-1] or "CSV"
    cells = _csv_records(text, delimiter, sheet, limits)
    table = _table(cells, sheet, kind, row_offset=1)
    width = len(cells[table.header_row - 1])
    problems = [
        FileProblem("csv_fields", sheet, number, params={"found": len(row), "expected": width})
        for number, row in table.rows
        if len(row) != width
    ]
    if problems:
        raise FileRejected(problems)
    table.file_format = "csv"
    table.encoding = "UTF-8" if encoding == "utf-8-sig" else "GB18030"
    return table


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 text without a byte-order mark: it decodes, and nearly all of it is printable."""
    if b"\x00" not in head:
        return False
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = head[: len(head) // 2 * 2].decode(encoding)
        except UnicodeDecodeError:
            continue
        printable = sum(1 for ch in text if ch.isprintable() or ch in "\t\r\n")
        if printable >= 0.95 * len(text):
            return True
    return False


def _csv_records(text: str, delimiter: str, sheet: str, limits: Limits) -> list[list]:
    """One record per line: a stray quote makes the reader join lines (a name opening a quote
    swallows the rows up to the next quote), refused naming the lines rather than importing
    shifted or missing rows. (A row with a field too many or too few, which would put its
    figures under the wrong headers, is refused once the header row is known.)"""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list] = []
    problems = []
    line = 0  # the last physical line read
    while True:
        start = line + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error:
            problems.append(_quote_problem(sheet, reader.line_num, reader.line_num))
            break
        line = reader.line_num
        if line > start:
            problems.append(_quote_problem(sheet, start, line))
            records.extend([] for _ in range(line - start))  # keep record i on line i + 1
        if len(records) >= limits.max_rows + HEADER_SCAN_ROWS:
            params = {"rows": len(records) + 1, "max": limits.max_rows}
            problems.append(FileProblem("too_many_rows", sheet, params=params))
            break
        records.append(record if line == start else [])
    if problems:
        raise FileRejected(problems)
    return records


def _quote_problem(sheet: str, first: int, last: int) -> FileProblem:
    return FileProblem("csv_quote", sheet, first, params={"first": first, "last": last})


# --- both -------------------------------------------------------------------------------------


def _table(cells: list[list], sheet: str, kind: str | None, *, row_offset: int) -> RawTable:
    """Find the key and header rows, map columns, keep the non-empty data rows."""
    if not any(_filled(row) for row in cells):
        raise FileRejected([FileProblem("empty", sheet=sheet)])
    template, header_rows, columns, problems = _match_columns(cells, sheet, kind)
    data_start = max(header_rows) + 1
    rows = [
        (index + row_offset, row)
        for index, row in enumerate(cells[data_start:], start=data_start)
        if _filled(row)
    ]
    if not rows and not problems:
        problems.append(FileProblem("no_rows", sheet=sheet))
    if problems:
        raise FileRejected(problems)
    table = RawTable(template=template, sheet=sheet, columns=columns, rows=rows)
    table.header_row = max(header_rows) + row_offset
    return table


def _grid(cells: list[list], sheet: str, header_rows: int) -> RawTable:
    """Every non-empty row as read, numbered as the user sees it; no template matched."""
    rows = [(index + 1, row) for index, row in enumerate(cells) if _filled(row)]
    if not any(number > header_rows for number, _ in rows):
        raise FileRejected([FileProblem("no_rows", sheet=sheet)])
    return RawTable(template=None, sheet=sheet, columns={}, rows=rows, header_row=header_rows)


def _filled(row: list) -> bool:
    return any(cell is not None and str(cell).strip() != "" for cell in row)


def _match_columns(cells: list[list], sheet: str, kind: str | None):
    by_key = {t.kind: set(t.keys) for t in TEMPLATES.values()}
    # The Chinese headers (with or without the unit), and the English ones the English pages
    # name (a clerk who typed them from there), matched alike.
    by_header = {
        t.kind: {header_key(c.header): c.key for c in t.columns}
        | {header_key(c.label): c.key for c in t.columns}
        | {header_key(LABELS_EN[c.label]): c.key for c in t.columns if c.label in LABELS_EN}
        for t in TEMPLATES.values()
    }
    best = None  # (matches, kind, row index, via keys?)
    for index, row in enumerate(cells[:HEADER_SEARCH_ROWS]):
        if index == HEADER_SCAN_ROWS and best is not None:
            break
        texts = [str(c).strip() if c is not None else "" for c in row]
        for template_kind in TEMPLATES:
            keys = sum(1 for t in texts if t in by_key[template_kind])
            headers = sum(1 for t in texts if header_key(t) in by_header[template_kind])
            for matches, via_keys in ((keys, True), (headers, False)):
                if matches >= 2 and (best is None or matches > best[0]):
                    best = (matches, template_kind, index, via_keys)
    if best is None:
        raise FileRejected([FileProblem("unknown_template", sheet=sheet)])
    _, found_kind, index, via_keys = best
    if index >= HEADER_SCAN_ROWS:
        raise FileRejected([FileProblem("header_low", sheet, index + 1)])
    template = TEMPLATES[found_kind]
    if kind is not None and kind != found_kind:
        raise FileRejected(
            [FileProblem("wrong_template", sheet=sheet, params={"found": found_kind, "kind": kind})]
        )
    header_rows = [index]
    row = cells[index]
    if via_keys and index + 1 < len(cells):
        # The hidden key row is followed by the Chinese header row: skip that too.
        following = [str(c).strip() for c in cells[index + 1] if c is not None]
        if any(header_key(t) in by_header[found_kind] for t in following):
            header_rows.append(index + 1)
    columns: dict[str, int] = {}
    problems = []
    for position, cell in enumerate(row):
        text = str(cell).strip() if cell is not None else ""
        if not text:
            continue
        key = (
            text
            if via_keys and text in by_key[found_kind]
            else by_header[found_kind].get(header_key(text))
        )
        if key is None:
            problems.append(
                FileProblem("extra_column", sheet, index + 1, column_letter(position), text)
            )
        elif key in columns:
            problems.append(
                FileProblem("duplicate_column", sheet, index + 1, column_letter(position), text)
            )
        else:
            columns[key] = position
    for column in template.columns:
        if column.stored and not column.optional and column.key not in columns:
            problems.append(FileProblem("missing_column", sheet, index + 1, "", column.header))
    return template, header_rows, columns, problems
