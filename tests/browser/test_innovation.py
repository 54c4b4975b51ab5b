"""Innovation in the browser: the city administrator selects the demonstration enterprises of a
year (ticks candidates, confirms, sees them on the list, publishes); a county officer records a
qualification and sees its expiry warning; the counts by county with their chart."""

import datetime

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_city_admin_selects_demonstration_enterprises(page, live_server, live_city, login,
                                                      screenshot):  # fmt: skip
    from zhuanxing.enterprises.models import Enterprise
    from zhuanxing.innovation.models import DemonstrationList, Qualification

    firm = Enterprise.objects.order_by("pk").first()
    Qualification.objects.create(
        enterprise=firm, kind="high_tech_enterprise", level="national", title="高新技术企业证书",
        issued_on=datetime.date(2010, 10, 1), expires_on=datetime.date(2013, 9, 30),
    )  # fmt: skip
    login("admin")
    page.click("nav.mainnav >> text=创新")
    expect(page.locator("h1")).to_contain_text("企业资质名录")
    page.click("nav.tabs >> text=示范企业")
    page.select_option("select[name=year]", "2012")
    page.click("form.filters button[type=submit]")
    expect(page.locator("h1")).to_contain_text("工业转型升级示范企业 2012")
    rows = page.locator("#candidates tbody tr")
    assert rows.count() >= 3
    expect(page.locator("#score-chart[data-rendered]")).to_have_count(1)
    # The certified firm's qualification points are the year's best: full marks (10).
    certified = page.locator("#candidates tbody tr", has_text=firm.name)
    if certified.count():
        expect(certified.locator("td").nth(6)).to_have_text("10.00")
    screenshot("innovation-demonstration-candidates")
    names = [rows.nth(i).locator("td").nth(1).inner_text() for i in range(2)]
    for i in range(2):
        rows.nth(i).locator("input[type=checkbox]").check()
    page.click("#select-submit")
    expect(page.locator("h1")).to_contain_text("确认2012年转型升级示范企业")
    expect(page.locator("#confirm-rows tbody tr")).to_have_count(2)
    assert not DemonstrationList.objects.exists()  # nothing saved before the confirmation
    screenshot("innovation-demonstration-confirm")
    page.click("#confirm-submit")
    expect(page.locator("#selected tbody tr")).to_have_count(2)
    for name in names:
        expect(page.locator("#selected")).to_contain_text(name)
    expect(page.locator("#list-status")).to_have_text("草稿")
    expect(page.locator("#selected-by")).to_contain_text("admin")
    page.click("#publish button")
    expect(page.locator("#list-status")).to_have_text("已发布")
    expect(page.locator("#lists")).to_contain_text("2012")
    screenshot("innovation-demonstration-published")
    selection = DemonstrationList.objects.get(year=2012)
    assert selection.status == "published" and selection.entries.count() == 2


def test_county_officer_records_a_qualification(page, live_server, live_city, login, screenshot):
    from zhuanxing.enterprises.models import Enterprise

    firm = Enterprise.objects.filter(org_unit__path__contains="/330483/").order_by("pk").first()
    soon = datetime.date.today() + datetime.timedelta(days=20)
    other = Enterprise.objects.exclude(org_unit__path__contains="/330483/").order_by("pk").first()
    login("tongxiang")
    page.click("nav.mainnav >> text=创新")
    page.click("#new-qualification")
    # The firm is typed (no <select> of the registry): another county's code is refused with
    # the field named, and the form is kept.
    expect(page.locator("select[name=enterprise]")).to_have_count(0)
    page.fill("input[name=enterprise]", other.uscc)
    page.select_option("select[name=kind]", "specialised_sme")
    page.select_option("select[name=level]", "provincial")
    page.fill("input[name=title]", "浙江省专精特新中小企业")
    page.fill("input[name=issued_on]", "2011-06-01")
    page.click("#qualification-form button[type=submit]")
    expect(page.locator("ul.messages")).to_contain_text("企业: ")
    expect(page.locator("body")).to_contain_text(other.uscc)
    screenshot("innovation-qualification-refused")
    # From the enterprise page: "add a qualification" fills in the firm's code.
    page.goto(f"{live_server.url}/enterprises/{firm.pk}/")
    page.click("#add-qualification")
    expect(page.locator("input[name=enterprise]")).to_have_value(firm.uscc)
    expect(page.locator("#named-enterprise")).to_contain_text(firm.name)
    screenshot("innovation-qualification-prefilled")
    page.select_option("select[name=kind]", "specialised_sme")
    page.select_option("select[name=level]", "provincial")
    page.fill("input[name=title]", "浙江省专精特新中小企业")
    page.fill("input[name=reference]", "浙经信〔2011〕88号")
    page.fill("input[name=issued_on]", "2011-06-01")
    page.fill("input[name=expires_on]", soon.isoformat())
    page.set_input_files(
        "input[name=evidence]",
        files=[{"name": "cert.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 demo"}],
    )
    page.click("#qualification-form button[type=submit]")
    expect(page.locator("#expiry .badge")).to_have_text("即将到期")
    expect(page.locator("#evidence")).to_have_text("cert.pdf")
    expect(page.locator("#history tbody tr")).to_have_count(1)
    screenshot("innovation-qualification")
    page.click("nav.tabs >> text=企业资质")
    expect(page.locator("#expiry-warnings")).to_contain_text("90 天内到期 1 项")
    expect(page.locator("#qualifications tbody tr")).to_have_count(1)
    screenshot("innovation-qualifications")
    page.click("nav.tabs >> text=分县统计")
    page.fill("input[name=year]", "2012")
    page.click("form.filters button[type=submit]")
    expect(page.locator("#counts-total")).to_have_text("1")
    expect(page.locator("#counts-chart[data-rendered]")).to_have_count(1)
    screenshot("innovation-counts")
