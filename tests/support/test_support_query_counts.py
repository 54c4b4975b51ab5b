"""The support pages query the same number of times for 2 firms as for 20 (no query per row)."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import factories
from zhuanxing.support.models import Disbursement, FundApplication, FundProgramme

pytestmark = pytest.mark.django_db


def _count(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def _city(n: int, programme):
    for i in range(n):
        county = factories.TONGXIANG if i % 2 == 0 else factories.HAINING
        firm = factories.enterprise(town=factories.TOWNS[county])
        factories.annual_reports(firm, (2011, 2012))
        app = FundApplication.objects.create(
            programme=programme, enterprise=firm, project=f"p{i}", amount_requested=D(5),
            status="granted", granted=D(5),
        )  # fmt: skip
        Disbursement.objects.create(application=app, amount=D(1), paid_on="2012-12-01")


def test_no_query_per_row(client):
    users = factories.role_users(factories.enterprise())
    programme = FundProgramme.objects.create(
        year=2012, category="renovation", name="x", budget=D(1000)
    )
    client.force_login(users["admin"])
    pages = [
        (reverse("support:tax"), {"year": 2012}),
        (reverse("support:funds"), {"year": 2012}),
        (reverse("support:programme", kwargs={"pk": programme.pk}), None),
    ]
    _city(2, programme)
    small = [_count(client, url, params) for url, params in pages]
    _city(18, programme)
    large = [_count(client, url, params) for url, params in pages]
    assert large == small
