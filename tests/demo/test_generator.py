"""The demo city generator: deterministic, calibrated to published totals, internally consistent."""

from collections import defaultdict

import pytest

from zhuanxing.demo import calibration as cal
from zhuanxing.demo.generator import ANNUAL_FIELDS, MONTHLY_FIELDS, CountyInfo, generate_city
from zhuanxing.policy.schema import AboveScale
from zhuanxing.reference import industry, uscc

COUNTIES = [
    CountyInfo("330483", "桐乡市", ("330483101", "330483107")),
    CountyInfo("330481", "海宁市", ("330481103",)),
    CountyInfo("330400902", "嘉兴港区", ("330482101",)),
]


# The Jiaxing file's two lines, as the policy section the generator takes.
LINE = AboveScale(
    thresholds=[
        {"from_year": 2007, "main_revenue_min": 500},
        {"from_year": 2011, "main_revenue_min": 2000},
    ]
)


def small(seed: int = 1, **kw):
    return generate_city(
        COUNTIES, city_code="330400", seed=seed, above_scale=40, below_scale=60,
        scale_line=LINE, **kw,
    )  # fmt: skip


def test_same_seed_same_city():
    a, b = small(3), small(3)
    assert a.enterprises == b.enterprises
    assert a.annual == b.annual and a.monthly == b.monthly and a.regions == b.regions
    assert small(4).enterprises != a.enterprises


@pytest.fixture(scope="module")
def full_city():
    """The demo's own size: 5,000 above-scale and 15,000 below-scale enterprises."""
    return generate_city(COUNTIES, city_code="330400", seed=20090820, scale_line=LINE)


def test_calibrated_to_the_published_2009_above_scale_output(full_city):
    revenue = 2 + ANNUAL_FIELDS.index("main_revenue")
    gross = sum(r[2] for r in full_city.annual if r[1] == 2009 and r[revenue] >= 500)
    assert gross / 10_000 == pytest.approx(3876.0, abs=0.5)  # 亿元, rounding of 5,000 firms
    assert full_city.above_scale_count[2009] == 5000
    assert len(full_city.enterprises) == 20_000


def test_city_gdp_matches_published_totals(full_city):
    city = {r[1]: r for r in full_city.regions if r[0] == "330400"}
    assert city[2011][2] == pytest.approx(2668 * 10_000, abs=1)
    assert city[2012][2] == pytest.approx(2885 * 10_000, abs=1)
    # The city row is the sum of its county-level units, field by field.
    for year in cal.YEARS:
        counties = [r for r in full_city.regions if r[1] == year and r[0] != "330400"]
        for k in range(2, len(city[year])):
            assert city[year][k] == pytest.approx(sum(r[k] for r in counties), rel=1e-9, abs=0.05)


def test_energy_per_gdp_falls_every_year(full_city):
    city = {r[1]: r for r in full_city.regions if r[0] == "330400"}
    ratios = [city[y][6] / city[y][2] for y in cal.YEARS]
    assert ratios == sorted(ratios, reverse=True)


def test_months_add_up_to_the_year():
    data = small(5)
    annual = {(r[0], r[1]): r for r in data.annual}
    months = defaultdict(list)
    for row in data.monthly:
        months[(row[0], row[1])].append(row)
    assert months, "above-scale firms file monthly reports"
    pairs = {"gross_output": "gross_output", "value_added": "value_added", "profit": "profit"}
    for key, rows in months.items():
        assert [r[2] for r in rows] == list(range(1, 13))
        for monthly_field, annual_field in pairs.items():
            total = sum(r[3 + MONTHLY_FIELDS.index(monthly_field)] for r in rows)
            expected = annual[key][2 + ANNUAL_FIELDS.index(annual_field)]
            assert total == pytest.approx(expected, abs=0.05)


def test_every_generated_code_is_valid():
    data = small(6)
    assert all(uscc.check_uscc(e.uscc).valid for e in data.enterprises)
    assert len({e.uscc for e in data.enterprises}) == len(data.enterprises)
    assert len({e.name for e in data.enterprises}) == len(data.enterprises)
    assert all(industry.is_class(e.industry_code) for e in data.enterprises)
    leaves = {leaf for c in COUNTIES for leaf in c.leaves}
    assert {e.unit_code for e in data.enterprises} <= leaves


def test_no_report_before_founding():
    data = small(8)
    founded = {e.uscc: e.founded_on.year for e in data.enterprises}
    assert all(year >= founded[code] for code, year, *_ in data.annual)


def test_industry_mix_follows_the_clusters(full_city):
    """Chemical fibre and knitwear in Tongxiang, leather in Haining, chemicals in the port zone."""
    by_county = defaultdict(lambda: defaultdict(int))
    for e in full_city.enterprises:
        by_county[e.county_code][e.industry_code[:2]] += 1
    assert by_county["330483"]["28"] > by_county["330481"]["28"]
    assert by_county["330481"]["19"] > by_county["330483"]["19"]
    assert by_county["330400902"]["26"] / sum(by_county["330400902"].values()) > 0.1
