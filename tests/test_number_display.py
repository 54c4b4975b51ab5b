"""Numbers are shown rounded half up at the indicator's precision, never truncated — the same
on the cockpit and explorer (template filters), the map, the Excel export and the report."""

from decimal import Decimal as D

import pytest
from django.template import Context, Template

from zhuanxing.core.figures import (
    chart_number,
    display_places,
    excel_format,
    format_number,
    round_half_up,
)

# value → shown (places by size: 0 from 1,000, 1 from 100, 2 from 1, 3 below)
CASES = [
    (22.428, "22.43"),  # truncated to 22.42 before
    (1453.73, "1,454"),  # 1,453 before
    (33.8058, "33.81"),  # 33.80 before
    (59.405, "59.41"),  # a tie, up (the map said 59.41 where the table said 59.40)
    (2.675, "2.68"),  # binary 2.67499… still rounds as written
    (0.12345, "0.123"),
    (-22.425, "-22.43"),  # half away from zero
    (D("198.25"), "198.3"),
]


@pytest.mark.parametrize(("value", "shown"), CASES)
def test_format_number_rounds_half_up(value, shown):
    assert format_number(value) == shown
    assert D(shown.replace(",", "")) == round_half_up(value, display_places(value))


def test_policy_precision_wins_over_size():
    assert format_number(22.428, 1) == "22.4"
    assert format_number(1453.73, 2) == "1,453.73"
    assert excel_format(22.428) == "#,##0.00" and excel_format(1453.73) == "#,##0"
    assert excel_format(0.5, 4) == "#,##0.0000"
    assert format_number(None) == "—"


@pytest.mark.parametrize(("value", "shown"), CASES)
def test_template_filters(value, shown):
    out = Template("{% load analytics %}{{ v|num }}|{{ v|signed }}").render(Context({"v": value}))
    num, signed = out.split("|")
    assert num == shown
    assert signed == (shown if shown.startswith("-") else f"+{shown}")


def test_template_filter_takes_the_indicator_precision():
    out = Template("{% load analytics %}{{ v|num:1 }}").render(Context({"v": 22.45}))
    assert out == "22.5"


def test_report_cells():
    from zhuanxing.monitoring.report import fmt

    assert fmt(D("2.25")) == "2.3"  # half-even gave 2.2
    assert fmt(D("1453.73"), 2) == "1,453.73"
    assert fmt(D("224250"), 2, 10_000) == "22.43"  # 万元 → 亿元 (22.425)


def test_export_cells_show_what_the_page_shows():
    from io import BytesIO
    from types import SimpleNamespace

    from openpyxl import load_workbook

    from zhuanxing.analytics.export import workbook

    rows = [SimpleNamespace(org_label="A", category_label="", values=[22.428, 1453.73, 0.12345],
                            is_total=False)]  # fmt: skip
    block = SimpleNamespace(label="x", unit="万元/亩", rows=rows, decimals=None, instead_of=None,
                            unavailable=None)  # fmt: skip
    sheet = load_workbook(BytesIO(workbook("t", "s", ["1", "2", "3"], [block], 10))).active
    cells = [c for c in sheet[6][2:5]]
    assert [c.number_format for c in cells] == ["#,##0.00", "#,##0", "#,##0.000"]


def test_chart_values_round_half_up_like_the_table():
    # Python's round() gives 1.0 and 2.67 here (binary floats just below the tie)
    assert round(1.005, 2) == 1.0 and round(2.675, 2) == 2.67
    assert chart_number(1.005, 2) == 1.01
    assert chart_number(2.675, 2) == 2.68
    assert chart_number(-2.675, 2) == -2.68
    assert chart_number(1453.73) == 1454.0  # places by size, as format_number shows it
    assert format_number(1453.73) == "1,454"
    assert format_number(chart_number(22.428, 2), 2) == format_number(22.428, 2) == "22.43"
    assert chart_number(None) is None
