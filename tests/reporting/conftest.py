"""Fixtures for the reporting tests."""

import pytest
from reporting_files import TONGXIANG, annual_rows

from zhuanxing.reporting.models import AnnualReport


@pytest.fixture
def tongxiang_annual(city):
    """Tongxiang's latest-year annual reports, as template rows, deleted from the database so
    that importing them creates them again."""
    year = AnnualReport.objects.order_by("-year").values_list("year", flat=True).first()
    reports = list(
        AnnualReport.objects.filter(year=year, enterprise__org_unit__path__contains=TONGXIANG)
        .select_related("enterprise")
        .order_by("enterprise__uscc")
    )
    rows = annual_rows(reports)
    AnnualReport.objects.filter(pk__in=[r.pk for r in reports]).delete()
    return rows
