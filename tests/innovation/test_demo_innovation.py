"""The demo's qualifications and demonstration-enterprise lists, 2009–2012."""

import pytest

from factories import world
from zhuanxing.innovation.demo_data import seed_innovation
from zhuanxing.innovation.models import DemonstrationList, Kind, Qualification

pytestmark = pytest.mark.django_db


def test_demo_qualifications_and_lists(policy):
    city = world(per_county=10, years=(2009, 2010, 2011, 2012), months=())
    made, lists = seed_innovation(seed=1, policy=policy, admin=city.users["admin"])
    assert made == Qualification.objects.count() > 0
    assert set(Qualification.objects.values_list("kind", flat=True)) <= set(Kind.values)
    assert all(q.history.exists() for q in Qualification.objects.all())
    assert lists == 3
    published = DemonstrationList.objects.filter(status="published")
    assert sorted(published.values_list("year", flat=True)) == [2009, 2010, 2011]
    for item in published:
        assert 0 < item.entries.count() <= policy.demonstration.max_selected
        assert item.selected_by == city.users["admin"]
    assert not DemonstrationList.objects.filter(year=2012).exists()  # the city's to select
    assert seed_innovation(seed=1, policy=policy, admin=city.users["admin"]) == (0, 0)
