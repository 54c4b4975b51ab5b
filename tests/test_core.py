"""The shared core: period arithmetic, growth and competition ranking, hand-computed."""

from decimal import Decimal

import pytest

from zhuanxing.core import periods
from zhuanxing.core.figures import competition_rank, growth_pct, to_hundred_million


@pytest.mark.parametrize(
    ("month", "shift", "expected"),
    [("2012-01", -1, "2011-12"), ("2012-06", -23, "2010-07"), ("2011-12", 1, "2012-01"),
     ("2012-03", -12, "2011-03"), ("2012-03", 0, "2012-03")],
)  # fmt: skip
def test_shift_month(month, shift, expected):
    assert periods.shift_month(month, shift) == expected


def test_month_range_and_year_earlier():
    assert periods.month_range("2011-11", "2012-02") == ["2011-11", "2011-12", "2012-01", "2012-02"]
    assert periods.month_range("2012-02", "2012-01") == []
    assert periods.year_earlier("2010-03") == "2009-03"
    assert periods.year_earlier("2010") == "2009"
    assert periods.months_of_year(2012)[0] == "2012-01" and len(periods.months_of_year(2012)) == 12
    assert periods.is_month("2012-12") and not periods.is_month("2012-13")
    assert not periods.is_month("2012-1") and not periods.is_month("0000-00")


def test_growth_against_the_base_size():
    assert growth_pct(Decimal(110), Decimal(100)) == Decimal(10)
    assert growth_pct(-50.0, -100.0) == 50.0  # a smaller loss is growth
    assert growth_pct(90.0, 100.0) == -10.0
    assert growth_pct(5, 0) is None and growth_pct(None, 3) is None and growth_pct(3, None) is None


def test_competition_rank_shares_the_better_place_and_skips():
    items = [{"v": 9}, {"v": 7}, {"v": 7}, {"v": 5}, {"v": 5}, {"v": 5}, {"v": 1}]
    competition_rank(items, key=lambda i: i["v"], assign=lambda i, r: i.__setitem__("r", r))
    assert [i["r"] for i in items] == [1, 2, 2, 4, 4, 4, 7]


def test_hundred_million():
    assert to_hundred_million(Decimal("298910")) == Decimal("29.891")
    assert to_hundred_million(None) is None


@pytest.mark.django_db
def test_page_of_keys_gives_the_pages_of_page_of(settings):
    # Seven rows, three a page: the same rows in the same order on every page (past the end,
    # the last page), and the same count.
    from django.contrib.auth.models import Group

    from zhuanxing.core.listing import page_of, page_of_keys

    settings.ZHUANXING = {**settings.ZHUANXING, "PAGE_SIZE": 3}
    Group.objects.bulk_create(Group(name=f"组{(i * 5) % 7}") for i in range(7))
    rows = Group.objects.order_by("-name")
    for number in (1, 2, 3, 9):
        expected, got = page_of(rows, number), page_of_keys(rows, number)
        assert [g.pk for g in got.object_list] == [g.pk for g in expected.object_list]
        assert (got.number, got.paginator.count) == (expected.number, 7)
