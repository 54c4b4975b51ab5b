"""A ratio of two enterprise measures counts only the firms that report both."""

from decimal import Decimal

import pytest

from zhuanxing.analytics.records import indicator_records
from zhuanxing.orgunits.models import OrgUnit
from zhuanxing.reporting.models import AnnualReport

pytestmark = pytest.mark.django_db


def test_emissions_per_value_added_leave_out_firms_without_emissions_data(city_with_store, policy):
    year = 2012
    threshold = policy.above_scale_threshold(year)
    reports = AnnualReport.objects.filter(year=year, main_revenue__gte=threshold)
    with_cod = reports.exclude(cod_t=None)
    assert with_cod.count() < reports.count(), "the demo city has firms without emissions data"
    cod = sum((r.cod_t for r in with_cod), Decimal(0))
    va = sum((r.value_added for r in with_cod), Decimal(0))
    expected = float(cod / va * 1000)
    city = OrgUnit.objects.get(code="330400")
    got = next(
        r["value"]
        for r in indicator_records(city, year)
        if r["indicator"] == "cod_per_va" and r["region"] == "330400"
    )
    assert got == pytest.approx(expected, rel=1e-9)


# Three 规上 firms in 2012, one without emissions data (万元, tonnes):
#   P  value added 1000, COD 2.0     Q  value added 3000, COD 3.0     R  value added 6000, no COD
# paired (the policy's setting): (2 + 3) / (1000 + 3000) × 1000 = 1.25 kg/万元 over 2 firms;
# unpaired it would be 5 / 10000 × 1000 = 0.5: R's value added would dilute the average.
SMALL = {"P": (1000, "2.0"), "Q": (3000, "3.0"), "R": (6000, None)}


@pytest.fixture
def three_firms(settings, tmp_path):
    from zhuanxing.analytics.build import build_store
    from zhuanxing.enterprises.models import Enterprise
    from zhuanxing.orgunits.loader import load_jiaxing_org_units
    from zhuanxing.reference.uscc import make_uscc

    settings.ZHUANXING = {**settings.ZHUANXING, "ANALYTICS_PATH": str(tmp_path / "store.duckdb")}
    load_jiaxing_org_units()
    town = OrgUnit.objects.get(code="330483001")
    for n, (key, (va, cod)) in enumerate(SMALL.items()):
        firm = Enterprise.objects.create(
            uscc=make_uscc("9", "1", "330483", f"{n + 1:08d}"), name=f"排放{key}有限公司",
            org_unit=town, industry_code="2614",
        )  # fmt: skip
        AnnualReport.objects.create(
            enterprise=firm, year=2012, status="approved", gross_output=4 * va,
            sales_output=4 * va, main_revenue=4 * va, value_added=va, employees=100,
            cod_t=None if cod is None else Decimal(cod), energy_tce=va / 2,
        )  # fmt: skip
    build_store()


def test_pairing_is_a_named_policy_setting_with_the_firms_counted(three_firms, policy):
    for key in ("cod_per_va", "so2_per_va", "energy_per_va"):
        assert policy.indicators[key].pair_firms is True
    city = OrgUnit.objects.get(code="330400")
    record = next(
        r for r in indicator_records(city, 2012)
        if r["indicator"] == "cod_per_va" and r["region"] == "330400"
    )  # fmt: skip
    assert record["value"] == pytest.approx(1.25)
    assert record["firms"] == 2  # the firms behind the average used for screening (十四)
    energy = next(
        r for r in indicator_records(city, 2012)
        if r["indicator"] == "energy_per_va" and r["region"] == "330400"
    )  # fmt: skip
    assert energy["firms"] == 3


def test_unpaired_ratio_sums_each_side_over_all_its_firms(three_firms, policy):
    from zhuanxing.analytics import selectors
    from zhuanxing.analytics.engine import Query, evaluate

    city = OrgUnit.objects.get(code="330400")
    unpaired = policy.indicators["cod_per_va"].model_copy(update={"pair_firms": False})
    q = Query({"cod": unpaired}, city.code, city.path, 2012, 2012, cross=False)
    row = next(r for r in evaluate(selectors.cursor(), q) if r.org_total and r.period == "2012")
    assert row.cells["cod"].value == pytest.approx(0.5)
