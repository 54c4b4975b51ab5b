"""The cockpit and the explorer in a browser: Chinese text, charts drawn, the map with the seven
counties, scoping for a county officer."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _wait_for_chart(page, selector: str) -> None:
    expect(page.locator(f"{selector} canvas").first).to_be_visible()


def test_leader_cockpit_draws_cards_charts_and_map(
    page, live_server, live_store, login, screenshot
):
    login("leader")
    expect(page.locator("h1")).to_contain_text("领导驾驶舱")
    expect(page.locator(".target-card")).to_have_count(9)
    expect(page.locator(".target-card .badge").first).to_be_visible()
    _wait_for_chart(page, "#structure-chart")
    _wait_for_chart(page, "#modes-chart")
    _wait_for_chart(page, ".spark")
    expect(page.locator("#map-chart[data-drawn='1'] canvas")).to_be_visible()
    features = page.evaluate("() => echarts.getMap('jiaxing').geoJSON.features.length")
    coloured = page.evaluate(
        "() => echarts.getInstanceByDom(document.getElementById('map-chart')).getModel()"
        ".getSeriesByIndex(0).getData().mapArray(function (i) { return this.getName(i); })"
    )
    counties = {"330402", "330411", "330421", "330424", "330481", "330482", "330483"}
    assert features == 7 and counties <= set(coloured)  # the zones have no boundary
    page.select_option("#map-indicator", "rd_intensity")
    screenshot("cockpit-leader")


def test_county_officer_cockpit_is_their_county(page, live_server, live_store, login, screenshot):
    login("tongxiang")
    expect(page.locator("h1")).to_contain_text("桐乡市")
    links = page.locator("#counties-table tbody tr td:first-child a")
    assert links.count() > 0
    assert all("330483" in href for href in links.evaluate_all("a => a.map(x => x.href)"))
    response = page.goto(f"{live_server.url}/analytics/cockpit/?region=330481")
    assert response.status == 404
    page.goto(f"{live_server.url}/analytics/cockpit/")
    _wait_for_chart(page, "#structure-chart")
    screenshot("cockpit-tongxiang")


def test_explorer_table_chart_and_drill(page, live_server, live_store, login, screenshot):
    login("admin")
    page.click("nav.mainnav >> text=指标查询")
    expect(page.locator("h1")).to_contain_text("指标查询")
    page.select_option("select[name=level]", "county")
    page.select_option("select[name=breakdown]", "section")
    page.click("#explorer-form button[type=submit]")
    expect(page.locator("#explorer-chart[data-drawn='1'] canvas")).to_be_visible()
    expect(page.locator("table.pivot tbody tr").first).to_contain_text("嘉兴市")
    screenshot("explorer-city")
    page.locator("table.pivot a.drill", has_text="桐乡市").first.click()
    expect(page.locator("h1")).to_contain_text("桐乡市")
    expect(page.locator("table.pivot")).to_be_visible()
    with page.expect_download() as download:
        page.click("#export-link")
    assert download.value.suggested_filename.endswith(".xlsx")
    screenshot("explorer-tongxiang")


def test_explorer_value_added_by_1244_category_and_cumulative_shows_numbers(
    page, live_server, live_store, login, screenshot
):
    """Issue 13 (2): 工业增加值 by 1244 category and 1月至当月累计, numbers in every row."""
    login("admin")
    page.goto(f"{live_server.url}/analytics/explorer/?indicator=industrial_value_added")
    page.select_option("select[name=breakdown]", "category_1244")
    page.click("#explorer-form button[type=submit]")
    expect(page.locator(".explorer-note").first).to_contain_text("规上工业增加值")
    rows = page.locator("table.pivot tbody tr")
    assert rows.count() > 3
    expect(page.locator("table.pivot tbody .no-data")).to_have_count(0)
    expect(rows.last).to_contain_text("未归类")
    screenshot("explorer-va-by-1244")
    page.select_option("select[name=breakdown]", "")
    page.select_option("select[name=kind]", "ytd")
    page.select_option("select[name=level]", "county")
    page.click("#explorer-form button[type=submit]")
    expect(page.locator("#explorer-chart[data-drawn='1'] canvas")).to_be_visible()
    expect(page.locator("table.pivot thead th").nth(2)).to_contain_text("-01")
    expect(page.locator("table.pivot tbody .no-data")).to_have_count(0)
    assert page.locator("table.pivot tbody tr").count() >= 8
    screenshot("explorer-va-ytd")
