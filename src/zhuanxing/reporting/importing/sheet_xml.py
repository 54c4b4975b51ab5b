"""The xlsx package read directly, before and beside the parser: the faults of a file, the
limits parsing is held to, and what the sheet XML says that calamine does not report.

The parser allocates the whole grid a sheet declares (a 5 KB file can ask for 549 GB), so the
package's directory (each part's expanded size and compression ratio) and the sheet's declared
dimension and farthest cell references are checked against ``Limits`` before it is parsed.
Formula cells, error cells and hidden rows and columns are read from the sheet XML. Pure
Python: no Django here.
"""

import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree
from xml.sax.saxutils import unescape

# Formulas that run a program (DDE: cmd|' /C calc'!A0) or reach outside the file when opened:
# refused even with a saved value, in a workbook or as text in any cell.
DANGEROUS_FORMULA = re.compile(
    r"\||\b(?:WEBSERVICE|HYPERLINK|CALL|REGISTER(?:\.ID)?|EXEC|DDE|DDEAUTO|RTD|IMAGE|FILTERXML"
    r"|IMPORT(?:XML|DATA|HTML|FEED|RANGE))\s*\(",
    re.I,
)
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_CELL = re.compile(rb"<c r=\"([A-Z]+)(\d+)\"[^>]*?(?:/>|>(.*?)</c>)", re.S)
_CACHED = re.compile(rb"<v>([^<]*)</v>")
_FORMULA = re.compile(rb"<f(?:\s[^>]*)?>([^<]*)</f>")
_HIDDEN_ROW = re.compile(rb"<row\b[^>]*?\br=\"(\d+)\"[^>]*?\bhidden=\"(?:1|true)\"|"
                         rb"<row\b[^>]*?\bhidden=\"(?:1|true)\"[^>]*?\br=\"(\d+)\"")  # fmt: skip
_COL = re.compile(rb"<col\b[^>]*>")
_ATTRIBUTE = re.compile(rb"\b(min|max|hidden)=\"([^\"]*)\"")
_ERROR_CELL = re.compile(rb"<c r=\"([A-Z]+)(\d+)\"[^>]*?t=\"e\"[^>]*>(.*?)</c>", re.S)
_DIMENSION = re.compile(rb"<dimension ref=\"(?:[A-Z]+\d+:)?([A-Z]+)(\d+)\"")
# Cell references whose row has 6+ digits or whose column has 2+ letters: the only ones that
# can pass the limits (rows and columns are far below), found without listing every cell.
_FAR_ROW = re.compile(rb"<(?:c r=\"([A-Z]+)|row r=\")(\d{6,})\"")
_FAR_COLUMN = re.compile(rb"<c r=\"([A-Z]{2,})(\d+)\"")


@dataclass(frozen=True)
class Limits:
    """How big a file may be once read (the named settings IMPORT_MAX_*)."""

    max_rows: int = 100_000
    max_columns: int = 64
    max_cell_chars: int = 32_767  # Excel's own limit for a cell
    max_expanded_bytes: int = 128 * 1024 * 1024
    max_zip_ratio: int = 100


@dataclass(frozen=True)
class FileProblem:
    """A fault of the file (not of one value): ``code`` picks the message, ``params`` fill it."""

    code: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""
    params: dict = field(default_factory=dict)


class FileRejected(Exception):
    def __init__(self, problems: list[FileProblem]) -> None:
        super().__init__(", ".join(p.code for p in problems))
        self.problems = problems


def check_package(package: zipfile.ZipFile, limits: Limits) -> None:
    """Expanded size and compression ratio, from the zip's directory, before inflating."""
    problems = []
    total = 0
    for item in package.infolist():
        total += item.file_size
        ratio = item.file_size / max(item.compress_size, 1)
        if item.file_size > 1024 * 1024 and ratio > limits.max_zip_ratio:
            params = {"ratio": round(ratio), "max": limits.max_zip_ratio}
            problems.append(FileProblem("zip_ratio", value=item.filename, params=params))
    if total > limits.max_expanded_bytes:
        params = {"size": total, "max": limits.max_expanded_bytes}
        problems.append(FileProblem("expanded_too_large", params=params))
    if problems:
        raise FileRejected(problems)


def read_part(package: zipfile.ZipFile, part: str, limits: Limits) -> bytes:
    """A part, inflated at most to the limit (the directory's sizes may lie)."""
    with package.open(part) as stream:
        body = stream.read(limits.max_expanded_bytes + 1)
    if len(body) > limits.max_expanded_bytes:
        params = {"size": len(body), "max": limits.max_expanded_bytes}
        raise FileRejected([FileProblem("expanded_too_large", params=params)])
    return body


