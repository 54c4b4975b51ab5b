"""Issue 10 acceptance: a corpus of hostile and malformed files, each run through
``zhuanxing import`` with the exit status and the message it must give, and nothing stored.

The files are built by ``hostile_files`` (no binary fixtures to go stale); each entry names its
file, the settings it needs (a small limit stands in for a huge file), the rule of the problem
and a piece of its English message.
"""

from dataclasses import dataclass, field

import pytest
from django.core.management import CommandError, call_command
from hostile_files import (
    annual_row,
    huge_dimension,
    long_cell,
    monthly_row,
    padded_xml,
    set_cell,
    short_row_csv,
    stray_quotes_csv,
)

from zhuanxing.reporting.importing.workbooks import template_csv, template_xlsx
from zhuanxing.reporting.models import AnnualReport, ImportJob, MonthlyReport


@dataclass
class Case:
    name: str
    build: object  # codes → (file name, bytes)
    rule: str  # "" for a file that commits
    message: str = ""
    exit: int = 1
    settings: dict = field(default_factory=dict)
    options: tuple = ("--accept-warnings",)


def _xlsx(kind, rows, *patches):
    data = template_xlsx(kind, rows)
    for ref, xml in patches:
        data = set_cell(data, ref, xml)
    return data


def _csv(rows) -> str:
    return template_csv("annual", "utf-8", rows).decode("utf-8-sig")


def annual(*patches, **values):
    """A one-row annual workbook with ``values``, its sheet XML patched (cell, XML)."""
    return lambda c: ("a.xlsx", _xlsx("annual", [annual_row(c[0], **values)], *patches))


def monthly(*patches, **values):
    return lambda c: ("m.xlsx", _xlsx("monthly", [monthly_row(c[0], **values)], *patches))


def _hidden_rows(codes):
    import io

    import openpyxl

    book = openpyxl.load_workbook(
        io.BytesIO(template_xlsx("annual", [annual_row(c) for c in codes]))
    )
    book.active.row_dimensions[5].hidden = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


CASES = [
    Case("clean", lambda c: ("a.xlsx", template_xlsx("annual", [annual_row(x) for x in c])), "",
         exit=0),
    Case("warnings not accepted", annual(sales_output=50000.0), "sales_within_gross_output",
         "110% of gross output", options=()),
    Case("declared grid XFD1048576", lambda c: ("a.xlsx", huge_dimension(c[0])),
         "file:too_many_rows", "XFD1048576"),
    Case("parser over its memory limit", lambda c: ("a.xlsx", huge_dimension(c[0])),
         "file:parse_failed", "512 MB",
         settings={"IMPORT_MAX_ROWS": 10**7, "IMPORT_MAX_COLUMNS": 10**5,
                   "IMPORT_PARSE_MEMORY_BYTES": 512 * 1024 * 1024}),
    Case("huge cell", lambda c: ("a.xlsx", long_cell(c[0], 2000)), "file:cell_too_long", "B3",
         settings={"IMPORT_MAX_CELL_CHARS": 1000}),
    Case("zip bomb in small", lambda c: ("a.xlsx", padded_xml(c[0], 3_000_000)),
         "file:zip_ratio", "compressed"),
    Case("expands too far", lambda c: ("a.xlsx", padded_xml(c[0], 3_000_000)),
         "file:expanded_too_large", "IMPORT_MAX_EXPANDED_BYTES",
         settings={"IMPORT_MAX_EXPANDED_BYTES": 2_000_000, "IMPORT_MAX_ZIP_RATIO": 10**6}),
    Case("stray quotes", lambda c: ("a.csv", stray_quotes_csv(c)), "file:csv_quote", "Lines 3–5"),
    Case("row one field short", lambda c: ("a.csv", short_row_csv(c)), "file:csv_fields",
         "Line 3 has 21 fields"),
    Case("UTF-16 CSV", lambda c: ("a.csv", _csv([annual_row(c[0])]).encode("utf-16")),
         "file:csv_utf16", "UTF-16"),
    Case("semicolon CSV",
         lambda c: ("a.csv", _csv([annual_row(c[0])]).replace(",", ";").encode()),
         "file:csv_semicolon", "semicolons"),
    Case("header below row 5",
         lambda c: ("a.csv", ("标题\r\n" * 6 + _csv([annual_row(c[0])])).encode()),
         "file:header_low", "row 7"),
    Case("hidden row", lambda c: ("a.xlsx", _hidden_rows(c)), "file:hidden_rows", "Rows 5"),
    Case("month as a number 2015.1", monthly(("C3", '<c r="C3" t="n"><v>2015.1</v></c>')),
         "period", "2015-10"),
    Case("impossible day", monthly(period="2013-10-45"), "period", "a month as 2012-06"),
    Case("future year", annual(year=2031), "period", "after the current period"),
    Case("future month", monthly(period="2099-12"), "period", "after the current period"),
    Case("#DIV/0!", annual(("H3", '<c r="H3" t="e"><f>1/0</f><v>#DIV/0!</v></c>')),
         "excel_error", "Excel error: #DIV/0!"),
    Case("#REF! in a CSV", lambda c: ("a.csv", _csv([annual_row(c[0], profit="#REF!")]).encode()),
         "excel_error", "#REF!"),
    Case("formula without a saved value", annual(("D3", '<c r="D3"><f>E3*1</f></c>')),
         "formula", "no saved value"),
    Case("DDE formula with a saved value",
         annual(("K3", "<c r=\"K3\"><f>cmd|' /C calc'!A0</f><v>800</v></c>")),
         "dangerous_formula", "delete it"),
    Case("credit code as a number", annual(("A3", '<c r="A3" t="n"><v>9.13305E+17</v></c>')),
         "uscc_valid", "format the column as text"),
    Case("zero-width space in a code",
         lambda c: ("a.xlsx", template_xlsx("annual", [annual_row(f"{c[0][:4]}\u200b{c[0][4:]}")])),
         "uscc_valid", "U+200B"),
    Case("export ×10,000", annual(export_delivery=1.5e7), "export_within_sales",
         "must not exceed sales output"),
    Case("tax ×10,000", annual(tax_paid=4e6), "tax_within_revenue", "exceed main revenue",
         options=()),
    Case("99,999,999,999,999 employees", annual(employees=99_999_999_999_999), "numeric",
         "too large"),
]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_file(case, few_firms, tmp_path, settings):
    admin, codes = few_firms
    settings.ZHUANXING = {**settings.ZHUANXING, **case.settings}
    filename, data = case.build(codes)
    path = tmp_path / filename
    path.write_bytes(data)
    arguments = ["import", str(path), "--user", admin.username, *case.options]
    if case.exit == 0:
        call_command(*arguments)
        assert ImportJob.objects.get().status == "committed"
        return
    with pytest.raises(CommandError, match="not committed") as refused:
        call_command(*arguments)
    assert refused.value.returncode == case.exit
    assert AnnualReport.objects.count() == MonthlyReport.objects.count() == 0
    job = ImportJob.objects.get()
    problems = [p for p in job.problems.all() if p.rule == case.rule]
    assert problems, [(p.rule, p.message_en) for p in job.problems.all()]
    assert any(case.message in p.message_en for p in problems), [p.message_en for p in problems]
    assert all(p.message and p.message != p.message_en for p in problems)  # Chinese too
