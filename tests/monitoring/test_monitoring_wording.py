"""Golden sentences of the monthly report (月度运行分析), in a statistics bureau's register:
rises, falls, ties, zero changes and missing data. Each expected string is written out in full."""

from decimal import Decimal as D

from zhuanxing.monitoring import wording as w


def test_headline_rise_with_a_small_change_against_q1():
    # 8.81% now, 8.85% at the end of March: one decimal would say "回落0.0个百分点".
    assert w.headline(6, "嘉兴市", D("12345678.9"), D("8.81"), D("8.85")) == (
        "1—6月，嘉兴市规上工业增加值1234.57亿元，同比增长8.8%（现价），"
        "增幅与一季度基本持平（回落0.04个百分点）。"
    )


def test_headline_has_no_thousands_separator():
    text = w.headline(6, "嘉兴市", D("123456789"), D("8.8"), None)
    assert text == "1—6月，嘉兴市规上工业增加值12345.68亿元，同比增长8.8%（现价）。"


def test_headline_rise_and_fall_against_q1():
    up = w.headline(6, "嘉兴市", D(10000), D("9.5"), D("8.3"))
    assert up.endswith("同比增长9.5%（现价），增幅比一季度提高1.2个百分点。")
    down = w.headline(6, "嘉兴市", D(10000), D("7.1"), D("8.3"))
    assert down.endswith("同比增长7.1%（现价），增幅比一季度回落1.2个百分点。")


def test_headline_falls():
    narrower = w.headline(6, "海宁市", D(10000), D("-2.0"), D("-3.5"))
    assert narrower.endswith("同比下降2.0%（现价），降幅比一季度收窄1.5个百分点。")
    wider = w.headline(6, "海宁市", D(10000), D("-4.0"), D("-3.5"))
    assert wider.endswith("同比下降4.0%（现价），降幅比一季度扩大0.5个百分点。")
    turned = w.headline(6, "海宁市", D(10000), D("1.0"), D("-2.0"))
    assert turned.endswith("同比增长1.0%（现价），增速比一季度提高3.0个百分点，由降转增。")


def test_headline_zero_changes():
    assert w.headline(6, "嘉兴市", D(10000), D("5.0"), D("5.0")).endswith(
        "同比增长5.0%（现价），增速与一季度持平。"
    )
    assert w.headline(6, "嘉兴市", D(10000), D("0.001"), None).endswith("与上年同期持平（现价）。")
    assert w.headline(6, "嘉兴市", D(10000), D("0.04"), None).endswith("同比增长0.04%（现价）。")


def test_headline_missing_data():
    assert w.headline(6, "嘉兴市", None, None, None) == "1—6月，嘉兴市规上工业增加值无数据。"
    assert w.headline(6, "嘉兴市", D(10000), None, D("5")) == (
        "1—6月，嘉兴市规上工业增加值1.00亿元，无可比数据。"
    )


COUNTIES = [
    ("桐乡市", D("9.12"), D("22.63"), D("1.644")),
    ("海宁市", D("7.50"), D("18.0"), D("1.30")),
    ("嘉善县", D("-1.26"), D("-3.1"), D("-0.22")),
]


def test_counties_rise_and_fall():
    assert w.parts_paragraph(COUNTIES, "全市", section="county") == (
        "分地区看，桐乡市增速最快，增长9.1%；嘉善县增速最慢，下降1.3%。"
        "桐乡市贡献率最高，达22.6%，拉动全市增长1.64个百分点。"
    )


def test_counties_tied_at_the_shown_precision_are_named_together():
    parts = [
        ("桐乡市", D("8.80"), D("30"), D("2.0")),
        ("海宁市", D("8.80"), D("30"), D("2.0")),
        ("嘉善县", D("5.0"), D("40"), D("1.0")),
    ]
    text = w.parts_paragraph(parts, "全市", section="county")
    assert text.startswith("分地区看，桐乡市、海宁市增速并列最快，均增长8.8%；嘉善县增速最慢")


def test_a_near_tie_is_told_apart_with_two_decimals():
    parts = [("桐乡市", D("8.84")), ("海宁市", D("8.78"))]
    assert w.ranking(parts) == "桐乡市增速最快，增长8.84%；海宁市增速最慢，增长8.78%"


def test_all_parts_equal_and_missing():
    same = [("桐乡市", D("3")), ("海宁市", D("3"))]
    assert w.ranking(same) == "各地增速相同，均增长3.0%"
    assert w.parts_paragraph([("桐乡市", None, None, None)], "全市", section="county") == (
        "分地区看，各地均无可比数据。"
    )


def test_pull_down_when_a_part_falls():
    parts = [("嘉善县", D("60"), D("-1.5")), ("海宁市", D("40"), D("-1.0"))]
    assert (
        w.contribution_sentence(parts, "全市") == "嘉善县贡献率最高，达60.0%，下拉全市1.50个百分点"
    )


def test_trend_paragraph():
    trend = [("2012-04", D("6.0")), ("2012-05", D("7.5")), ("2012-06", D("7.2"))]
    assert w.trend_paragraph(6, trend) == (
        "从当月看，6月规上工业增加值同比增长7.2%（现价），增幅比上月回落0.3个百分点；"
        "近3个月中，当月增速最高为2012年5月的7.5%，最低为2012年4月的6.0%。"
    )
    assert w.trend_paragraph(6, [("2012-06", None)]) == "从当月看，6月规上工业增加值无可比数据。"


