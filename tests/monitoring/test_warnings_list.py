"""Issue 13 (5): the warnings list pages and sorts; its export holds the whole filtered list,
scoped, and opens on its data sheet."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from zhuanxing.monitoring.report import RULE_NAMES

pytestmark = pytest.mark.django_db
MONTH = "2012-06"
WARNINGS = "monitoring:warnings"


def _export(client, **params):
    response = client.get(reverse(WARNINGS), {"month": MONTH, "export": "xlsx", **params})
    assert response.status_code == 200
    wb = load_workbook(BytesIO(response.content))
    ws = wb.active
    return ws, [r for r in ws.iter_rows(min_row=2, values_only=True) if any(r)]


def test_export_opens_on_the_warnings_with_every_filtered_row(client, city_with_store, users,
                                                              settings):  # fmt: skip
    client.force_login(users["admin"])
    total = client.get(reverse(WARNINGS), {"month": MONTH}).context["page"].paginator.count
    assert total >= 2
    settings.ZHUANXING = {**settings.ZHUANXING, "PAGE_SIZE": 1}
    page = client.get(reverse(WARNINGS), {"month": MONTH}).context["page"]
    assert len(page.object_list) == 1 and page.paginator.count == total
    ws, rows = _export(client)
    assert ws.title == "预警" and ws.freeze_panes == "A2"
    assert len(rows) == total  # the whole list, not the page
    rule = rows[0][0]
    key = next(k for k, v in RULE_NAMES.items() if str(v) == rule)
    _ws, only = _export(client, rule=key)
    assert only and all(r[0] == rule for r in only) and len(only) <= total


def test_county_officer_export_is_their_county(client, city_with_store, users):
    client.force_login(users["tongxiang"])
    shown = client.get(reverse(WARNINGS), {"month": MONTH}).context["page"].paginator.count
    _ws, rows = _export(client)
    assert len(rows) == shown
    assert {r[2] for r in rows} <= {"桐乡市"}


def test_sorted_by_change(client, city_with_store, users):
    client.force_login(users["admin"])
    rows = client.get(reverse(WARNINGS), {"month": MONTH, "sort": "-change"}).context["rows"]
    changes = [r["w"].change for r in rows if r["w"].change is not None]
    assert changes == sorted(changes, reverse=True)
    assert client.get(reverse(WARNINGS), {"month": MONTH, "sort": "uscc"}).status_code == 400
