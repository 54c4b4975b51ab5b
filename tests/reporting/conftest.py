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


@pytest.fixture
def few_firms(db):
    """The region tree, five Tongxiang firms with no reports, and a city administrator: what
    a test of one import needs, without the generated city."""
    from hostile_files import TONGXIANG_CODES, firms_and_admin

    admin = firms_and_admin()
    return admin, TONGXIANG_CODES
