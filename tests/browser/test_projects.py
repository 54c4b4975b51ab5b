"""Major projects in the browser: a county officer registers a project and screens it, and
sees it rejected with the numbers; the city administrator builds the annual plan with the
1亿元 projects first; a county officer cannot open another county's project."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def plan_city(live_store):
    from zhuanxing.projects.demo_data import seed_projects

    seed_projects(7)
    return live_store


def test_officer_registers_and_screens_a_project(page, live_server, plan_city, login, screenshot):
    from zhuanxing.orgunits.models import OrgUnit

    town = OrgUnit.objects.filter(path__contains="/330483/", depth=2).order_by("code").first()
    login("tongxiang")
    page.goto(f"{live_server.url}/projects/registry/")
    page.click("#new-project")
    form = page.locator("#project-form")
    form.locator("[name=name]").fill("年产5万吨高耗能材料项目")
    form.locator("[name=investor_name]").fill("某新材料投资有限公司")
    form.locator("[name=org_unit]").select_option(str(town.pk))
    form.locator("[name=kind]").select_option("new")
    form.locator("[name=total_investment]").fill("15000")
    form.locator("[name=land_mu]").fill("80")
    form.locator("[name=start_date]").fill("2012-03-01")
    form.locator("[name=finish_date]").fill("2013-12-31")
    form.locator("[name=expected_va]").fill("1000")
    form.locator("[name=energy_tce]").fill("20000")
    form.locator("[name=electricity_kwh]").fill("6000000")
    form.locator("[name=cod_t]").fill("50")
    form.locator("[name=so2_t]").fill("80")
    screenshot("projects-register")
    form.locator("button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("年产5万吨高耗能材料项目")
    screenshot("projects-detail")
    page.click("#screen-project")
    expect(page.locator("#screen-form [name=value_added]")).to_have_value("1000.00")
    page.click("#screen-form button[type=submit]")
    expect(page.locator("#outcome")).to_have_text("不予通过")
    # 20000 + 6,000,000 × 0.1229 ÷ 1000 = 20737.4 tce ÷ 1000 万元 = 20.7374 tce/万元
    expect(page.locator("#checks tbody tr").first).to_contain_text("20.7374")
    expect(page.locator("#checks")).to_contain_text("高于平均水平")
    expect(page.locator("#tier")).to_contain_text("节能评估报告书")
    expect(page.locator("#tier")).to_contain_text("属于重点用能单位")
    screenshot("projects-verdict")


def test_admin_builds_the_plan_with_big_projects_first(page, live_server, plan_city, login,
                                                       screenshot):  # fmt: skip
    login("admin")
    page.goto(f"{live_server.url}/projects/plan/?year=2012")
    rows = page.locator("#plan tbody tr")
    expect(rows.first).to_have_class("priority")
    classes = [rows.nth(i).get_attribute("class") or "" for i in range(rows.count())]
    first_other = classes.index("") if "" in classes else len(classes)
    assert all(c == "priority" for c in classes[:first_other])
    assert "priority" not in classes[first_other:]
    screenshot("projects-plan")
    page.goto(f"{live_server.url}/projects/registry/")
    expect(page.locator("#project-map")).to_have_attribute("data-drawn", "1")
    screenshot("projects-map")
    page.goto(f"{live_server.url}/projects/plan/?year=2012")
    before = rows.count()
    page.locator("#plan-build input[type=checkbox]").first.uncheck()
    page.click("#plan-build button[type=submit]")
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("#plan tbody tr")).to_have_count(before - 1)
    page.goto(f"{live_server.url}/projects/plan/problems/?overdue=on")
    expect(page.locator("#problems tbody tr").first).to_contain_text("逾期")
    screenshot("projects-problems")
    page.goto(f"{live_server.url}/")
    expect(page.locator("#plan-progress")).to_be_visible()
    screenshot("projects-cockpit")


def test_officer_cannot_open_another_countys_project(
    page, live_server, plan_city, login, screenshot
):
    from zhuanxing.projects.models import Project

    haining = Project.objects.filter(org_unit__path__contains="/330481/").first()
    login("tongxiang")
    response = page.goto(f"{live_server.url}/projects/registry/{haining.pk}/")
    assert response.status == 404
    response = page.goto(f"{live_server.url}/projects/registry/{haining.pk}/edit/")
    assert response.status == 404
    page.goto(f"{live_server.url}/projects/registry/")
    expect(page.locator("#projects")).not_to_contain_text(haining.name)
    expect(page.locator("#by-county tbody tr")).to_have_count(1)  # Tongxiang only
    screenshot("projects-list")
