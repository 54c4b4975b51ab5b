"""Support policies in the browser: the tax page by county and incentive; a special-fund round
(the enterprise applies, the county pre-approves, the city scores and allocates, the enterprise
sees its grant); the guarantee-agency award."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def switch(page, login, username):
    page.context.clear_cookies()
    login(username)


def test_leader_sees_revenue_forgone_by_county(page, live_server, live_city, login, screenshot):
    login("leader")
    page.click("nav.mainnav >> text=扶持政策")
    expect(page.locator("h1")).to_contain_text("企业所得税优惠")
    assert page.locator("#tax-forgone tbody tr").count() >= 5
    expect(page.locator("#tax-total th")).to_have_text("合计")
    expect(page.locator("#tax-basis")).to_contain_text("实施条例 第九十五条")
    screenshot("support-tax")
    page.locator("#tax-firms a").first.click()
    expect(page.locator("#enterprise-tax tbody tr").first).to_be_visible()
    screenshot("support-tax-enterprise")


def test_a_special_fund_round(page, live_server, live_city, login, screenshot):
    from decimal import Decimal

    from zhuanxing.support.models import FundProgramme

    programme = FundProgramme.objects.create(
        year=2012, category="renovation", name="2012年企业技术改造专项资金", budget=Decimal(100)
    )
    url = f"{live_server.url}/support/funds/programmes/{programme.pk}/"
    # The enterprise applies.
    login("firm")
    page.click("nav.mainnav >> text=扶持政策")
    page.click(f"#programmes >> text={programme.name}")
    page.fill("#apply input[name=project]", "数控化生产线改造")
    page.fill("#apply input[name=amount]", "60.00")
    page.fill("#apply textarea[name=documents]", "项目申报书\n可行性研究报告")
    page.click("#apply button[type=submit]")
    expect(page.locator("#applications tbody tr")).to_have_count(1)
    expect(page.locator("#applications")).to_contain_text("已申报")
    screenshot("support-fund-applied")
    # The county pre-approves.
    switch(page, login, "tongxiang")
    page.goto(url)
    page.click("#applications a")
    page.fill("#review input[name=comment]", "材料齐全，同意上报")
    page.click("#pre-approve")
    expect(page.locator("#application-status")).to_have_text("县级初审通过")
    # The city scores (90 of 100, over the pass mark 60) and allocates: 60 of the budget of 100.
    switch(page, login, "admin")
    page.goto(url)
    page.click("#applications a")
    for key, points in {"policy_fit": 28, "technology": 22, "benefit": 22, "saving": 18}.items():
        page.fill(f"#score input[name={key}]", str(points))
    page.click("#score button[type=submit]")
    expect(page.locator("#application-score")).to_have_text("90.00")
    screenshot("support-fund-scored")
    page.goto(url)
    page.click("#allocate")
    expect(page.locator("#programme-status")).to_have_text("已分配")
    expect(page.locator("#granted-total")).to_have_text("60.00")
    # The enterprise sees its result.
    switch(page, login, "firm")
    page.goto(f"{live_server.url}/support/funds/")
    expect(page.locator("#my-applications")).to_contain_text("已安排")
    page.click("#my-applications a")
    expect(page.locator("#application-granted")).to_contain_text("60.00")
    screenshot("support-fund-granted")


def test_city_records_the_guarantee_award(page, live_server, live_city, login, screenshot):
    from decimal import Decimal

    from zhuanxing.support.models import GuaranteeAgency, GuaranteeFigures

    for i in range(7):
        agency = GuaranteeAgency.objects.create(name=f"担保公司{i + 1}")
        GuaranteeFigures.objects.create(
            agency=agency, year=2011, sme_guarantee_amount=Decimal(1000 * (i + 1)), sme_count=50
        )
    login("admin")
    page.click("nav.mainnav >> text=扶持政策")
    page.click("nav.tabs >> text=担保机构")
    page.click("#award button[type=submit]")
    expect(page.locator("#award-total")).to_have_text("10.00")
    expect(page.locator("#agencies tbody tr.awarded")).to_have_count(5)
    screenshot("support-guarantee-award")
