"""Reporting in the browser: a county officer's import with errors, corrected and committed;
an enterprise user's monthly report typed into the form, with a rule message beside a field."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from zhuanxing.reporting.importing.formats import ANNUAL, MONTHLY
from zhuanxing.reporting.importing.workbooks import template_xlsx
from zhuanxing.reporting.models import AnnualReport, MonthlyReport, ReportStatus

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def immediate_jobs(settings):
    # The check and the commit run in the request here; in production the worker runs them.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _rows(reports):
    rows = []
    for report in reports:
        row = []
        for column in ANNUAL.columns:
            if column.key in ("uscc", "name"):
                row.append(getattr(report.enterprise, column.key))
            else:
                value = getattr(report, column.key)
                row.append(float(value) if isinstance(value, Decimal) else value)
        rows.append(row)
    return rows


def test_officer_fixes_a_file_with_errors_and_commits(page, live_city, login, screenshot, tmp_path):
    reports = list(
        AnnualReport.objects.filter(year=2012, enterprise__org_unit__path__contains="/330483/")
        .select_related("enterprise")
        .order_by("enterprise__uscc")[:8]
    )
    AnnualReport.objects.filter(pk__in=[r.pk for r in reports]).delete()
    good = _rows(reports)
    bad = [list(r) for r in good]
    gross = ANNUAL.keys.index("gross_output")
    bad[2][ANNUAL.keys.index("value_added")] = bad[2][gross] + 100  # VA above gross output
    bad[5][gross] = "2012-06-30"  # a date in a number column
    (tmp_path / "桐乡年报.xlsx").write_bytes(template_xlsx("annual", bad))
    (tmp_path / "桐乡年报-改.xlsx").write_bytes(template_xlsx("annual", good))

    login("tongxiang")
    page.click("nav.mainnav >> text=数据报送")
    expect(page.locator("h1")).to_have_text("数据报送")
    screenshot("reporting-index")
    page.set_input_files("input[name=file]", str(tmp_path / "桐乡年报.xlsx"))
    page.click("#upload-form button[type=submit]")
    expect(page.locator("#verdict")).to_contain_text("文件有错误，不能入库")
    expect(page.locator("#error-count")).to_have_text("2")
    problems = page.locator("#problems tbody tr")
    expect(problems).to_have_count(2)
    expect(problems.nth(0)).to_contain_text("工业增加值不能大于工业总产值")
    expect(problems.nth(0).locator("td").nth(1)).to_have_text("5")  # row 5 of the sheet
    expect(problems.nth(1)).to_contain_text("数值栏中填了日期")
    expect(page.locator("#commit-form")).to_have_count(0)
    screenshot("reporting-import-errors")
    assert AnnualReport.objects.filter(pk__in=[r.pk for r in reports]).count() == 0

    page.click("text=上传其他文件")
    page.set_input_files("input[name=file]", str(tmp_path / "桐乡年报-改.xlsx"))
    page.click("#upload-form button[type=submit]")
    expect(page.locator("#commit-form")).to_contain_text("未发现问题")
    page.click("#commit-form button[type=submit]")
    expect(page.locator("#verdict")).to_contain_text("已入库")
    expect(page.locator("#commit-counts")).to_contain_text("新增 8")
    screenshot("reporting-import-committed")
    saved = AnnualReport.objects.filter(year=2012, enterprise__uscc__in=[r[0] for r in good])
    assert saved.count() == 8 and {r.status for r in saved} == {ReportStatus.APPROVED}


def test_enterprise_user_enters_a_monthly_report_and_sees_a_rule(page, live_city, login, users,
                                                                  screenshot):  # fmt: skip
    firm = users["firm"].enterprise
    last = MonthlyReport.objects.filter(enterprise=firm).order_by("-period").first()
    period = f"{last.year + 1}-{last.month:02d}"
    login("firm")
    page.goto(page.url.split("/enterprises")[0] + f"/reporting/entry/{firm.pk}/{period}/")
    expect(page.locator("h1")).to_contain_text(period)
    for column in MONTHLY.columns:
        if column.key in ("uscc", "name", "period"):
            continue
        if column.key.startswith("prior_"):  # 上年同期: pre-filled from last year's report
            measure = getattr(last, column.key.removeprefix("prior_"))
            if measure is not None:
                expect(page.locator(f"input[name={column.key}]")).to_have_value(str(measure))
            continue
        value = getattr(last, column.key)
        page.fill(f"input[name={column.key}]", "" if value is None else str(value))
    # Value added above gross output: the rule's message appears beside the field.
    page.fill("input[name=value_added]", str(last.gross_output + 50))
    page.locator("input[name=value_added]").blur()
    message = page.locator("#msg-value_added .tag.error")
    expect(message).to_contain_text("工业增加值不能大于工业总产值")
    screenshot("reporting-entry-rule")
    page.click("button[name=save]")
    expect(page.locator("#msg-value_added .tag.error")).to_be_visible()
    assert not MonthlyReport.objects.filter(enterprise=firm, period=period).exists()

    page.fill("input[name=value_added]", str(last.value_added or 1))
    page.locator("input[name=value_added]").blur()
    expect(page.locator("#msg-value_added .tag")).to_have_count(0)
    page.click("button[name=submit]")
    expect(page.locator(".messages")).to_contain_text("已保存")
    expect(page.locator("#report-status")).to_have_text("已报送")
    screenshot("reporting-entry-saved")
    saved = MonthlyReport.objects.get(enterprise=firm, period=period)
    assert saved.status == ReportStatus.SUBMITTED
    page.goto(page.url.split("/reporting")[0] + f"/enterprises/{firm.pk}/")
    expect(page.locator("#report-history")).to_contain_text(period)
    screenshot("reporting-enterprise-history")
