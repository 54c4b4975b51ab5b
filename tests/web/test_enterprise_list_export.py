"""Issue 13 (5): the enterprise list sorts on the server and exports the whole filtered list,
scoped to the user."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from zhuanxing.enterprises.models import Enterprise

LIST = "enterprises:list"


def _rows(response):
    assert response.status_code == 200
    ws = load_workbook(BytesIO(response.content)).active
    header = int(ws.freeze_panes[1:]) - 1
    assert ws.cell(header, 1).value == "名称" or ws.cell(header, 1).value
    return [r for r in ws.iter_rows(min_row=header + 1, values_only=True) if any(r)]


def test_export_is_every_filtered_row_not_one_page(client, city, users, settings):
    settings.ZHUANXING = {**settings.ZHUANXING, "PAGE_SIZE": 10}
    client.force_login(users["admin"])
    params = {"county": "330483"}
    page = client.get(reverse(LIST), params).context["page"]
    assert page.paginator.count > 10
    rows = _rows(client.get(reverse(LIST), {**params, "export": "xlsx"}))
    assert len(rows) == page.paginator.count
    expected = Enterprise.objects.filter(org_unit__path__contains="/330483/")
    assert {r[1] for r in rows} == set(expected.values_list("uscc", flat=True))


def test_county_officer_export_holds_only_their_county(client, city, users):
    client.force_login(users["haining"])
    rows = _rows(client.get(reverse(LIST), {"export": "xlsx"}))
    expected = Enterprise.objects.filter(org_unit__path__contains="/330481/")
    assert rows and {r[1] for r in rows} == set(expected.values_list("uscc", flat=True))


@pytest.mark.parametrize("sort", ["name", "-name", "output", "-output", "org"])
def test_sorted_on_the_server(client, city, users, sort):
    client.force_login(users["admin"])
    page = client.get(reverse(LIST), {"sort": sort}).context["page"]
    if "name" in sort:
        names = [e.name for e in page]
        assert names == sorted(names, reverse=sort.startswith("-"))
    elif "output" in sort:
        values = [e.gross_output for e in page if e.gross_output is not None]
        assert values == sorted(values, reverse=sort.startswith("-"))
    else:
        paths = [e.org_unit.path for e in page]
        assert paths == sorted(paths)
    assert client.get(reverse(LIST), {"sort": "password"}).status_code == 400