def column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.decode():
        number = number * 26 + ord(ch) - 64
    return number


def check_extent(sheet: str, xml: bytes, limits: Limits) -> None:
    """The sheet's declared dimension and its farthest cell references, against the limits."""
    far_row = far_column = None  # (number, reference)
    candidates = [(m.group(1) or b"", m.group(2)) for m in _FAR_ROW.finditer(xml)]
    candidates += _FAR_COLUMN.findall(xml) + _DIMENSION.findall(xml)
    for letters, digits in candidates:
        reference = (letters + digits).decode()
        row, column = int(digits), column_number(letters) if letters else 1
        if far_row is None or (row, len(reference)) > (far_row[0], len(far_row[1])):
            far_row = (row, reference)  # a cell's reference rather than its row's number
        if far_column is None or column > far_column[0]:
            far_column = (column, reference)
    rows = xml.count(b"<row ") + xml.count(b"<row>")
    problems = []
    if far_row and far_row[0] > limits.max_rows or rows > limits.max_rows:
        found = far_row if far_row and far_row[0] > limits.max_rows else (rows, "")
        params = {"rows": found[0], "max": limits.max_rows}
        problems.append(FileProblem("too_many_rows", sheet, value=found[1], params=params))
    if far_column and far_column[0] > limits.max_columns:
        params = {"columns": far_column[0], "max": limits.max_columns}
        problems.append(FileProblem("too_many_columns", sheet, value=far_column[1], params=params))
    if problems:
        raise FileRejected(problems)


def sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part in the package (xl/worksheets/sheetN.xml)."""
    try:
        book = ElementTree.fromstring(package.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("rel:Relationship", _NS)}
    parts = {}
    for sheet in book.iterfind("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        target = target.lstrip("/")
        parts[sheet.get("name", "")] = target if target.startswith("xl/") else f"xl/{target}"
    return parts


def formula_cells(xml: bytes) -> tuple[dict, dict]:
    """(0-based row, column) of every formula cell → whether Excel saved its value; and of the
    dangerous ones → the formula."""
    if b"<f>" not in xml and b"<f " not in xml:
        return {}, {}
    found, dangerous = {}, {}
    for letters, row, body in _CELL.findall(xml):
        if body and (b"<f>" in body or b"<f " in body):
            cached = _CACHED.search(body)
            where = (int(row) - 1, column_number(letters) - 1)
            found[where] = bool(cached and cached.group(1))
            formula = _FORMULA.search(body)
            text = (
                unescape(formula.group(1).decode(), {"&quot;": '"', "&apos;": "'"})
                if formula
                else ""
            )
            if DANGEROUS_FORMULA.search(text):
                dangerous[where] = "=" + text
    return found, dangerous


def error_cells(xml: bytes) -> dict[tuple[int, int], str]:
    """(0-based row, column) of every error cell (t="e") → its error value (#DIV/0!…)."""
    if b't="e"' not in xml:
        return {}
    found = {}
    for letters, row, body in _ERROR_CELL.findall(xml):
        cached = _CACHED.search(body)
        where = (int(row) - 1, column_number(letters) - 1)
        found[where] = cached.group(1).decode() if cached else "#N/A"
    return found


def hidden_rows_and_columns(xml: bytes) -> tuple[set[int], set[int]]:
    """The hidden rows (numbered as the clerk sees them) and columns (0-based)."""
    if b"hidden=" not in xml:
        return set(), set()
    rows = {int(a or b) for a, b in _HIDDEN_ROW.findall(xml)}
    columns: set[int] = set()
    for tag in _COL.findall(xml):
        attributes = dict(_ATTRIBUTE.findall(tag))
        if attributes.get(b"hidden") in (b"1", b"true"):
            first, last = int(attributes.get(b"min", 1)), int(attributes.get(b"max", 1))
            columns.update(range(first - 1, min(last, first + 64 * 1024)))
    return rows, columns


def may_hold_long_text(parts: list[bytes], max_chars: int) -> bool:
    """Whether any text in these parts (sheet XML, shared strings) is longer than ``max_chars``
    bytes: a text over ``max_chars`` characters is at least that many bytes, so when none is,
    no cell needs measuring."""
    run = re.compile(rb">[^<]{%d}" % (max_chars + 1))  # tried only after a tag: linear
    return any(run.search(part) for part in parts)
