"""Target rules and the forecast, on series worked out by hand. Pure: no database."""

from decimal import Decimal
from types import SimpleNamespace as Rule

import pytest

from zhuanxing.analytics import forecast, targets

T = 2012


def threshold(op=">=", value=25):
    return Rule(kind="threshold", op=op, value=Decimal(value))


def test_threshold_met_now():
    ev = targets.evaluate(threshold(), {2010: 26.0}, 2010, T, 2009)
    assert (ev.status, ev.target, ev.gap, ev.required_growth_pct) == ("met", 25, 1.0, None)


def test_threshold_on_track_at_risk_off_track():
    # A perfect line 20, 22, 24 → 28 in 2012, no interval: on track for 25.
    line = {2008: 20.0, 2009: 22.0, 2010: 24.0}
    ev = targets.evaluate(threshold(), line, 2010, T, 2009)
    assert ev.status == "on_track" and ev.forecast.value == pytest.approx(28)
    # required growth 24 → 25 in two years: (25/24)^(1/2) − 1
    assert ev.required_growth_pct == pytest.approx(((25 / 24) ** 0.5 - 1) * 100)
    # 20, 24, 22: slope 1, fitted 21, 22, 23, forecast 2012 = 25; residuals −1, 2, −1 → s = √6;
    # half width 3.078 × 2.4495 × √(1 + 1/3 + 4.5) = 18.210 → interval straddles 25: at risk.
    noisy = {2008: 20.0, 2009: 24.0, 2010: 22.0}
    ev = targets.evaluate(threshold(), noisy, 2010, T, 2009)
    assert ev.status == "at_risk"
    assert (ev.forecast.low, ev.forecast.high) == pytest.approx(
        (25 - 18.210, 25 + 18.210), abs=1e-2
    )
    falling = {2008: 24.0, 2009: 22.0, 2010: 20.0}
    assert targets.evaluate(threshold(), falling, 2010, T, 2009).status == "off_track"


def test_threshold_missed_in_the_target_year_is_off_track():
    ev = targets.evaluate(threshold(), {2011: 20.0, 2012: 24.0}, 2012, T, 2009)
    assert ev.status == "off_track" and ev.forecast is None


def test_strict_greater_than():
    assert targets.evaluate(threshold(">", 55), {2012: 55.0}, 2012, T, 2009).status == "off_track"
    assert targets.evaluate(threshold(">", 55), {2012: 55.1}, 2012, T, 2009).status == "met"


def test_no_data():
    assert targets.evaluate(threshold(), {2010: None}, 2010, T, 2009).status == "no_data"
    rel = Rule(kind="relative_to_base", base_year=2008, change_pct=Decimal(20), op=">=")
    assert targets.evaluate(rel, {2010: 15.0}, 2010, T, 2009).status == "no_data"


def test_relative_to_base():
    rel = Rule(kind="relative_to_base", base_year=2008, change_pct=Decimal(20), op=">=")
    ev = targets.evaluate(rel, {2008: 10.0, 2009: 11.0, 2010: 11.5}, 2010, T, 2009)
    # target 10 × 1.2 = 12; slope 0.75, line through 10.833 at 2009 → 2012: 13.083, s = 0.204,
    # half 3.078 × 0.204 × 2.415 = 1.517: interval [11.57, 14.60] straddles 12.
    assert ev.target == pytest.approx(12) and ev.gap == pytest.approx(-0.5)
    assert ev.status == "at_risk"
    assert targets.evaluate(rel, {2008: 10.0, 2012: 12.0}, 2012, T, 2009).status == "met"


def test_direction_every_year():
    down = Rule(kind="direction", direction="decrease", every_year=True, from_year=2009)
    series = {2008: 0.80, 2009: 0.77, 2010: 0.74, 2011: 0.72, 2012: 0.70}
    assert targets.evaluate(down, series, 2012, T, 2009).status == "met"
    ev = targets.evaluate(down, series, 2010, T, 2009)
    assert ev.status == "on_track" and ev.target == 0.77 and ev.gap == pytest.approx(-0.03)
    broken = {**series, 2011: 0.75}
    ev = targets.evaluate(down, broken, 2012, T, 2009)
    assert ev.status == "off_track" and ev.broken_in == 2011
    # A rise before from_year does not count.
    assert targets.evaluate(down, {2007: 0.75, **series}, 2012, T, 2009).status == "met"


