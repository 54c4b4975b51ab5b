"""Issue 13 §8: consistency rules between a report's figures, as data in the policy file —
sales output within 110% of gross output, export delivery within sales, new-product output
within output, profit within revenue (and the monthly form's 上年同期 columns alike)."""

import pytest
from hostile_files import annual_row, monthly_row
from reporting_files import run

from zhuanxing.reporting.importing.workbooks import template_xlsx


def _found(outcome) -> dict[str, tuple]:
    return {line.rule: (line.row, line.column, line.importance) for line in outcome.lines}


@pytest.mark.django_db
def test_the_reported_slip_415000_sales_against_118000_output_is_flagged(few_firms):
    admin, codes = few_firms
    rows = [annual_row(codes[0], gross_output=118_000.0, sales_output=415_000.0,
                       main_revenue=400_000.0)]  # fmt: skip
    found = _found(run(template_xlsx("annual", rows), admin))
    assert found["sales_within_gross_output"] == (3, "E", "warning")


@pytest.mark.django_db
def test_each_consistency_rule_on_an_annual_file(few_firms):
    admin, codes = few_firms
    rows = [
        annual_row(codes[0], sales_output=12000.0 * 1.11),  # 11% above output
        annual_row(codes[1], sales_output=12000.0 * 1.09),  # within the tolerance
        annual_row(codes[2], export_delivery=11801.0),  # above sales (11,800)
        annual_row(codes[3], new_product_output=12001.0),  # above output (12,000)
        annual_row(codes[4], profit=11501.0),  # above revenue (11,500)
    ]
    outcome = run(template_xlsx("annual", rows), admin, accept_warnings=True)
    found = {(line.row, line.rule): line.importance for line in outcome.lines}
    assert found == {
        (3, "sales_within_gross_output"): "warning",
        (5, "export_within_sales"): "error",
        (6, "new_product_within_gross_output"): "error",
        (7, "profit_within_revenue"): "warning",
    }


@pytest.mark.django_db
def test_a_consistent_file_passes(few_firms):
    admin, codes = few_firms
    rows = [annual_row(codes[0], sales_output=12000.0, export_delivery=12000.0, profit=11500.0)]
    outcome = run(template_xlsx("annual", rows), admin)
    assert outcome.committed, outcome.lines


@pytest.mark.django_db
def test_the_monthly_form_and_its_prior_year_columns(few_firms):
    admin, codes = few_firms
    rows = [
        monthly_row(codes[0], sales_output=1000.0 * 1.2),
        monthly_row(codes[1], prior_gross_output=900.0, prior_sales_output=880.0,
                    prior_export_delivery=881.0),
        monthly_row(codes[2], prior_gross_output=900.0, prior_sales_output=1000.0,
                    prior_value_added=901.0),
    ]  # fmt: skip
    outcome = run(template_xlsx("monthly", rows), admin, accept_warnings=True)
    found = {(line.row, line.rule): line.importance for line in outcome.lines}
    assert found == {
        (3, "sales_within_gross_output"): "warning",
        (4, "prior_export_within_prior_sales"): "error",
        (5, "prior_sales_within_prior_gross_output"): "warning",
        (5, "prior_value_added_within_prior_gross_output"): "error",
    }


def test_a_rule_is_named_in_the_reports_own_words(policy):
    """Issue 13 §7: the import report names a rule in Chinese, never by its code."""
    from zhuanxing.reporting.wording import rule_name

    assert rule_name("sales_within_gross_output", "annual", policy, False) == (
        "工业销售产值 ≤ 1.1 × 工业总产值"
    )
    assert rule_name("non_negative", "annual", policy, False) == "不得为负"
    assert rule_name("land_reported", "annual", policy, False) == (
        "用地面积 ＞ 0（当名录用地面积不为0时）"
    )
    assert rule_name("sales_within_gross_output", "annual", policy, True) == (
        "sales_within_gross_output"
    )
    for rule in policy.reporting.validation_rules:
        for kind in rule.applies_to:
            name = rule_name(rule.key, kind, policy, False)
            assert not any(word in name for word in ("_", "last_year", "gross")), name
