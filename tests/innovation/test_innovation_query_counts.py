"""The innovation list pages query a fixed number of times: asserted with 2 rows and with 20
against the ceilings in ``query_counts.py`` (measured with 2), so a query per row fails."""

import datetime

import pytest
from django.urls import reverse

import factories
from query_counts import MAX_QUERIES
from zhuanxing.innovation.models import DemonstrationEntry, DemonstrationList, Qualification

pytestmark = pytest.mark.django_db


def _city(n: int):
    selection = DemonstrationList.objects.create(year=2012, policy_id="p", status="published")
    for i in range(n):
        county = factories.TONGXIANG if i % 2 == 0 else factories.HAINING
        firm = factories.enterprise(town=factories.TOWNS[county])
        factories.annual_reports(firm, (2011, 2012))
        Qualification.objects.create(
            enterprise=firm, kind="specialised_sme", level="provincial", title=f"q{i}",
            issued_on=datetime.date(2011, 3, 1), expires_on=datetime.date(2014, 3, 1),
        )  # fmt: skip
        DemonstrationEntry.objects.create(list=selection, enterprise=firm, rank=i + 1, score=50)


@pytest.mark.parametrize("n", [2, 20])
@pytest.mark.parametrize(
    ("page", "url", "params", "rows"),
    [
        ("qualification_list", "innovation:qualifications", {}, "page"),
        ("qualification_counts", "innovation:counts", {"year": 2012}, "rows"),
        ("demonstration", "innovation:demonstration", {"year": 2012}, "rows"),
    ],
)
def test_no_query_per_row(client, django_assert_max_num_queries, n, page, url, params, rows):
    users = factories.role_users(factories.enterprise())
    _city(n)
    client.force_login(users["admin"])
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        response = client.get(reverse(url), params)
    assert response.status_code == 200
    assert len(response.context[rows]) == (n if rows != "rows" or page == "demonstration" else 2)
