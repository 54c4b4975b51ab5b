"""Monthly growth on a comparable basis (同口径), as the NBS monthly forms compute it: Σ this
year ÷ Σ 上年同期 over the same firms. A golden city of three firms, one new to 规上 in 2012,
small enough to check with a pencil:

    firm  county  规上 2011  VA 2012 Jan–Mar   上年同期 (as reported / filed 2011)
    A     桐乡    yes        110 110 110       100 100 100 entered (= filed)
    B     海宁    yes        200 210 220       —   —   —   left empty: the 2011 reports, 200 each
    C     海宁    no (new)   50  50  50        40  40  40  entered from its 2011 books

    Σ 2012 = 330 + 630 + 150 = 1110;  Σ 上年同期 = 300 + 600 + 120 = 1020
    growth = 90 / 1020 = 8.8235…%   (the old base, last year's reports of this year's 规上 firms,
    was 900: C counted as zero and growth read 23.33%)
    桐乡 Δ 30: contribution 33.33%, pull 30/1020 = 2.941 points
    海宁 Δ 60: contribution 66.67%, pull 60/1020 = 5.882 points
"""

from decimal import Decimal

import pytest

from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.loader import load_jiaxing_org_units
from zhuanxing.orgunits.models import OrgUnit
from zhuanxing.reference.uscc import make_uscc
from zhuanxing.reporting.models import AnnualReport, MonthlyReport

pytestmark = pytest.mark.django_db

# firm → (town, main revenue 2011, main revenue 2012)
FIRMS = {
    "A": ("330483001", 4000, 5000),
    "B": ("330481001", 7000, 8000),
    "C": ("330481002", 1500, 2500),
}
VA_2011 = {"A": (100, 100, 100), "B": (200, 200, 200)}
VA_2012 = {"A": (110, 110, 110), "B": (200, 210, 220), "C": (50, 50, 50)}
PRIOR_2012 = {"A": (100, 100, 100), "B": (None, None, None), "C": (40, 40, 40)}


@pytest.fixture
def three_firms(settings, tmp_path):
    from zhuanxing.analytics.build import build_store

    settings.ZHUANXING = {**settings.ZHUANXING, "ANALYTICS_PATH": str(tmp_path / "store.duckdb")}
    load_jiaxing_org_units()
    units = {u.code: u for u in OrgUnit.objects.all()}
    firms = {}
    for n, (key, (town, revenue_2011, revenue_2012)) in enumerate(sorted(FIRMS.items())):
        firm = Enterprise.objects.create(
            uscc=make_uscc("9", "1", town[:6], f"{n + 1:08d}"),
            name=f"同口径{key}有限公司",
            org_unit=units[town],
            industry_code="1711",
        )
        firms[key] = firm
        for year, revenue in ((2011, revenue_2011), (2012, revenue_2012)):
            AnnualReport.objects.create(
                enterprise=firm, year=year, status="approved", gross_output=revenue,
                sales_output=revenue, main_revenue=revenue, value_added=revenue / 4,
                employees=100,
            )  # fmt: skip
    for key, values in VA_2011.items():
        for month, va in enumerate(values, 1):
            _monthly(firms[key], 2011, month, va)
    for key, values in VA_2012.items():
        for month, (va, prior) in enumerate(zip(values, PRIOR_2012[key], strict=True), 1):
            _monthly(firms[key], 2012, month, va, prior)
    build_store()
    return firms


def _monthly(firm, year, month, va, prior=None):
    MonthlyReport.objects.create(
        enterprise=firm, period=f"{year}-{month:02d}", year=year, month=month, status="approved",
        gross_output=3 * va, sales_output=3 * va, value_added=va, prior_value_added=prior,
        prior_gross_output=None if prior is None else 3 * prior,
    )  # fmt: skip