def test_warnings_paragraph_counts_firms_in_jia_and_units_in_ge():
    text = w.warnings_paragraph(
        [
            ("output_drop", "产值大幅下降", 48, "1—6月累计工业总产值同比下降20%以上"),
            ("zero_output", "停产", 0, "本月无产值"),
            (
                "county_lagging",
                "增速明显低于全市",
                1,
                "1—6月累计工业增加值增速低于全市5个百分点以上",
            ),
        ]
    )
    assert text == (
        "本月共有预警49项：产值大幅下降48家（1—6月累计工业总产值同比下降20%以上）；"
        "增速明显低于全市1个（1—6月累计工业增加值增速低于全市5个百分点以上）。"
    )
    assert "家（个）" not in text
    assert w.warnings_paragraph([]) == "本月无预警。"


def test_whole_names():
    assert w.whole_name("嘉兴市") == "全市"
    assert w.whole_name("嘉善县") == "全县"
    assert w.whole_name("南湖区") == "全区"


def test_analysis_sentences_from_a_small_city():
    """增长面, 边际变化 and ranks (ties share a rank) as the report writes them."""
    from types import SimpleNamespace

    from zhuanxing.monitoring import analysis as an
    from zhuanxing.monitoring.monthly import Part

    now = {"A": D("8.84"), "B": D("8.75"), "C": D("-1.2")}
    before = {"A": D("9.0"), "B": D("7.0"), "C": D("0.5")}
    ranked = an.ranks_with_change(now, before)
    counties = [
        Part(code, name, growth=now[code], previous_growth=before[code], rank=ranked[code])
        for code, name in (("A", "甲县"), ("B", "乙县"), ("C", "丙县"))
    ]
    a = SimpleNamespace(
        month="2012-06",
        previous_month="2012-05",
        counties=counties,
        breadth={
            "division": an.breadth(now),
            "county": an.breadth(now),
            "category": an.breadth({}),
        },
        previous_breadth={
            "division": an.breadth(before),
            "county": an.breadth(before),
            "category": an.breadth({}),
        },  # fmt: skip
        margins={"division": an.margins(now, before), "county": an.margins(now, before)},
    )
    assert w.breadth_paragraph(a) == (
        "从增长面看，3个大类行业中2个实现增长，增长面为66.7%，比1—5月收窄33.3个百分点；"
        "3个县（市、区）中2个实现增长，增长面为66.7%，比1—5月收窄33.3个百分点。"
    )
    names = {"division": {}, "county": {"C": "丙县"}}
    assert w.margins_paragraph(a, names) == (
        "与1—5月相比，大类行业中增速提高的1个、回落的1个，由增转降的1个（C）；"
        "各地中增速提高的1个、回落的1个，由增转降的1个（丙县）。"
    )
    # 8.84 and 8.75 both show as 8.8: joint first; in May B was 2nd, so B moved up one.
    assert w.ranks_paragraph(a) == (
        "从位次看，甲县居第1位，乙县居第1位（较1—5月上升1位），丙县居第3位。"
    )


def test_english_sentences_say_the_same_figures():
    """One language at a time: the same templates in English, key for key, with the same
    figures at the same precision (8.81 against 8.85: 0.04 points, two decimals)."""
    from django.utils import translation

    assert set(w.SENTENCES_EN) == set(w.SENTENCES)
    assert set(w.CONCERN_TITLES_EN) == set(w.CONCERN_TITLES)
    with translation.override("en"):
        assert w.headline(6, "嘉兴市", D("12345678.9"), D("8.81"), D("8.85")) == (
            "In January–June, value added of industry above designated size in 嘉兴市 was "
            "1234.57 hundred million yuan, up 8.8% year on year (current prices), growth about "
            "the same as in the first quarter (down 0.04 percentage points)."
        )
        assert w.headline(6, "海宁市", D(10000), D("1.0"), D("-2.0")).endswith(
            "up 1.0% year on year (current prices), 3.0 percentage points faster than in the "
            "first quarter, from decline to growth."
        )
        assert w.parts_paragraph(
            [(n, g, c, p) for n, g, c, p in COUNTIES], w.whole_name("嘉兴市"), section="county"
        ) == (
            "By region, 桐乡市 grew fastest, up 9.1%; 嘉善县 grew slowest, down 1.3%. 桐乡市 "
            "contributed most, 22.6% of the growth, pulling the city's growth up by 1.64 "
            "percentage points."
        )
        assert w.warnings_paragraph(
            [("output_drop", "Sharp fall in output", 1, ""),
             ("county_lagging", "Growth well below the city's", 2, "")]
        ) == (
            "This month there are 3 warnings: Sharp fall in output: 1 firm; Growth well below "
            "the city's: 2 regions."
        )  # fmt: skip
        assert w.trend_paragraph(6, [("2012-05", D("4.8")), ("2012-06", D("7.2"))]) == (
            "In June alone, value added of industry above designated size was up 7.2% year on "
            "year (current prices), growth 2.4 percentage points faster than the month before; "
            "over the last 2 months, monthly growth was highest in June 2012 at 7.2% and lowest "
            "in May 2012 at 4.8%."
        )
        assert w.span(1) == "January" and w.warnings_paragraph([]) == "No warnings this month."
    # And back in Chinese, unchanged.
    assert w.warnings_paragraph([]) == "本月无预警。"
