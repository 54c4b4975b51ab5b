"""Per-mu evaluation in the browser: the admin runs and publishes; an enterprise user sees its
class and the hints; a county officer's lists stay in their county."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def environment(live_city):
    from zhuanxing.evaluation.demo_data import seed_environment

    seed_environment(7)


def test_admin_runs_and_publishes(page, live_server, environment, login, screenshot):
    login("admin")
    page.goto(f"{live_server.url}/evaluation/")
    page.select_option("#run-create select[name=year]", "2012")
    page.click("#run-create button[type=submit]")
    # A background job: its page shows the progress, then a link to the run.
    expect(page).to_have_url(re.compile(r"/jobs/\d+/$"))
    expect(page.locator("#job-status")).to_have_text("已完成")
    expect(page.locator("#progress progress")).to_have_attribute("value", "100")
    page.click("#result-link")
    expect(page.locator("#run-status")).to_have_text("草稿")
    expect(page.locator("#by-county tbody tr")).to_have_count(10)  # 9 units + total
    page.once("dialog", lambda dialog: dialog.accept())  # "publish?" asked first
    page.click("#publish")
    expect(page.locator("#run-status")).to_have_text("已发布")
    screenshot("evaluation-run")
    page.click("#ranked-list")
    expect(page.locator("#results tbody tr").first).to_be_visible()
    screenshot("evaluation-results")
    page.click("#make-batch") if page.locator("#make-batch").count() else None


def test_enterprise_user_sees_class_and_hints(page, live_server, environment, login, screenshot):
    from zhuanxing.accounts.models import User
    from zhuanxing.evaluation.models import EvaluationResult
    from zhuanxing.evaluation.services import evaluation_run_create, evaluation_run_publish
    from zhuanxing.policy import get_active_policy

    admin = User.objects.get(username="admin")
    run = evaluation_run_create(year=2012, user=admin, policy=get_active_policy())
    evaluation_run_publish(run=run, user=admin)
    # Give the demo enterprise user a C-class firm, so there is a next class to reach.
    weaker = EvaluationResult.objects.filter(run=run, klass="C", population="above_scale").first()
    User.objects.filter(username="firm").update(enterprise=weaker.enterprise)
    login("firm")
    page.goto(f"{live_server.url}/evaluation/enterprises/{weaker.enterprise_id}/")
    expect(page.locator("#current-class")).to_have_text("C")
    expect(page.locator("#hint-summary")).to_contain_text("B")
    expect(page.locator("#hints tbody tr")).to_have_count(6)
    screenshot("evaluation-enterprise-hints")
    response = page.goto(f"{live_server.url}/evaluation/")
    assert response.status == 403


def test_county_officer_lists_only_their_county(page, live_server, environment, login):
    from zhuanxing.accounts.models import User
    from zhuanxing.evaluation.services import evaluation_run_create
    from zhuanxing.policy import get_active_policy

    run = evaluation_run_create(
        year=2012, user=User.objects.get(username="admin"), policy=get_active_policy()
    )
    login("tongxiang")
    page.goto(f"{live_server.url}/evaluation/runs/{run.pk}/results/")
    orgs = page.locator("#results tbody tr td:nth-child(3)").all_inner_texts()
    from zhuanxing.orgunits.models import OrgUnit

    tongxiang = set(
        OrgUnit.objects.filter(path__startswith="/330400/330483/").values_list("name", flat=True)
    )
    assert orgs and set(orgs) <= tongxiang
    expect(page.locator("#by-county")).to_have_count(0)


def test_what_if_shows_losses_targets_and_assessment(
    page, live_server, environment, live_store, login, screenshot
):
    from decimal import Decimal

    from zhuanxing.accounts.models import User
    from zhuanxing.assessment.models import CountyTarget
    from zhuanxing.evaluation.services import evaluation_run_create
    from zhuanxing.orgunits.models import OrgUnit, OrgUnitKind
    from zhuanxing.policy import get_active_policy

    run = evaluation_run_create(
        year=2012, user=User.objects.get(username="admin"), policy=get_active_policy()
    )
    for u in OrgUnit.objects.filter(kind__in=[OrgUnitKind.COUNTY, OrgUnitKind.ZONE]):
        CountyTarget.objects.create(
            org_unit=u, year=2012, indicator="industrial_value_added", target=Decimal(1)
        )
    login("admin")
    page.goto(f"{live_server.url}/evaluation/simulate/")
    page.select_option("#simulate-form select[name=run]", str(run.pk))
    page.select_option("#simulate-form select[name=population]", "above_scale")
    page.select_option("#simulate-form select[name=land]", "kept")
    page.click("#simulate-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/jobs/\d+/$"))  # the job's page, then its result
    expect(page.locator("#job-status")).to_have_text("已完成")
    expect(page.locator("#simulation-basis")).to_contain_text("再出让前仍计入")
    expect(page.locator("#population-note")).to_contain_text("规下企业")
    expect(page.locator("#simulation tbody tr").first).to_be_visible()
    expect(page.locator("#simulation td.region-mu-after").first).to_be_visible()
    expect(page.locator("#simulation-targets tbody tr").first).to_be_visible()
    expect(page.locator("#simulation-assessment tbody tr")).to_have_count(9)
    screenshot("evaluation-what-if")
    with page.expect_download() as download:
        page.click("#export")
    assert download.value.suggested_filename == "simulation-2012.xlsx"


def test_clean_production_list_pages_filters_and_exports_the_filtered_rows(
    page, live_server, environment, login, screenshot, settings
):
    """Issue 13 (5): a long list pages on the server; its export holds the filtered rows."""
    from io import BytesIO

    from openpyxl import load_workbook

    # The server is a separate process (gunicorn): it pages by its own PAGE_SIZE; paging
    # itself is tested over HTTP (tests/evaluation/test_long_lists.py).
    login("admin")
    page.goto(f"{live_server.url}/evaluation/clean-production/")
    total = int("".join(ch for ch in page.locator("p.count").inner_text().split("·")[0]
                        if ch.isdigit()))  # fmt: skip
    shown = min(total, settings.ZHUANXING["PAGE_SIZE"])
    expect(page.locator("#audits tbody tr")).to_have_count(shown)
    page.select_option("#list-filters select[name=reason]", "toxic_substances")
    page.click("#list-filters button[type=submit]")
    count = int("".join(ch for ch in page.locator("p.count").inner_text().split("·")[0]
                        if ch.isdigit()))  # fmt: skip
    assert count > 5
    expect(page.locator("#audits tbody tr").first).to_contain_text("有毒有害")
    page.locator("#audits thead a", has_text="名称").click()
    screenshot("clean-production-list")
    with page.expect_download() as download:
        page.click("#export")
    ws = load_workbook(BytesIO(open(download.value.path(), "rb").read())).active
    rows = [r for r in ws.iter_rows(min_row=3, values_only=True) if any(r)]
    assert len(rows) == count and all("有毒有害" in r[4] for r in rows)
