"""Cockpit, explorer, export and JSON API over HTTP, for each role (scoping is security)."""

import json
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from zhuanxing.analytics import records
from zhuanxing.core.figures import excel_format, format_number
from zhuanxing.policy.active import policy_in_force


def test_home_is_the_cockpit_for_leader_and_admin(client, city_store, users):
    for name in ("leader", "admin"):
        client.force_login(users[name])
        response = client.get(reverse("home"))
        assert response.status_code == 200
        assert response.context["unit"].code == "330400"
        html = response.content.decode()
        assert "领导驾驶舱" in html and "structure-chart" in html and "map-chart" in html
        assert len(response.context["cards"]) == 9
        assert {c["code"] for c in response.context["counties"]} >= {"330483", "330481"}


def test_county_officer_sees_only_their_countys_cockpit(client, city_store, users):
    client.force_login(users["tongxiang"])
    response = client.get(reverse("home"))
    assert response.context["unit"].code == "330483"
    towns = {c["code"] for c in response.context["counties"]}
    assert towns and all(code.startswith("330483") for code in towns)
    # Another county or the city: not found, never shown.
    for code in ("330481", "330400"):
        assert client.get(reverse("analytics:cockpit"), {"region": code}).status_code == 404
        assert client.get(reverse("analytics:explorer"), {"region": code}).status_code == 404
        assert client.get(reverse("analytics:export"), {"region": code}).status_code == 404
        assert client.get(reverse("analytics:indicators"), {"region": code}).status_code == 404
    data = client.get(reverse("analytics:indicators"), {"level": "town"}).json()
    assert data and all(r["region"].startswith("330483") for r in data)


def test_enterprise_user_gets_no_city_analytics(client, city_store, users):
    client.force_login(users["firm"])
    for name in ("analytics:cockpit", "analytics:explorer", "analytics:export",
                 "analytics:indicators"):  # fmt: skip
        assert client.get(reverse(name)).status_code == 403


