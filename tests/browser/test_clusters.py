"""Industrial clusters and upgrading paths in the browser: a county officer sees their county's
clusters, towns and paths, and none of another county's (the region selector offers only their
own units; naming another county's region answers 404)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TONGXIANG, HAINING = "330483", "330481"


def test_county_officer_sees_their_countys_clusters_and_paths(page, live_server, live_store,
                                                              login, screenshot):  # fmt: skip
    from zhuanxing.orgunits.models import OrgUnit

    tongxiang = OrgUnit.objects.get(code=TONGXIANG)
    haining = OrgUnit.objects.get(code=HAINING)
    login("tongxiang")
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="产业集群").first.click()
    expect(page.locator("h1")).to_contain_text(f"产业集群 · {tongxiang.name}")
    counties = page.locator("#counties tbody tr")
    expect(counties).to_have_count(1)
    expect(counties.first).to_have_attribute("data-unit", TONGXIANG)
    expect(page.locator("#industries tbody tr").first).to_be_visible()
    expect(page.locator("#cluster-chart")).to_have_attribute("data-drawn", "1")
    towns = page.locator("#towns tbody tr")
    assert towns.count() > 0
    for code in towns.evaluate_all("rows => rows.map(r => r.dataset.unit)"):
        assert code.startswith(TONGXIANG)
    options = page.locator("#region option").evaluate_all("os => os.map(o => o.value)")
    assert options[0] == TONGXIANG and all(o.startswith(TONGXIANG) for o in options)
    assert haining.name not in page.content()
    screenshot("clusters-identification")

    page.click("#to-paths")
    expect(page.locator("h1")).to_contain_text(f"升级路径 · {tongxiang.name}")
    rows = page.locator("#opportunities tbody tr")
    expect(rows.first).to_be_visible()
    assert rows.count() >= 1
    expect(page.locator("#held")).not_to_have_text("—")
    units = page.locator("#units tbody tr").evaluate_all("rows => rows.map(r => r.dataset.unit)")
    assert units and all(code.startswith(TONGXIANG) for code in units)
    assert haining.name not in page.content()
    screenshot("clusters-paths")

    response = page.goto(f"{live_server.url}/clusters/paths/?region={HAINING}")
    assert response.status == 404
