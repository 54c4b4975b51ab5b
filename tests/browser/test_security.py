"""Issue 11: under the Content-Security-Policy (self only) the pages still draw their charts,
bars and menus, and the browser reports no blocked script or style."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_pages_work_under_the_content_security_policy(page, live_server, live_store, login):
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text
            else None)  # fmt: skip
    login("leader")
    expect(page.locator("#structure-chart canvas").first).to_be_visible()
    widths = page.eval_on_selector_all(".progress span", "els => els.map(e => e.style.width)")
    assert widths and all(w.endswith("%") for w in widths)  # drawn by web/app.js
    page.goto(f"{live_server.url}/analytics/explorer/")
    expect(page.locator("canvas").first).to_be_visible()
    page.goto(f"{live_server.url}/monitoring/")
    expect(page.locator("#trend-chart canvas").first).to_be_visible()
    assert page.eval_on_selector("#trend-chart", "e => e.getBoundingClientRect().height") >= 300
    page.select_option("select[name=language]", "en")  # the menu submits itself (web/app.js)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert blocked == []


def test_api_docs_load_from_local_files_under_the_policy(page, live_server, live_city):
    blocked, outside = [], []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text
            else None)  # fmt: skip
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server.url)
            and not r.url.startswith("data:") else None)  # fmt: skip
    page.goto(f"{live_server.url}/api/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Zhuanxing API")
    assert blocked == [] and outside == []
