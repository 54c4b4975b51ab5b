"""Every bad file of issue 3 gets a clear message (sheet, row, column, rule) and changes nothing."""

import io
import re
import zipfile
from datetime import date

import openpyxl
import pytest
from reporting_files import csv_bytes, rules_of, run, snapshot, xlsx

from zhuanxing.reporting.importing.formats import ANNUAL

pytestmark = pytest.mark.django_db

COL = {c.key: openpyxl.utils.get_column_letter(i + 1) for i, c in enumerate(ANNUAL.columns)}


def _only(outcome, rule):
    found = [line for line in outcome.lines if line.rule == rule]
    assert found, f"no {rule} in {rules_of(outcome)}"
    return found


def _refused(outcome, before, rule):
    assert not outcome.committed
    assert snapshot() == before
    return _only(outcome, rule)


def _set(row, key, value):
    row = list(row)
    row[ANNUAL.keys.index(key)] = value
    return row


def test_a_renamed_file_is_not_a_spreadsheet(tongxiang_annual, users):
    before = snapshot()
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    (line,) = _refused(run(png, users["tongxiang"], filename="年报.xlsx"), before,
                       "file:not_spreadsheet")  # fmt: skip
    assert "不是Excel" in line.message or "Excel" in line.message_en
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as package:
        package.writestr("word/document.xml", "<w:document/>")
    _refused(run(docx.getvalue(), users["tongxiang"]), before, "file:not_spreadsheet")


def test_wrong_template(tongxiang_annual, users):
    before = snapshot()
    monthly = xlsx("monthly", [])
    monthly_with_row = xlsx("monthly", [["91330483012158155U", "", "2012-01", 1, 1, 1, 1, 1, 1]])
    for data in (monthly, monthly_with_row):
        (line,) = _refused(run(data, users["tongxiang"], kind="annual"), before,
                           "file:wrong_template")  # fmt: skip
        assert "企业月报" in line.message and "企业年报" in line.message
        assert "Monthly enterprise report" in line.message_en


def test_missing_and_extra_columns(tongxiang_annual, users):
    before = snapshot()
    book = openpyxl.load_workbook(io.BytesIO(xlsx("annual", tongxiang_annual[:3])))
    sheet = book.active
    sheet.delete_cols(ANNUAL.keys.index("value_added") + 1)
    sheet.cell(1, 30, "remarks")
    sheet.cell(2, 30, "备注")
    out = io.BytesIO()
    book.save(out)
    outcome = run(out.getvalue(), users["tongxiang"])
    (missing,) = _refused(outcome, before, "file:missing_column")
    assert missing.value == "工业增加值（万元）" and "工业增加值" in missing.message
    (extra,) = _only(outcome, "file:extra_column")
    assert (extra.row, extra.column, extra.value) == (1, "AD", "remarks")


def test_merged_header_cells(tongxiang_annual, users):
    before = snapshot()
    book = openpyxl.load_workbook(io.BytesIO(xlsx("annual", tongxiang_annual[:3])))
    book.active.merge_cells("D2:E2")
    out = io.BytesIO()
    book.save(out)
    (line,) = _refused(run(out.getvalue(), users["tongxiang"]), before, "file:merged_cells")
    assert (line.sheet, line.row, line.column, line.value) == ("企业年报", 2, "D", "D2:E2")
    assert "D2:E2" in line.message


def test_hidden_sheet(tongxiang_annual, users):
    before = snapshot()
    book = openpyxl.load_workbook(io.BytesIO(xlsx("annual", tongxiang_annual[:3])))
    secret = book.create_sheet("调整数")
    secret.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    (line,) = _refused(run(out.getvalue(), users["tongxiang"]), before, "file:hidden_sheet")
    assert line.sheet == "调整数" and "调整数" in line.message


