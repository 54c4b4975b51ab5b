"""The tax pages over HTTP: revenue forgone by county and incentive, scoped to the user, the
export equal to the page, one enterprise's years."""

import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from factories import HAINING, JIASHAN, TONGXIANG, annual_report, enterprise, world

pytestmark = pytest.mark.django_db

# Every world firm (industry 3443, not high-tech) reports profit 180, R&D 60, 120 staff, 4000万
# assets. 2012 (条例 第九十五条, 50%): 180 − 30 = 150; 25%: 45.00 → 37.50; forgone 7.50 a firm.


@pytest.fixture
def city():
    return world(per_county=2, years=(2011, 2012), months=())


def page(client, user, **params):
    client.force_login(user)
    return client.get(reverse("support:tax"), params)


def county_rows(response):
    return [row for row, _ in response.context["rows"]]


def test_city_admin_sees_each_county(client, city):
    response = page(client, city.users["admin"], year=2012)
    assert response.status_code == 200
    rows, total = county_rows(response), response.context["total"]
    assert [r.code for r in rows] == sorted([TONGXIANG, HAINING, JIASHAN])
    assert all(r.forgone == D("15.00") and r.enterprises == 2 for r in rows)
    assert total.forgone == D("45.00") and total.by_incentive["rd_super_deduction"] == D("45.00")
    assert total.tax_without == D("270.00") and total.tax_due == D("225.00")
    assert (
        "条例 第九十五条" in response.content.decode() or "第九十五条" in response.content.decode()
    )


def test_county_officer_sees_only_their_county(client, city):
    response = page(client, city.users["tongxiang"], year=2012)
    rows = county_rows(response)
    assert [r.code for r in rows] == [TONGXIANG]
    assert response.context["total"].forgone == D("15.00")
    assert "海宁" not in response.content.decode()


def test_enterprise_user_has_no_city_page(client, city):
    assert page(client, city.users["firm"]).status_code == 403


def test_export_equals_the_page(client, city):
    for who in ("admin", "tongxiang"):
        shown = page(client, city.users[who], year=2012).context
        client.force_login(city.users[who])
        response = client.get(reverse("support:tax"), {"year": 2012, "export": "xlsx"})
        sheet = load_workbook(io.BytesIO(response.content)).active
        last = [c.value for c in sheet[sheet.max_row]]
        assert sheet.max_row == len(shown["rows"]) + 2
        assert D(str(last[-2])) == shown["total"].forgone
        assert D(str(last[-1])) == shown["total"].tax_due
        # Only the incentives that apply: here the R&D super deduction alone.
        assert sheet[1][4].value == "研发费用加计扣除" and sheet.max_column == 7
        assert D(str(last[4])) == shown["total_amounts"][0]


def test_small_low_profit_and_high_tech_by_county(client, city):
    # A Jiashan small firm in 2010: profit 3, 10 staff → 3 × 50% × 20% = 0.30 (财税〔2009〕133号),
    # forgone 0.75 − 0.30 = 0.45. A Haining high-tech (3961) firm: (180 − 30) × 15% = 22.50,
    # high-tech 37.50 − 22.50 = 15.00, R&D 7.50.
    small = enterprise(town="330421001")
    annual_report(small, 2010, profit=D(3), employees=10, total_assets=D(100), rd_spending=None)
    tech = enterprise(town="330481001", industry_code="3961")
    annual_report(tech, 2010)
    rows = {r.code: r for r in county_rows(page(client, city.users["admin"], year=2010))}
    assert rows[JIASHAN].by_incentive["small_low_profit"] == D("0.45")
    assert rows[HAINING].by_incentive["high_tech"] == D("15.00")
    assert rows[HAINING].by_incentive["rd_super_deduction"] == D("7.50")
    assert rows[HAINING].forgone == D("22.50")


@pytest.mark.parametrize("year", ["2030", "x", "2007"])
def test_a_bad_year_is_refused(client, city, year):
    assert page(client, city.users["admin"], year=year).status_code == 400


def test_enterprise_page_scoped(client, city):
    own = city.firms[TONGXIANG][0]
    other = city.firms[HAINING][0]
    client.force_login(city.users["firm"])
    response = client.get(reverse("support:enterprise_tax", kwargs={"pk": own.pk}))
    assert response.status_code == 200
    assert [r[1].saving for r in response.context["rows"]] == [D("7.50"), D("7.50")]
    assert client.get(reverse("support:enterprise_tax", kwargs={"pk": other.pk})).status_code == 404
    mine = client.get(reverse("support:my_tax"))
    assert mine.status_code == 302 and mine.url.endswith(f"/{own.pk}/")
    client.force_login(city.users["tongxiang"])
    assert client.get(reverse("support:enterprise_tax", kwargs={"pk": other.pk})).status_code == 404


