"""Issue 13 acceptance in the browser: the administrator creates a county officer who then sees
only their county; the enterprise clerk sees why the county sent a report back."""

import pytest
from playwright.sync_api import expect

from zhuanxing.accounts.models import User
from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.models import OrgUnit
from zhuanxing.reporting.models import AnnualReport, ReportStatus

pytestmark = pytest.mark.browser

PASSWORD = "Jiashan-2013-officer"


def _log_out(page):
    page.click("header .session form button[type=submit]")


def test_the_administrator_creates_a_county_officer_who_sees_only_their_county(
    page, live_city, login, screenshot
):
    jiashan = OrgUnit.objects.get(code="330421")
    login("admin")
    page.click("nav.mainnav >> text=系统管理")
    expect(page.locator("#content-main")).to_contain_text("用户")
    expect(page.locator("#content-main")).to_contain_text("现行政策文件")
    screenshot("admin-index")
    page.click("#content-main a[href$='/admin/accounts/user/add/']")
    page.fill("#id_username", "jiashan2")
    page.fill("#id_first_name", "嘉善经办人")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.select_option("#id_role", "county_officer")
    page.fill("#id_org_units_input", "嘉善")  # the chooser's filter box
    page.select_option("#id_org_units_from", str(jiashan.pk))
    page.click("#id_org_units_add")
    screenshot("admin-user-add")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("jiashan2")
    officer = User.objects.get(username="jiashan2")
    assert officer.org_unit_paths == [jiashan.path]

    page.goto(page.url.split("/admin/")[0] + "/")
    _log_out(page)
    login("jiashan2", PASSWORD)
    page.click("nav.mainnav >> text=企业")
    rows = page.locator("table.data tbody tr")
    expect(rows.first).to_be_visible()
    screenshot("admin-new-officer-enterprises")
    names = set(Enterprise.objects.filter(org_unit__path__startswith=jiashan.path)
                .values_list("name", flat=True))  # fmt: skip
    shown = page.locator("table.data tbody tr td:first-child").all_inner_texts()
    assert shown and all(name.strip() in names for name in shown), shown[:5]


def test_the_clerk_sees_why_the_report_came_back(page, live_city, login, screenshot):
    firm = User.objects.get(username="firm").enterprise
    report = AnnualReport.objects.filter(enterprise=firm).order_by("-year").first()
    AnnualReport.objects.filter(pk=report.pk).update(status=ReportStatus.SUBMITTED)
    login("tongxiang")
    page.click("nav.mainnav >> text=数据报送")
    page.click("a[href$='/reporting/review/']")
    row = page.locator("#review-annual tbody tr", has_text=firm.name)
    row.locator("input[name=comment]").fill("利润总额与上年相差十倍，请核实后重新报送")
    screenshot("review-queue")
    row.locator("button[value=reject]").click()
    expect(page.locator(".messages")).to_contain_text("已退回")
    _log_out(page)

    login("firm")
    page.click("nav.mainnav >> text=数据报送")
    page.click(f"#own-filing a[href$='/{report.year}/']")
    expect(page.locator("#rejection")).to_contain_text("利润总额与上年相差十倍，请核实后重新报送")
    expect(page.locator("#rejection")).not_to_contain_text("reject")
    expect(page.locator("button[name=submit]")).to_have_count(1)
    screenshot("entry-rejected")