def _with_formula(rows, cached: str | None) -> bytes:
    """A workbook whose D3 (gross output) is a formula, with or without the value Excel saves."""
    book = openpyxl.load_workbook(io.BytesIO(xlsx("annual", rows)))
    book.active["D3"] = "=E3*1"
    out = io.BytesIO()
    book.save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    patched = io.BytesIO()
    with zipfile.ZipFile(patched, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml" and cached is not None:
                value = rb"\1<v>" + cached.encode() + b"</v>"
                data = re.sub(rb"(<f>E3\*1</f>)(<v\s*/>|<v></v>)", value, data)
            target.writestr(item, data)
    return patched.getvalue()


def test_formula_with_cached_value_is_used_never_evaluated(tongxiang_annual, users):
    from zhuanxing.reporting.models import AnnualReport

    rows = tongxiang_annual[:2]
    before = snapshot()
    data = _with_formula(rows, cached="99999")
    outcome = run(data, users["tongxiang"])
    (line,) = _refused(outcome, before, "formula")
    assert (line.row, line.column, line.importance) == (3, "D", "warning")
    outcome = run(data, users["tongxiang"], accept_warnings=True)
    assert outcome.committed
    report = AnnualReport.objects.get(enterprise__uscc=rows[0][0], year=rows[0][2])
    assert report.gross_output == 99999  # the cached value, not E3*1


def test_formula_without_cached_value_is_an_error(tongxiang_annual, users):
    before = snapshot()
    outcome = run(_with_formula(tongxiang_annual[:2], cached=None), users["tongxiang"],
                  accept_warnings=True)  # fmt: skip
    lines = _refused(outcome, before, "formula")
    assert any(x.importance == "error" and "Excel" in x.message for x in lines)


def test_dates_in_number_columns(tongxiang_annual, users):
    before = snapshot()
    rows = [
        _set(tongxiang_annual[0], "gross_output", "2012-05-01"),
        _set(tongxiang_annual[1], "sales_output", date(2012, 5, 1)),
        _set(tongxiang_annual[2], "main_revenue", "二百万"),
    ]
    outcome = run(xlsx("annual", rows), users["tongxiang"])
    lines = _refused(outcome, before, "numeric")
    where = {(x.row, x.column) for x in lines}
    assert where == {(3, COL["gross_output"]), (4, COL["sales_output"]), (5, COL["main_revenue"])}
    assert sum("日期" in x.message for x in lines) == 2
    assert any("not a number" in x.message_en for x in lines)


def test_full_width_digits_and_thousands_separators_are_normalised(tongxiang_annual, users):
    from zhuanxing.reporting.models import AnnualReport

    row = _set(tongxiang_annual[0], "gross_output", "１２，３４５．６")
    row = _set(row, "value_added", "1,234.5")
    outcome = run(xlsx("annual", [row]), users["tongxiang"], accept_warnings=True)
    assert outcome.committed, outcome.lines
    report = AnnualReport.objects.get(enterprise__uscc=row[0], year=row[2])
    assert str(report.gross_output) == "12345.60" and str(report.value_added) == "1234.50"


def test_empty_files(tongxiang_annual, users):
    before = snapshot()
    _refused(run(b"", users["tongxiang"]), before, "file:empty")
    _refused(run(xlsx("annual", []), users["tongxiang"]), before, "file:no_rows")
    _refused(run(csv_bytes("annual", []), users["tongxiang"], filename="a.csv"), before,
             "file:no_rows")  # fmt: skip
    blank = io.BytesIO()
    openpyxl.Workbook().save(blank)
    _refused(run(blank.getvalue(), users["tongxiang"]), before, "file:empty")


def test_file_over_the_size_limit(tongxiang_annual, users, settings):
    from zhuanxing.reporting.models import ImportStatus
    from zhuanxing.reporting.services import import_job_create

    before = snapshot()
    data = xlsx("annual", tongxiang_annual)
    settings.ZHUANXING = {**settings.ZHUANXING, "IMPORT_MAX_BYTES": len(data) - 1}
    job = import_job_create(user=users["tongxiang"], filename="big.xlsx", data=data, enqueue=None)
    assert job.status == ImportStatus.INVALID and job.content == b""
    (problem,) = job.problems.all()
    assert problem.rule == "file:too_large" and "IMPORT_MAX_BYTES" in problem.message
    assert str(len(data)) in problem.message
    assert snapshot() == before


def test_unknown_header_and_undecodable_csv(tongxiang_annual, users):
    before = snapshot()
    _refused(run("甲,乙\n1,2\n".encode(), users["tongxiang"], filename="x.csv"), before,
             "file:unknown_template")  # fmt: skip
    _refused(run(b"\x80\x80\xff\xfe abc", users["tongxiang"], filename="x.csv"), before,
             "file:encoding")  # fmt: skip


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_csv_in_utf8_and_gbk(tongxiang_annual, users, encoding):
    from zhuanxing.reporting.models import AnnualReport

    data = csv_bytes("annual", tongxiang_annual, encoding)
    outcome = run(data, users["tongxiang"], filename="年报.csv", accept_warnings=True)
    assert outcome.committed, outcome.lines[:3]
    assert outcome.counts.created == len(tongxiang_annual)
    assert AnnualReport.objects.filter(enterprise__uscc=tongxiang_annual[0][0]).exists()


def test_reordered_columns_match_on_the_hidden_key_row(tongxiang_annual, users):
    from zhuanxing.reporting.models import AnnualReport

    book = openpyxl.load_workbook(io.BytesIO(xlsx("annual", tongxiang_annual[:5])))
    sheet = book.active
    first, last = 4, ANNUAL.keys.index("business_mode") + 1  # swap gross output and the mode
    for row in range(1, sheet.max_row + 1):
        a, b = sheet.cell(row, first), sheet.cell(row, last)
        a.value, b.value = b.value, a.value
    out = io.BytesIO()
    book.save(out)
    outcome = run(out.getvalue(), users["tongxiang"], accept_warnings=True)
    assert outcome.committed, outcome.lines[:3]
    row = tongxiang_annual[0]
    report = AnnualReport.objects.get(enterprise__uscc=row[0], year=row[2])
    assert float(report.gross_output) == pytest.approx(row[ANNUAL.keys.index("gross_output")])


def test_english_headers_as_the_english_pages_name_them_are_accepted(tongxiang_annual, users):
    """The template files keep the Chinese headers of the statistical form; a file headed with
    the English names the English pages show (units and all) is read alike."""
    import csv

    from django.utils import translation

    from zhuanxing.reporting.importing.formats import TEMPLATES
    from zhuanxing.reporting.models import AnnualReport

    chinese = csv_bytes("annual", tongxiang_annual).decode("utf-8-sig").splitlines()
    with translation.override("en"):
        headers = [c.header_text for c in TEMPLATES["annual"].columns]
    assert headers[3] == "Gross industrial output (10,000 yuan)"
    out = io.StringIO()
    csv.writer(out).writerow(headers)
    data = (out.getvalue() + "\n".join(chinese[1:]) + "\n").encode()
    outcome = run(data, users["tongxiang"], filename="annual.csv", accept_warnings=True)
    assert outcome.committed, outcome.lines[:3]
    assert outcome.counts.created == len(tongxiang_annual)
    assert AnnualReport.objects.filter(enterprise__uscc=tongxiang_annual[0][0]).exists()
