"""The demo's special funds and guarantee agencies, 2009–2012."""

from decimal import Decimal as D

import pytest
from django.db.models import Sum

from factories import world
from zhuanxing.support.demo_data import seed_support
from zhuanxing.support.models import (
    FundApplication,
    FundProgramme,
    GuaranteeAward,
    GuaranteeFigures,
)

pytestmark = pytest.mark.django_db


def test_demo_programmes_allocations_and_awards(policy):
    city = world(per_county=4, years=(2012,), months=())
    programmes, agencies = seed_support(seed=1, policy=policy, admin=city.users["admin"])
    assert programmes == 4 * len(policy.funds.categories) + 1
    years = set(FundProgramme.objects.values_list("year", flat=True))
    assert years == {2009, 2010, 2011, 2012}
    for programme in FundProgramme.objects.all():
        granted = programme.applications.aggregate(s=Sum("granted"))["s"] or D(0)
        assert granted <= programme.budget
    assert FundApplication.objects.filter(status="granted").exists()
    assert set(GuaranteeFigures.objects.values_list("year", flat=True)) == years
    for year in (2009, 2010, 2011):
        awards = GuaranteeAward.objects.filter(year=year)
        assert awards.count() == 5 and {a.amount for a in awards} == {D(2)}
    assert seed_support(seed=1, policy=policy, admin=city.users["admin"]) == (0, 0)
