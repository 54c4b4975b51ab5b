"""Each role logs in through the browser and sees the pages meant for it, in Chinese."""

import re

import pytest
from playwright.sync_api import expect

import factories
from zhuanxing.enterprises.models import Enterprise

pytestmark = pytest.mark.browser


def test_login_page_renders_chinese(page, live_server, screenshot):
    page.goto(f"{live_server.url}/login/")
    expect(page.locator("h1")).to_have_text("登录")
    shot = screenshot("login")
    assert shot.stat().st_size > 10_000


def test_wrong_password_is_refused(page, live_server, transactional_db, login):
    from zhuanxing.accounts.models import Role

    factories.user(Role.CITY_ADMIN, username="admin")
    login("admin", "not-the-password")
    expect(page.locator(".error")).to_contain_text("用户名或密码错误")


def test_city_admin_browses_enterprises(page, live_server, live_city, login, screenshot):
    login("admin")
    # The admin's long menu (15 entries at 1366 px) wraps between entries, never inside a label
    # (it once stood one character a line): every entry is one line high.
    heights = page.eval_on_selector_all(
        "nav.mainnav a", "links => links.map(a => a.getBoundingClientRect().height)"
    )
    assert len(heights) >= 14 and max(heights) < 40, heights
    expect(page.locator("h1")).to_contain_text("驾驶舱")  # the cockpit is the officials' home
    page.goto(f"{live_server.url}/registry/")
    expect(page.locator("table.data tbody tr")).to_have_count(9)  # 7 counties + 2 zones
    screenshot("admin-overview")
    page.click("nav.mainnav >> text=企业")
    expect(page.locator("p.count")).to_contain_text("200")
    page.select_option("select[name=county]", "330483")
    page.click("form.filters button[type=submit]")
    expect(page).to_have_url(re.compile(r"county=330483"))
    rows = page.locator("table.data tbody tr")
    assert rows.count() == Enterprise.objects.filter(org_unit__path__contains="/330483/").count()
    screenshot("admin-enterprise-list")
    rows.first.locator("a").click()
    expect(page.locator("#annual-reports")).to_be_visible()
    expect(page.locator(".profile")).to_contain_text("统一社会信用代码")
    screenshot("admin-enterprise-detail")


def test_county_officer_sees_only_their_county(page, live_server, live_city, login):
    login("tongxiang")
    expect(page.locator("h1")).to_contain_text("桐乡市")
    page.click("nav.mainnav >> text=企业")
    options = page.locator("select[name=county] option")
    assert options.all_inner_texts() == ["全部", "桐乡市"]
    other = Enterprise.objects.exclude(org_unit__path__contains="/330483/").first()
    response = page.goto(f"{live_server.url}/enterprises/{other.pk}/")
    assert response.status == 404


def test_enterprise_user_lands_on_their_enterprise(page, live_server, live_city, login, screenshot):
    from zhuanxing.accounts.models import User

    firm = User.objects.get(username="firm").enterprise
    login("firm")
    expect(page.locator("h1")).to_have_text(firm.name)
    # The clerk's menu (issue 13): their firm, filing, their evaluation results; and the
    # support policies (issue 16).
    expect(page.locator("nav.mainnav a")).to_have_text(
        ["本企业", "数据报送", "评价结果", "扶持政策"]
    )
    screenshot("enterprise-user-home")


def test_leader_reads_and_switches_to_english(page, live_server, live_city, login, screenshot):
    login("leader")
    expect(page.locator("h1")).to_contain_text("嘉兴市")
    page.select_option("select[name=language]", "en")
    expect(page.locator("h1")).to_contain_text("Cockpit")
    screenshot("leader-overview-en")
    page.select_option("select[name=language]", "zh-hans")
    expect(page.locator("h1")).to_contain_text("驾驶舱")
