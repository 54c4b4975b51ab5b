"""Issue 13 (2): every indicator with every breakdown and period kind its data allows, and a note
saying why where it cannot (never a table of 无数据)."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from zhuanxing.analytics import engine
from zhuanxing.policy.active import policy_in_force

EXPLORER = "analytics:explorer"


def _get(client, **params):
    response = client.get(reverse(EXPLORER), params)
    assert response.status_code == 200
    return response


def _numbers(row):
    return [v for v in row.values if v is not None]


def test_value_added_by_1244_category_shows_numbers_in_category_rows(client, city_store, users):
    client.force_login(users["admin"])
    response = _get(client, indicator="industrial_value_added", breakdown="category_1244",
                    start=2010, end=2012)  # fmt: skip
    (block,) = response.context["blocks"]
    # 全部工业增加值 (region statistics) has no industry: 规上工业增加值 stands in, named.
    assert block.key == "above_scale_value_added" and block.instead_of == "工业增加值"
    categories = [r for r in block.rows if r.category is not None or r.category_label]
    assert len(categories) >= 3
    assert all(_numbers(r) for r in categories)
    html = response.content.decode()
    assert "规上工业增加值" in html and "explorer-note" in html
    # The categories add up to the total (the unclassified included).
    total = next(r for r in block.rows if r.is_total)
    for i, value in enumerate(total.values):
        assert sum(r.values[i] or 0 for r in categories) == pytest.approx(value)


@pytest.mark.parametrize("kind", ["month", "ytd"])
def test_value_added_monthly_and_cumulative_modes_show_numbers(client, city_store, users, kind):
    client.force_login(users["admin"])
    response = _get(client, indicator="industrial_value_added", kind=kind, level="county")
    (block,) = response.context["blocks"]
    assert block.key == "above_scale_value_added"
    assert response.context["periods"] and all(_numbers(r) for r in block.rows)
    total = next(r for r in block.rows if r.is_total)
    if kind == "ytd":  # cumulated: never falls within the year
        values = total.values
        assert all(b >= a for a, b in zip(values, values[1:], strict=False))


def test_cumulative_is_the_sum_of_the_months(client, city_store, users):
    client.force_login(users["admin"])
    months = _get(client, indicator="industrial_value_added", kind="month").context
    ytd = _get(client, indicator="industrial_value_added", kind="ytd").context
    assert months["periods"] == ytd["periods"]
    month_total = next(r for r in months["blocks"][0].rows if r.is_total).values
    ytd_total = next(r for r in ytd["blocks"][0].rows if r.is_total).values
    assert ytd_total[-1] == pytest.approx(sum(month_total))


def test_value_added_by_year_and_region_is_still_the_region_statistic(client, city_store, users):
    client.force_login(users["admin"])
    response = _get(client, indicator="industrial_value_added", level="county")
    (block,) = response.context["blocks"]
    assert block.key == "industrial_value_added" and not block.instead_of
    assert all(_numbers(r) for r in block.rows)


def test_an_indicator_the_monthly_reports_lack_says_why(client, city_store, users):
    client.force_login(users["admin"])
    response = _get(client, indicator=["rd_intensity", "va_per_mu_region"], kind="ytd")
    blocks = response.context["blocks"]
    assert [b.key for b in blocks] == ["rd_intensity", "va_per_mu_region"]
    assert all(b.unavailable and not b.rows for b in blocks)
    html = response.content.decode()
    assert 'data-indicator="rd_intensity"' in html
    assert "月报不含" in html and "区域统计" in html
    assert "无数据" not in html.split("explorer-chart")[1].split("explorer-data")[0]


def test_categories_follow_the_policy_order_and_the_unclassified_is_named(
    client, city_store, users
):
    client.force_login(users["admin"])
    response = _get(client, indicator="va_per_mu", breakdown="category_1244")
    rows = [r for r in response.context["blocks"][0].rows if not r.is_total]
    order = list(policy_in_force().categories_1244)
    keys = [r.category for r in rows if r.category is not None]
    assert keys == sorted(keys, key=order.index)
    unclassified = [r for r in rows if r.category is None]
    assert unclassified and rows[-1].category is None
    assert unclassified[0].category_label == "未归类"
    assert "—</td>" not in response.content.decode()


def test_export_freezes_panes_below_the_header_row(client, city_store, users):
    client.force_login(users["admin"])
    response = client.get(
        reverse("analytics:export"),
        {"indicator": "industrial_value_added", "breakdown": "category_1244"},
    )
    ws = load_workbook(BytesIO(response.content)).active
    frozen = int(ws.freeze_panes[1:])
    header = frozen - 1
    assert ws.cell(header, 1).value == "区域" and ws.cell(header, 2).value == "类别"
    assert ws.freeze_panes.startswith("C")
    notes = [ws.cell(r, 1).value for r in range(1, header)]
    assert any(n and "规上工业增加值" in n for n in notes)


def test_unavailable_reasons():
    policy = policy_in_force()
    va = policy.indicators["industrial_value_added"]
    assert engine.unavailable(va, "year", None) is None
    assert engine.unavailable(va, "month", None) == engine.REGION_BY_YEAR
    assert engine.unavailable(va, "year", "category_1244") == engine.REGION_NO_INDUSTRY
    assert engine.unavailable(va, "year", None, "C") == engine.REGION_NO_INDUSTRY
    rd = policy.indicators["rd_intensity"]
    assert engine.unavailable(rd, "ytd", None) == engine.NOT_MONTHLY
    assert engine.unavailable(rd, "year", "division") is None
    detail = policy.indicators[va.detail]
    assert engine.unavailable(detail, "ytd", "category_1244") is None