def test_draft_reports_do_not_count(client, city):
    draft = enterprise(town="330483001")
    annual_report(draft, 2012, status="draft")
    rows = county_rows(page(client, city.users["admin"], year=2012))
    assert sum(r.enterprises for r in rows) == 6


def test_english(client, city, settings):
    client.force_login(city.users["admin"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(reverse("support:tax"), {"year": 2012}).content.decode()
    assert "Revenue forgone" in text and "R&amp;D super deduction" in text
    zh = {"减免税额合计", "研发费用加计扣除"}
    assert not any(word in text for word in zh)


def test_the_year_menu_lists_each_year_once(client, city):
    # Six firms report in 2011 and 2012: each year is one option, newest first (the reports'
    # default ordering once entered the DISTINCT and listed a year per report).
    response = page(client, city.users["admin"], year=2012)
    assert response.context["years"] == [2012, 2011]
    assert response.content.decode().count('<option value="2011"') == 1


# --- the city's estimates are cached (support.selectors.city_estimates) ----------------------


def test_a_changed_report_changes_the_page(client, city):
    """The cache is keyed by the year's counted reports: a report saved with a new profit, a
    report no longer counted and a firm moved to a high-tech industry each show at once."""
    admin = city.users["admin"]
    assert page(client, admin, year=2012).context["total"].forgone == D("45.00")
    report = city.firms[TONGXIANG][0].annual_reports.get(year=2012)
    # Profit 380, R&D 60: (380 − 30) × 25% = 87.50 against 95.00: forgone 7.50 as before, but
    # the tax without incentives grows by 200 × 25% = 50.00 (270.00 → 320.00).
    report.profit = D(380)
    report.save()
    shown = page(client, admin, year=2012).context
    assert shown["total"].tax_without == D("320.00") and shown["total"].forgone == D("45.00")
    # Back to draft: no longer counted, 5 firms × 7.50.
    report.status = "draft"
    report.save()
    shown = page(client, admin, year=2012).context
    assert shown["total"].enterprises == 5 and shown["total"].forgone == D("37.50")
    # A firm becomes high-tech (3961): (180 − 30) × 15% = 22.50 instead of 37.50; forgone
    # 45.00 − 37.50 = 7.50 + 15.00 = 22.50 for it, 37.50 + 15.00 = 52.50 in all.
    firm = city.firms[HAINING][0]
    firm.industry_code = "3961"
    firm.save()
    shown = page(client, admin, year=2012).context
    assert shown["total"].forgone == D("52.50")
    assert shown["total"].by_incentive["high_tech"] == D("15.00")


def test_a_county_officer_never_gets_the_city_from_the_cache(client, city):
    """The admin's visit fills the cache with the whole city's estimates; the officer's page,
    its export and its list of firms hold only their county's."""
    assert len(county_rows(page(client, city.users["admin"], year=2012))) == 3
    officer = city.users["tongxiang"]
    response = page(client, officer, year=2012)
    shown = response.context
    assert [r.code for r in county_rows(response)] == [TONGXIANG]
    assert shown["total"].enterprises == 2 and shown["total"].forgone == D("15.00")
    own = {f.pk for f in city.firms[TONGXIANG]}
    assert shown["firms"] and {firm.pk for firm, _, _ in shown["firms"]} <= own
    response = client.get(reverse("support:tax"), {"year": 2012, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 3 and "海宁" not in str([c.value for c in sheet["A"]])


def test_the_top_firms_match_the_estimates(client, city):
    """The list of firms rebuilt from the cache carries each firm's rate, saving and
    incentives as the calculator gives them (2012: 25%, R&D 7.50 each); ties by firm id."""
    firms = page(client, city.users["admin"], year=2012).context["firms"]
    ids = [firm.pk for firm, _, _ in firms]
    assert ids == sorted(ids)
    for _, result, labels in firms:
        assert result.rate == D(25) and result.saving == D("7.50")
        assert result.incentives[0].key == "rd_super_deduction" and labels == ["研发费用加计扣除"]
