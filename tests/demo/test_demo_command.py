import pytest
from django.core.management import call_command

from zhuanxing.accounts.models import Role, User
from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.models import OrgUnit
from zhuanxing.reporting.models import AnnualReport, MonthlyReport, RegionStatistics

pytestmark = pytest.mark.django_db


def test_demo_builds_once_then_reuses(capsys):
    call_command("demo", above_scale=20, below_scale=30, seed=11)
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8000/" in out and "zhuanxing2009" in out
    counts = (
        Enterprise.objects.count(),
        AnnualReport.objects.count(),
        MonthlyReport.objects.count(),
        RegionStatistics.objects.count(),
        OrgUnit.objects.count(),
    )
    assert counts[0] == 50 and all(counts)
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    from zhuanxing.evaluation.models import EvaluationRun, RunStatus
    from zhuanxing.reporting.selectors import report_years

    assert report_years() == [2007, 2008, 2009, 2010, 2011, 2012]
    published = EvaluationRun.objects.filter(status=RunStatus.PUBLISHED)
    assert sorted(published.values_list("year", flat=True)) == [2010, 2011, 2012]
    # The lists of projects recommended to banks, 2010–2012, published by the city; the bank
    # user sees them.
    from zhuanxing.support.models import ListStatus, RecommendationList

    lists = RecommendationList.objects.filter(status=ListStatus.PUBLISHED)
    assert sorted(lists.values_list("year", flat=True)) == [2010, 2011, 2012]
    for recommendation in lists:
        assert recommendation.evaluation_year == recommendation.year
        assert recommendation.items.filter(included=True).exists()
        assert recommendation.items.filter(included=False).exists()
    assert User.objects.get(username="bank").institution
    assert "bank" in out
    firm_user = User.objects.get(username="firm")
    assert "/330483/" in firm_user.enterprise.org_unit.path

    call_command("demo")
    assert "reusing" in capsys.readouterr().out
    assert counts == (
        Enterprise.objects.count(),
        AnnualReport.objects.count(),
        MonthlyReport.objects.count(),
        RegionStatistics.objects.count(),
        OrgUnit.objects.count(),
    )
