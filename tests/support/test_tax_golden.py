"""Golden tests of the tax-incentive calculator: hand-worked cases for each year regime.

Each case states the arithmetic and the legal basis it relies on (as cited in the policy file).
Money in 万元; every tax rounded half up to 0.01.
"""

from decimal import Decimal as D

import pytest

from zhuanxing.support.tax import Credit, TaxInput, estimate, estimate_years

BIG = {"employees": 500, "total_assets": D(20000)}  # never a small low-profit enterprise


def run(policy, **kw):
    data = TaxInput(**kw)
    return estimate(data, policy.tax_rule_set(data.year))


def amounts(result):
    return {i.key: i.amount for i in result.incentives}


def test_2009_small_low_profit_at_20_percent(policy):
    # 法 第二十八条, 条例 第九十二条: industrial, 20万 ≤ 30万, 50 staff ≤ 100, 1000万 ≤ 3000万.
    # 25%: 20 × 0.25 = 5.00; 20%: 20 × 0.20 = 4.00; saving 1.00. No halving before 2010.
    r = run(policy, year=2009, taxable_income=D(20), employees=50, total_assets=D(1000))
    assert (r.tax_without_incentives, r.tax_due, r.saving, r.rate) == (D(5), D(4), D(1), 20)
    [slp] = r.incentives
    assert slp.key == "small_low_profit" and slp.amount == D(1)
    assert "第九十二条" in slp.basis and "第二十八条" in slp.basis


def test_2009_other_sector_staff_limit_80(policy):
    # "other" enterprises: at most 80 staff; 90 fail the test → 25%: 20 × 0.25 = 5.00.
    r = run(
        policy, year=2009, sector="other", taxable_income=D(20), employees=90, total_assets=D(500)
    )
    assert (r.tax_due, r.rate, r.incentives) == (D(5), 25, ())


def test_2010_halving_at_or_below_3_wan(policy):
    # 财税〔2009〕133号: ≤ 3万 (inclusive) counted at 50%, at 20%: 3 × 0.5 × 0.2 = 0.30;
    # without: 3 × 0.25 = 0.75; saving 0.45.
    r = run(policy, year=2010, taxable_income=D(3), employees=10, total_assets=D(100))
    assert (r.tax_without_incentives, r.tax_due, r.saving) == (D("0.75"), D("0.30"), D("0.45"))
    assert "财税〔2009〕133号" in r.incentives[0].basis


def test_2010_just_over_the_halving_line(policy):
    # 3.01 > 3: whole income at 20%: 0.602 → 0.60; without 0.7525 → 0.75 (half up); saving 0.15.
    r = run(policy, year=2010, taxable_income=D("3.01"), employees=10, total_assets=D(100))
    assert (r.tax_without_incentives, r.tax_due, r.saving) == (D("0.75"), D("0.60"), D("0.15"))


@pytest.mark.parametrize(
    ("year", "income", "due", "notice"),
    [
        # 2011 (财税〔2011〕4号): 3 × 0.5 × 0.2 = 0.30.
        (2011, D(3), D("0.30"), "财税〔2011〕4号"),
        # 2012 (财税〔2011〕117号): line 6万: 6 × 0.1 = 0.60; 2013 the same set.
        (2012, D(6), D("0.60"), "财税〔2011〕117号"),
        (2013, D(6), D("0.60"), "财税〔2011〕117号"),
        # 2014 (财税〔2014〕34号): line 10万: 10 × 0.1 = 1.00; 2013 still 6万: 10 × 0.2 = 2.00.
        (2014, D(10), D("1.00"), "财税〔2014〕34号"),
        (2013, D(10), D("2.00"), "财税〔2011〕117号"),
        # 2016 (财税〔2015〕99号): 30 × 0.1 = 3.00.
        (2016, D(30), D("3.00"), "财税〔2015〕99号"),
        # 2017 (财税〔2017〕43号): line and limit 50万: 50 × 0.1 = 5.00.
        (2017, D(50), D("5.00"), "财税〔2017〕43号"),
        # 2018 (财税〔2018〕77号): line and limit 100万: 100 × 0.1 = 10.00.
        (2018, D(100), D("10.00"), "财税〔2018〕77号"),
    ],
)
def test_whole_income_halving_by_year(policy, year, income, due, notice):
    r = run(policy, year=year, taxable_income=income, employees=50, total_assets=D(1000))
    assert r.tax_due == due
    assert notice in r.incentives[0].basis


