"""Fixtures for the reporting tests: a few firms written with the factories, not the demo city."""

import pytest
from reporting_files import TONGXIANG, annual_rows

import factories
from zhuanxing.reporting.models import AnnualReport


@pytest.fixture
def users(db):
    """Three firms in each of Tongxiang, Haining and Jiashan with approved 2011 and 2012 annual
    reports and the twelve 2012 monthly reports that add up to them, Tongxiang's 2011-2012
    region statistics, and one user per role (``firm`` files for a Tongxiang firm)."""
    built = factories.world(per_county=3, months=range(1, 13))
    for year in (2011, 2012):
        factories.region_statistics(factories.TONGXIANG, year)
    return built.users


@pytest.fixture
def tongxiang_annual(users):
    """Tongxiang's 2012 annual reports, as template rows, deleted from the database so that
    importing them creates them again."""
    reports = list(
        AnnualReport.objects.filter(year=2012, enterprise__org_unit__path__contains=TONGXIANG)
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
