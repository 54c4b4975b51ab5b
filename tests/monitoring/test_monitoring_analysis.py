"""Golden tests of the monthly analysis arithmetic (monitoring.analysis) on a small city worked
out by hand: four divisions, three counties, five firms."""

from decimal import Decimal as D

import pytest

from zhuanxing.monitoring.analysis import (
    Firm,
    MonthValue,
    big_firms,
    breadth,
    comparable_growth,
    losses,
    margins,
    ranks,
    ranks_with_change,
    sales_ratio,
)

# Cumulative value-added growth (%) of four divisions, at May and at June.
DIVISIONS_JUNE = {"C13": D("5.2"), "C26": D("-1.0"), "C38": D("0.0"), "C39": D("12.5")}
DIVISIONS_MAY = {"C13": D("4.0"), "C26": D("2.0"), "C38": D("-3.0"), "C39": D("12.5")}


def test_breadth_counts_only_growth_above_zero():
    b = breadth({**DIVISIONS_JUNE, "C40": None})
    # 4 divisions with a growth (C40 has none); C13 and C39 grew: 2 ÷ 4 = 50 %.
    assert (b.parts, b.grew, b.fell, b.share) == (4, 2, 1, D(50))
    assert breadth({}).share is None


def test_breadth_share_of_37_divisions():
    # The example: 21 of 37 divisions grew, 增长面 56.8 %.
    growths = {f"d{i}": D(1) if i < 21 else D(-1) for i in range(37)}
    assert round(breadth(growths).share, 1) == D("56.8")


def test_margins_against_the_previous_months_cumulative():
    m = margins(DIVISIONS_JUNE, DIVISIONS_MAY)
    # C13 4.0 → 5.2 rose; C26 2.0 → −1.0 turned negative; C38 −3.0 → 0.0 rose but did not
    # turn positive (0 is not growth); C39 unchanged.
    assert m.rose == ["C13", "C38"]
    assert m.turned_negative == ["C26"]
    assert m.turned_positive == [] and m.fell == []
    assert m.unchanged == ["C39"]
    assert m.compared == 4
    m = margins({"a": D("0.5"), "b": D("1"), "c": D(2)}, {"a": D("-0.5"), "b": D(3)})
    assert m.turned_positive == ["a"] and m.fell == ["b"] and m.compared == 2  # c: no May


def test_ranks_ties_share_a_rank_at_the_shown_precision():
    # 8.84 and 8.75 both show as 8.8: joint 2nd; the next is 4th ("1224").
    r = ranks({"A": D("9.1"), "B": D("8.84"), "C": D("8.75"), "D": D("3"), "E": None})
    assert r == {"A": 1, "B": 2, "C": 2, "D": 4}


def test_rank_change_since_the_previous_month():
    now = {"A": D(5), "B": D(7), "C": D(6)}
    before = {"A": D(9), "B": D(7), "C": D(1)}
    changed = ranks_with_change(now, before)
    # Now B 1, C 2, A 3; in May A 1, B 2, C 3.
    assert (changed["B"].rank, changed["B"].previous, changed["B"].change) == (1, 2, 1)
    assert (changed["A"].rank, changed["A"].change) == (3, -2)
    assert (changed["C"].rank, changed["C"].change) == (2, 1)
    assert ranks_with_change({"X": D(1)}, {})["X"].change is None


# Five firms: gross output, sales output and profit, 1—6月 and 上年同期 (万元).
FIRMS = [
    Firm("1", D(30000), D(25000), D(29000), D(24000), D(1500), D(1200)),
    Firm("2", D(12000), D(12500), D(11000), D(12000), D(-200), D(100)),
    Firm("3", D(5000), D(4000), D(5000), D(3800), D(300), D(-50)),
    Firm("4", D(2000), D(2500), D(1800), D(2500), D(-100), D(-150)),
    Firm("5", D(1000), None, D(900), None, D(20), None),  # new to 规上: no 上年同期
]


def test_big_firm_count_share_growth_and_contribution():
    b = big_firms(FIRMS, 10000)
    # Firms 1 and 2 are at or above 1亿元: output 42,000 of 50,000 = 84 %.
    assert (b.count, b.firms, b.output) == (2, 5, D(42000))
    assert b.output_share == D(84)
    # Growth: 42,000 ÷ 37,500 − 1 = 12 %.
    assert b.growth == D(12)
    # Whole change over firms with a base: (30000−25000)+(12000−12500)+(5000−4000)+(2000−2500)
    # = 5,000; big firms' change 4,500 → contribution 90 %.
    assert b.contribution == D(90)
    # Top contributors: only those that added (firm 2 fell): firm 1, Δ 5,000, 100 %.
    assert [(c.id, c.delta, c.contribution) for c in b.top] == [("1", D(5000), D(100))]
    assert b.top[0].growth == D(20)
    # Pull: Δ ÷ Σ 上年同期 of the firms with one (44,000): big firms 4,500 → 10.227… points.
    assert b.pull == D(4500) / D(44000) * 100
    assert b.top[0].pull == D(5000) / D(44000) * 100


def test_big_firm_line_is_inclusive_and_none_above_it():
    assert big_firms(FIRMS, 12000).count == 2
    none = big_firms(FIRMS, 10**9)
    assert (none.count, none.output_share, none.growth, none.contribution) == (0, D(0), None, None)
    assert none.pull is None


def test_sales_ratio_and_its_change():
    s = sales_ratio(FIRMS)
    # Now: (29000+11000+5000+1800+900) ÷ (30000+12000+5000+2000+1000) = 47,700 ÷ 50,000.
    assert s.ratio == D("95.4")
    # Last year, the four firms with both 上年同期: 42,300 ÷ 44,000 = 96.136… %.
    assert s.previous == D(42300) / D(44000) * 100
    assert round(s.change, 2) == D("-0.74")


def test_loss_share_and_loss_amount_growth():
    lo = losses(FIRMS)
    # Firms 2 and 4 lose now: 2 of 5 = 40 %; 亏损额 200 + 100 = 300.
    assert (lo.firms, lo.losing, lo.share, lo.amount) == (5, 2, D(40), D(300))
    # A year earlier firms 3 and 4 lost (of the four with a prior figure): 50 %, 亏损额 200.
    assert (lo.previous_share, lo.previous_amount) == (D(50), D(200))
    assert lo.amount_growth == D(50)
    assert lo.turned_to_loss == ["2"]


def test_growth_at_comparable_prices_with_a_two_month_index():
    # January: 110 against 100 (price index 105); February: 132 against 120 (index 110).
    rows = [
        MonthValue("2012-01", D(110), D(100), "C26"),
        MonthValue("2012-02", D(132), D(120), "C26"),
    ]
    index = {("2012-01", ""): D(105), ("2012-02", ""): D(110)}
    # 110 ÷ 1.05 + 132 ÷ 1.10 = 104.7619… + 120 = 224.7619…; ÷ 220 − 1 = 2.1645… %.
    got = comparable_growth(rows, index)
    assert got == pytest.approx(D("2.164502164502"), abs=D("1e-9"))
    # At current prices the growth would be 242 ÷ 220 − 1 = 10 %.
    # A division's own index wins over the general series.
    own = {**index, ("2012-01", "C26"): D(100), ("2012-02", "C26"): D(100)}
    assert comparable_growth(rows, own) == D(10)
    # A month with no index at all: no comparable growth (the report says 现价).
    assert comparable_growth(rows, {("2012-01", ""): D(105)}) is None
