"""Growth, contribution and pull on a hand-computed month.

Month 2012-06, cumulative 1–6 value added (万元) by county, with the same months of 2011:

| county | 2011 | 2012 | Δ | growth % | contribution % | pull pp |
|---|---|---|---|---|---|---|
| A | 400 | 460 | 60 | 15.0 | 60.0 | 6.0 |
| B | 500 | 525 | 25 | 5.0 | 25.0 | 2.5 |
| C | 100 | 115 | 15 | 15.0 | 15.0 | 1.5 |
| city | 1000 | 1100 | 100 | 10.0 | 100 | 10.0 |
"""

from decimal import Decimal as D

from zhuanxing.monitoring.metrics import change_pp, contribution, growth, pull

BEFORE = {"A": D(400), "B": D(500), "C": D(100)}
NOW = {"A": D(460), "B": D(525), "C": D(115)}


def test_growth_contribution_pull():
    total_before, total_now = sum(BEFORE.values()), sum(NOW.values())
    assert growth(total_now, total_before) == D(10)
    expected = {"A": (15, 60, 6), "B": (5, 25, D("2.5")), "C": (15, 15, D("1.5"))}
    for county, (g, c, p) in expected.items():
        delta = NOW[county] - BEFORE[county]
        assert growth(NOW[county], BEFORE[county]) == D(g)
        assert contribution(delta, total_now - total_before) == D(c)
        assert pull(delta, total_before) == D(p)
    # Contributions add up to 100, pulls to the total's growth.
    deltas = [NOW[k] - BEFORE[k] for k in NOW]
    assert sum(contribution(d, total_now - total_before) for d in deltas) == 100
    assert sum(pull(d, total_before) for d in deltas) == growth(total_now, total_before)


def test_no_division_by_zero():
    assert growth(5, 0) is None and growth(None, 3) is None
    assert contribution(3, 0) is None and pull(3, 0) is None
    assert change_pp(None, D(3)) is None
    assert change_pp(D("8.5"), D("10.1")) == D("-1.6")


def test_growth_from_a_loss_uses_the_absolute_base():
    assert growth(-50, -100) == D(50)  # a smaller loss is an improvement


def test_report_words_say_the_sign():
    from zhuanxing.monitoring.wording import growth_phrase

    assert growth_phrase(D("3.24")) == "同比增长3.2%"
    assert growth_phrase(D("-3.26")) == "同比下降3.3%"
    assert growth_phrase(None) == "无可比数据"