def test_anonymous_is_sent_to_login(client, city_store):
    response = client.get(reverse("analytics:cockpit"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_api_matches_the_cli_shape(client, city_store, users):
    client.force_login(users["admin"])
    data = client.get(reverse("analytics:indicators"), {"year": 2010, "level": "county"}).json()
    assert set(data[0]) == {
        "indicator", "region", "year", "value", "unit", "target", "status", "firms", "reason",
        "approximate", "scope",
    }  # fmt: skip
    city = [r for r in data if r["region"] == "330400"]
    assert len(city) == len(records.selectors.policy().indicators)


def test_explorer_drills_and_exports(client, city_store, users):
    client.force_login(users["admin"])
    params = {"indicator": ["heavy_industry_share", "rd_intensity"], "level": "county",
              "breakdown": "section", "start": 2009, "end": 2011}  # fmt: skip
    response = client.get(reverse("analytics:explorer"), params)
    assert response.status_code == 200
    blocks = response.context["blocks"]
    assert [b.key for b in blocks] == ["heavy_industry_share", "rd_intensity"]
    assert response.context["periods"] == ["2009", "2010", "2011"]
    html = response.content.decode()
    assert "&level=town" in html and "&breakdown=division&industry=C" in html
    # Drill: a county, by town; section C by division.
    response = client.get(
        reverse("analytics:explorer"),
        {"indicator": "heavy_industry_share", "region": "330483", "level": "town",
         "breakdown": "division", "industry": "C"},
    )  # fmt: skip
    rows = response.context["blocks"][0].rows
    assert all(r.category is None or r.category.isdigit() for r in rows)
    export = client.get(reverse("analytics:export"), params)
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(export.content)).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "重工业比重（%）" in cells and "2011" in cells
    numbers = [c for c in sheet.iter_rows() for c in c if isinstance(c.value, float)]
    # shown as the page shows it: rounded half up at the indicator's places, "%" after
    assert numbers and numbers[0].number_format == excel_format(
        numbers[0].value, policy_in_force().indicators["heavy_industry_share"].decimals, "%"
    )


def test_empty_denominator_page_says_no_data(client, golden, users_golden):
    client.force_login(users_golden)
    response = client.get(
        reverse("analytics:explorer"),
        {"indicator": "rd_intensity", "region": "330421", "start": 2010, "end": 2010},
    )
    assert response.context["blocks"][0].rows[0].values == [None]
    assert "无数据" in response.content.decode()


@pytest.fixture
def users_golden(db):
    from zhuanxing.accounts.models import Role, User

    return User.objects.create_user("goldenadmin", password="x", role=Role.CITY_ADMIN)


def test_cli_prints_the_records(golden, capsys):
    from django.core.management import call_command

    call_command("indicators", year=2010, region="330400", level="county", json=True)
    data = json.loads(capsys.readouterr().out)
    city = {r["indicator"]: r for r in data if r["region"] == "330400"}
    assert city["heavy_industry_share"] == {
        "indicator": "heavy_industry_share", "region": "330400", "year": 2010,
        "value": pytest.approx(71.428571), "unit": "%", "target": 55.0, "status": "met",
        "firms": 2, "reason": "", "approximate": True, "scope": None,
    }  # fmt: skip
    assert city["producer_services_share"]["status"] == "on_track"
    jiashan = {r["indicator"]: r for r in data if r["region"] == "330421"}
    assert jiashan["rd_intensity"]["value"] is None
    # The 1500亿元 target is the city's; counties have none.
    assert jiashan["industrial_value_added"]["target"] is None
    # The city, then each county with data (the golden city has three).
    assert [r["region"] for r in data[:: len(city)]] == ["330400", "330421", "330481", "330483"]


def test_cockpit_map_and_explorer_show_values_rounded_half_up(client, city_store, users):
    """Every number on the cockpit's county table and map, and in the explorer, is the value
    rounded half up at the indicator's precision (policy ``decimals``, else by size)."""
    import re

    policy = policy_in_force()
    client.force_login(users["admin"])
    page = client.get(reverse("analytics:cockpit"))
    html = page.content.decode()
    counties = page.context["counties"]
    shown = 0
    for c in counties:
        row = re.search(rf'region={c["code"]}&(?:amp;)?year=\d+">[^<]*</a></td>(.*?)</tr>', html)
        assert row, c["code"]
        cells = re.findall(r'<td class="num(?: extra)?">(.*?)</td>', row.group(1))
        for ind, cell in zip(page.context["indicators"], cells, strict=True):
            value = c["values"].get(ind["key"])
            if value is not None:
                assert cell == format_number(value, policy.indicators[ind["key"]].decimals)
                shown += 1
    assert shown
    for key, rows in page.context["cockpit_json"]["map"].items():
        for r in rows:
            assert r["text"] == format_number(r["value"], policy.indicators[key].decimals)
    params = {"indicator": ["va_per_mu", "rd_intensity"], "level": "county", "start": 2011,
              "end": 2012}  # fmt: skip
    explorer = client.get(reverse("analytics:explorer"), params)
    text = explorer.content.decode()
    for block in explorer.context["blocks"]:
        assert block.decimals == policy.indicators[block.key].decimals
        table = text.split(f'data-indicator="{block.key}"')[1].split("</table>")[0]
        cells = re.findall(r'<td class="num">([^<]*)</td>', table)
        values = [v for r in block.rows for v in r.values if v is not None]
        assert cells == [format_number(v, block.decimals) for v in values]


def test_cockpit_flags_a_trend_across_the_scale_line_change(client, city_store, users):
    from zhuanxing.analytics import targets

    client.force_login(users["admin"])
    page = client.get(reverse("analytics:cockpit"), {"year": 2011})
    assert page.context["years"][0] < 2011  # the small city reports from before the change
    parts = {p["key"]: p for card in page.context["cards"] for p in card["parts"]}
    # 规上 indicators cross 2011 (500 → 2000万元); region statistics do not
    assert parts["rd_intensity"]["ev"].scale_break == 2011
    assert parts["industrial_value_added"]["ev"].scale_break is None
    # shown beside a forecast (2011 forecasts 2012), the trend being what it warns about
    assert "规上标准的调整" in page.content.decode()
    # and no status rests on two points without an interval
    for p in parts.values():
        ev = p["ev"]
        if ev.status == targets.ON_TRACK:
            assert ev.forecast is not None and ev.forecast.low is not None


def test_cockpit_offers_the_trend_on_the_same_firms(client, city_store, users):
    client.force_login(users["admin"])
    mixed = client.get(reverse("analytics:cockpit"), {"year": 2011})
    assert "firms=same" in mixed.content.decode()  # offered beside the warning
    same = client.get(reverse("analytics:cockpit"), {"year": 2011, "firms": "same"})
    assert same.status_code == 200 and same.context["same_firms"]
    before = {p["key"]: p for card in mixed.context["cards"] for p in card["parts"]}
    after = {p["key"]: p for card in same.context["cards"] for p in card["parts"]}
    # one population in every year: no warning, the 2011 value unchanged, earlier years moved
    # (firms 规上 at 500万元 in 2010 but under 2000万元 in 2011 leave the 2010 figure)
    assert after["rd_intensity"]["ev"].scale_break is None
    assert after["rd_intensity"]["series"][2011] == before["rd_intensity"]["series"][2011]
    assert after["rd_intensity"]["series"][2010] != before["rd_intensity"]["series"][2010]
    # a region statistic has no firms to fix: the same series either way
    assert after["industrial_value_added"]["series"] == before["industrial_value_added"]["series"]
    assert "规上标准的调整" not in same.content.decode()
    assert client.get(reverse("analytics:cockpit"), {"firms": "all"}).status_code == 400
