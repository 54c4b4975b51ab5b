"""The pages on a phone (390×844, mobile, touch): no sideways scrolling of the page, the menu
behind its button, the leader's cockpit and the clerk's monthly report end to end; and the
print styles (A4, no table cut off)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from zhuanxing.reporting import services
from zhuanxing.reporting.models import MonthlyReport, ReportStatus

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
A4_PRINTABLE_PX = 718  # 210 mm less the 10 mm margins of @page, at 96 px per inch
NO_SIDEWAYS = "() => document.documentElement.scrollWidth <= window.innerWidth"
# Elements sticking out to the right of the viewport, outside a scroll box (for the message).
WIDE = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.scroll'))
  .slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id)"""


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN", device_scale_factor=1
    )
    page = context.new_page()

    def login(username: str) -> None:
        page.goto(f"{live_server.url}/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", "zhuanxing2009")
        page.tap("button[type=submit]")
        expect(page.locator("h1")).to_be_visible()

    def shot(name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    page.login = login
    page.shot = shot
    yield page
    context.close()


def assert_fits(page, what: str = "") -> None:
    assert page.evaluate(NO_SIDEWAYS), (what or page.url, page.evaluate(WIDE))


def menu_entries(page) -> list[tuple[str, str]]:
    """Open the menu with its button and return every entry (label, href), each checked to be
    visible and at least 44 px tall (a thumb's touch target)."""
    nav = page.locator("nav.mainnav")
    expect(nav).to_be_hidden()  # closed: the compact header
    page.tap(".menu-toggle")
    expect(nav).to_be_visible()
    expect(page.locator(".menu-toggle")).to_have_attribute("aria-expanded", "true")
    entries = []
    for link in nav.locator("a").all():
        expect(link).to_be_visible()
        assert link.bounding_box()["height"] >= 43.99  # 44 px, as the layout rounds it
        entries.append((link.inner_text(), link.get_attribute("href")))
    expect(page.locator(".session select[name=language]")).to_be_visible()
    assert page.locator(".menu-toggle").bounding_box()["height"] >= 43.99
    return entries


def visit_every_entry(page, entries) -> None:
    """Reach each menu entry through the menu button, and check its page fits the phone."""
    for label, href in entries:
        if not page.locator("nav.mainnav").is_visible():
            page.tap(".menu-toggle")
        page.locator("nav.mainnav a", has_text=label).first.tap()
        page.wait_for_url(f"**{href}*")
        expect(page.locator("h1")).to_be_visible()
        page.wait_for_load_state("networkidle")
        assert_fits(page, label)


def test_leader_cockpit_on_a_phone(phone, live_server, live_store):
    page = phone
    page.login("leader")
    expect(page.locator("h1")).to_contain_text("领导驾驶舱")
    expect(page.locator("#map-chart[data-drawn='1'] canvas")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert_fits(page)
    # The header is one line: the brand and the menu button, not a column of characters.
    header = page.locator("header.topbar").bounding_box()
    assert header["height"] < 80
    # Target cards first, one column, before the charts.
    cards = page.locator(".target-card")
    first = cards.first.bounding_box()
    charts_top = page.locator("#structure-chart").bounding_box()["y"]
    assert first["width"] > 300 and first["y"] < charts_top
    assert cards.nth(1).bounding_box()["y"] > first["y"]  # stacked, not side by side
    # Charts fit the screen; the map zooms by touch (roam); legends wrap (plain, not scrolled).
    for chart in ("#structure-chart", "#modes-chart", "#map-chart"):
        assert page.locator(chart).bounding_box()["width"] <= PHONE["width"]
    option = "id => echarts.getInstanceByDom(document.getElementById(id)).getOption()"
    assert page.evaluate(f"({option})('map-chart').series[0].roam") is True
    assert page.evaluate(f"({option})('structure-chart').legend[0].type") == "plain"
    # The county table: the key columns, the rest behind a button; it scrolls in its own box.
    table = page.locator("#counties-table")
    extra = table.locator("thead th.extra").first
    expect(extra).to_be_hidden()
    visible_columns = table.locator("thead th:visible").count()
    assert visible_columns == 4  # the region and three key indicators
    page.tap("[data-columns-toggle=counties-table]")
    expect(extra).to_be_visible()
    assert table.locator("thead th:visible").count() > visible_columns
    box = page.locator(".scroll:has(#counties-table)")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")  # scrolls inside the card
    first_cell = table.locator("tbody tr td").first
    left = first_cell.bounding_box()["x"]
    box.evaluate("b => { b.scrollLeft = 400; }")
    assert abs(first_cell.bounding_box()["x"] - left) <= 2  # the first column stays
    assert_fits(page, "all columns shown")
    page.shot("phone-cockpit")
    # Turning the phone: the charts take the new width.
    before = page.locator("#structure-chart canvas").first.bounding_box()["width"]
    page.set_viewport_size({"width": 844, "height": 390})
    page.wait_for_function(
        "w => document.querySelector('#structure-chart canvas').getBoundingClientRect().width > w",
        arg=before + 100,
    )
    page.set_viewport_size(PHONE)
    visit_every_entry(page, menu_entries(page))


def test_clerk_monthly_report_on_a_phone(phone, live_server, live_city, users):
    page = phone
    firm = users["firm"].enterprise
    latest = MonthlyReport.objects.filter(enterprise=firm).order_by("-period").first()
    latest.status = ReportStatus.SUBMITTED
    latest.save()
    reason = "工业销售产值高于工业总产值，请核对销售台账后重报。"
    services.monthly_report_reject(report=latest, user=users["tongxiang"], comment=reason)

    page.login("firm")
    expect(page.locator("h1")).to_have_text(firm.name)
    status = page.locator("#filing-status")
    expect(status).to_contain_text(latest.period)
    expect(status).to_contain_text("已退回")
    expect(page.locator("#filing-rejection")).to_contain_text(reason)
    page.wait_for_load_state("networkidle")
    assert_fits(page)
    page.shot("phone-clerk-home")
    page.tap("#filing-open")
    expect(page.locator("h1")).to_contain_text(latest.period)
    expect(page.locator("#rejection")).to_contain_text(reason)
    assert_fits(page)
    # One column: each label above its input; numbers open the numeric keyboard.
    gross = page.locator("input[name=gross_output]")
    expect(gross).to_have_attribute("inputmode", "decimal")
    label = page.locator("label[for=id_gross_output]").bounding_box()
    field = gross.bounding_box()
    assert field["y"] > label["y"] + label["height"] - 1 and field["width"] > 250
    numeric = page.locator(".entry-input input[type=text]")
    assert numeric.count() == page.locator(".entry-input input[inputmode=decimal]").count() > 5
    # The live rule message beside the field as the clerk types.
    page.fill("input[name=value_added]", str(latest.gross_output + 50))
    page.locator("input[name=value_added]").blur()
    rule = page.locator("#msg-value_added .tag.error")
    expect(rule).to_contain_text("工业增加值不能大于工业总产值")
    page.shot("phone-clerk-rule")
    page.fill("input[name=value_added]", str(latest.value_added or 1))
    page.locator("input[name=value_added]").blur()
    expect(page.locator("#msg-value_added .tag")).to_have_count(0)
    submit = page.locator("button[name=submit]")
    assert submit.bounding_box()["height"] >= 43.99
    submit.tap()
    expect(page.locator(".messages")).to_contain_text("已保存")
    expect(page.locator("#report-status")).to_have_text("已报送")
    expect(page.locator("#rejection")).to_have_count(0)
    assert_fits(page)
    page.shot("phone-clerk-submitted")
    latest.refresh_from_db()
    assert latest.status == ReportStatus.SUBMITTED
    visit_every_entry(page, menu_entries(page))


@pytest.mark.parametrize("username", ["admin", "leader", "tongxiang", "firm"])
def test_main_pages_of_each_role_fit_a_phone(phone, live_server, live_store, username):
    page = phone
    page.login(username)
    page.wait_for_load_state("networkidle")
    assert_fits(page, "home")
    entries = menu_entries(page)
    firm = MonthlyReport.objects.order_by("pk").first().enterprise_id
    pages = [href for _, href in entries] + ["/account/tokens/"]
    if username != "firm":
        pages += [f"/enterprises/{firm}/", f"/evaluation/enterprises/{firm}/"]
    for href in pages:
        for width in (360, 430):
            page.set_viewport_size({"width": width, "height": 844})
            page.goto(f"{live_server.url}{href}")
            page.wait_for_load_state("networkidle")
            assert_fits(page, f"{href} at {width} px")


@pytest.fixture
def published_run(live_store):
    """A published 2012 evaluation of the live city, with its backward-capacity batch."""
    from zhuanxing.accounts.models import User
    from zhuanxing.evaluation.demo_data import seed_environment
    from zhuanxing.evaluation.services import (
        backward_capacity_batch_create,
        evaluation_run_create,
        evaluation_run_publish,
    )
    from zhuanxing.policy import get_active_policy

    seed_environment(7)
    admin = User.objects.get(username="admin")
    policy = get_active_policy()
    run = evaluation_run_create(year=2012, user=admin, policy=policy)
    evaluation_run_publish(run=run, user=admin)
    backward_capacity_batch_create(run=run, user=admin, name="2012", policy=policy)
    return run


def test_wide_tables_fit_their_card_on_a_desktop(page, live_server, published_run, login):
    """Issue 13, item 9: every column of the cockpit's county table on the screen, the
    assessment's total in view at 1440 px, and the backward-capacity headers over their
    controls."""
    login("admin")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{live_server.url}/analytics/cockpit/")
    headers = page.locator("#counties-table thead th")
    assert headers.count() == 11
    assert all(h.is_visible() for h in headers.all())
    box = page.locator(".scroll:has(#counties-table)")
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth")  # all 11 columns, no scrolling
    page.goto(f"{live_server.url}/assessment/")
    total = page.locator("#assessment thead th").last
    expect(total).to_have_text("合计")
    assert total.bounding_box()["x"] + total.bounding_box()["width"] <= 1440
    page.goto(f"{live_server.url}/evaluation/backward-capacity/")
    row = page.locator("#backward tbody tr").first
    heads = page.locator("#backward thead th")
    for control, header in (("select[name=status]", "状态"), ("input[name=note]", "备注")):
        th = heads.filter(has_text=re.compile("^" + header)).bounding_box()  # not 更改状态
        middle = row.locator(control).bounding_box()
        middle = middle["x"] + middle["width"] / 2
        assert th["x"] <= middle <= th["x"] + th["width"], (control, header)
    row.locator("select[name=status]").select_option(index=1)
    row.locator("input[name=note]").fill("已关停")
    row.locator("button[type=submit]").click()
    expect(page.locator("#backward tbody tr").first.locator("input[name=note]")).to_have_value(
        "已关停"
    )


def test_cockpit_and_evaluation_print_on_a4(page, live_server, published_run, login, screenshot):
    graded = published_run.results.filter(klass="C").first().enterprise_id
    login("admin")
    targets = ["/analytics/cockpit/", "/assessment/", f"/evaluation/enterprises/{graded}/"]
    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_PRINTABLE_PX, "height": 1000})
    for href in targets:
        page.goto(f"{live_server.url}{href}")
        page.wait_for_load_state("networkidle")
        expect(page.locator("nav.mainnav")).to_be_hidden()
        widths = page.evaluate(
            "() => [...document.querySelectorAll('table')]"
            ".map(t => t.getBoundingClientRect().right)"
        )
        assert widths and max(widths) <= A4_PRINTABLE_PX + 1, (href, widths)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= A4_PRINTABLE_PX
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / f"print-{href.strip('/').split('/')[0]}.pdf").write_bytes(pdf)
    screenshot("print-evaluation")
