"""Issue 10 §8: each common cause gets its own message, naming the row and column and saying
what to do. Parse and cell checks only (no database)."""

from datetime import date

import pytest
from hostile_files import annual_row, set_cell

from zhuanxing.reporting.importing.checks import check_cells
from zhuanxing.reporting.importing.messages import file_problem_texts, problem_texts
from zhuanxing.reporting.importing.parse import FileRejected, read_table
from zhuanxing.reporting.importing.workbooks import template_csv, template_xlsx

CODE = "91330483MA2B00000U"


def _problems(policy, data: bytes, filename="x.xlsx"):
    batch = check_cells(read_table(data, filename=filename), policy.reporting,
                        today=date(2026, 12, 1))  # fmt: skip
    return [(p, *problem_texts(p, policy, batch.kind)) for p in batch.problems]


def _refused(data: bytes, filename: str, code: str):
    with pytest.raises(FileRejected, match=code) as rejected:
        read_table(data, filename=filename)
    problem = next(p for p in rejected.value.problems if p.code == code)
    return (problem, *file_problem_texts(problem))


def test_a_utf16_csv_is_named_as_such():
    text = template_csv("annual", "utf-8", [annual_row(CODE)]).decode("utf-8-sig")
    for data in (text.encode("utf-16"), text.encode("utf-16-be")):
        _, message, message_en = _refused(data, "a.csv", "csv_utf16")
        assert "UTF-16" in message and "CSV UTF-8" in message_en


def test_a_semicolon_csv_is_named_as_such():
    text = template_csv("annual", "utf-8", [annual_row(CODE)]).decode("utf-8-sig")
    _, message, message_en = _refused(text.replace(",", ";").encode(), "a.csv", "csv_semicolon")
    assert "分号" in message and "semicolons" in message_en


def test_a_credit_code_turned_into_a_number(policy):
    data = template_xlsx("annual", [annual_row(CODE)])
    data = set_cell(data, "A3", '<c r="A3" t="n"><v>9.13305E+17</v></c>')
    ((problem, message, message_en),) = _problems(policy, data)
    assert (problem.row, problem.column, problem.code) == (3, "A", "uscc_number")
    assert "文本" in message and "as text" in message_en
    csv_data = template_csv("annual", "utf-8", [annual_row("9.13305E+17")])
    ((problem, _, _),) = _problems(policy, csv_data, "a.csv")
    assert (problem.row, problem.column, problem.code) == (2, "A", "uscc_number")


@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff", "\u00a0"])
def test_an_invisible_character_in_a_code(policy, invisible):
    code = CODE[:8] + invisible + CODE[8:]
    ((problem, message, message_en),) = _problems(
        policy, template_xlsx("annual", [annual_row(code)])
    )
    assert (problem.row, problem.column, problem.code) == (3, "A", "invisible")
    assert f"U+{ord(invisible):04X}" in message_en and "position 9" in message_en
    assert "不可见" in message


def test_a_header_below_the_expected_row():
    text = template_csv("annual", "utf-8", [annual_row(CODE)]).decode("utf-8-sig")
    data = ("2012年企业年报\r\n" * 7 + text).encode("utf-8-sig")  # a hand-made title
    problem, message, message_en = _refused(data, "a.csv", "header_low")
    assert problem.row == 8 and "row 8" in message_en and "第 8 行" in message


@pytest.mark.parametrize(
    "formula", ["cmd|' /C calc'!A0", 'HYPERLINK("http://x.example",1)', 'WEBSERVICE("http://x")']
)
def test_a_dangerous_formula_is_an_error_even_with_a_saved_value(policy, formula):
    data = template_xlsx("annual", [annual_row(CODE)])
    escaped = formula.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    data = set_cell(data, "K3", f'<c r="K3"><f>{escaped}</f><v>800</v></c>')
    found = [x for x in _problems(policy, data) if x[0].code == "formula_dangerous"]
    ((problem, message, message_en),) = found
    assert (problem.row, problem.column, problem.importance) == (3, "K", "error")
    assert "delete" in message_en and "删除" in message


def test_a_dangerous_formula_as_text_in_a_csv(policy):
    data = template_csv("annual", "utf-8", [annual_row(CODE, name="=cmd|' /C calc'!A0")])
    # The template writes an apostrophe before it (our own export's guard): remove it.
    data = data.replace(b"'=cmd", b"=cmd")
    ((problem, _, _),) = _problems(policy, data, "a.csv")
    assert (problem.row, problem.column, problem.code) == (2, "B", "formula_dangerous")


def _hidden(rows: list[int] = (), columns: list[str] = ()) -> bytes:
    import io

    import openpyxl

    data = template_xlsx("annual", [annual_row(CODE, year=y) for y in (2009, 2010, 2011, 2012)])
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    for row in rows:
        sheet.row_dimensions[row].hidden = True
    for column in columns:
        sheet.column_dimensions[column].hidden = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_hidden_rows_and_columns_are_refused_naming_them_like_hidden_sheets():
    problem, message, message_en = _refused(_hidden(rows=[4, 6]), "x.xlsx", "hidden_rows")
    assert (problem.row, problem.value) == (4, "4, 6")
    assert "4, 6" in message_en and "隐藏" in message
    problem, message, message_en = _refused(_hidden(columns=["D"]), "x.xlsx", "hidden_columns")
    assert (problem.column, problem.value) == ("D", "D")
    assert "隐藏" in message and "unhide" in message_en


def test_the_templates_hidden_key_row_is_not_a_hidden_data_row():
    assert len(read_table(_hidden(), filename="x.xlsx").rows) == 4
