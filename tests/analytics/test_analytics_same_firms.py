"""The trend on the same firms (issue 20, part 4): across the 2011 change of the 规上 line
(500 → 2000万元) a 规上 series counts two populations; with ``population_year`` every year counts
the firms of that year's population.

Three firms in 桐乡, main revenue = gross output (万元):

    firm   2010   2011   class 2010 (≥ 500)   class 2011 (≥ 2000)
    X      1000   1200   规上                  规下
    Y      3000   3600   规上                  规上
    Z       300     —    规下                  (no report)

规上 gross output, each year's own population: 2010 X+Y = 4000, 2011 Y = 3600 (-10 %).
On the firms 规上 in 2011 (Y): 2010 3000, 2011 3600 (+20 %).
规下 on the 2011 population: X in both years (1000, 1200); Z has no 2011 report: in neither.
"""

from decimal import Decimal

import pytest

from zhuanxing.analytics import engine, selectors
from zhuanxing.analytics.structure import CodeIndicator, Side
from zhuanxing.orgunits.models import OrgUnit

pytestmark = pytest.mark.django_db

FIRMS = {"X": {2010: 1000, 2011: 1200}, "Y": {2010: 3000, 2011: 3600}, "Z": {2010: 300}}
ABOVE = CodeIndicator(
    "规上总产值", "Above-scale output", "万元", Decimal(1),
    Side("enterprise", ("gross_output",), ("industrial", "above_scale")),
)  # fmt: skip
BELOW = CodeIndicator(
    "规下总产值", "Below-scale output", "万元", Decimal(1),
    Side("enterprise", ("gross_output",), ("industrial", "below_scale")),
)  # fmt: skip
ALL = CodeIndicator(
    "总产值", "Output", "万元", Decimal(1), Side("enterprise", ("gross_output",), ("industrial",))
)


@pytest.fixture
def crossing_firms(settings, tmp_path):
    from zhuanxing.analytics.build import build_store
    from zhuanxing.enterprises.models import Enterprise
    from zhuanxing.orgunits.loader import load_jiaxing_org_units
    from zhuanxing.reference.uscc import make_uscc
    from zhuanxing.reporting.models import AnnualReport

    settings.ZHUANXING = {**settings.ZHUANXING, "ANALYTICS_PATH": str(tmp_path / "store.duckdb")}
    load_jiaxing_org_units()
    town = OrgUnit.objects.get(code="330483001")
    for n, (key, years) in enumerate(FIRMS.items()):
        firm = Enterprise.objects.create(
            uscc=make_uscc("9", "1", "330483", f"{n + 1:08d}"), name=f"跨线{key}有限公司",
            org_unit=town, industry_code="2614",
        )  # fmt: skip
        for year, output in years.items():
            AnnualReport.objects.create(
                enterprise=firm, year=year, status="approved", gross_output=output,
                sales_output=output, main_revenue=output, value_added=output // 4, employees=50,
            )  # fmt: skip
    build_store()


def _series(population_year=None, comparable=False):
    city = OrgUnit.objects.get(code="330400")
    q = engine.Query(
        indicators={"above": ABOVE, "below": BELOW, "all": ALL},
        region_code=city.code, region_path=city.path, start=2010, end=2011,
        population_year=population_year, comparable=comparable,
    )  # fmt: skip
    return {
        r.period: r.cells
        for r in engine.evaluate(selectors.cursor(), q)
        if r.org_total and r.category_total
    }


def test_each_years_own_population_mixes_two_sets_of_firms(crossing_firms):
    cells = _series()
    assert (cells["2010"]["above"].value, cells["2011"]["above"].value) == (4000, 3600)
    assert (cells["2010"]["below"].value, cells["2011"]["below"].value) == (300, 1200)
    assert cells["2011"]["above"].yoy_pct == pytest.approx(-10.0)


def test_the_same_firms_follow_one_population(crossing_firms):
    cells = _series(population_year=2011)
    assert (cells["2010"]["above"].value, cells["2011"]["above"].value) == (3000, 3600)
    assert cells["2011"]["above"].yoy_pct == pytest.approx(20.0)
    assert cells["2011"]["above"].firms == 1
    # 规下 of 2011 is X in both years; Z, with no 2011 report, counts in neither class.
    assert (cells["2010"]["below"].value, cells["2011"]["below"].value) == (1000, 1200)
    # A series without a 规上/规下 filter is the same on either basis.
    assert (cells["2010"]["all"].value, cells["2011"]["all"].value) == (4300, 4800)


def test_the_same_firms_are_comparable_without_a_second_population(crossing_firms):
    # comparable=True alone: 2011 over last year's figures of 2011's 规上 firms (Y): +20 %.
    assert _series(comparable=True)["2011"]["above"].yoy_pct == pytest.approx(20.0)
    same = _series(population_year=2011, comparable=True)["2011"]["above"]
    assert same.yoy_pct == pytest.approx(20.0)
    assert (same.yoy_base, same.yoy_current) == (3000, 3600)
