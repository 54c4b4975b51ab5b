"""The monthly analysis on the shared city over HTTP: comparable prices from the indices the
administrator imports, the policy's benchmarks, a county officer's scope, the workbook."""

from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from zhuanxing.monitoring.models import PriceIndex

pytestmark = pytest.mark.django_db
MONTH = "2012-06"


def _page(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("monitoring:index"), {"month": MONTH} | params)
    assert response.status_code == 200
    return response


def test_without_an_index_growth_is_at_current_prices(client, city_with_store, users):
    response = _page(client, users["leader"])
    a = response.context["analysis"]
    assert a.whole.comparable_growth is None
    assert "按现价计算" in response.context["prose"]["overall"]


def test_growth_at_comparable_prices_deflates_each_month(client, city_with_store, users, tmp_path):
    leader = users["leader"]
    current = _page(client, leader).context["analysis"].whole.growth
    # Index 100 every month: prices unchanged, comparable growth = current-price growth.
    PriceIndex.objects.bulk_create(
        PriceIndex(month=f"2012-{m:02d}", value=Decimal(100)) for m in range(1, 7)
    )
    a = _page(client, leader).context["analysis"]
    assert a.whole.comparable_growth == pytest.approx(current, abs=Decimal("1e-9"))
    # Index 110 every month (a file as the administrator imports it): every month's value ÷
    # 1.1, so 1 + growth ÷ 100 is divided by 1.1.
    path = tmp_path / "ppi.csv"
    path.write_text(
        "month,division,value\n" + "".join(f"2012-{m:02d},,110\n" for m in range(1, 7)),
        encoding="utf-8",
    )
    call_command("price_index", "import", str(path))
    response = _page(client, leader)
    a = response.context["analysis"]
    expected = ((1 + current / 100) / Decimal("1.1") - 1) * 100
    assert a.whole.comparable_growth == pytest.approx(expected, abs=Decimal("1e-9"))
    assert "按可比价计算" in response.context["prose"]["overall"]
    # The counties are deflated too.
    for part in a.counties:
        if part.growth is not None:
            assert part.comparable_growth == pytest.approx(
                ((1 + part.growth / 100) / Decimal("1.1") - 1) * 100, abs=Decimal("1e-9")
            )


def test_price_index_import_refuses_a_bad_row(city_with_store, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("month,division,value\n2012-13,,101\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 2"):
        call_command("price_index", "import", str(path))
    assert not PriceIndex.objects.exists()


def test_benchmarks_from_the_policy(client, city_with_store, users, monkeypatch):
    from zhuanxing.policy.active import policy_in_force
    from zhuanxing.policy.monitoring import Benchmark

    rules = policy_in_force().monitoring
    monkeypatch.setitem(
        rules.benchmarks, MONTH, Benchmark(province=Decimal("7.4"), nation=Decimal("10.5"))
    )
    response = _page(client, users["leader"])
    a = response.context["analysis"]
    text = response.context["prose"]["overall"]
    city = a.whole.growth  # no index: the city's current-price growth
    assert f"全国（10.5%）{abs(city - Decimal('10.5')):.1f}个百分点" in text


def test_county_officer_sees_only_their_county(client, city_with_store, users):
    from zhuanxing.enterprises.models import Enterprise

    response = _page(client, users["tongxiang"])
    a = response.context["analysis"]
    assert a.whole.code == "330483"
    ids = {c.id for c in a.big.top}
    assert ids
    paths = Enterprise.objects.filter(pk__in=[int(i) for i in ids]).values_list(
        "org_unit__path", flat=True
    )
    assert all(p.startswith("/330400/330483/") for p in paths)
    assert a.big.firms < _page(client, users["leader"]).context["analysis"].big.firms
    # Drill-down to another county is refused for the officer.
    client.force_login(users["tongxiang"])
    response = client.get(reverse("monitoring:index"), {"month": MONTH, "region": "330481"})
    assert response.status_code == 404


def test_drill_down_from_the_county_table(client, city_with_store, users):
    response = _page(client, users["leader"])
    html = response.content.decode()
    assert f'href="?month={MONTH}&amp;region=330483"' in html
    county = _page(client, users["leader"], region="330483").context["analysis"]
    city = response.context["analysis"]
    tongxiang = next(p for p in city.counties if p.code == "330483")
    assert county.whole.growth == pytest.approx(tongxiang.growth)


def test_workbook_has_the_pages_analysis_tables(client, city_with_store, users):
    response = _page(client, users["leader"])
    blocks = {b.key: b for b in response.context["blocks"]}
    body = client.get(reverse("monitoring:report", args=["xlsx"]), {"month": MONTH}).content
    wb = openpyxl.load_workbook(BytesIO(body))
    sheet = wb["增长面"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert rows[0] == blocks["breadth"].header
    first = blocks["breadth"].rows[0]
    assert rows[1][0] == first[0] and rows[1][1] == float(first[1])
    big = [[c.value for c in row] for row in wb["亿元以上企业"].iter_rows(min_row=3)]
    assert len(big) == len(blocks["big"].rows)


def test_the_analysis_figures_equal_the_engines(client, city_with_store, users):
    """The analysis reads the store in one pass of its own: its cumulative figures equal the
    indicator engine's (the operation tables) for the whole, each county and each category."""
    response = _page(client, users["leader"])
    op, a = response.context["op"], response.context["analysis"]
    va = op.ytd_total.figures["value_added"]
    assert a.whole.value == pytest.approx(va.value)
    assert a.whole.growth == pytest.approx(va.growth)
    assert a.profit_growth == pytest.approx(op.ytd_total.figures["profit"].growth)
    assert a.electricity_growth == pytest.approx(op.ytd_total.figures["electricity_kwh"].growth)
    month = op.month_total.figures["value_added"]
    assert a.whole.month_growth == pytest.approx(month.growth)
    engine = {line.code: line.figures["value_added"] for line in op.counties}
    assert {p.code for p in a.counties} == set(engine)
    for part in a.counties:
        f = engine[part.code]
        assert (part.growth, part.contribution, part.pull) == (
            pytest.approx(f.growth),
            pytest.approx(f.contribution),
            pytest.approx(f.pull),
        )
    engine = {line.code: line.figures["value_added"] for line in op.categories}
    for part in a.categories:
        assert part.growth == pytest.approx(engine[part.code].growth)
    # The previous month's cumulative growth is the figure the page shows for that month.
    before = _page(client, users["leader"], month="2012-05").context["analysis"]
    assert a.whole.previous_growth == pytest.approx(before.whole.growth)
    assert {p.code: p.previous_growth for p in a.counties} == pytest.approx(
        {p.code: p.growth for p in before.counties}
    )


def test_the_city_administrator_enters_a_price_index_in_the_admin(client, city_with_store, users):
    url = reverse("admin:monitoring_priceindex_add")
    client.force_login(users["admin"])
    response = client.post(url, {"month": "2012-06", "division": "26", "value": "97.5"})
    assert response.status_code == 302
    assert PriceIndex.objects.get(month="2012-06", division="26").value == Decimal("97.5")
    response = client.post(url, {"month": "2012-6", "division": "C26", "value": "0"})
    assert response.status_code == 200 and PriceIndex.objects.count() == 1  # refused
    client.force_login(users["leader"])
    assert client.get(url).status_code in (302, 403)
