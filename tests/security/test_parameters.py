"""Findings 1 and 2 of issue 11: a parameter that is out of bounds or malformed gets the 400 page
with the reason (in the site's layout), never a 500, an out-of-memory or a minutes-long query."""

import time

import pytest
from bounds import bounded_memory
from django.urls import reverse

HUGE_YEAR = "99999999999999999999999"


@pytest.fixture
def admin_client(client, city_users):
    client.raise_request_exception = False
    client.force_login(city_users["admin"])
    return client


def get(client, url, params):
    started = time.monotonic()
    with bounded_memory():
        response = client.get(url, params)
    return response, time.monotonic() - started


def assert_bad_request(response, *words):
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="topbar"' in html, "the 400 page uses the site's layout"
    for word in words:
        assert word in html


@pytest.mark.parametrize("name", ["analytics:indicators", "assessment:index", "analytics:cockpit"])
def test_a_huge_year_is_refused_not_ranged_over(admin_client, name):
    response, seconds = get(admin_client, reverse(name), {"year": HUGE_YEAR})
    assert_bad_request(response, "year")
    assert seconds < 10


def test_a_year_outside_the_data_and_the_policy_is_refused(admin_client):
    response, _ = get(admin_client, reverse("analytics:indicators"), {"year": "1900"})
    assert_bad_request(response, "year")


def test_explorer_export_over_ten_thousand_years_of_months_is_refused(admin_client):
    params = {"kind": "month", "start": "0000-01", "end": "9999-12", "level": "town",
              "breakdown": "division"}  # fmt: skip
    for name in ("analytics:export", "analytics:explorer"):
        response, seconds = get(admin_client, reverse(name), params)
        assert_bad_request(response, "start")
        assert seconds < 10


def test_explorer_span_is_capped_by_the_named_setting(admin_client, settings):
    settings.ZHUANXING = {**settings.ZHUANXING, "MAX_PERIODS": 6}
    params = {"kind": "month", "start": "2010-01", "end": "2010-12"}
    response, _ = get(admin_client, reverse("analytics:explorer"), params)
    assert_bad_request(response, "6")
    params["end"] = "2010-06"
    assert get(admin_client, reverse("analytics:explorer"), params)[0].status_code == 200


def test_explorer_rows_are_capped_by_the_named_setting(admin_client, settings):
    settings.ZHUANXING = {**settings.ZHUANXING, "QUERY_ROW_CAP": 10}
    params = {"kind": "year", "level": "town", "breakdown": "division"}
    for name in ("analytics:explorer", "analytics:export"):
        response, _ = get(admin_client, reverse(name), params)
        assert_bad_request(response, "10")


def test_a_batch_that_is_not_a_number_is_refused(admin_client):
    response, _ = get(admin_client, reverse("evaluation:backward"), {"batch": "abc"})
    assert_bad_request(response, "batch")


@pytest.mark.parametrize("month", ["0000-01", "1900-01", "2010-13", "abc"])
@pytest.mark.parametrize(
    "url",
    [
        "/monitoring/",
        "/monitoring/warnings/",
        "/monitoring/warnings/?export=xlsx",
        "/monitoring/report.xlsx",
        "/monitoring/summary/",
    ],
)
def test_a_month_outside_the_data_is_refused(admin_client, url, month):
    path, _, query = url.partition("?")
    params = dict([query.split("=")]) if query else {}
    response, _ = get(admin_client, path, {**params, "month": month})
    assert_bad_request(response, "month")


def test_enterprise_page_refuses_a_huge_year(admin_client, module_city):
    from zhuanxing.enterprises.models import Enterprise

    pk = Enterprise.objects.values_list("pk", flat=True).first()
    response, _ = get(admin_client, reverse("enterprises:detail", args=[pk]), {"year": HUGE_YEAR})
    assert_bad_request(response, "year")


def test_clean_production_refuses_a_huge_year(admin_client):
    response, _ = get(admin_client, reverse("evaluation:clean_production"), {"year": HUGE_YEAR})
    assert_bad_request(response, "year")


def test_good_parameters_still_work(admin_client):
    assert (
        get(admin_client, reverse("analytics:indicators"), {"year": "2010"})[0].status_code == 200
    )
    assert get(admin_client, reverse("monitoring:index"), {})[0].status_code == 200
    assert get(admin_client, reverse("evaluation:backward"), {})[0].status_code == 200
