"""The user guide's screenshots (docs/user-guide/), taken from the demo city by the same steps the
guide numbers. ``make user-guide`` runs this with ZHUANXING_USER_GUIDE=1 and the pictures land in
docs/user-guide/img/; in the normal test run they go to test-artifacts/ and the steps are checked
all the same, so the guide cannot drift from the pages unnoticed."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from zhuanxing.accounts.models import User
from zhuanxing.reporting.models import AnnualReport, ReportStatus

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
OUT = (
    ROOT / "docs" / "user-guide" / "img"
    if os.environ.get("ZHUANXING_USER_GUIDE")
    else ROOT / "test-artifacts" / "user-guide"
)


@pytest.fixture
def shot(page):
    OUT.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> None:
        page.screenshot(path=str(OUT / f"{name}.png"), full_page=False)

    return take


def _log_out(page):
    page.click("header .session form button[type=submit]")


def test_enterprise_clerk(page, live_city, login, shot):
    firm = User.objects.get(username="firm").enterprise
    report = AnnualReport.objects.filter(enterprise=firm).order_by("-year").first()
    AnnualReport.objects.filter(pk=report.pk).update(status=ReportStatus.REJECTED)
    from zhuanxing.reporting.models import ReportReview

    ReportReview.objects.create(kind="annual", enterprise=firm, period=str(report.year),
                                action="reject", user=User.objects.get(username="tongxiang"),
                                comment="利润总额与上年相差较大，请核实")  # fmt: skip
    login("firm")
    expect(page.locator("nav.mainnav")).to_contain_text("本企业")
    shot("clerk-1-home")
    page.click("nav.mainnav >> text=数据报送")
    shot("clerk-2-filing")
    page.click(f"#own-filing a[href$='/{report.year}/']")
    expect(page.locator("#rejection")).to_be_visible()
    shot("clerk-3-rejected")
    page.click("nav.mainnav >> text=评价结果")
    shot("clerk-4-results")


def test_county_officer(page, live_store, login, shot):
    login("tongxiang")
    expect(page.locator("h1")).to_contain_text("桐乡")
    shot("officer-1-cockpit")
    page.click("nav.mainnav >> text=企业")
    shot("officer-2-enterprises")
    page.click("nav.mainnav >> text=数据报送")
    page.click("a[href$='/reporting/review/']")
    shot("officer-3-review")
    page.click("nav.mainnav >> text=运行监测")
    shot("officer-4-monitoring")
    page.click("nav.mainnav >> text=产业集群")
    expect(page.locator("#counties tbody tr")).to_have_count(1)
    shot("officer-5-clusters")
    page.click("#to-paths")
    expect(page.locator("#opportunities")).to_be_visible()
    shot("officer-6-paths")


def test_city_administrator(page, live_store, login, shot):
    login("admin")
    page.click("nav.mainnav >> text=系统管理")
    expect(page.locator("#content-main")).to_contain_text("用户")
    shot("admin-1-index")
    page.click("#content-main a[href$='/admin/accounts/user/']")
    shot("admin-2-users")
    page.goto(page.url.split("/admin/")[0] + "/policy/")
    shot("admin-3-policy")
    page.click("nav.mainnav >> text=亩均评价")
    shot("admin-4-evaluation")
    page.click("nav.mainnav >> text=数据报送")
    page.click("a[href$='/reporting/locks/']")
    shot("admin-5-locks")


def test_leader(page, live_store, login, shot):
    login("leader")
    expect(page.locator("h1")).to_contain_text("嘉兴市")
    shot("leader-1-cockpit")
    page.click("nav.mainnav >> text=目标考核")
    shot("leader-2-assessment")
    page.click("nav.mainnav >> text=指标查询")
    shot("leader-3-explorer")


def test_bank_user(page, live_city, login, shot):
    """Chapter 5: the city publishes the 2012 list (chapter 3.6), the bank user reads it."""
    from test_bank_list import _plan

    from zhuanxing.policy.active import policy_in_force
    from zhuanxing.support.services import recommendation_build, recommendation_publish

    admin = User.objects.get(username="admin")
    _plan(admin)
    login("admin")
    page.click("nav.mainnav >> text=扶持政策")
    page.click("nav.tabs >> text=向银行推荐项目")
    page.click("#build button[type=submit]")
    expect(page.locator("#items tbody tr")).to_have_count(3)
    shot("admin-6-bank-list")
    built = recommendation_build(user=admin, year=2012, policy=policy_in_force())
    recommendation_publish(user=admin, recommendation=built)
    _log_out(page)
    login("bank")
    expect(page.locator("h1")).to_have_text("向银行推荐项目")
    shot("bank-1-lists")
    page.click("#lists a")
    expect(page.locator("#items tbody tr")).to_have_count(2)
    shot("bank-2-list")
