"""Issue 10 §5: bounds and consistency rules (policy data) catch unit slips and impossible
figures, and every value the checks let through fits its database column."""

import pytest
from django.db.backends.postgresql.operations import DatabaseOperations as PostgreSQL
from hostile_files import annual_row, monthly_row
from reporting_files import run

from zhuanxing.reporting.importing.commit import TARGETS
from zhuanxing.reporting.importing.formats import TEMPLATES
from zhuanxing.reporting.importing.workbooks import template_xlsx
from zhuanxing.reporting.models import AnnualReport


def _found(outcome) -> dict[str, tuple]:
    return {line.rule: (line.row, line.column, line.importance) for line in outcome.lines}


@pytest.mark.django_db
def test_slips_and_impossible_figures_in_an_annual_file(few_firms):
    admin, codes = few_firms
    rows = [
        annual_row(codes[0], export_delivery=1500.0 * 10_000),  # 万元 typed as 元
        annual_row(codes[1], tax_paid=400.0 * 10_000),
        annual_row(codes[2], profit=800.0 * 10_000),
        annual_row(codes[3], sales_output=12000.0 * 3.5),
        annual_row(codes[4], total_assets=9000.0 * 10_000),
    ]
    outcome = run(template_xlsx("annual", rows), admin, accept_warnings=True)
    assert not outcome.committed and AnnualReport.objects.count() == 0
    found = _found(outcome)
    assert found["export_within_sales"] == (3, "J", "error")
    assert found["tax_within_revenue"] == (4, "L", "warning")
    assert found["profit_within_revenue"] == (5, "K", "warning")
    assert found["sales_within_gross_output"] == (6, "E", "warning")
    assert found["assets_within_revenue"] == (7, "N", "warning")


@pytest.mark.django_db
def test_a_slip_against_last_year_alone(few_firms):
    admin, codes = few_firms
    assert run(template_xlsx("annual", [annual_row(codes[0], year=2011)]), admin).committed
    rows = [annual_row(codes[0], year=2012, tax_paid=400.0 * 200)]  # still below revenue
    found = _found(run(template_xlsx("annual", rows), admin))
    assert found["tax_paid_jump"] == (3, "L", "warning")


@pytest.mark.django_db
def test_absurd_employee_counts(few_firms):
    admin, codes = few_firms
    rows = [
        annual_row(codes[0], employees=99_999_999_999_999),
        annual_row(codes[1], employees=3_000_000),
        annual_row(codes[2], employees=150_000),
    ]
    outcome = run(template_xlsx("annual", rows), admin, accept_warnings=True)
    assert not outcome.committed
    lines = {(line.row, line.rule): line for line in outcome.lines}
    assert lines[(3, "numeric")].importance == "error"
    assert "too large" in lines[(3, "numeric")].message_en
    assert lines[(4, "employees_bound")].importance == "error"
    assert lines[(5, "employees_large")].importance == "warning"


@pytest.mark.django_db
def test_monthly_export_above_sales(few_firms):
    admin, codes = few_firms
    rows = [monthly_row(codes[0], export_delivery=980.0 * 10_000)]
    found = _found(run(template_xlsx("monthly", rows), admin, accept_warnings=True))
    assert found["export_within_sales"] == (3, "I", "error")


@pytest.mark.parametrize("kind", ["annual", "monthly", "region"])
def test_every_value_the_checks_allow_fits_its_column_on_postgresql(kind):
    model = TARGETS[kind].model
    ranges = PostgreSQL.integer_field_ranges
    for column in TEMPLATES[kind].stored_columns:
        if column.type not in ("decimal", "integer"):
            continue
        field = model._meta.get_field(column.key)
        largest = column.limit
        internal = field.get_internal_type()
        if internal == "DecimalField":
            assert largest <= 10 ** (field.max_digits - field.decimal_places), column.key
            assert column.places <= field.decimal_places, column.key
        else:
            assert largest <= ranges[internal][1], (column.key, internal)
