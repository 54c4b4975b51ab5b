"""Issue 10 §3, §4: periods typed as numbers, impossible or future periods, Excel error values.

Cell checks only (no database): the file is parsed and checked as an import would.
"""

from datetime import date

import pytest
from hostile_files import annual_row, monthly_row, set_cell

from zhuanxing.reporting.importing.checks import check_cells
from zhuanxing.reporting.importing.messages import problem_texts
from zhuanxing.reporting.importing.parse import read_table
from zhuanxing.reporting.importing.workbooks import template_csv, template_xlsx

CODE = "91330483MA2B00000U"
TODAY = date(2026, 12, 1)


def _check(policy, data: bytes, filename="x.xlsx"):
    batch = check_cells(read_table(data, filename=filename), policy.reporting, today=TODAY)
    return batch, {(p.row, p.column): p for p in batch.problems if p.rule != "formula"}


def test_a_month_typed_as_a_number_is_refused_not_read_as_january(policy):
    rows = [
        monthly_row(CODE, period="x"),  # a number below: Excel's 2015.10
        monthly_row(CODE, period="2015.1"),
        monthly_row(CODE, period="2013-10-45"),
        monthly_row(CODE, period="2015.10"),
        monthly_row(CODE, period=date(2015, 11, 1)),
    ]
    data = set_cell(template_xlsx("monthly", rows), "C3", '<c r="C3" t="n"><v>2015.1</v></c>')
    batch, problems = _check(policy, data)
    assert batch.values["period"] == [None, None, None, "2015-10", "2015-11"]
    assert {where: p.code for where, p in problems.items()} == {
        (3, "C"): "period_number",
        (4, "C"): "period_ambiguous",
        (5, "C"): "period",
    }
    message, message_en = problem_texts(problems[(3, "C")], policy, "monthly")
    assert "2015-10" in message and "as text" in message_en


def test_periods_after_the_current_one_are_refused(policy):
    annual = [annual_row(CODE, year=2031), annual_row(CODE, year=2026)]
    batch, problems = _check(policy, template_xlsx("annual", annual))
    assert batch.values["year"] == [None, 2026]
    assert problems[(3, "C")].code == "period_future"
    monthly = [monthly_row(CODE, period="2099-12"), monthly_row(CODE, period="2026-12")]
    batch, problems = _check(policy, template_xlsx("monthly", monthly))
    assert batch.values["period"] == [None, "2026-12"]
    message, message_en = problem_texts(problems[(3, "C")], policy, "monthly")
    assert "after the current period" in message_en and "2026-12" in message_en


def test_excel_error_values_are_errors_naming_the_error(policy):
    data = template_xlsx("annual", [annual_row(CODE)])
    data = set_cell(data, "D3", '<c r="D3" t="e"><f>E3/0</f><v>#DIV/0!</v></c>')
    data = set_cell(data, "H3", '<c r="H3" t="e"><v>#N/A</v></c>')  # optional R&D spending
    batch, problems = _check(policy, data)
    assert problems[(3, "D")].rule == "excel_error" and problems[(3, "D")].value == "#DIV/0!"
    assert problems[(3, "H")].rule == "excel_error" and problems[(3, "H")].importance == "error"
    assert "required" not in {p.rule for p in batch.problems}  # not called "empty"
    message, message_en = problem_texts(problems[(3, "D")], policy, "annual")
    assert "#DIV/0!" in message and "Excel error: #DIV/0!" in message_en


@pytest.mark.parametrize("error", ["#REF!", "#N/A"])
def test_excel_error_text_in_a_csv(policy, error):
    data = template_csv("annual", "utf-8", [annual_row(CODE, profit=error)])
    _, problems = _check(policy, data, filename="x.csv")
    (problem,) = problems.values()
    assert (problem.rule, problem.row, problem.value) == ("excel_error", 2, error)