def test_2017_over_the_old_30_wan_limit_still_small(policy):
    # 40万 > 30万 (条例 limit) but ≤ 50万 (财税〔2017〕43号): 40 × 0.5 × 0.2 = 4.00;
    # 2016: 25% = 10.00.
    kw = {"taxable_income": D(40), "employees": 50, "total_assets": D(1000)}
    assert run(policy, year=2017, **kw).tax_due == D(4)
    assert run(policy, year=2016, **kw).tax_due == D(10)


@pytest.mark.parametrize(
    ("year", "due", "notice"),
    [
        # 财税〔2019〕13号: 100 × 25% × 20% = 5 plus 150 × 50% × 20% = 15 → 20.00.
        (2019, D("20.00"), "财税〔2019〕13号"),
        (2020, D("20.00"), "财税〔2019〕13号"),
        # 公告2021年第12号: 100 × 12.5% × 20% = 2.5 plus 150 × 10% = 15 → 17.50.
        (2021, D("17.50"), "公告2021年第12号"),
        # 公告2022年第13号: 100 × 12.5% × 20% = 2.5 plus 150 × 25% × 20% = 7.5 → 10.00.
        (2022, D("10.00"), "公告2022年第13号"),
        # 公告2023年第6号/第12号: 250 × 25% × 20% = 12.50; 2024 the same.
        (2023, D("12.50"), "2023年第12号"),
        (2024, D("12.50"), "2023年第12号"),
    ],
)
def test_tiered_reliefs_from_2019(policy, year, due, notice):
    # 250万 income, 200 staff, 4000万 assets: small from 2019 (≤ 300 / 300 / 5000), not before.
    r = run(policy, year=year, taxable_income=D(250), employees=200, total_assets=D(4000))
    assert r.tax_without_incentives == D("62.50")
    assert r.tax_due == due and r.saving == D("62.50") - due
    assert r.rate == 20
    assert notice in r.incentives[0].basis


def test_2018_same_firm_not_small(policy):
    # 2018 limit 100万 and 100 staff: 250 × 25% = 62.50.
    r = run(policy, year=2018, taxable_income=D(250), employees=200, total_assets=D(4000))
    assert (r.tax_due, r.incentives) == (D("62.50"), ())


def test_2019_over_300_wan_not_small(policy):
    r = run(policy, year=2019, taxable_income=D(301), employees=200, total_assets=D(4000))
    assert (r.tax_due, r.rate) == (D("75.25"), 25)


@pytest.mark.parametrize(
    ("year", "sector", "rd", "due"),
    [
        # 条例 第九十五条, 50%: 1000 − 200 × 50% = 900; 25%: 225.00 (R&D 25.00); 15%: 135.00.
        (2009, "industrial", D("25.00"), D("135.00")),
        # 财税〔2018〕99号, 75%: 1000 − 150 = 850; 212.50 (R&D 37.50); 15%: 127.50.
        (2018, "other", D("37.50"), D("127.50")),
        # 公告2021年第13号, manufacturing 100%: 800; 200.00 (R&D 50.00); 15%: 120.00.
        (2021, "industrial", D("50.00"), D("120.00")),
        # 公告2021年第6号, others still 75%: as 2018.
        (2021, "other", D("37.50"), D("127.50")),
        (2022, "other", D("37.50"), D("127.50")),
        # 公告2023年第7号, 100% for all.
        (2023, "other", D("50.00"), D("120.00")),
    ],
)
def test_high_tech_with_rd_super_deduction(policy, year, sector, rd, due):
    r = run(
        policy,
        year=year,
        sector=sector,
        taxable_income=D(1000),
        rd_expense=D(200),
        high_tech=True,
        **BIG,
    )
    parts = amounts(r)
    assert r.tax_without_incentives == D("250.00")
    assert parts["rd_super_deduction"] == rd
    assert parts["high_tech"] == D("250.00") - rd - due
    assert (r.tax_due, r.rate) == (due, 15)
    assert sum(parts.values()) == r.saving
    assert "第二十八条第二款" in r.incentives[1].basis


def test_better_of_high_tech_and_small_low_profit_2010(policy):
    # 3万, high-tech and small: 15% gives 0.45, the 2010 halving 0.30 → the halving, never both
    # (not 3 × 0.5 × 0.15).
    r = run(
        policy, year=2010, taxable_income=D(3), high_tech=True, employees=50, total_assets=D(500)
    )
    assert (r.tax_due, r.rate) == (D("0.30"), 20)
    assert amounts(r) == {"small_low_profit": D("0.45")}


