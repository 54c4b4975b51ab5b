"""Monthly monitoring and county assessment in a browser."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
MONTH = "2012-06"


def test_leader_opens_monitoring_and_downloads_the_report(
    page, live_server, live_store, login, screenshot
):
    login("leader")
    expect(page.locator("#monitoring-summary .card")).to_have_count(4)  # warnings on the cockpit
    page.click("nav.mainnav >> text=运行监测")
    expect(page.locator("h1")).to_contain_text("工业经济运行监测")
    expect(page.locator("#headline")).to_contain_text("规上工业增加值")
    expect(page.locator("#county-table tbody tr.total td").first).to_have_text("合计")
    assert page.locator("#county-table tbody tr").count() >= 5  # units with 规上 firms + total
    expect(page.locator("#trend-chart[data-rendered='1'] canvas")).to_be_visible()
    # The bureau's analysis: its three parts, its tables, and a county to drill down to.
    expect(page.locator("#breadth-text")).to_contain_text("增长面为")
    expect(page.locator("#analysis-breadth tbody tr")).to_have_count(3)
    expect(page.locator("#concerns p").first).to_be_visible()
    screenshot("monitoring")
    page.locator("#analysis-big").scroll_into_view_if_needed()
    screenshot("monitoring-analysis")
    headline = page.locator("#headline").inner_text()
    page.click("#report-docx")  # written in the background: the job's page offers the file
    expect(page.locator("#job-status")).to_have_text("已完成")
    with page.expect_download() as download:
        page.click("#result-download")
    path = download.value.path()
    import docx

    document = docx.Document(str(path))
    assert any(p.text.startswith(headline) for p in document.paragraphs)
    page.go_back()
    page.click("#analysis-counties tbody tr:first-child a")
    expect(page.locator("h1")).not_to_contain_text("嘉兴市")


def test_leader_reads_the_monitoring_page_in_english(
    page, live_server, live_store, login, screenshot
):
    """One language at a time: the narrative, the tables and the industries in English."""
    login("leader")
    host = live_server.url.split("//")[1].split(":")[0]
    page.context.add_cookies([{"name": "django_language", "value": "en", "domain": host,
                               "path": "/"}])  # fmt: skip
    page.goto(f"{live_server.url}/monitoring/?month={MONTH}")
    expect(page.locator("#headline")).to_contain_text("value added of industry above")
    expect(page.locator("#county-table tbody tr.total td").first).to_have_text("Total")
    expect(page.locator("#breadth-text")).to_contain_text("Breadth of growth")
    expect(page.locator("#concerns p").first).to_be_visible()
    expect(page.locator("#trend-chart[data-rendered='1'] canvas")).to_be_visible()
    screenshot("monitoring-en")


def test_county_officer_sees_only_their_warnings(page, live_server, live_store, login, screenshot):
    login("tongxiang")
    page.goto(f"{live_server.url}/monitoring/warnings/?month={MONTH}")
    counties = set(page.locator("#warnings td.county").all_inner_texts())
    assert counties <= {"桐乡市"}
    screenshot("monitoring-warnings-tongxiang")
    response = page.goto(f"{live_server.url}/monitoring/?month={MONTH}&region=330481")
    assert response.status == 404


def test_admin_sets_a_target_and_reads_the_assessment(
    page, live_server, live_store, login, screenshot
):
    login("admin")
    page.goto(f"{live_server.url}/assessment/?year=2012")
    page.click("#edit-targets")
    page.fill("input[name=t__330483__rd_intensity]", "1.2")
    page.fill("input[name=t__330481__rd_intensity]", "abc")
    page.click("#save-targets")
    expect(page.locator(".messages")).to_contain_text("abc 不是数字")
    page.fill("input[name=t__330481__rd_intensity]", "1.3")
    page.click("#save-targets")
    expect(page.locator(".messages")).to_contain_text("已更新 2 项目标")
    page.goto(f"{live_server.url}/assessment/?year=2012")
    expect(page.locator("#assessment tbody tr")).to_have_count(9)
    screenshot("assessment")