def test_growth_is_over_the_same_firms_with_their_prior_period(three_firms):
    from zhuanxing.monitoring.operation import operation

    city = OrgUnit.objects.get(code="330400")
    op = operation(city, "2012-03")
    va = op.ytd_total.figures["value_added"]
    assert va.value == Decimal(1110)
    assert va.previous == Decimal(1020)
    assert float(va.growth) == pytest.approx(90 / 1020 * 100)
    lines = {line.code: line.figures["value_added"] for line in op.counties}
    assert float(lines["330483"].growth) == pytest.approx(10.0)
    assert float(lines["330481"].growth) == pytest.approx(60 / 720 * 100)
    assert float(lines["330483"].contribution) == pytest.approx(100 / 3)
    assert float(lines["330481"].contribution) == pytest.approx(200 / 3)
    assert float(lines["330483"].pull) == pytest.approx(30 / 1020 * 100)
    assert float(lines["330481"].pull) == pytest.approx(60 / 1020 * 100)
    # The month itself (March): 110 + 220 + 50 = 380 over 100 + 200 + 40 = 340.
    march = op.month_total.figures["value_added"]
    assert float(march.growth) == pytest.approx(40 / 340 * 100)


def test_a_firm_without_prior_period_is_left_out_of_both_sides(three_firms):
    """No 上年同期 entered and nothing filed a year earlier: the firm's figures count in the
    total but not in the growth (the null rule of paired measures)."""
    from zhuanxing.analytics.build import build_store
    from zhuanxing.monitoring.operation import operation

    MonthlyReport.objects.filter(enterprise=three_firms["C"]).update(
        prior_value_added=None, prior_gross_output=None
    )
    build_store()
    va = operation(OrgUnit.objects.get(code="330400"), "2012-03").ytd_total.figures["value_added"]
    assert va.value == Decimal(1110)
    assert va.previous == Decimal(900) and va.compared == Decimal(960)
    assert float(va.growth) == pytest.approx(60 / 900 * 100)


def test_entry_form_prefills_prior_period_from_last_years_report(client, three_firms):
    from django.urls import reverse

    from zhuanxing.accounts.models import User

    admin = User.objects.create_superuser("cityadmin", password="x")
    client.force_login(admin)
    firm = three_firms["B"]
    # B's March report left 上年同期 empty: the form offers what B filed for March 2011.
    response = client.get(reverse("reporting:entry", args=[firm.pk, "2012-03"]))
    assert response.status_code == 200
    assert response.context["form"].initial["prior_value_added"] == Decimal("200.00")


def test_prior_period_differing_from_what_was_filed_is_flagged(three_firms):
    from zhuanxing.accounts.models import User
    from zhuanxing.policy.active import policy_in_force
    from zhuanxing.reporting.selectors import entry_check

    admin = User.objects.create_superuser("cityadmin2", password="x")
    data = {"gross_output": "600", "sales_output": "600", "value_added": "230",
            "prior_value_added": "260", "prior_gross_output": "600"}  # fmt: skip
    _, lines = entry_check(
        user=admin, kind="monthly", enterprise=three_firms["B"], period="2012-04", data=data,
        policy=policy_in_force(),
    )  # fmt: skip
    assert not [x for x in lines if x.rule == "prior_value_added_as_filed"]  # no 2011-04 report
    _, lines = entry_check(
        user=admin, kind="monthly", enterprise=three_firms["B"], period="2012-03", data=data,
        policy=policy_in_force(),
    )  # fmt: skip
    rules = {x.rule for x in lines}
    assert "prior_value_added_as_filed" in rules  # 260 against 200 filed: over 5 %
    assert "prior_gross_output_as_filed" not in rules  # 600 as filed


def test_incremental_refresh_follows_a_corrected_report_of_last_year(three_firms):
    """B left 上年同期 empty, so its base is what it filed a year earlier: correcting that
    report must move this year's growth after an incremental refresh."""
    from zhuanxing.analytics.build import build_store
    from zhuanxing.monitoring.operation import operation

    report = MonthlyReport.objects.get(enterprise=three_firms["B"], period="2011-03")
    report.value_added = 300
    report.save()
    assert build_store(incremental=True).mode == "incremental"
    va = operation(OrgUnit.objects.get(code="330400"), "2012-03").ytd_total.figures["value_added"]
    assert va.previous == Decimal(1120)  # 300 + 700 + 120
