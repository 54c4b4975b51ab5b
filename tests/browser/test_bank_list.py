"""Projects recommended to banks in the browser (clause 十七): the city builds the year's list
from the rules, takes a project off with a note and publishes it; the bank user signs in, lands
on the published list, downloads it, and is refused everywhere else."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _plan(admin):
    """Three 2012 plan projects of city firms: two owners graded A and B in the published 2011
    evaluation, one graded C; and a 2011 backward-capacity listing of nobody."""
    from datetime import date
    from decimal import Decimal

    from zhuanxing.enterprises.models import Enterprise
    from zhuanxing.evaluation.models import EvaluationResult, EvaluationRun
    from zhuanxing.projects.models import PlanEntry, Project

    firms = list(Enterprise.objects.order_by("pk")[:3])
    run = EvaluationRun.objects.create(year=2011, status="published", policy_id="t", method={})
    names = ["甲企业数控化改造项目", "乙企业智能工厂项目", "丙企业扩产项目"]
    for firm, klass, name in zip(firms, "ABC", names, strict=True):
        EvaluationResult.objects.create(
            run=run, enterprise=firm, population="above_scale", klass=klass, total=Decimal(60)
        )
        project = Project.objects.create(
            name=name, owner=firm, org_unit=firm.org_unit, kind="stock",
            total_investment=Decimal(15000), start_date=date(2012, 1, 1),
            finish_date=date(2013, 12, 31),
        )  # fmt: skip
        PlanEntry.objects.create(
            project=project, year=2012, planned_investment=Decimal("7500.00"), in_plan=True
        )
    return names


def test_city_publishes_and_the_bank_sees_only_the_list(
    page, live_server, live_city, login, screenshot
):
    from zhuanxing.accounts.models import User

    names = _plan(User.objects.get(username="admin"))
    login("admin")
    page.click("nav.mainnav >> text=扶持政策")
    page.click("nav.tabs >> text=向银行推荐项目")
    page.select_option("#build select[name=year]", "2012")
    page.click("#build button[type=submit]")
    expect(page.locator("h1")).to_contain_text("2012年向银行推荐项目（第1版）")
    rows = page.locator("#items tbody tr")
    expect(rows).to_have_count(3)
    expect(page.locator("#items")).to_contain_text("业主为C类（2011年度评价），非A/B类")
    # Take the B-class owner's project off, with the reason.
    row = rows.filter(has_text=names[1])
    row.locator("input[name=note]").fill("企业已获银团贷款，本期不再推荐")
    row.locator("button[type=submit]").click()
    expect(rows.filter(has_text=names[1])).to_contain_text("已调整")
    screenshot("support-bank-list-draft")
    page.check("#publish input[name=confirm]")
    page.once("dialog", lambda dialog: dialog.accept())  # "publish?" asked first
    page.click("#publish button[type=submit]")
    expect(page.locator("#status")).to_contain_text("已发布")
    expect(page.locator("#status")).to_contain_text("推荐项目1个")

    # The bank user lands on the published lists, sees the one project, and downloads it.
    page.context.clear_cookies()
    login("bank")
    expect(page.locator("h1")).to_have_text("向银行推荐项目")
    expect(page.locator("nav.mainnav a")).to_have_count(1)
    expect(page.locator("body")).not_to_contain_text("API")
    page.click("#lists a")
    expect(page.locator("#items tbody tr")).to_have_count(1)
    expect(page.locator("#items")).to_contain_text(names[0])
    expect(page.locator("#items")).not_to_contain_text(names[1])
    expect(page.locator("#items")).not_to_contain_text(names[2])
    screenshot("support-bank-list-published")
    with page.expect_download() as download:
        page.click("#export")
    assert download.value.suggested_filename == "recommended-projects-2012-v1.xlsx"
    from openpyxl import load_workbook

    with open(download.value.path(), "rb") as handle:
        sheet = load_workbook(handle).active
    assert [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)] == [names[0]]
    # On a phone the list fits the screen (its table scrolls inside its own box).
    from test_phone import assert_fits

    detail = page.url
    for width in (360, 430):
        page.set_viewport_size({"width": width, "height": 844})
        page.goto(detail)
        assert_fits(page, f"the bank's list at {width} px")
    screenshot("support-bank-list-phone")
    # Everything else is refused.
    for path in ("/enterprises/", "/analytics/cockpit/", "/support/tax/", "/projects/",
                 "/evaluation/", "/account/tokens/", "/api/enterprises/", "/admin/"):  # fmt: skip
        response = page.request.get(f"{live_server.url}{path}", max_redirects=0)
        assert response.status in (403, 404), (path, response.status)
