import re

import pytest

from reference_tables import (
    EXCEPTIONS_TEXT,
    READINGS,
    division_default,
    division_rows,
    expected_heavy,
    industrial_classes,
    industry_rows,
)
from zhuanxing.reference import heavy_light, industry
from zhuanxing.reference.heavy_light import heavy_industry


def test_flagged_approximate():
    assert heavy_light.APPROXIMATE is True
    assert "approximate" in heavy_light.__doc__.lower()


def test_source_covers_exactly_the_industrial_divisions():
    rows = heavy_light.read_division_rows()
    industrial = [d.code for d in industry.divisions() if industry.is_industrial(d.code)]
    assert [r["gbt4754_2017_division"] for r in rows] == industrial
    for row in rows:
        assert industry.lookup(row["gbt4754_2017_division"]).name == row["division_name"]


@pytest.mark.parametrize(
    ("code", "heavy"),
    [
        ("06", True),  # 煤炭开采和洗选业
        ("1711", False),  # 棉纺纱加工: 纺织 is light
        ("17", False),
        ("2822", False),  # 涤纶: 28 化学纤维 is light in the source
        ("3825", True),  # 光伏设备及元器件: 38 is heavy
        ("3962", False),  # 396 智能消费设备 is light
        ("396", False),
        ("3964", False),
        ("3741", True),  # 飞机制造
        ("3761", False),  # 自行车制造
        ("2681", False),  # 肥皂及洗涤剂: 268 日用化学产品
        ("2614", True),  # 有机化学原料
        ("305", True),  # the group follows its division...
        ("3051", True),
        ("3054", False),  # ...while 日用玻璃制品 is light
        ("3074", False),
        ("3322", False),  # 手工具
        ("3321", True),  # 切削工具
        ("20", False),  # mixed division: most classes light
        ("2011", True),
        ("2021", True),  # 胶合板
        ("2031", False),  # 203 木质制品
        ("29", True),  # mixed division: most classes heavy
        ("2911", True),  # 轮胎
        ("2915", False),
        ("2927", False),
        ("3581", False),  # 358 医疗仪器设备
        ("4411", True),  # 火力发电
        ("4610", True),
    ],
)
def test_heavy_industry(code, heavy):
    assert heavy_industry(code) is heavy


@pytest.mark.parametrize("code", ["132", "1321", "221", "2211", "2811", "4040"])
def test_hedged_exceptions_stay_with_their_division(code):
    division = industry.lookup(code).division
    assert heavy_industry(code) is heavy_industry(division)


@pytest.mark.parametrize("code", ["6572", "65", "0111", "4710"])
def test_non_industrial_codes_give_none(code):
    assert heavy_industry(code) is None


def test_sections_and_unknown_codes_raise():
    with pytest.raises(ValueError, match="section"):
        heavy_industry("C")
    with pytest.raises(
        industry.UnknownIndustryCode, match="'9999' is not a GB/T 4754-2017 industry code"
    ):
        heavy_industry("9999")


def test_every_industrial_class_gets_an_answer():
    for cls in industry.all_classes():
        answer = heavy_industry(cls.code)
        assert (answer is None) is (not industry.is_industrial(cls.code))


def test_exceptions_are_real_industrial_codes_that_change_the_answer():
    for code, heavy in heavy_light.exceptions().items():
        found = industry.lookup(code)
        assert found.level in (3, 4) and industry.is_industrial(code)
        assert heavy is not heavy_industry(found.division)


@pytest.mark.parametrize(("division", "heavy"), [("20", False), ("29", True)])
def test_mixed_division_follows_most_of_its_classes(division, heavy):
    answers = [heavy_industry(c.code) for c in industry.classes_under(division)]
    assert heavy_industry(division) is heavy
    assert answers.count(heavy) > len(answers) / 2


# --- against the shared reference tables (../shared/reference) ------------------------------

CODES = re.compile(r"(?<!\d)\d{3,4}(?!\d)")


def test_the_readings_quote_the_table_and_miss_no_code():
    rows = division_rows()
    for division, phrase, codes, _heavy in READINGS:
        assert phrase in rows[division][EXCEPTIONS_TEXT], (division, phrase)
        for code in codes:
            assert industry_rows()[code]["division"] == division, code
    assert {d for d, *_ in READINGS} == {d for d, r in rows.items() if r[EXCEPTIONS_TEXT]}
    for division, row in rows.items():
        phrases = " ".join(p for d, p, *_ in READINGS if d == division)
        assert set(CODES.findall(row[EXCEPTIONS_TEXT])) == set(CODES.findall(phrases)), division


def test_every_industrial_class_has_its_tables_flag():
    classes = industrial_classes()
    # Sections B, C and D of the shared GB/T 4754-2017 table: 39 + 609 + 18 classes.
    assert len(classes) == 666
    wrong = {
        c["code"]: (heavy_industry(c["code"]), expected_heavy(c["code"]))
        for c in classes
        if heavy_industry(c["code"]) is not expected_heavy(c["code"])
    }
    assert wrong == {}
    assert {heavy_industry(c["code"]) for c in classes} == {True, False}


def test_every_division_and_group_has_its_tables_flag():
    for division, row in division_rows().items():
        default = division_default(division)
        assert industry.lookup(division).name == row["division_name"]
        if default is not None:
            assert heavy_industry(division) is default, division
        groups = [
            r for r in industry_rows().values() if r["level"] == "3" and r["division"] == division
        ]
        for group in groups:
            named = [h for d, _p, codes, h in READINGS if d == division and group["code"] in codes]
            expected = named[0] if named and named[0] is not None else heavy_industry(division)
            assert heavy_industry(group["code"]) is expected, group["code"]


def test_divisions_without_exceptions_are_uniform():
    for division, row in division_rows().items():
        if row[EXCEPTIONS_TEXT] or row["mixed"] == "Y":
            continue
        flags = {expected_heavy(c.code) for c in industry.classes_under(division)}
        assert flags == {division_default(division)}, division
        assert {heavy_industry(c.code) for c in industry.classes_under(division)} == flags
