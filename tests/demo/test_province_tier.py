"""The province tier of the generator (--scale province): more years and a larger calibration,
at a size a test can afford."""

import pytest

from zhuanxing.demo import calibration as cal
from zhuanxing.demo.generator import ANNUAL_FIELDS, CountyInfo, generate_city
from zhuanxing.demo.management.commands.demo import tier
from zhuanxing.policy.schema import AboveScale

COUNTIES = [
    CountyInfo("330483", "桐乡市", ("330483101",)),
    CountyInfo("330481", "海宁市", ("330481103",)),
]


def test_tier_arguments():
    assert tier({"scale": "province"}) == {
        "above_scale": 50_000, "below_scale": 100_000, "years": cal.PROVINCE_YEARS,
        "size_factor": 10.0,
    }  # fmt: skip
    assert tier({"scale": "city", "above_scale": 20}) == {"above_scale": 20, "below_scale": 15000}


LINE = AboveScale(
    thresholds=[
        {"from_year": 2007, "main_revenue_min": 500},
        {"from_year": 2011, "main_revenue_min": 2000},
    ]
)


def test_ten_years_scaled_output():
    data = generate_city(
        COUNTIES, city_code="330400", seed=3, above_scale=40, below_scale=40,
        scale_line=LINE, years=cal.PROVINCE_YEARS,
        size_factor=10.0,
    )  # fmt: skip
    assert {r[1] for r in data.annual} == set(range(2003, 2013))
    assert {r[1] for r in data.monthly} >= {2003, 2012}
    revenue = 2 + ANNUAL_FIELDS.index("main_revenue")
    gross = sum(r[2] for r in data.annual if r[1] == 2009 and r[revenue] >= 500)
    assert gross / 10_000 == pytest.approx(38_760, rel=1e-4)
    city = {r[1]: r for r in data.regions if r[0] == "330400"}
    assert city[2012][2] == pytest.approx(2885 * 10 * 10_000, abs=10)