def test_better_of_high_tech_and_small_low_profit_2009(policy):
    # 20万 in 2009: 15% gives 3.00, 20% gives 4.00 → high-tech only.
    r = run(
        policy, year=2009, taxable_income=D(20), high_tech=True, employees=50, total_assets=D(500)
    )
    assert (r.tax_due, r.rate) == (D(3), 15)
    assert amounts(r) == {"high_tech": D(2)}


def test_resource_reuse_revenue_at_90_percent(policy):
    # 条例 第九十九条: 200万 revenue counted at 90% → income 100 − 20 = 80; 25.00 → 20.00.
    r = run(policy, year=2009, taxable_income=D(100), resource_reuse_revenue=D(200), **BIG)
    assert (r.tax_due, amounts(r)) == (D(20), {"resource_reuse": D(5)})
    assert "第九十九条" in r.incentives[0].basis


def test_equipment_credit_capped_by_tax_due_and_carried(policy):
    # 条例 第一百条: 500万 invested → 50.00 credit; 2009 tax 100 × 25% = 25.00 → 0, 25.00 left;
    # 2010 (no investment): 25.00 from 2009 → 0; nothing left.
    years = [
        TaxInput(year=2009, taxable_income=D(100), special_equipment_investment=D(500), **BIG),
        TaxInput(year=2010, taxable_income=D(100), **BIG),
        TaxInput(year=2011, taxable_income=D(100), **BIG),
    ]
    r09, r10, r11 = estimate_years(years, policy.tax_rule_set)
    assert (r09.tax_due, amounts(r09)) == (D(0), {"equipment_credit": D(25)})
    assert r09.credit_carried_forward == (Credit(2009, D(25)),)
    assert (r10.tax_due, amounts(r10)) == (D(0), {"equipment_credit": D(25)})
    assert r10.credit_carried_forward == ()
    assert r11.tax_due == D(25)
    assert "第一百条" in r09.incentives[0].basis


def test_equipment_credit_expires_after_five_years(policy):
    # 1000万 in 2009 → 100.00 credit; 10.00 tax a year (40 × 25%) used 2009–2014 (60.00);
    # in 2015 the 2009 credit (usable to 2009 + 5) has expired: 10.00 due, 40.00 lost.
    years = [TaxInput(year=y, taxable_income=D(40), **BIG) for y in range(2010, 2016)]
    years.append(
        TaxInput(year=2009, taxable_income=D(40), special_equipment_investment=D(1000), **BIG)
    )
    results = estimate_years(years, policy.tax_rule_set)
    assert [r.tax_due for r in results] == [D(0)] * 6 + [D(10)]
    assert results[5].credit_carried_forward == (Credit(2009, D(40)),)
    assert results[6].credit_carried_forward == ()


def test_project_exempt_then_halved_never_with_the_low_rate(policy):
    # 条例 第八十八条: project income 40 of 100. Year 2 exempt: 60 × 25% = 15.00.
    kw = {"year": 2012, "taxable_income": D(100), "project_income": D(40), **BIG}
    r = run(policy, project_year=2, **kw)
    assert (r.tax_due, amounts(r)) == (D(15), {"project_exemption": D(10)})
    # Year 5, halved: 60 × 25% + 40 × 12.5% = 20.00.
    assert run(policy, project_year=5, **kw).tax_due == D(20)
    # High-tech: 60 × 15% + 40 × 12.5% = 14.00, the project income not at 7.5%
    # (国税函〔2010〕157号).
    r = run(policy, project_year=5, high_tech=True, **kw)
    assert r.tax_due == D(14)
    assert amounts(r) == {"project_exemption": D(5), "high_tech": D(6)}
    # Year 7: nothing left.
    assert run(policy, project_year=7, **kw).tax_due == D(25)


def test_a_loss_owes_nothing(policy):
    r = run(policy, year=2015, taxable_income=D(-10), rd_expense=D(5), high_tech=True, **BIG)
    assert (r.tax_due, r.tax_without_incentives, r.incentives) == (D(0), D(0), ())


def test_a_year_outside_the_rules(policy):
    with pytest.raises(ValueError, match="2025"):
        policy.tax_rule_set(2025)
    with pytest.raises(ValueError, match="2007"):
        policy.tax_rule_set(2007)


def test_json_shape(policy):
    r = run(policy, year=2010, taxable_income=D(3), employees=10, total_assets=D(100))
    assert r.as_json() == {
        "tax_due": "0.30",
        "tax_without_incentives": "0.75",
        "saving": "0.45",
        "rate": "20",
        "incentives": [
            {
                "name": "small_low_profit",
                "basis": policy.tax_rule_set(2010).basis.small_low_profit,
                "amount": "0.45",
            }
        ],
    }
