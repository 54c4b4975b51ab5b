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