def test_increment_per_year():
    inc = Rule(kind="increment", per_year=Decimal(1), op=">=")
    good = {2008: 37.0, 2009: 38.5, 2010: 40.0, 2011: 41.0, 2012: 42.5}
    assert targets.evaluate(inc, good, 2012, T, 2009).status == "met"
    ev = targets.evaluate(inc, good, 2011, T, 2009)
    assert (ev.target, ev.gap) == pytest.approx((41.0, 0.0))
    slow = {**good, 2011: 40.5}  # +0.5 in 2011
    ev = targets.evaluate(inc, slow, 2012, T, 2009)
    assert ev.status == "off_track" and ev.broken_in == 2011


def test_worst_status_and_applies():
    assert targets.worst(["met", "at_risk", "on_track"]) == "at_risk"
    absolute = Rule(denominator=None)
    assert not targets.applies(threshold(), absolute, is_city=False)
    assert targets.applies(threshold(), absolute, is_city=True)
    assert targets.applies(threshold(), Rule(denominator=object()), is_city=False)


def test_linear_trend_needs_two_points():
    assert forecast.linear_trend({2010: 1.0}, 2012) is None
    two = forecast.linear_trend({2009: 1.0, 2010: 2.0}, 2012)
    assert (two.value, two.low, two.slope) == (4.0, None, 1.0)
    assert forecast.required_growth_pct(100, 121, 2) == pytest.approx(10)
    assert forecast.required_growth_pct(0, 121, 2) is None


def test_t_quantile_never_narrows_the_interval():
    from zhuanxing.analytics.forecast import t_quantile

    assert t_quantile(10) == 1.372
    assert t_quantile(11) == 1.372  # between 10 and 12: the smaller df, the wider interval
    assert t_quantile(40) == 1.310


def test_a_broken_yearly_rule_says_why():
    """Energy per unit VA must fall every year; it rose 16.6% in 2010 (0.800 → 0.9328), so the
    target is off track in 2012 although 2012 itself fell."""
    down = Rule(kind="direction", direction="decrease", every_year=True, from_year=2009)
    series = {2009: 0.8, 2010: 0.9328, 2011: 0.9, 2012: 0.85}
    ev = targets.evaluate(down, series, 2012, T, 2009)
    assert ev.status == "off_track" and ev.broken_in == 2010
    assert ev.broken_pct == pytest.approx(16.6)
    assert ev.broken_change == pytest.approx(0.1328)


def test_two_points_give_too_few_years_with_the_trend_shown():
    # 22 → 24: the line reaches 28 in 2012, but two points have no interval (the rule asks the
    # whole 80% interval to meet the target): "too few years", not "on track".
    ev = targets.evaluate(threshold(), {2009: 22.0, 2010: 24.0}, 2010, T, 2009)
    assert ev.status == targets.TOO_FEW_YEARS
    assert ev.forecast.value == pytest.approx(28) and ev.forecast.low is None
    falling = targets.evaluate(threshold(), {2009: 24.0, 2010: 22.0}, 2010, T, 2009)
    assert falling.status == targets.TOO_FEW_YEARS  # not "off track" from two points either
    one = targets.evaluate(threshold(), {2010: 24.0}, 2010, T, 2009)
    assert one.status == targets.TOO_FEW_YEARS and one.forecast is None
    down = Rule(kind="direction", direction="decrease", every_year=True, from_year=2009)
    ev = targets.evaluate(down, {2009: 0.80, 2010: 0.77}, 2010, T, 2009)
    assert ev.status == targets.TOO_FEW_YEARS
    # the worst of a card: too few years ranks below at risk, above off track
    assert targets.worst(["at_risk", "too_few_years"]) == "too_few_years"
    assert targets.worst(["off_track", "too_few_years"]) == "off_track"


def test_a_trend_across_a_change_of_the_scale_line_is_flagged():
    line = {2009: 20.0, 2010: 22.0, 2011: 24.0}
    ev = targets.evaluate(threshold(), line, 2011, 2013, 2009, scale_changes=(2007, 2011))
    assert ev.scale_break == 2011  # 2009-2010 at 500万元, 2011 at 2000万元
    same = targets.evaluate(threshold(), line, 2010, 2013, 2009, scale_changes=(2007, 2011))
    assert same.scale_break is None  # the points up to 2010 share one line
    assert targets.evaluate(threshold(), line, 2011, 2013, 2009).scale_break is None
