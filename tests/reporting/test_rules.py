"""The policy's validation rules, each broken once: row, column and rule in the report, and
nothing written."""

from decimal import Decimal

import pytest
from reporting_files import monthly_rows, rules_of, run, snapshot, xlsx

from zhuanxing.reference.uscc import make_uscc
from zhuanxing.reporting.importing.formats import ANNUAL
from zhuanxing.reporting.importing.rules import Frame, Population, compile_rule, to_array
from zhuanxing.reporting.models import MonthlyReport, PeriodLock

pytestmark = pytest.mark.django_db


def _set(row, **values):
    row = list(row)
    for key, value in values.items():
        row[ANNUAL.keys.index(key)] = value
    return row


def _value(row, key):
    return row[ANNUAL.keys.index(key)]


def _line(outcome, rule):
    found = [line for line in outcome.lines if line.rule == rule]
    assert found, f"{rule} not in {rules_of(outcome)}"
    return found[0]


def _check(rows, user, rule, *, column, importance="error", row=3):
    before = snapshot()
    outcome = run(xlsx("annual", rows), user)
    line = _line(outcome, rule)
    letter = "ABCDEFGHIJKLMNOPQRSTUV"[ANNUAL.keys.index(column)]
    assert (line.row, line.column, line.field, line.importance) == (row, letter, column, importance)
    assert line.message and line.message_en
    assert not outcome.committed and snapshot() == before
    return line


@pytest.mark.parametrize(
    ("changes", "rule", "column"),
    [
        ({"value_added": "gross_output+1"}, "value_added_within_gross_output", "value_added"),
        ({"rd_spending": "main_revenue+1"}, "rd_within_main_revenue", "rd_spending"),
        ({"new_product_output": "gross_output+1"}, "new_product_within_gross_output",
         "new_product_output"),
        ({"tax_paid": -1}, "tax_not_negative", "tax_paid"),
        ({"employees": -3}, "non_negative", "employees"),
        ({"employees": 10.5}, "numeric", "employees"),
        ({"gross_output": None}, "required", "gross_output"),
        ({"business_mode": "XYZ"}, "choice", "business_mode"),
        ({"year": "二〇一二"}, "period", "year"),
    ],
)  # fmt: skip
def test_errors(tongxiang_annual, users, changes, rule, column):
    row = tongxiang_annual[0]
    values = {}
    for key, value in changes.items():
        if isinstance(value, str) and value.endswith("+1"):
            value = _value(row, value[:-2]) + 1
        values[key] = value
    _check([_set(row, **values)], users["tongxiang"], rule, column=column)


def test_land_required_where_the_registry_has_land(tongxiang_annual, users):
    from zhuanxing.enterprises.models import Enterprise

    row = tongxiang_annual[0]
    Enterprise.objects.filter(uscc=row[0]).update(land_mu=Decimal("30"))
    line = _check([_set(row, land_mu=None)], users["tongxiang"], "land_reported", column="land_mu")
    assert "用地" in line.message


def test_credit_codes(tongxiang_annual, users):
    row = tongxiang_annual[0]
    broken = row[0][:-1] + ("0" if row[0][-1] != "0" else "1")
    line = _check([_set(row, uscc=broken)], users["tongxiang"], "uscc_valid", column="uscc")
    assert "校验" in line.message
    unknown = make_uscc("9", "1", "330483", "MA2B0000")  # well-formed, not in the registry
    _check([_set(row, uscc=unknown)], users["admin"], "uscc_known", column="uscc")
    # A county officer gets the same answer for unknown and other counties' firms.
    _check([_set(row, uscc=unknown)], users["tongxiang"], "in_scope", column="uscc")


def test_rows_outside_the_scope_are_errors(tongxiang_annual, users):
    outcome = run(xlsx("annual", tongxiang_annual), users["haining"])
    assert {line.rule for line in outcome.lines} == {"in_scope"}
    assert len(outcome.lines) == len(tongxiang_annual) and not outcome.committed
    firm = users["firm"]
    own = [r for r in tongxiang_annual if r[0] == firm.enterprise.uscc]
    outcome = run(xlsx("annual", tongxiang_annual), firm, accept_warnings=True)
    assert len(outcome.lines) == len(tongxiang_annual) - len(own)
    assert not outcome.committed


def test_duplicate_rows(tongxiang_annual, users):
    rows = [tongxiang_annual[0], tongxiang_annual[1], tongxiang_annual[0]]
    line = _check(rows, users["tongxiang"], "duplicate", column="uscc", row=5)
    assert "3" in line.message  # first at row 3


def test_locked_period(tongxiang_annual, users):
    PeriodLock.objects.create(kind="annual", period=str(tongxiang_annual[0][2]),
                              locked_by=users["admin"])  # fmt: skip
    _check(tongxiang_annual[:1], users["tongxiang"], "period_locked", column="year")


def test_unit_slip_is_a_warning_and_needs_acceptance(tongxiang_annual, users):
    row = tongxiang_annual[0]
    # 元 typed where 万元 belongs: every money figure 10,000 times too large.
    money = [c.key for c in ANNUAL.columns if c.unit == "万元"]
    slipped = _set(row, **{k: _value(row, k) * 10000 for k in money if _value(row, k)})
    line = _check([slipped], users["tongxiang"], "gross_output_jump", column="gross_output",
                  importance="warning")  # fmt: skip
    assert "万元" in line.message
    outcome = run(xlsx("annual", [slipped]), users["tongxiang"], accept_warnings=True)
    assert outcome.committed and outcome.counts.created == 1


def test_monthly_total_against_annual(tongxiang_annual, users):
    row = next(
        r for r in tongxiang_annual
        if MonthlyReport.objects.filter(enterprise__uscc=r[0], year=r[2]).count() == 12
    )  # fmt: skip
    changed = _set(row, gross_output=_value(row, "gross_output") * 1.2)
    _check([changed], users["tongxiang"], "monthly_total_matches_annual", column="gross_output",
           importance="warning")  # fmt: skip


def test_monthly_report_rules(users):
    report = MonthlyReport.objects.filter(enterprise__org_unit__path__contains="/330483/").first()
    rows = monthly_rows([report])
    rows[0][5] = float(report.gross_output) + 1  # value added above gross output
    before = snapshot()
    outcome = run(xlsx("monthly", rows), users["tongxiang"])
    line = _line(outcome, "value_added_within_gross_output")
    assert (line.row, line.column) == (3, "F")
    assert snapshot() == before


def test_zscore_outlier_within_the_industry():
    from zhuanxing.policy import get_active_policy

    rule = next(
        r for r in get_active_policy().reporting.validation_rules
        if r.key == "value_added_rate_outlier"
    )  # fmt: skip
    compiled = compile_rule(rule)
    # Twelve firms of division 17 with a value-added rate near 25%, and the batch: one at 25%,
    # one at 95% (an outlier), one of another division with no population (skipped).
    rates = [0.24, 0.25, 0.26, 0.25, 0.24, 0.26, 0.25, 0.23, 0.27, 0.25, 0.24, 0.26]
    population = Population(
        columns={"value_added": to_array([r * 100 for r in rates]),
                 "gross_output": to_array([100] * len(rates))},
        groups=["17|2012"] * len(rates),
        batch_groups=["17|2012", "17|2012", "39|2012"],
        min_size=10,
    )  # fmt: skip
    frame = Frame(
        length=3,
        columns={"value_added": to_array([25, 95, 95]), "gross_output": to_array([100] * 3)},
        population=population,
    )
    assert compiled.violations(frame) == [1]


def test_missing_value_strategies():
    from zhuanxing.policy.validation_rules import ValidationRule

    base = {
        "key": "x", "applies_to": ["annual"], "importance": "error", "message": "m",
        "message_en": "m", "left": "rd_spending", "operator": "<=", "right": "main_revenue",
    }  # fmt: skip
    frame = Frame(
        length=3,
        columns={
            "rd_spending": to_array([5, None, None]),
            "main_revenue": to_array([None, -1, None]),
        },
    )
    skip_any = compile_rule(ValidationRule(**base))
    skip_all = compile_rule(
        ValidationRule(**base, missing_value_strategy="skip_if_all_values_missing")
    )
    never = compile_rule(ValidationRule(**base, missing_value_strategy="never_skip"))
    assert skip_any.violations(frame) == []
    assert skip_all.violations(frame) == [0, 1]  # 5 <= 0 and 0 <= -1 fail; all-missing skipped
    assert never.violations(frame) == [0, 1]


def test_business_mode_choices_follow_the_vocabulary():
    from zhuanxing.policy.vocabulary import BUSINESS_MODES
    from zhuanxing.reporting.importing.formats import TEMPLATES
    from zhuanxing.reporting.models import BusinessMode

    assert tuple(BusinessMode.values) == BUSINESS_MODES == ("OEA", "OEM", "ODM", "OBM")
    column = next(c for c in TEMPLATES["annual"].columns if c.key == "business_mode")
    assert tuple(column.choices) == BUSINESS_MODES
